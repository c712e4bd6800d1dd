"""An HTML page that approximates the printed GB/T 9704 page (fonts, sizes, indents, numbering) where LibreOffice
is not installed to render the real one."""

from __future__ import annotations

import html

from assistant.export.docx import BODY_PT, INDENT_PT, LINE_PT, TITLE_LINE_PT, TITLE_PT, Layout, profile
from assistant.layout import blocks, title_lines
from assistant.schemas import Document


def _family(name: str, generic: str = "serif") -> str:
    """A CSS font stack: the named font, the common substitutes on Windows/Linux, a generic family."""
    fallback = {"serif": '"FangSong", "STFangsong", "Noto Serif CJK SC", serif',
                "sans": '"SimHei", "Noto Sans CJK SC", sans-serif'}[generic]
    return f'"{name}", {fallback}'


def page_html(doc: Document, font_profile: str | None = None) -> str:
    """The document on A4-sized pages of 156 mm × 225 mm text, 3号 body on 28.95 pt lines, headings in their
    fonts; the breaks between pages are the browser's, so this is an approximation and says so."""
    fp, page = profile(font_profile), Layout()
    heading_fonts = {1: _family(fp.h1, "sans"), 2: _family(fp.h2), 3: _family(fp.h3), 4: _family(fp.h3)}
    out = []
    for b in blocks(doc):
        if b.kind == "title":
            lines = "<br>".join(html.escape(x) for x in title_lines(b.text))
            out.append(f'<p style="text-align:center;font:{TITLE_PT}pt/{TITLE_LINE_PT}pt {_family(fp.title)};'
                       f'margin:0 0 {LINE_PT}pt">{lines}</p>')
        elif b.kind == "signoff":
            out.append(f'<p style="text-align:right;margin:0 {4 * BODY_PT}pt 0 0">{html.escape(b.text)}</p>')
        elif b.kind in ("heading", "run_in"):
            head = html.escape(b.mark + (b.heading if b.kind == "run_in" else b.text))
            body = html.escape(b.text) if b.kind == "run_in" else ""
            out.append(f'<p><span style="font-family:{heading_fonts.get(b.level, heading_fonts[3])}">{head}</span>'
                       f"{body}</p>")
        else:
            out.append(f"<p>{html.escape(b.text)}</p>")
    width = page.width - page.left - page.right
    return (f'<div class="page-html" style="background:#fff;color:#000;width:{width}mm;padding:{page.top}mm '
            f'{page.right}mm {page.bottom}mm {page.left}mm;box-shadow:0 0 4px #999;margin:auto;'
            f'font:{BODY_PT}pt/{LINE_PT}pt {_family(fp.body)};text-align:justify;'
            f'--indent:{INDENT_PT}pt">'
            f'<style>.page-html p{{margin:0;text-indent:var(--indent)}}.page-html p[style*="center"],'
            f'.page-html p[style*="right"]{{text-indent:0}}</style>{"".join(out)}</div>')
