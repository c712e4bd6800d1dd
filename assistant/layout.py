"""Lay a Document out as a flat list of blocks, numbering headings 一、（一）1.（1）① from the tree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant.schemas import Document, Section
from assistant.vocab import MAX_LEVEL, mark


@dataclass(frozen=True)
class Block:
    """One line of the laid-out document."""

    kind: str  # title | paragraph | heading | run_in | signoff
    text: str
    level: int = 0
    mark: str = ""
    heading: str = ""
    id: str = ""


def run_in_heading(heading: str) -> str:
    """A run-in heading ends with a full stop: （一）加强组织领导。"""
    return heading if heading.endswith(("。", "！", "？", "：")) else heading + "。"


def blocks(doc: Document) -> Iterator[Block]:
    """The document in reading order, with numbering computed from each section's depth."""
    if doc.title:  # plain text exported as it was may have none
        yield Block("title", doc.title)
    for p in doc.preamble:
        yield Block("paragraph", p.text, id=p.id)

    def walk(sections: list[Section], level: int) -> Iterator[Block]:
        n = 0
        for s in sections:
            paragraphs = list(s.paragraphs)
            if s.heading:
                n += 1
                m = mark(min(level, MAX_LEVEL), n)
                if s.run_in and paragraphs:
                    first = paragraphs.pop(0)
                    yield Block("run_in", first.text, level, m, run_in_heading(s.heading), first.id)
                else:
                    yield Block("heading", s.heading, level, m, s.heading, s.id)
            for p in paragraphs:
                yield Block("paragraph", p.text, id=p.id)
            yield from walk(s.children, level + 1 if s.heading else level)

    yield from walk(doc.sections, 1)
    for p in doc.closing:
        yield Block("paragraph", p.text, id=p.id)
    for line in doc.signoff:
        yield Block("signoff", line)
