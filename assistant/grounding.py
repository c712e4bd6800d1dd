"""Trace every figure, date, document title and person's name in a draft back to what the user gave."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from assistant.numbers import Figure, find_figures, same_unit
from assistant.prompts import claims, names
from assistant.schemas import Document, Facts, GroundingReport, Item, Section, Trace
from assistant.vocab import masked

PLACEHOLDER = re.compile(r"【待补[^】]*】")
USER_EDIT = "user-edit"  # a figure the user typed into a copy edited in WPS/Word: their own, not an untraced one


@cache
def _name_pattern() -> re.Pattern[str]:
    """Surname + one or two characters + a title (李红梅同志, 王芳主任)."""
    n = names()
    titles = "|".join(sorted(map(re.escape, n.titles), key=len, reverse=True))
    return re.compile(f"([{n.surnames}][\u4e00-\u9fff]{{1,2}}?)(?={titles})")


def find_names(text: str) -> list[str]:
    """Person names in text (those written with a title)."""
    skip = set(names().not_names)
    return [m.group(1) for m in _name_pattern().finditer(text) if m.group(1) not in skip]


def _texts(doc: Document) -> Iterator[tuple[str, str]]:
    """(location id, text) for the title, every heading and every paragraph."""
    yield "title", doc.title

    def walk(sections: list[Section]) -> Iterator[tuple[str, str]]:
        for s in sections:
            if s.heading:
                yield f"{s.id}:heading", s.heading
            for p in s.paragraphs:
                yield p.id, p.text
            yield from walk(s.children)

    for p in doc.preamble:
        yield p.id, p.text
    yield from walk(doc.sections)
    for p in doc.closing:
        yield p.id, p.text
    for n, line in enumerate(doc.signoff, 1):
        yield f"signoff-{n}", line


def _matches(fig: Figure, src: Figure) -> bool:
    """Whether a figure in the draft is the same figure as one in the input."""
    if fig.kind != src.kind:
        return fig.kind == "number" and src.kind == "number"
    if fig.kind in ("title", "date"):
        return fig.text == src.text
    if fig.kind == "year":
        return fig.number == src.number
    return fig.number == src.number and (same_unit(fig.unit, src.unit) or not fig.unit)


def _key(fig: Figure) -> tuple[str, object]:
    """What two figures must share to match: the kind, and the text of a title or date, else the number."""
    return fig.kind, fig.text if fig.kind in ("title", "date") else fig.number


@dataclass
class Found:
    """A figure or name found in a draft text."""

    text: str
    kind: str
    start: int


@dataclass
class Sources:
    """What a draft may cite: the user's texts, their figures, and the document year."""

    texts: list[tuple[str, str]]
    year: int | None = None

    def __post_init__(self) -> None:
        self.figures = [(fid, find_figures(t)) for fid, t in self.texts]
        self._index: dict[tuple[str, object], list[tuple[str, Figure]]] = {}  # a figure can match only these
        for fid, figs in self.figures:
            for src in figs:
                self._index.setdefault(_key(src), []).append((fid, src))

    @classmethod
    def of(cls, facts: Facts, items: Iterable[Item] | None = None) -> Sources:
        """The whole input, or only these items plus the document-level fields."""
        chosen = facts.all_items() if items is None else list(items)
        out = [(i.id, t) for i in chosen for t in (i.text, *i.details)]
        out += [(f"context-{n}", c) for n, c in enumerate(facts.context, 1)]
        for name in ("organization", "period", "date", "superior", "party_committee"):
            value = getattr(facts, name)
            if value:
                out.append((name, value))
        return cls(out, facts.year)

    def trace(self, fig: Figure) -> str | None:
        """The id of the source a figure comes from, or None."""
        if fig.kind == "year" and self.year and fig.number is not None \
                and int(fig.number) in (self.year, self.year + 1):
            return "year"
        return next((fid for fid, src in self._index.get(_key(fig), ()) if _matches(fig, src)), None)

    def trace_name(self, name: str) -> str | None:
        """The id of the source a person's name appears in, or None."""
        return next((fid for fid, t in self.texts if name in t), None)

    def found(self, text: str) -> Iterator[tuple[Found, str | None]]:
        """Every figure, name and claim in text with its source (None = untraced); placeholders are skipped."""
        clean = masked(text)
        for fig in find_figures(clean):
            yield Found(fig.text, fig.kind, fig.start), self.trace(fig)
        for name in find_names(clean):
            yield Found(name, "name", clean.find(name)), self.trace_name(name)
        for start, claim in find_claims(clean):
            yield Found(claim, "claim", start), self.trace_name(claim)  # the notes must say it in these words

    def untraced(self, text: str) -> list[Found]:
        """What in text the input does not account for."""
        return [f for f, src in self.found(text) if src is None]


@cache
def _claim_patterns() -> list[re.Pattern[str]]:
    return [re.compile(c.pattern) for c in claims().claims]


def find_claims(text: str) -> list[tuple[int, str]]:
    """Rankings, honours, amounts and percentages in words, organisations (prompts/claims.yaml), by position."""
    found: dict[int, str] = {}
    for pattern in _claim_patterns():
        for m in pattern.finditer(text):
            if len(m.group()) >= 2 and len(m.group()) > len(found.get(m.start(), "")):
                found[m.start()] = m.group()
    return sorted(found.items())


def ground(doc: Document, facts: Facts) -> GroundingReport:
    """The grounding report: each figure and name in the document and the fact it traces to (None = untraced)."""
    return traced(doc, Sources.of(facts))


def traced(doc: Document, sources: Sources) -> GroundingReport:
    """Each figure and name in the document (title, headings, paragraphs, sign-off) and the source it traces to."""
    traces = [Trace(paragraph_id=loc, figure=f.text, kind=f.kind, fact_id=src)  # type: ignore[arg-type]
              for loc, text in _texts(doc) for f, src in sources.found(text)]
    return GroundingReport(traces=traces)
