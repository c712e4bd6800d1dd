"""改写's own steps around the rules: read an old document's text into articles, and let a model smooth the result."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from assistant.errors import InputError
from assistant.rewrite.clean import Cleaned, clean
from assistant.rewrite.data import words
from assistant.rewrite.modes import Mode, Rewritten
from assistant.rewrite.parse import parse
from assistant.schemas import Document

if TYPE_CHECKING:
    from assistant.llm.writer import LLMWriter


def read_articles(text: str, article: int = 1) -> tuple[Document, Cleaned, int]:
    """The chosen article of an old document's text, the cleaning report, and how many articles there were."""
    cleaned = clean(text)
    docs = parse(cleaned)
    if not docs:
        raise InputError("旧文稿里没有找到正文，请检查文件内容")
    if not 1 <= article <= len(docs):
        raise InputError(f"这份文稿里共有 {len(docs)} 篇，请选第 1 到第 {len(docs)} 篇")
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
