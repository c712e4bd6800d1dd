"""Headings for the groups staff name in their notes: the user's own words, made into a 公文 heading by patterns."""

from __future__ import annotations

from functools import cache
from typing import Literal

from assistant.prompts import Tense, load_model
from assistant.resources import prompts_dir
from assistant.schemas import Strict


class HeadingPattern(Strict):
    """Labels ending in one of `ends` get this wording."""

    ends: list[str]
    plan: str
    summary: str


class HeadingRules(Strict):
    """prompts/headings.yaml."""

    strip_endings: list[str]
    spoken: list[str]
    patterns: list[HeadingPattern]


@cache
def heading_rules() -> HeadingRules:
    """The patterns for user-named groups."""
    return load_model(prompts_dir() / "headings.yaml", HeadingRules)


def bare_label(label: str) -> str:
    """A label without the 方面/这块 tail and the quotation marks staff put round it."""
    label = label.strip("“”\"' 　")
    for end in heading_rules().strip_endings:
        if label.endswith(end) and len(label) > len(end) + 1:
            return label[: -len(end)]
    return label


def group_heading(label: str, area: str, tense: Tense, depth: int = 0,
                  names_area: Literal[True, False] | None = None) -> str:
    """The heading for a group the user named; '' when the label just names a work area (the writer's bank
    has headings for the area itself)."""
    from assistant.items import area_for_label
    from assistant.topics import names_topic

    bare = bare_label(label)
    if names_area if names_area is not None else bool(area_for_label(bare) or names_topic(bare)):
        return ""
    if is_spoken(bare):  # 挣钱这块: what the group holds chooses its heading
        return ""
    for p in heading_rules().patterns:
        if any(bare.endswith(e) for e in p.ends) and not bare.startswith(("深入", "扎实", "实施", "开展", "做好")):
            return (p.plan if tense == "plan" else p.summary).format(label=bare)
    return bare


def is_spoken(label: str) -> bool:
    """A group name said the way people talk (挣钱, 娃儿跟老人), not fit for a heading."""
    return any(w in label for w in heading_rules().spoken)
