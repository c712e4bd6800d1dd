"""改写 as jobs: import last year's document, show what is out of date, and rewrite it for the new year."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from assistant.checks import check_document
from assistant.errors import InputError
from assistant.ingest import clean, read_source, removed_note
from assistant.layout import blocks
from assistant.rewrite.clean import Cleaned
from assistant.rewrite.figures import FigureRef, figures
from assistant.rewrite.modes import Mode, Rewritten, load_figures
from assistant.rewrite.modes import rewrite as rewrite_doc
from assistant.rewrite.run import read_articles, refine
from assistant.rewrite.stale import StaleReport, staleness
from assistant.schemas import Document, Finding
from assistant.service.model import ModelChoice, choose_model
from assistant.vocab import MAX_NOTES_CHARS, too_long

MAX_OLD_BYTES = 1024 * 1024


@dataclass(frozen=True)
class OldDocument:
    """Last year's document: a file (.docx/.txt/.md, GBK or UTF-8) or pasted text; `article` in a collection."""

    text: str = ""
    source: str | Path | None = None
    article: int = 1


@dataclass
class Imported:
    """The old document as the product read it, what cleaning took out, and how many articles the file held."""

    document: Document
    cleaned: Cleaned
    articles: int


@dataclass
class Analysis:
    """What is out of date for the target year, and the figures that need new values."""

    document: Document
    staleness: StaleReport
    figures: list[FigureRef]


@dataclass
class Rewrote:
    """The rewritten document, the analysis it started from, and what is still to do by hand."""

    result: Rewritten
    imported: Imported
    staleness: StaleReport
    errors: list[Finding] = field(default_factory=list)  # checker errors left, besides the 【待补】 to fill

    @property
    def document(self) -> Document:
        """The new document."""
        return self.result.document

    def verify_note(self) -> str:
        """What was marked 【待核】, for the user to reword by hand."""
        marked, parts = self.result.to_verify, self.result.stale_parts
        said = (f"有 {len(marked)} 处过时或与年份对不上的说法标了【待核】：{'、'.join(marked[:12])}"
                f"{'等' if len(marked) > 12 else ''}，请按今年的提法改写") if marked else ""
        if parts:
            said += (f"{'；' if said else ''}这些部分的标题就是过时的工作，整段可能要删去或重写："
                     + "、".join(f"“{h}”" for h in parts))
        return said


def _year(to_year: int) -> int:
    if not 1949 < to_year <= 2100:
        raise InputError(f"目标年度“{to_year}”不对，请写四位数的年份，如 2026")
    return to_year


def import_old(old: OldDocument) -> Imported:
    """Read an old document (one article of a collection) into a Document, cleaned of web debris."""
    if old.source is not None:
        text = read_source(old.source, MAX_OLD_BYTES, "旧文稿")
    elif old.text.strip():
        text = old.text
    else:
        raise InputError("请上传去年的文稿，或粘贴它的文字")
    text, removed = clean(text)
    imported = Imported(*read_articles(text, old.article))
    if removed:
        imported.document.warnings.append(removed_note(removed, "旧文稿"))
    body = "\n".join(b.text for b in blocks(imported.document))
    too_long(body, MAX_NOTES_CHARS, "这篇旧文稿", "请只留下要改写的那一篇")
    return imported


def analyse(old: OldDocument, to_year: int) -> Analysis:
    """What a rewrite to `to_year` must update: old years, 届次, figures, formulations, leftovers."""
    doc = import_old(old).document
    return Analysis(doc, staleness(doc, _year(to_year)), figures(doc))


def read_figures(path: Path) -> dict[str, str]:
    """New figures from a table the user filled in (.yaml mapping or two-column .csv): F3, 785名 or 两癌筛查 → value."""
    return load_figures(path)


def figures_template(old: OldDocument) -> str:
    """A YAML table of the old document's figures for the user to fill in with this year's values."""
    lines = ["# 新数据表：在冒号后填写新的数值（带单位），不填的会留【待补】",
             *(f"{f.id}: \"\"  # {f.counts} 原为{f.text}" for f in figures(import_old(old).document))]
    return "\n".join(lines) + "\n"


def rewrite(old: OldDocument, to_year: int, mode: Mode = Mode.summary, values: dict[str, str] | None = None,
            choice: ModelChoice | None = None) -> Rewrote:
    """Last year's document as this year's 总结 or 计划: structure kept, years moved, new figures or 【待补】."""
    if mode not in tuple(Mode):
        raise InputError(f"不认识的改写方式“{mode}”，可选：summary（总结）、plan（计划）")
    mode = Mode(mode)
    imported = import_old(old)
    report = staleness(imported.document, _year(to_year))
    result = rewrite_doc(imported.document, to_year, mode, values)
    model = choose_model(choice or ModelChoice(), "\n".join(b.text for b in blocks(imported.document)))
    if model is not None:
        result.document.warnings += asyncio.run(refine(result, mode, model))
    _, found = check_document(result.document)
    errors = [f for f in found.errors if f.rule != "leftovers.placeholder"]
    return Rewrote(result, imported, report, errors)
