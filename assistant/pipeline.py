"""起草 from facts: outline → sections → Document, by the template writer or, part by part, a model."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from assistant.notes.account import changed
from assistant.outline import make_outline
from assistant.schemas import Document, Facts, Outline
from assistant.vocab import placeholder
from assistant.writers.context import DraftContext, stable_seed
from assistant.writers.template import TemplateWriter

if TYPE_CHECKING:  # the model stack takes a second to import; offline runs never load it
    from assistant.llm.writer import DraftRun, LLMWriter, Sink


def draft(facts: Facts, *, outline: Outline | None = None, seed: int | None = None,
          model: LLMWriter | None = None, sink: Sink | None = None, run: DraftRun | None = None) -> Document:
    """Write a whole document from facts; with a model, every part is rewritten by it concurrently."""
    return asyncio.run(adraft(facts, outline=outline, seed=seed, model=model, sink=sink, run=run)) if model \
        else template_draft(facts, outline, seed)[0]


async def adraft(facts: Facts, *, outline: Outline | None = None, seed: int | None = None,
                 model: LLMWriter | None = None, sink: Sink | None = None, run: DraftRun | None = None) -> Document:
    """draft() for async callers (the UI); `run` lets them cancel single parts."""
    doc, ctx, outline = template_draft(facts, outline, seed)
    if model is None:
        return doc
    return await model.fill(ctx, doc, outline.sections, sink, run)


def template_draft(facts: Facts, outline: Outline | None, seed: int | None) -> tuple[Document, DraftContext, Outline]:
    """The embedded default: the same facts and seed give the same text."""
    writer = TemplateWriter()
    outline = outline or make_outline(facts)
    seed = stable_seed(facts.model_dump_json()) if seed is None else seed
    ctx = DraftContext.create(facts, seed)
    doc = Document(
        title=outline.title, doc_type=outline.doc_type, year=facts.year, organization=facts.organization,
        preamble=writer.preamble(ctx), sections=[writer.write_section(ctx, s) for s in outline.sections],
        closing=writer.closing(ctx), writer=writer.name, seed=seed,
    )
    if facts.date and ctx.spec.signoff:
        doc.signoff = [facts.organization or placeholder("organization"), facts.date]
    doc.warnings = _warnings(doc, facts)
    return doc, ctx, outline


def _warnings(doc: Document, facts: Facts) -> list[str]:
    """Things the user must fill in or know before the draft can be used."""
    out = changed(facts)
    if facts.omitted:
        out.append(f"笔记里有 {len(facts.omitted)} 处没有写进稿子（聊天用语、报送要求、重复等），见“未写入稿子”清单")
    if not facts.organization:
        out.append(f"笔记里没有写单位名称，稿中留了{placeholder('organization')}")
    if not facts.year:
        out.append(f"笔记里没有写年度，稿中留了{placeholder('year')}")
    holes = [p for p in doc.paragraphs() if p.origin == "placeholder"]
    if holes:
        out.append(f"有 {len(holes)} 处必要内容笔记里没有，稿中留了【待补：…】，请补写")
    return out

