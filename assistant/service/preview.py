"""The 预览 job: the document's printed pages as images (its .docx rendered by LibreOffice), or, without
LibreOffice, an HTML page that approximates them and says so."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from assistant.export.docx import write_docx
from assistant.export.html import page_html
from assistant.export.pdf import can_render, docx_to_pdf, page_images, rendered_pages
from assistant.schemas import Document

PREVIEW_DPI = 60  # an A4 page 496 px wide: legible beside the editor, ~40 KB a page
APPROXIMATE = "本机没有安装 LibreOffice，下面是近似预览（字体、字号、缩进、序号与打印一致，分页以 Word/WPS 为准）"


@dataclass
class Preview:
    """Page images when the pages could be rendered, else approximate HTML; the PDF they came from."""

    images: list[Path] = field(default_factory=list)
    html: str = ""
    pdf: Path | None = None
    note: str = ""


def digest(doc: Document) -> str:
    """A short fingerprint of the document's content: the same document is rendered once."""
    return hashlib.sha256(doc.model_dump_json().encode()).hexdigest()[:16]


def preview(doc: Document, folder: Path, fonts: str | None = None) -> Preview:
    """Render the document's pages into folder/<digest>/ (kept while the document is unchanged; older renders in
    folder are removed)."""
    if not can_render():
        return Preview(html=page_html(doc, fonts), note=APPROXIMATE)
    key = digest(doc)
    here = folder / key
    pdf = here / "文稿.pdf"
    if not pdf.exists():
        for old in folder.glob("*"):
            if old.is_dir() and old.name != key:
                shutil.rmtree(old, ignore_errors=True)
        here.mkdir(parents=True, exist_ok=True)
        docx_to_pdf(write_docx(doc, here / "文稿.docx", fonts), pdf)
    images = rendered_pages(here) or page_images(pdf, here, PREVIEW_DPI)
    if not images:
        return Preview(html=page_html(doc, fonts), pdf=pdf, note="本机缺少 pdftoppm（poppler-utils），下面是近似预览")
    return Preview(images=images, pdf=pdf, note=f"共 {len(images)} 页，按 GB/T 9704 版式排出（LibreOffice 渲染）")
