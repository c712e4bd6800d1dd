"""Markdown export: the title as '#', level-1 and level-2 headings as '##'/'###', run-in headings inline."""

from __future__ import annotations

from assistant.layout import blocks
from assistant.schemas import Document


def to_markdown(doc: Document) -> str:
    """The document as Markdown, numbering included so it reads like the printed version."""
    out: list[str] = []
    for b in blocks(doc):
        if b.kind == "title":
            out.append(f"# {b.text}")
        elif b.kind == "heading":
            out.append(f"{'#' * min(b.level + 1, 6)} {b.mark}{b.text}")
        elif b.kind == "run_in":
            out.append(f"{b.mark}{b.heading}{b.text}")
        elif b.kind == "signoff":
            out.append(f"<p align=\"right\">{b.text}</p>")
        else:
            out.append(b.text)
    return "\n\n".join(out) + "\n"
