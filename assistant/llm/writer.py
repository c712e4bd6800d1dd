"""LLMWriter: the template writer's skeleton, each part written by a model under the grounding guard."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal, cast

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from assistant.errors import FATAL, ModelError
from assistant.grounding import PLACEHOLDER, Sources
from assistant.llm.client import ModelClient, Usage
from assistant.llm.guard import dropped, invented, same_figures, split_paragraphs, strip_heading, unclaimed
from assistant.llm.prompting import (
    PolishVars,
    RepairVars,
    RewriteVars,
    SectionVars,
    SystemVars,
    as_data,
    exemplars,
    render,
    unfenced,
)
from assistant.llm.settings import ModelSettings
from assistant.prompts import Tense
from assistant.schemas import Document, Facts, Item, OutlineSection, Paragraph, Section, section_paragraphs
from assistant.vocab import placeholder
from assistant.writers.context import DraftContext
from assistant.writers.template import TemplateWriter

EventKind = Literal["start", "token", "retry", "repair", "done", "fallback", "failed", "cancelled"]


@dataclass
class Event:
    """Progress of one part of a draft, for a caller that shows it live (token = a piece of streamed text)."""

    unit: str
    kind: EventKind
    text: str = ""
    heading: str = ""


Sink = Callable[[Event], None]


@dataclass
class Slot:
    """One paragraph to write: the skeleton paragraph, its run-in heading and its facts."""

    paragraph: Paragraph
    heading: str
    facts: list[Item]


@dataclass
class Unit:
    """One model call: a section (or the preamble, a part's intro, the closing) and its paragraphs."""

    id: str
    heading: str
    role: str
    tense: Tense
    slots: list[Slot] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        """Every fact this unit may use."""
        return [it for s in self.slots for it in s.facts]


def _slots(ctx: DraftContext, section: Section, heading: str = "") -> Iterator[Slot]:
    """The writable paragraphs of a section tree in reading order (placeholders and locked ones stay)."""
    for n, p in enumerate(section.paragraphs):
        if p.origin != "placeholder" and not p.locked:
            facts = [ctx.facts.item(i) for i in p.fact_ids]
            yield Slot(p, heading if n == 0 and section.run_in else "", facts)
    for child in section.children:
        yield from _slots(ctx, child, child.heading)


def _statuses(outline: list[OutlineSection]) -> dict[str, str | None]:
    """Section id → done/planned, from the outline."""
    out: dict[str, str | None] = {}
    for o in outline:
        out[o.key] = o.status
        out.update(_statuses(o.children))
    return out


def units_of(ctx: DraftContext, doc: Document, outline: list[OutlineSection] | None = None) -> list[Unit]:
    """Split a skeleton document into independent model calls."""
    status = _statuses(outline or [])

    def unit(uid: str, heading: str, role: str, section: Section | None = None,
             paragraphs: list[Paragraph] | None = None) -> Unit:
        tense = ctx.tense(status.get(uid))  # type: ignore[arg-type]
        u = Unit(uid, heading, role, tense)
        if section is not None:
            u.slots = list(_slots(ctx, section))
        for p in paragraphs or []:
            if p.origin != "placeholder" and not p.locked:
                u.slots.append(Slot(p, "", [ctx.facts.item(i) for i in p.fact_ids]))
        return u

    units = [unit("preamble", "开头", "preamble", paragraphs=doc.preamble)]
    for s in doc.sections:
        if s.role == "part":
            units.append(unit(s.id, s.heading, "part", paragraphs=s.paragraphs))
            units += [unit(c.id, c.heading, c.role, section=c) for c in s.children]
        else:
            units.append(unit(s.id, s.heading, s.role, section=s))
    units.append(unit("closing", "结尾", "closing", paragraphs=doc.closing))
    return [u for u in units if u.slots]


class LLMWriter:
    """Writes with an OpenAI-compatible model; anything the guard rejects falls back to the template text."""

    name = "llm"

    def __init__(self, settings: ModelSettings | None = None):
        self.settings = (settings or ModelSettings()).resolved()
        self.template = TemplateWriter()
        self.usage = Usage()

    # ----- the Writer protocol (one part at a time) ---------------------------------------------------

    def write_section(self, ctx: DraftContext, outline: OutlineSection) -> Section:
        """Draft one outline section."""
        section = self.template.write_section(ctx, outline)
        doc = Document(title=ctx.spec.title, sections=[section])
        return asyncio.run(self.fill(ctx, doc, [outline])).sections[0]

    def preamble(self, ctx: DraftContext) -> list[Paragraph]:
        """Draft the opening paragraph(s)."""
        doc = Document(title=ctx.spec.title, preamble=self.template.preamble(ctx))
        return asyncio.run(self.fill(ctx, doc)).preamble

    def closing(self, ctx: DraftContext) -> list[Paragraph]:
        """Draft the closing paragraph(s)."""
        doc = Document(title=ctx.spec.title, closing=self.template.closing(ctx))
        return asyncio.run(self.fill(ctx, doc)).closing

    # ----- whole documents, concurrently --------------------------------------------------------------

    async def fill(self, ctx: DraftContext, doc: Document, outline: list[OutlineSection] | None = None,
                   sink: Sink | None = None, run: DraftRun | None = None) -> Document:
        """Rewrite every part of a template-drafted document with the model, in parallel; returns a copy."""
        doc = doc.model_copy(deep=True)
        run = run or DraftRun()
        await run.execute(self, ctx, doc, units_of(ctx, doc, outline), sink or (lambda e: None))
        doc.writer = self.name
        return doc

    def _prompt(self, ctx: DraftContext, doc: Document, unit: Unit) -> list[BaseMessage]:
        """System rules and the section request."""
        f = ctx.facts
        rows = []
        for n, slot in enumerate(unit.slots, 1):
            row: dict[str, object] = {"段": n}
            if slot.heading:
                row["小标题（已有，不要重复）"] = slot.heading
            if slot.facts:
                row["事实"] = [t for it in slot.facts for t in (it.text, *it.details)]
            else:
                row["参考内容"] = slot.paragraph.text
            rows.append(row)
        data: dict[str, object] = {"文种": ctx.spec.name, "单位": f.organization or placeholder("organization"),
                                   "年度": f.year or placeholder("year"), "本部分": unit.heading, "段落": rows}
        if unit.role == "preamble" and f.context:
            data["背景"] = f.context
        length = 60 if ctx.spec.terse else 160
        variables = SectionVars(title=doc.title, heading=unit.heading, tense=unit.tense, count=len(unit.slots),
                                length=length, year_context=self._year_lines(ctx),
                                exemplars=self._exemplars(ctx, unit), data=as_data(data))
        return [SystemMessage(render("system.j2", SystemVars(doc_type=ctx.spec.name))),
                HumanMessage(render("section.j2", variables))]

    def _year_lines(self, ctx: DraftContext) -> list[str]:
        """The year's formulations."""
        yc = ctx.year_ctx
        if not yc:
            return []
        forms = yc.plan if ctx.spec.tense == "plan" else yc.summary
        lines = [f"{yc.year}年是{yc.theme}"] if yc.theme else []
        lines += [x for x in (forms.study, *forms.extras) if x]
        return lines + ([yc.note] if yc.note else [])

    def _exemplars(self, ctx: DraftContext, unit: Unit) -> list[str]:
        """One or two style samples for this kind of section."""
        ex = exemplars()
        by_role = {"preamble": ex.preamble, "closing": ex.closing, "problems": ex.problems,
                   "next_steps": ex.next_steps, "measures": ex.measures, "part": ex.next_steps}
        pool = by_role.get(unit.role) or (ex.terse if ctx.spec.terse else ex.plan if unit.tense == "plan"
                                          else ex.summary)
        return pool[:2]

    def _check(self, ctx: DraftContext, unit: Unit, reply: str) -> tuple[list[str], list[str]]:
        """The reply's paragraphs and the guard's problems with them."""
        split = split_paragraphs(reply, len(unit.slots))
        paras = [strip_heading(p, s.heading) for p, s in zip(split, unit.slots, strict=False)]
        problems = [] if len(split) == len(unit.slots) else [f"应写 {len(unit.slots)} 段，实际写了 {len(split)} 段"]
        sources = Sources.of(ctx.facts, unit.items)
        for n, (text, slot) in enumerate(zip(paras, unit.slots, strict=False), 1):
            problems += [f"第{n}段：{p}" for p in invented(text, sources)]
            problems += [f"第{n}段：{p}" for p in unclaimed(text, ctx.fit.notes + slot.paragraph.text)]
            required = [t for it in slot.facts for t in (it.text, *it.details)]
            problems += [f"第{n}段：{p}" for p in dropped(text, required, ctx.facts.year)]
        return paras, problems

    async def write_unit(self, client: ModelClient, ctx: DraftContext, doc: Document, unit: Unit, sink: Sink
                         ) -> tuple[list[str] | None, list[str]]:
        """Paragraph texts for a unit (None = the guard refused twice) and the problems found."""
        messages = self._prompt(ctx, doc, unit)

        def token(piece: str) -> None:
            sink(Event(unit.id, "token", piece, unit.heading))

        def retry(err: ModelError) -> None:
            sink(Event(unit.id, "retry", str(err), unit.heading))

        reply = await client.complete(messages, token, retry)
        paras, problems = self._check(ctx, unit, reply)
        if not problems:
            return paras, []
        sink(Event(unit.id, "repair", "；".join(problems), unit.heading))
        messages += [AIMessage(reply), HumanMessage(render("repair.j2", RepairVars(problems=problems,
                                                                                   count=len(unit.slots))))]
        reply = await client.complete(messages, token, retry)
        paras, problems = self._check(ctx, unit, reply)
        return (None if problems else paras), problems

    # ----- revising existing text -------------------------------------------------------------------

    async def arewrite_section(self, section: Section, instruction: str, facts: Facts | None = None,
                               year_context: list[str] | None = None) -> tuple[Section, list[str]]:
        """Rewrite a section's unlocked paragraphs to an instruction; refused replies keep the old text."""
        section = section.model_copy(deep=True)
        paragraphs = [p for p in section_paragraphs(section) if not p.locked and p.origin != "placeholder"]
        if not paragraphs:
            return section, []
        given = Sources.of(facts) if facts else Sources([], None)
        sources = Sources([*given.texts, *((p.id, p.text) for p in paragraphs)], given.year)
        data = as_data({"事实": [t for _, t in given.texts]})
        variables = RewriteVars(instruction=instruction, count=len(paragraphs), year_context=year_context or [],
                                original=as_data([p.text for p in paragraphs]), data=data)
        messages: list[BaseMessage] = [SystemMessage(render("system.j2", SystemVars(doc_type="文稿"))),
                                       HumanMessage(render("rewrite.j2", variables))]

        def check(reply: str) -> tuple[list[str], list[str]]:
            paras = split_paragraphs(reply, len(paragraphs))
            problems = [] if len(paras) == len(paragraphs) else [f"应写 {len(paragraphs)} 段，实际写了 {len(paras)} 段"]
            for n, text in enumerate(paras, 1):
                problems += [f"第{n}段：{p}" for p in invented(text, sources)]
            for n, (old, new) in enumerate(zip(paragraphs, paras, strict=False), 1):
                problems += [f"第{n}段：{p}" for p in dropped(new, [old.text], sources.year)]
                problems += [f"第{n}段：“{h}”必须原样保留" for h in PLACEHOLDER.findall(old.text) if h not in new]
            return paras, problems

        texts, problems = await self._revise(messages, check, len(paragraphs))
        if texts is None:
            return section, [f"改写没有采用：{'；'.join(problems)}，保留原文"]
        for p, text in zip(paragraphs, texts, strict=True):
            p.text, p.origin = text, "llm"
        return section, []

    async def apolish(self, paragraph: Paragraph) -> tuple[Paragraph, list[str]]:
        """A polished copy of a paragraph; a locked paragraph, or a reply that touches a figure, is refused."""
        if paragraph.locked:
            return paragraph, ["这一段已锁定，不作改动"]
        messages: list[BaseMessage] = [SystemMessage(render("system.j2", SystemVars(doc_type="文稿"))),
                                       HumanMessage(render("polish.j2", PolishVars(original=paragraph.text)))]

        def check(reply: str) -> tuple[list[str], list[str]]:
            text = unfenced("".join(split_paragraphs(reply, 1)), paragraph.text)
            return [text], same_figures(paragraph.text, text)

        texts, problems = await self._revise(messages, check, 1)
        if texts is None:
            return paragraph, [f"润色没有采用：{'；'.join(problems)}，保留原文"]
        return paragraph.model_copy(update={"text": texts[0], "origin": "llm"}), []

    def polish(self, paragraph: Paragraph) -> tuple[Paragraph, list[str]]:
        """apolish, from synchronous code."""
        return asyncio.run(self.apolish(paragraph))

    def rewrite_section(self, section: Section, instruction: str, facts: Facts | None = None
                        ) -> tuple[Section, list[str]]:
        """arewrite_section, from synchronous code."""
        return asyncio.run(self.arewrite_section(section, instruction, facts))

    async def _revise(self, messages: list[BaseMessage], check: Callable[[str], tuple[list[str], list[str]]],
                      count: int) -> tuple[list[str] | None, list[str]]:
        """One call, and one repair naming the problems; (None, problems) when the guard refuses both."""
        async with ModelClient(self.settings) as client:
            try:
                reply = await client.complete(messages)
                texts, problems = check(reply)
                if problems:
                    messages = [*messages, AIMessage(reply),
                                HumanMessage(render("repair.j2", RepairVars(problems=problems, count=count)))]
                    reply = await client.complete(messages)
                    texts, problems = check(reply)
            finally:
                self.add_usage(client)
        return (None if problems else texts), problems

    def add_usage(self, client: ModelClient) -> None:
        """Add a client's usage to this writer's."""
        self.usage.calls += client.usage.calls
        self.usage.prompt_tokens += client.usage.prompt_tokens
        self.usage.completion_tokens += client.usage.completion_tokens


class DraftRun:
    """One concurrent drafting run; a caller may cancel single parts while it runs."""

    def __init__(self) -> None:
        self.tasks: dict[str, asyncio.Task[tuple[list[str] | None, list[str]]]] = {}
        self.fatal: ModelError | None = None

    def cancel(self, unit_id: str) -> bool:
        """Stop one part; it keeps its previous text."""
        task = self.tasks.get(unit_id)
        return bool(task and task.cancel())

    async def execute(self, writer: LLMWriter, ctx: DraftContext, doc: Document, units: list[Unit],
                      sink: Sink) -> None:
        """Write all units concurrently and put the accepted texts into doc; failures keep the old text."""
        async with ModelClient(writer.settings) as client:
            for u in units:
                self.tasks[u.id] = asyncio.create_task(self._one(writer, client, ctx, doc, u, sink))
            results = await asyncio.gather(*self.tasks.values(), return_exceptions=True)
            writer.add_usage(client)
        for unit, result in zip(units, results, strict=True):
            doc.warnings += self._apply(unit, result, sink)
        written = sum(1 for r in results if isinstance(r, tuple) and r[0] is not None)
        if units and not written and self.fatal is None:  # every part timed out or failed: say so, exit 3
            self.fatal = ModelError(f"模型一部分也没有写成（{len(units)} 部分都超时、出错或不符合资料）", "all_failed")
        if self.fatal:
            doc.warnings.insert(0, f"{self.fatal}；稿中保留了内置模板写作器的文字")
        doc.warnings = list(dict.fromkeys(doc.warnings))

    async def _one(self, writer: LLMWriter, client: ModelClient, ctx: DraftContext, doc: Document, unit: Unit,
                   sink: Sink) -> tuple[list[str] | None, list[str]]:
        """One unit, stopping the others when the service itself is unusable (bad key, unreachable)."""
        sink(Event(unit.id, "start", heading=unit.heading))
        try:
            return await writer.write_unit(client, ctx, doc, unit, sink)
        except ModelError as err:
            if err.cause in FATAL and self.fatal is None:
                self.fatal = err
                for uid, task in self.tasks.items():
                    if uid != unit.id:
                        task.cancel()
            raise

    def _apply(self, unit: Unit, result: object, sink: Sink) -> list[str]:
        """Put one unit's result into the document; return warnings."""
        where = f"“{unit.heading}”" if unit.heading else "一部分"

        def emit(kind: EventKind, text: str = "") -> None:
            sink(Event(unit.id, kind, text, unit.heading))

        if isinstance(result, asyncio.CancelledError):
            emit("cancelled")
            return [] if self.fatal else [f"{where}已取消，保留原来的文字"]
        if isinstance(result, ModelError):
            emit("failed", str(result))
            return [] if result is self.fatal else [f"{where}：{result}；保留原来的文字"]
        if isinstance(result, BaseException):
            emit("failed", str(result))
            return [f"{where}：调用模型时出错（{type(result).__name__}）；保留原来的文字"]
        texts, problems = cast(tuple[list[str] | None, list[str]], result)
        if texts is None:
            emit("fallback", "；".join(problems))
            return [f"{where}：模型两次写出不符合资料的内容（{'；'.join(problems[:3])}），已改用模板写作器的文字"]
        for slot, text in zip(unit.slots, texts, strict=True):
            slot.paragraph.text, slot.paragraph.origin = text, "llm"
        emit("done")
        return []
