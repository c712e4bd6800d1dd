"""Trace every figure, date and document title in a Document back to the facts the user gave."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.numbers import Figure, find_figures, same_unit
from assistant.schemas import Document, Facts, GroundingReport, Section, Trace

PLACEHOLDER = re.compile(r"【待补[^】]*】")


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


def _sources(facts: Facts) -> list[tuple[str, str]]:
    """(fact id, text) for everything the user typed."""
    out = [(i.id, t) for i in facts.all_items() for t in (i.text, *i.details)]
    out += [(f"context-{n}", c) for n, c in enumerate(facts.context, 1)]
    for name in ("organization", "period", "date", "superior", "party_committee"):
        value = getattr(facts, name)
        if value:
            out.append((name, value))
    return out


def _matches(fig: Figure, src: Figure) -> bool:
    """Whether a figure in the draft is the same figure as one in the input."""
    if fig.kind != src.kind:
        return fig.kind == "number" and src.kind == "number"
    if fig.kind in ("title", "date"):
        return fig.text == src.text
    if fig.kind == "year":
        return fig.number == src.number
    return fig.number == src.number and (same_unit(fig.unit, src.unit) or not fig.unit)


def trace_figure(fig: Figure, facts: Facts, sources: list[tuple[str, list[Figure]]]) -> str | None:
    """The id of the fact a figure comes from, or None."""
    if fig.kind == "year" and facts.year and fig.number is not None \
            and int(fig.number) in (facts.year, facts.year + 1):
        return "year"
    for fact_id, figs in sources:
        if any(_matches(fig, s) for s in figs):
            return fact_id
    return None


def ground(doc: Document, facts: Facts) -> GroundingReport:
    """The grounding report: each figure in the document and the fact it traces to (None = untraced)."""
    sources = [(fid, find_figures(text)) for fid, text in _sources(facts)]
    traces = []
    for loc, text in _texts(doc):
        clean = PLACEHOLDER.sub(lambda m: "□" * len(m.group()), text)
        for fig in find_figures(clean):
            traces.append(Trace(paragraph_id=loc, figure=fig.text, kind=fig.kind,  # type: ignore[arg-type]
                                fact_id=trace_figure(fig, facts, sources)))
    return GroundingReport(traces=traces)
