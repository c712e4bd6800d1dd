"""润色 offline: safe checker fixes, the confusion list and colloquial → formal words; shown as a character diff."""

from __future__ import annotations

import difflib
import re
from typing import Literal

from assistant.checks import fix
from assistant.checks.data import wording
from assistant.schemas import Strict


class Edit(Strict):
    """One run of a character diff."""

    op: Literal["equal", "insert", "delete", "replace"]
    old: str = ""
    new: str = ""


class Polished(Strict):
    """The polished text, what was changed and why, and the diff against the original."""

    original: str
    text: str
    reasons: list[str] = []
    edits: list[Edit] = []


CLAUSE = re.compile(r"[^。！？；，\n]*+[。！？；，\n]?")  # a clause and its mark, in one pass
MAX_CHAR_DIFF = 4000  # characters on both sides of a changed run that are still compared character by character


def _pieces(text: str, level: int) -> list[str]:
    """Lines (level 0) or clauses (level 1), each keeping its line break or punctuation mark."""
    if level == 0:
        return text.splitlines(keepends=True)
    return [m.group() for m in CLAUSE.finditer(text) if m.group()]


def _diff(old: str, new: str, level: int) -> list[Edit]:
    """Lines first, then clauses within changed lines, then characters within changed clauses (bounded)."""
    if old == new:
        return [Edit(op="equal", old=old, new=new)] if old else []
    if not old or not new:
        return [Edit(op="insert" if new else "delete", old=old, new=new)]
    if level == 2:
        if len(old) + len(new) > MAX_CHAR_DIFF:
            return [Edit(op="replace", old=old, new=new)]
        chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
        return [Edit(op=tag, old=old[i1:i2], new=new[j1:j2]) for tag, i1, i2, j1, j2 in chars.get_opcodes()]
    a, b = _pieces(old, level), _pieces(new, level)
    if len(a) == 1 or len(b) == 1:
        return _diff(old, new, level + 1)
    out: list[Edit] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        out += _diff("".join(a[i1:i2]), "".join(b[j1:j2]), level + 1 if tag != "equal" else level)
    return out


def diff(old: str, new: str) -> list[Edit]:
    """A character diff that stays fast on long text: it compares lines, then clauses, then characters."""
    merged: list[Edit] = []
    for e in _diff(old, new, 0):
        if merged and merged[-1].op == e.op == "equal":
            merged[-1] = Edit(op="equal", old=merged[-1].old + e.old, new=merged[-1].new + e.new)
        else:
            merged.append(e)
    return merged


def render_diff(edits: list[Edit]) -> str:
    """The diff as text: [-removed-]{+added+}."""
    out = []
    for e in edits:
        if e.op == "equal":
            out.append(e.new)
        else:
            out.append((f"[-{e.old}-]" if e.old else "") + (f"{{+{e.new}+}}" if e.new else ""))
    return "".join(out)


def polish_text(text: str, year: int | None = None) -> Polished:
    """Offline polish of a paragraph or a whole document; nothing is applied to the original."""
    reasons = []
    new, applied = fix(text, year)
    reasons += [f.message for f in applied]
    for c in wording().confusions:
        if c.wrong in new:
            new = new.replace(c.wrong, c.right)
            reasons.append(f"“{c.wrong}”改为“{c.right}”")
    for spoken in wording().colloquial:
        if spoken.severity != "hint" and spoken.word in new:
            new = re.sub(re.escape(spoken.word), spoken.better, new)
            reasons.append(f"口语“{spoken.word}”改为“{spoken.better}”")
    return Polished(original=text, text=new, reasons=list(dict.fromkeys(reasons)), edits=diff(text, new))
