"""Export as a job: a document to .docx (GB/T 9704), .md or .json, and plain checked text to .docx."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from assistant.errors import InputError
from assistant.export.markdown import to_markdown
from assistant.files import write_atomic, write_text
from assistant.ingest import clean
from assistant.rewrite.parse import frame
from assistant.schemas import Document, Paragraph

SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".md": "md", ".markdown": "md", ".txt": "md", ".json": "json"}


def export(doc: Document, path: Path, fonts: str | None = None, extra: dict[str, object] | None = None) -> list[str]:
    """Write a document in the format its file name asks for; returns notes for the user (fonts this machine
    lacks)."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"不支持的输出格式“{path.suffix or path.name}”，请用 .docx、.pdf、.md 或 .json 结尾")
    if kind == "docx":
        from assistant.export.docx import write_docx  # python-docx loads only for Word files

        write_atomic(path, lambda tmp: write_docx(doc, tmp, fonts))
        return font_notes(fonts)
    if kind == "pdf":
        write_pdf(doc, path, fonts)
        return font_notes(fonts)
    if kind == "md":
        write_text(path, clean(to_markdown(doc))[0])
    else:
        write_text(path, clean(json.dumps({"document": doc.model_dump(mode="json"), **(extra or {})},
                                          ensure_ascii=False, indent=2))[0])
    return []


def write_pdf(doc: Document, path: Path, fonts: str | None = None) -> None:
    """The GB/T 9704 .docx rendered to PDF by LibreOffice; a one-line Chinese error when it is not installed."""
    from assistant.export.docx import write_docx
    from assistant.export.pdf import NO_SOFFICE, can_render, docx_to_pdf

    if not can_render():
        raise InputError(NO_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="fulian-") as tmp:
        docx = write_docx(doc, Path(tmp, "文稿.docx"), fonts)
        write_atomic(path, lambda out: docx_to_pdf(docx, out))


def known_fonts(name: str | None) -> None:
    """An unknown font profile is a user error, said before any work is done."""
    from assistant.export.docx import profile

    profile(name)


def font_notes(fonts: str | None) -> list[str]:
    """Which fonts the DOCX names but this machine lacks, said so the user knows the file is still right."""
    from assistant.export.docx import profile
    from assistant.export.fonts import missing_fonts

    missing = missing_fonts(profile(fonts))
    if not missing:
        return []
    return [f"本机未安装字体 {'、'.join(missing)}。Word 文档里已写明这些字体名，"
            "在装有这些字体的电脑上打开即按公文格式显示；只有仿宋、楷体、黑体的电脑改用 basic 字体方案"]


def export_text(text: str, path: Path, fonts: str | None = None) -> list[str]:
    """Plain text (a checked and fixed document) as a GB/T 9704 .docx, every line as the user wrote it: the title
    only if the first line is one, the unit and date at the end as the sign-off, numbering left as typed."""
    title, body, signoff = frame([ln.strip() for ln in text.splitlines()])
    if not body and not title:
        raise InputError("没有可以导出的正文")
    doc = Document(title=title, preamble=[Paragraph(id=f"p{n}", text=ln) for n, ln in enumerate(body, 1)],
                   signoff=signoff, writer="import")
    return export(doc, path, fonts)
