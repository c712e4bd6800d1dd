"""The 改写 tab: last year's document uploaded or pasted → what is out of date → new figures → a saved rewrite."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.choices import Mode
from assistant.errors import InputError
from assistant.service.rewriting import OldDocument, analyse
from assistant.service.session import Session
from assistant.ui.page import Page, choice, now, recent, rows, upload_path

UPLOAD_TYPES = [".docx", ".txt", ".md"]


def rewrite_tab(page: Page) -> None:
    """Lay out the tab and wire its buttons."""
    old_file = gr.File(label="上传去年的文稿（.docx/.txt/.md，不超过 2 MB）", file_types=UPLOAD_TYPES,
                       elem_id="old-file")
    old_text = gr.Textbox(label="或粘贴文字", lines=8, elem_id="old-text")
    with gr.Row():
        to_year = gr.Number(label="改写到哪一年", precision=0, value=2026)
        mode = gr.Radio([("新一年的总结", Mode.summary.value), ("新一年的计划", Mode.plan.value)],
                        value=Mode.summary.value, label="改写成")
    analyse_btn = gr.Button("分析需要更新的内容", elem_id="analyse-btn")
    stale = gr.Markdown("")
    figures = gr.Dataframe(headers=["编号", "内容", "原数据", "新数据"], interactive=True, elem_id="figures", wrap=True,
                           column_widths=["8%", "52%", "20%", "20%"], static_columns=[0, 1, 2])
    rewrite_btn = gr.Button("改写", variant="primary", elem_id="rewrite-btn")

    def do_analyse(upload: str | None, text: str, year: float) -> tuple[Any, ...]:
        try:
            found = page.run(analyse, OldDocument(text, upload_path(upload)), int(year or 0))
        except InputError as e:
            return f"**错误**：{e}", []
        summary = (f"**{found.document.title}**：{found.staleness.summary()}。"
                   "在下表“新数据”一列填写新的数值，不填的会留下【待补】。")
        return summary, [[f.id, f.counts, f.text, ""] for f in found.figures]

    analyse_btn.click(do_analyse, [old_file, old_text, to_year], [stale, figures], api_name="analyse")

    def do_rewrite(s: Session, upload: str | None, text: str, year: float, how: str, table: Any,
                   *model_args: Any) -> tuple[Any, ...]:
        try:
            values = {str(r[0]): str(r[3]).strip() for r in rows(table) if len(r) > 3 and str(r[3]).strip()}
            old = OldDocument(text, upload_path(upload))
            done = s.rewrite(old, int(year or 0), Mode(how), values, choice(s, *model_args))
        except InputError as e:
            return s, f"**错误**：{e}", gr.skip(), gr.skip()
        said = (f"已改写并保存（文稿编号 {s.doc_id}）：{done.document.title}，"
                f"{len(done.result.unfilled)} 个数据留了【待补】")
        if done.verify_note():
            said += f"；{done.verify_note()}"
        return s, said, now(), recent(s)

    rewrite_btn.click(do_rewrite, [page.state, old_file, old_text, to_year, mode, figures, *page.model_inputs],
                      [*page.out, page.recent], api_name="rewrite", **page.shared)
