"""Lay a Document out as a flat list of blocks, numbering headings 一、（一）1.（1）① from the tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from assistant.schemas import Document, Section
from assistant.writers.phrasing import ordinal

MAX_LEVEL = 5


def mark(level: int, n: int) -> str:
    """The numbering mark for the n-th heading at a level (1-based): 一、 （一） 1. （1） ①."""
    if level == 1:
        return f"{ordinal(n)}、"
    if level == 2:
        return f"（{ordinal(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    return chr(0x2460 + n - 1) if n <= 20 else f"{n}）"


_NUM = "一二三四五六七八九十"
# How each level's mark is written in the wild (the reverse of mark()): 一、 （一） 1. / 1、 （1） ① and 01.
LEVEL_MARKS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^([{_NUM}]+)[、.．]\s*")),
    (2, re.compile(rf"^[（(]([{_NUM}]+)[）)]\s*")),
    (3, re.compile(r"^(\d{1,2})(?:[.．](?!\d)|、)\s*")),
    (4, re.compile(r"^[（(](\d{1,2})[）)]\s*")),
    (5, re.compile(r"^([\u2460-\u2473])\s*")),
    (3, re.compile(r"^(0\d)[.、\s]\s*")),
]


def level_of_mark(line: str) -> tuple[int, str, int] | None:
    """(level, the number as written, where the text after the mark starts) for a numbered line."""
    for level, pattern in LEVEL_MARKS:
        m = pattern.match(line)
        if m:
            return level, m.group(1), m.end()
    return None


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
