"""The 起草 tab: notes typed, pasted or filled in a form → an outline the user may arrange → a saved draft."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.prompts import doctypes
from assistant.resources import examples_dir
from assistant.service.drafting import Notes, outline
from assistant.service.outline_rows import HEADERS
from assistant.service.privacy import anonymise
from assistant.service.session import Session
from assistant.ui.page import Page, choice, now, recent, rows
from assistant.ui.progress import Progress

AUTO = "自动判断"


def examples() -> dict[str, str]:
    """Bundled example notes by name."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(examples_dir().glob("*.txt"))}


def _kind(kind: str) -> str | None:
    return None if kind == AUTO else kind


def form_notes(org: str, year: float | None, superior: str, kind: str, items: str, problems: str,
               measures: str) -> str:
    """The facts form written out as notes the parser reads (header lines, then bullets by group)."""
    lines = [f"单位：{org.strip()}" if org.strip() else "", f"年度：{int(year)}" if year else "",
             f"上级：{superior.strip()}" if superior.strip() else "", f"类型：{kind}" if kind != AUTO else ""]
    for label, block in (("", items), ("存在问题：", problems), ("保障措施：", measures)):
        bullets = [f"- {ln.strip().lstrip('-•·')}" for ln in block.splitlines() if ln.strip()]
        if bullets:
            lines += [label, *bullets]
    return "\n".join(ln for ln in lines if ln) + "\n"


def draft_tab(page: Page) -> None:
    """Lay out the tab and wire its buttons."""
    example = gr.Dropdown(["", *list(examples())], value="", label="载入示例笔记")
    with gr.Accordion("按表单填写（会整理成下面的笔记）", open=False, elem_id="facts-form"):
        with gr.Row():
            form_org = gr.Textbox(label="单位", elem_id="form-org")
            form_year = gr.Number(label="年度", precision=0, elem_id="form-year")
            form_superior = gr.Textbox(label="上级妇联（可不填）")
        form_items = gr.Textbox(label="工作事项（每行一条）", lines=5, elem_id="form-items")
        form_problems = gr.Textbox(label="存在的问题（总结用，每行一条，可不填）", lines=2)
        form_measures = gr.Textbox(label="保障措施（计划用，每行一条，可不填）", lines=2)
        form_btn = gr.Button("整理成笔记", elem_id="form-btn")
    notes = page.notes = gr.Textbox(label="要点笔记（每行一条）", lines=12, elem_id="notes")
    doc_type = gr.Dropdown([AUTO, *doctypes()], value=AUTO, label="文种")
    with gr.Row():
        outline_btn = gr.Button("生成大纲（可调整）", elem_id="outline-btn")
        draft_btn = gr.Button("生成", variant="primary", elem_id="draft-btn")
        anon_btn = gr.Button("匿名化（人名、身份证号、电话）", elem_id="anon-btn")
    outline_table = gr.Dataframe(headers=HEADERS, interactive=True, elem_id="outline", wrap=True,
                                 label="大纲：改“部分标题”可重命名，改“部分序号”可调整顺序或把事项移到别的部分，"
                                       "写一个新序号就是新增一部分；留空则按默认大纲")
    progress = gr.Markdown("", elem_id="progress")

    example.change(lambda name: examples().get(name, ""), [example], [notes])
    form_btn.click(form_notes, [form_org, form_year, form_superior, doc_type, form_items, form_problems,
                                form_measures], [notes])
    anon_btn.click(anonymise, [notes], [notes])

    def make_outline_rows(text: str, kind: str) -> tuple[Any, str]:
        try:
            return page.run(outline, Notes(text=text), _kind(kind)).rows, "大纲已列出，调整后点“生成”"
        except InputError as e:
            return gr.skip(), f"**错误**：{e}"

    outline_btn.click(make_outline_rows, [notes, doc_type], [outline_table, page.status], api_name="outline")

    def do_draft(s: Session | None, text: str, kind: str, table: Any, *model_args: Any) -> Iterator[tuple[Any, ...]]:
        s = s or Session(page.store, uuid.uuid4().hex, run=page.run)  # an API client has no page load
        if not text.strip():
            yield s, "请先填写要点笔记", gr.skip(), gr.skip(), gr.skip()
            return
        try:
            chosen = choice(s, *model_args)
            job = Progress()
            run = job.start(lambda sink: s.draft_notes(text, _kind(kind), chosen, rows(table) or None, sink))
            while not run.done():
                yield s, "正在起草……", gr.skip(), gr.skip(), job.report()
                job.wait(0.3)
            run.result()
        except InputError as e:
            yield s, f"**错误**：{e}（笔记原文仍在，没有丢失）", gr.skip(), gr.skip(), ""
            return
        doc = s.doc
        note = "；".join(doc.warnings) if doc and doc.warnings else ""
        yield s, f"已生成并保存（文稿编号 {s.doc_id}）：{doc.title if doc else ''}。{note}", now(), recent(s), \
            job.report()

    draft_btn.click(do_draft, [page.state, notes, doc_type, outline_table, *page.model_inputs],
                    [*page.out, page.recent, progress], api_name="draft", **page.shared)
