"""The rule registry and what every rule gets: the text, its lines, the document year and kind."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from assistant.schemas import Severity, Tier

CJK = "\u3400-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{CJK}]")


@dataclass
class Hit:
    """One thing a rule found; fields left None take the rule's defaults."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: Severity | None = None
    safe: bool | None = None
    source: str | None = None
    tier: Tier | None = None


@dataclass
class Context:
    """The text being checked and what is known about it."""

    text: str
    year: int | None = None
    kind: str | None = None  # plan | summary | None
    year_given: bool = False

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """(offset, line) for every line."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            out.append((pos, line))
            pos += len(line) + 1
        return out


@dataclass
class Rule:
    """A registered check."""

    id: str
    family: str
    severity: Severity
    tier: Tier
    source: str
    safe: bool
    title: str
    run: Callable[[Context], Iterator[Hit]] = field(repr=False)


RULES: dict[str, Rule] = {}


def rule(rule_id: str, family: str, severity: Severity, tier: Tier, source: str, title: str, safe: bool = False
         ) -> Callable[[Callable[[Context], Iterator[Hit]]], Callable[[Context], Iterator[Hit]]]:
    """Register a check function under an id."""
    if tier in ("惯例", "法律/时政") and "规定" in source:
        raise ValueError(f"{rule_id}: only 国标/标准 text may be called 规定")

    def register(fn: Callable[[Context], Iterator[Hit]]) -> Callable[[Context], Iterator[Hit]]:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, family, severity, tier, source, safe, title, fn)
        return fn

    return register


def near_han(text: str, start: int, end: int) -> bool:
    """Whether a span touches a Chinese character or Chinese punctuation on either side."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    marks = "，。；：、“”（）《》"
    return any(ch and (HAN.match(ch) or ch in marks) for ch in (before, after))
