"""`fulian rewrite` end to end: import → clean → parse → staleness → rewrite → (model) → Document."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import InputError
from assistant.ingest import read_source
from assistant.rewrite.clean import Cleaned, clean
from assistant.rewrite.data import words
from assistant.rewrite.modes import Mode, Rewritten, rewrite
from assistant.rewrite.parse import parse
from assistant.rewrite.stale import StaleReport, staleness
from assistant.schemas import Document

if TYPE_CHECKING:
    from assistant.llm.writer import LLMWriter

MAX_OLD_BYTES = 1024 * 1024


def import_document(source: str | Path, article: int = 1) -> tuple[Document, Cleaned, int]:
    """The chosen article of an old document, the cleaning report, and how many articles there were."""
    cleaned = clean(read_source(source, MAX_OLD_BYTES, "旧文稿"))
    docs = parse(cleaned)
    if not docs:
        raise InputError("旧文稿里没有找到正文，请检查文件内容")
    if not 1 <= article <= len(docs):
        raise InputError(f"这份文稿里共有 {len(docs)} 篇，--article 请写 1 到 {len(docs)}")
    return docs[article - 1], cleaned, len(docs)


async def refine(result: Rewritten, mode: Mode, model: LLMWriter) -> list[str]:
    """Let the model smooth each section under the same guard; refused or failed sections keep their text."""
    doc = result.document
    instruction = words().llm_instruction[mode].format(year=doc.year)

    async def one(index: int) -> list[str]:
        section, warnings = await model.arewrite_section(doc.sections[index], instruction)
        doc.sections[index] = section
        return [f"“{section.heading}”：{w}" for w in warnings]

    results = await asyncio.gather(*(one(i) for i in range(len(doc.sections))), return_exceptions=True)
    out: list[str] = []
    for index, r in enumerate(results):
        if isinstance(r, BaseException):
            out.append(f"“{doc.sections[index].heading}”：{r}；保留确定性改写的文字")
        else:
            out += r
    return out


def rewrite_file(source: str | Path, to_year: int, mode: Mode = "summary", values: dict[str, str] | None = None,
                 article: int = 1, model: LLMWriter | None = None) -> tuple[Rewritten, StaleReport, Cleaned, int]:
    """Everything `fulian rewrite` does before writing files."""
    doc, cleaned, count = import_document(source, article)
    report = staleness(doc, to_year)
    result = rewrite(doc, to_year, mode, values)
    if model is not None:
        result.document.warnings += asyncio.run(refine(result, mode, model))
    return result, report, cleaned, count
