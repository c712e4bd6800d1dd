"""Check a model's reply before it replaces any text: paragraph count, invented or dropped figures and names."""

from __future__ import annotations

import re
from collections import Counter

from assistant.grounding import PLACEHOLDER, Sources, find_names
from assistant.numbers import find_figures

_MARKDOWN = [
    (re.compile(r"\*\*|__|`"), ""),
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"^\s*(?:[-*•·]|\d+[.、)）])\s+", re.M), ""),
]


def clean_reply(text: str) -> str:
    """The reply without Markdown marks or list bullets a model may add."""
    for pattern, repl in _MARKDOWN:
        text = pattern.sub(repl, text)
    return text.strip()


def split_paragraphs(text: str, expected: int) -> list[str]:
    """Paragraphs of a reply: split on blank lines, or on line breaks when that gives the expected count."""
    text = clean_reply(text)
    blocks = [re.sub(r"\s*\n\s*", "", b).strip() for b in re.split(r"\n\s*\n", text)]
    blocks = [b for b in blocks if b]
    if len(blocks) != expected:
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if len(lines) == expected:
            return lines
    return blocks


def strip_heading(text: str, heading: str) -> str:
    """A paragraph without a run-in heading the model repeated at its start."""
    if heading and text.startswith(heading):
        return text[len(heading):].lstrip("。：:，, ")
    return text


def invented(text: str, sources: Sources) -> list[str]:
    """Problems: figures or names in text that the sources do not account for."""
    out = []
    for f in sources.untraced(text):
        what = "人名" if f.kind == "name" else "文件名" if f.kind == "title" else "数据"
        out.append(f"{what}“{f.text}”在资料中没有，不能写")
    return list(dict.fromkeys(out))


def unclaimed(text: str, notes: str) -> list[str]:
    """Problems: programmes, carriers or methods (prompts/claims.yaml) the reply names but the notes do not."""
    from assistant.writers.fit import claimed_names

    return [f"“{name}”在资料中没有，不能写（总结只写做过的事，计划不点名没有的载体）"
            for name in claimed_names(text) if name not in notes]


def dropped(text: str, required: list[str], year: int | None) -> list[str]:
    """Problems: figures from `required` texts that the paragraph left out (years may be left out)."""
    here = Sources([("reply", text)], year)
    out = []
    for source in required:
        for fig in find_figures(PLACEHOLDER.sub("", source)):
            if fig.kind != "year" and here.trace(fig) is None:
                out.append(f"漏掉了资料中的数据“{fig.text}”")
    return list(dict.fromkeys(out))


def _bag(text: str) -> tuple[Counter[tuple[str, object, str]], dict[tuple[str, object, str], str]]:
    """Figures and names in text, counted by value (so 三场 and 3场 are the same figure)."""
    clean = PLACEHOLDER.sub("", text)
    keys = [((f.kind, f.number if f.number is not None else f.text, f.unit), f.text) for f in find_figures(clean)]
    keys += [(("name", n, ""), n) for n in find_names(clean)]
    return Counter(k for k, _ in keys), dict(keys)


def same_figures(before: str, after: str) -> list[str]:
    """Problems when a polished text adds, drops or changes a figure or a name."""
    (old, old_text), (new, new_text) = _bag(before), _bag(after)
    problems = [f"原文没有“{new_text[k]}”，不能新增或改动数据" for k in new - old]
    problems += [f"原文的“{old_text[k]}”不能删去或改动" for k in old - new]
    return problems
