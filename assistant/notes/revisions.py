"""Last year's text pasted in with this year's changes typed under it (今年改成：…／今年新增：…／这条今年没做，删).

The old sentence keeps its words and takes the new figures; a change that names no old figure replaces it; a new
line adds an item; a line marked 删 or 没做 goes, and so does an old line nothing updates when the notes say so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.numbers import Figure, find_figures
from assistant.prompts import notes_vocab


@dataclass
class Revision:
    """What one line of changes says: replace (new figures for the old text), add, keep or drop."""

    kind: str
    text: str


@cache
def _markers() -> dict[str, re.Pattern[str]]:
    v = notes_vocab().revisions
    out = {}
    for kind in ("replace", "add"):
        words = "|".join(map(re.escape, sorted(getattr(v, kind), key=len, reverse=True)))
        out[kind] = re.compile(rf"^(?:{words})[：:，,]?\s*")
    return out


def revising(lines: list[str]) -> bool:
    """Whether the notes are last year's text with changes typed under it."""
    return sum(1 for x in lines if _markers()["replace"].match(x.strip())) >= 2


def revision(text: str) -> Revision | None:
    """The change a line (or sentence) states, or None when it is text of its own."""
    for kind in ("add", "replace"):
        m = _markers()[kind].match(text)
        if m and text[m.end():].strip():
            return Revision(kind, text[m.end():].strip())
    return None


def remark(text: str) -> tuple[str, str, str]:
    """What a trailing ——remark (or a line that is only a remark) says to do: 'drop', 'keep' or ''; the text
    without it; the remark."""
    m = re.search(r"(?:^|\s*)(?:——|--)\s*(?P<r>[^—]+)$", text)
    said = m.group("r") if m else text
    v = notes_vocab().revisions
    kind = "drop" if any(w in said for w in v.drop) else "keep" if any(w in said for w in v.keep) else ""
    if not m:
        return (kind if kind == "drop" else ""), text, ""
    return kind, text[: m.start()].strip(), said


def also(text: str) -> str:
    """The words a remark adds (——保留，再加一句：今年争取到的公益创投资金比去年少 → 今年…少)."""
    m = re.search(r"(?:再)?加(?:一句|上)?[：:]\s*(?P<t>.+)$", text)
    return m.group("t").strip() if m else ""


def new_figures(old: list[str], change: str) -> tuple[list[str], list[str]]:
    """The old texts with the figures a change gives (260余场 → 410余场 by unit and nearby words), and the clauses
    of the change whose figures had no old one to replace."""
    old = list(old)
    leftover = []
    taken: set[tuple[int, int]] = set()
    for clause in [c for c in re.split(r"[，,；;。]", change) if c.strip()]:
        figures = [f for f in find_figures(clause) if f.kind == "number"]
        if not figures:
            continue
        placed = False
        for fig in figures:
            spot = _match(old, fig, clause, taken)
            if spot:
                n, old_fig = spot
                taken.add((n, old_fig.start))
                old[n] = old[n][: old_fig.start] + fig.text + old[n][old_fig.end:]
                placed = True
        if not placed:
            leftover.append(clause.strip())
    return old, leftover


def _match(old: list[str], fig: Figure, clause: str, taken: set[tuple[int, int]]) -> tuple[int, Figure] | None:
    """The old figure a new one replaces: the same unit, preferring the one whose words the change repeats."""
    said = clause[: clause.find(fig.text)] if fig.text in clause else clause
    best: tuple[int, int, Figure] | None = None
    for n, text in enumerate(old):
        for f in find_figures(text):
            if f.kind != "number" or f.unit != fig.unit or (n, f.start) in taken:
                continue
            before = text[max(0, f.start - 8): f.start]
            score = sum(1 for i in range(len(said) - 1) if said[i: i + 2] in before)
            if best is None or score > best[0]:
                best = (score, n, f)
    return (best[1], best[2]) if best else None
