"""Phrases that are true of one year only — “十五五”开局之年, 新中国成立75周年, 第115个“三八”妇女节, 迎接党的二十大 —
found with the year they are true of (prompts/context/yearbound.yaml), so that the checker can say when one
does not fit its year and the rewriter can recompute it instead of moving it with the years."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.numbers import cn_value
from assistant.prompts import load_model
from assistant.resources import prompts_dir
from assistant.schemas import Strict
from assistant.vocab import Y, masked

NUM = r"\d{1,3}|[一二三四五六七八九十百零〇两]{1,6}"
SAID = re.compile(rf"(?:({Y})年|(今年|明年))(?:也|既|又|将)?(?:是|为)")  # 2026年是…, 今年是…: the year spoken of
ENDS = set("。；！？\n")


class Period(Strict):
    """A five-year plan."""

    name: str
    start: int
    source: str


class Anniversary(Strict):
    """An event whose N-th anniversary falls in base + N."""

    names: list[str]
    base: int
    source: str


class WomensDay(Strict):
    """The N-th 国际劳动妇女节 falls in base + N."""

    base: int
    source: str


class Congress(Strict):
    """A congress held every five years."""

    names: list[str]
    first_number: int
    first_year: int
    source: str


class YearBound(Strict):
    """prompts/context/yearbound.yaml."""

    periods: list[Period]
    stages: dict[str, int]
    anniversaries: list[Anniversary]
    womens_day: WomensDay
    congresses: list[Congress]


@cache
def data() -> YearBound:
    """The year-bound phrases' data."""
    return load_model(prompts_dir() / "context" / "yearbound.yaml", YearBound)


@dataclass(frozen=True)
class Bound:
    """A year-bound phrase: where it is, the year it is true of, the year the text ties it to (None: not said)."""

    start: int
    end: int
    text: str
    true_year: int
    said_year: int | None
    source: str
    congress: bool = False  # 迎接 a congress: true in its year and the year before

    def fits(self, year: int | None, kind: str | None = None) -> bool:
        """Whether the phrase is true of the year it is said of (else of the document year; a 总结's next-year
        part and a congress being prepared may be a year ahead)."""
        said = self.said_year or year
        if said is None:
            return True
        ahead = self.congress or (self.said_year is None and kind != "plan")
        return self.true_year == said or (ahead and self.true_year == said + 1)


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, kind) for each kind of phrase."""
    d = data()
    periods = "|".join(p.name for p in d.periods)
    stages = "|".join(d.stages)
    names = "|".join(sorted((n for a in d.anniversaries for n in a.names), key=len, reverse=True))
    bodies = "|".join(sorted((n for c in d.congresses for n in c.names), key=len, reverse=True))
    return [
        (re.compile(rf"[“\"]?(?P<period>{periods})[”\"]?(?:规划)?(?:实施)?(?:的)?(?P<stage>{stages})之年"), "stage"),
        (re.compile(rf"(?P<name>{names})(?P<n>{NUM})周年"), "anniversary"),
        (re.compile(rf"第(?P<n>{NUM})个[“\"]?(?:三八|3·8|3\.8)?[”\"]?(?:国际劳动)?妇女节"), "womens_day"),
        (re.compile(rf"(?:[“\"]?(?:三八|3·8)[”\"]?)?(?:国际劳动)?妇女节(?P<n>{NUM})周年"), "womens_day"),
        (re.compile(rf"(?:迎接|喜迎|即将召开的|筹备召开)(?P<body>{bodies})?(?P<n>[一二三四五六七八九十]{{2,3}})大"),
         "congress"),
        (re.compile(rf"贯彻(?:落实)?(?P<body>{bodies})?(?P<n>[一二三四五六七八九十]{{2,3}})大精神的(?:开局之年|第一年)"),
         "after_congress"),
    ]


def _number(text: str) -> int | None:
    value = int(text) if text.isdecimal() else cn_value(text)
    return int(value) if value is not None else None


def _true_year(m: re.Match[str], kind: str) -> tuple[int, str] | None:
    """The year a matched phrase is true of, and its source."""
    d = data()
    if kind == "stage":
        period = next(p for p in d.periods if p.name == m.group("period"))
        return period.start + d.stages[m.group("stage")], period.source
    n = _number(m.group("n"))
    if n is None:
        return None
    if kind == "anniversary":
        a = next(a for a in d.anniversaries if m.group("name") in a.names)
        return a.base + n, a.source
    if kind == "womens_day":
        return d.womens_day.base + n, d.womens_day.source
    body = m.group("body") or "党的"
    c = next(c for c in d.congresses if body in c.names)
    held = c.first_year + (n - c.first_number) * 5
    return (held + 1 if kind == "after_congress" else held), c.source


def _said(text: str, start: int, year: int | None) -> int | None:
    """The year the clause before a phrase names: 2026年是…, 今年是…, 明年是… (None when it names none)."""
    before = max(0, start - 40)
    m = next((m for m in reversed(list(SAID.finditer(text, before, start)))
              if not ENDS.intersection(text[m.end(): start])), None)
    if m is None:
        return None
    if m.group(1):
        return int(m.group(1))
    if year is None:
        return None
    return year if m.group(2) == "今年" else year + 1


def find(text: str, year: int | None = None) -> list[Bound]:
    """Every year-bound phrase in text (not inside 【待补】/【待核】 marks), with the year the text ties it to."""
    blank = masked(text)
    out = []
    for pattern, kind in _patterns():
        for m in pattern.finditer(blank):
            known = _true_year(m, kind)
            if known is not None:
                out.append(Bound(m.start(), m.end(), m.group(), known[0], _said(blank, m.start(), year), known[1],
                                 congress=kind == "congress"))
    return sorted(out, key=lambda b: b.start)


def misfits(text: str, year: int | None, kind: str | None = None) -> list[Bound]:
    """The year-bound phrases that are not true of the year they are said of."""
    return [b for b in find(text, year) if not b.fits(year, kind)]
