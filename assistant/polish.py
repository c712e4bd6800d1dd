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


def diff(old: str, new: str) -> list[Edit]:
    """A character-level diff."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [Edit(op=tag, old=old[i1:i2], new=new[j1:j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


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
