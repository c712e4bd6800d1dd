"""Differences drawn for the reader: what went struck through in red, what came in green."""

from __future__ import annotations

import html

from assistant.polish import diff


def diff_html(old: str, new: str) -> str:
    """A polish suggestion as the reader sees it: deletions struck through in red, insertions in green."""
    out = []
    for e in diff(old, new):
        if e.old and e.op != "equal":
            out.append(f'<del style="color:#b42318">{html.escape(e.old)}</del>')
        if e.new:
            text = html.escape(e.new)
            out.append(text if e.op == "equal" else f'<ins style="color:#067647;text-decoration:none;'
                       f'background:#ecfdf3">{text}</ins>')
    return "".join(out)
