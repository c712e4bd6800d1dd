"""The laid-out notes: each line (or sentence) with its kind and level, and the points read from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.notes.chat import Chat

Kind = Literal["header", "title", "heading", "item", "prose", "noise", "joined"]


@dataclass
class Line:
    """One unit of the notes as laid out: a whole line, or one sentence of a prose line."""

    no: int
    raw: str
    kind: Kind
    text: str = ""
    level: float = 99.0
    label: str = ""
    reason: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    speaker: str = ""
    marked: bool = False
    indent: int = 0
    fixes: list[tuple[str, str]] = field(default_factory=list)
    dictated: bool = False
    when: str = ""  # a date the line started with (3.26), left out of the text
    marked_part: str = ""  # ✔ / ☐ / ✘ in front, read through the notes' legend: done, planned or problems
    number: int | None = None  # 3. in front: the item a later 第3条… means
    row: bool = False  # a table row: its cells are one item, not a run to split
    excluded: bool = False  # a heading whose section the notes say to leave out (不写进正文)


@dataclass
class Layout:
    """The laid-out notes, plus what the wrapping told us (chat speakers, years in timestamps)."""

    lines: list[Line]
    chat: Chat
    legend: dict[str, str] = field(default_factory=dict)


@dataclass
class Point:
    """One thing the notes say, before it becomes an Item."""

    text: str
    line: int
    part: str = ""  # problems | planned | done | measures | mixed | '' (not said)
    explicit: bool = False
    label: str = ""
    group: str = ""
    details: list[str] = field(default_factory=list)
    year: int | None = None
    deleted: str = ""  # why a later correction took it out
