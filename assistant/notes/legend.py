"""A legend of marks (说明：✔=2025年已办  ☐=2026年要办  ✘=今年没办成) and the part each mark puts a line in."""

from __future__ import annotations

import re

from assistant.prompts import notes_vocab

SYMBOL = r"[^\s\w\u4e00-\u9fff=＝:：，,；;。（）()【】“”\"'、]"
PAIR = re.compile(rf"(?P<sym>{SYMBOL})\s*[=＝]\s*(?P<meaning>[^\s，,；;、]+)")


def read_legend(text: str) -> dict[str, str]:
    """The marks a legend line defines and the part each means ({} when the line is not a legend)."""
    pairs = PAIR.findall(text)
    if len(pairs) < 2:
        return {}
    words = notes_vocab().legend_words
    out = {}
    for sym, meaning in pairs:
        part = next((p for p in ("problems", "planned", "done") if any(w in meaning for w in words[p])), "")
        if part:
            out[sym] = part
    return out if len(out) >= 2 else {}


def marked_part(text: str, legend: dict[str, str]) -> tuple[str, str]:
    """The part a leading legend mark names, and the line without the mark."""
    stripped = text.lstrip(" \t\u3000")
    if stripped[:1] in legend:
        return legend[stripped[0]], stripped[1:].lstrip(" \t\u3000")
    return "", text
