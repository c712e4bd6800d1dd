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


TITLE_CHARS = 20  # 2号 (22 pt, condensed 0.25 pt) characters in a 156 mm line: 442.2 / 21.75
TITLE_BREAK_BEFORE = ("及", "暨", "关于", "（")  # a second title line may start with these (not 和: 加强和改进)
TITLE_BREAK_AFTER = ("妇女联合会", "妇联", "委员会", "工作总结", "工作计划", "工作要点")  # or follow these


def width(text: str) -> float:
    """Width in full-width characters: a Latin letter or digit is half a character."""
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text)


def title_lines(title: str, limit: float = TITLE_CHARS) -> list[str]:
    """A long title in two lines broken between words (GB/T 9704 7.3.3: 词意完整, 排列对称), the halves as even
    as the words allow; a title that fits, or has no place to break, stays one line."""
    if width(title) <= limit:
        return [title]
    cuts = {i for w in TITLE_BREAK_BEFORE for i in range(1, len(title)) if title.startswith(w, i)}
    cuts |= {i + len(w) for w in TITLE_BREAK_AFTER for i in range(len(title)) if title.startswith(w, i)}
    fits = [i for i in cuts if 0 < i < len(title) and max(width(title[:i]), width(title[i:])) <= limit]
    if not fits:
        return [title]
    best = min(fits, key=lambda i: abs(width(title[:i]) - width(title[i:])))
    return [title[:best], title[best:]]
