"""Notes → Facts with a model's structured output; re-asked on errors, then the deterministic parser."""

from __future__ import annotations

import asyncio
import json
from typing import Literal

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import Field, ValidationError

from assistant.errors import InputError, ModelError
from assistant.grounding import Sources
from assistant.items import classify, to_item
from assistant.llm.client import ModelClient
from assistant.llm.prompting import ExtractRepairVars, ExtractVars, SystemVars, as_data, render
from assistant.llm.settings import ModelSettings
from assistant.notes import level_of, parse_notes
from assistant.prompts import doctype, doctype_for, doctypes, taxonomy
from assistant.schemas import Facts, Strict


class ExtractedItem(Strict):
    """One work item as the model read it."""

    text: str = Field(description="原话，去掉序号")
    status: Literal["done", "planned"] = Field(description="done 已完成，planned 计划做")
    area: str = Field(default="", description="工作板块")


class ExtractedFacts(Strict):
    """What the model is asked to return."""

    organization: str | None = Field(default=None, description="单位名称")
    year: int | None = Field(default=None, ge=1949, le=2100, description="年度")
    doc_type: str | None = Field(default=None, description="文种")
    items: list[ExtractedItem] = Field(description="工作事项", min_length=1)
    problems: list[str] = Field(default=[], description="存在的问题")
    measures: list[str] = Field(default=[], description="保障措施")
    context: list[str] = Field(default=[], description="背景句")


def _area(label: str, text: str) -> str:
    """A taxonomy area id from the model's label (id or name), else by keywords."""
    for a in taxonomy().areas:
        if label in (a.id, a.name, a.short):
            return a.id
    return classify(text)


def to_facts(found: ExtractedFacts, notes: str, doc_type: str | None) -> Facts:
    """Facts from the model's reading; a figure that is not in the notes is a ValueError naming it."""
    sources = Sources([("notes", notes)], found.year)
    texts = [*(i.text for i in found.items), *found.problems, *found.measures, *found.context]
    made_up = [f.text for t in texts for f in sources.untraced(t)]
    if made_up:
        raise ValueError(f"这些数据在原文里没有：{'、'.join(dict.fromkeys(made_up))}，只能摘录原文")
    said = doctype(found.doc_type).name if found.doc_type and found.doc_type in doctypes() else None
    name = doctype(doc_type).name if doc_type else said
    name = name or doctype_for("plan" if all(i.status == "planned" for i in found.items) else "summary").name
    items = [to_item(f"i{n}", i.text, i.status, _area(i.area, i.text)) for n, i in enumerate(found.items, 1)]
    problems = [to_item(f"p{n}", t, "done", "problems") for n, t in enumerate(found.problems, 1)]
    measures = [to_item(f"m{n}", t, "planned", "measures") for n, t in enumerate(found.measures, 1)]
    return Facts(organization=found.organization, level=level_of(found.organization) if found.organization else None,
                 year=found.year, doc_type=name, items=items, problems=problems, measures=measures,
                 context=found.context)


async def aextract_facts(notes: str, settings: ModelSettings | None = None, doc_type: str | None = None
                         ) -> tuple[Facts, list[str]]:
    """Facts read by the model, and warnings; falls back to the deterministic parser when it cannot."""
    areas = [a.id for a in taxonomy().areas]
    messages: list[BaseMessage] = [
        SystemMessage(render("system.j2", SystemVars(doc_type="工作笔记整理"))),
        HumanMessage(render("extract.j2", ExtractVars(notes=as_data(notes), doc_types=list(doctypes()), areas=areas))),
    ]
    client = ModelClient(settings)
    problem = ""
    try:
        async with client:
            for _ in range(client.settings.retries + 1):
                out = await client.structured(messages, ExtractedFacts)
                parsed, error = out.get("parsed"), out.get("parsing_error")
                if parsed is not None and error is None:
                    try:
                        return to_facts(parsed, notes, doc_type), []
                    except (ValueError, ValidationError) as e:
                        error = e
                problem = _describe(error)
                previous = _raw_text(out.get("raw"))
                messages = [*messages[:2], HumanMessage(render("extract_repair.j2", ExtractRepairVars(
                    error=problem, previous=previous)))]
    except ModelError as e:
        problem = str(e)
    facts = parse_notes(notes, doc_type)
    return facts, [f"模型整理笔记没有成功（{problem}），已改用内置规则解析笔记"]


def extract_facts(notes: str, settings: ModelSettings | None = None, doc_type: str | None = None
                  ) -> tuple[Facts, list[str]]:
    """aextract_facts, from synchronous code."""
    return asyncio.run(aextract_facts(notes, settings, doc_type))


def _describe(error: object) -> str:
    """A short description of why a structured reply was rejected."""
    if isinstance(error, ValidationError):
        return "；".join(f"{'.'.join(map(str, e['loc']))}：{e['msg']}" if e["loc"] else e["msg"]
                        for e in error.errors()[:5])
    if isinstance(error, InputError):
        return str(error)
    return str(error or "没有返回数据")[:300]


def _raw_text(raw: object) -> str:
    """What the model sent, whether as content or as tool-call arguments."""
    calls = getattr(raw, "tool_calls", None) or []
    if calls:
        return json.dumps(calls[0].get("args", {}), ensure_ascii=False)[:2000]
    invalid = getattr(raw, "invalid_tool_calls", None) or []
    if invalid:
        return str(invalid[0].get("args", ""))[:2000]
    return str(getattr(raw, "content", "") or "")[:2000]
