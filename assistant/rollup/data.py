"""prompts/indicators.yaml and prompts/rollup.yaml: what a figure counts, and the county draft's wording, as data."""

from __future__ import annotations

import re
from functools import cache

from assistant.prompts import load_model
from assistant.resources import prompts_dir
from assistant.schemas import Strict


class Area(Strict):
    """A part of the county draft."""

    key: str
    heading: str


class Indicator(Strict):
    """A kind of figure that may be summed across units."""

    name: str
    unit: str
    same: list[str] = []
    area: str
    phrase: str  # how the county draft says the total: 开展宣讲{v}
    words: list[list[str]]
    stock: bool = False
    stands: bool = False  # 累计/现有 is this year's figure too (volunteers, hours of service)

    def takes(self, unit: str) -> bool:
        """Whether a figure's unit (万 and 亿 taken off: 1.6万人次 counts 人次) is this indicator's."""
        return base(unit) in {base(self.unit), *map(base, self.same)}


class Indicators(Strict):
    """The indicator library."""

    areas: list[Area]
    indicators: list[Indicator]
    stock_words: list[str]
    not_result: list[str]
    not_result_after: list[str]
    topic_shift: list[str]
    levels: list[list[str]]
    higher_scope: str
    next_part: str
    problem_heading: str
    problem_intro: str
    problem_list: str
    problem_split: str
    problem_marks: str
    part_words: list[str]
    outlier_ratio: float
    missing_share: float
    unit_families: dict[str, list[str]]

    def above(self, unit_name: str) -> list[str]:
        """The level words above a unit's own (石桥镇妇联 → 县, 区, 市 …; 桃园社区妇联 → 街道, 镇, 县 …)."""
        name = re.sub(r"(?:妇联|妇女联合会|妇委会)$", "", unit_name)
        own = next((n for n, words in enumerate(self.levels) if name.endswith(tuple(words))), None)
        return [w for words in self.levels[own + 1:] for w in words] if own is not None else []

    def same_family(self, a: str, b: str) -> bool:
        """Whether two units measure the same kind of thing (场 and 次; 人 and 人次), so one may be a mismatch."""
        return any(base(a) in f and base(b) in f for f in self.unit_families.values())

    def named(self, name: str) -> Indicator | None:
        """The indicator with this name."""
        return next((i for i in self.indicators if i.name == name), None)


class RollupWords(Strict):
    """The county draft's sentences."""

    title: str
    preamble: str
    totals_lead: str
    top_units: str
    practices_lead: str
    problems_heading: str
    problems_lead: str
    problem_shared: str
    next_heading: str
    next_placeholder: str
    no_unit: str
    colloquial: list[str]
    practice_chars: int


def base(unit: str) -> str:
    """A unit without its 万/亿 (the figure's number already counts them)."""
    return re.sub(r"^[万亿]", "", unit)


@cache
def indicators() -> Indicators:
    """The indicator library."""
    return load_model(prompts_dir() / "indicators.yaml", Indicators)


@cache
def rollup_words() -> RollupWords:
    """The roll-up wording."""
    return load_model(prompts_dir() / "rollup.yaml", RollupWords)
