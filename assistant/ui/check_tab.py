"""The 校对 tab: any text pasted or uploaded → findings with their source → the safely fixed text as .docx."""

from __future__ import annotations

import uuid
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.ingest import removed_note
from assistant.service.checking import MAX_HITS, check_source
from assistant.service.exporting import export_text
from assistant.ui.page import Page, upload_path
from assistant.ui.rewrite_tab import UPLOAD_TYPES
from assistant.vocab import SEVERITY

PROGRESS = gr.Progress()  # Gradio fills in a handler's progress argument when its default is one of these


def check_tab(page: Page) -> None:
    """Lay out the tab and wire its button."""
    raw = gr.Textbox(label="粘贴要校对的文字", lines=10, elem_id="check-text")
    raw_file = gr.File(label="或上传文件", file_types=UPLOAD_TYPES, elem_id="check-file")
    check_btn = gr.Button("校对", elem_id="check-btn")
    said = gr.Markdown("", elem_id="check-said")
    table = gr.Dataframe(headers=["行", "级别", "原文", "问题", "依据"], interactive=False, elem_id="raw-findings",
                         wrap=True, column_widths=["6%", "8%", "18%", "44%", "24%"])
    fixed = gr.Textbox(label="自动修正后的文字（只改标点、序号、数字写法、繁体和易错词）", lines=10,
                       elem_id="fixed-text")
    fixed_docx = gr.DownloadButton("下载修正后的 Word（.docx）")

    def do_check(upload: str | None, text: str, progress: gr.Progress = PROGRESS) -> tuple[Any, ...]:
        try:
            if not upload and not text.strip():
                return "请先粘贴或上传要校对的文字", [], "", None
            progress(0.1, desc=f"读取并逐条检查{f' {len(text)} 字' if not upload else '上传的文件'}")
            c = page.run(check_source, upload_path(upload), text)
            if not c.text.strip():
                return "上传的文件里没有文字", [], "", None
            progress(0.9, desc="生成 Word 文件")
            path = page.folder / f"校对后-{uuid.uuid4().hex[:6]}.docx"
            page.run(export_text, c.fixed or c.text, path)
        except InputError as e:
            return f"**错误**：{e}", [], text, None
        found = [[c.text.count("\n", 0, f.start) + 1, SEVERITY[f.severity], c.text[f.start:f.end], f.message,
                  f"{f.tier}：{f.source}"] for f in c.report.findings]
        said = f"共 {len(found)} 处需要看一看" if found else "没有发现问题"
        if c.removed:
            said += f"；{removed_note(c.removed, '文字')}"
        if c.report.capped:
            said += f"；“{'”“'.join(c.report.capped)}”这几类太多，每类只列出前 {MAX_HITS} 处"
        return said, found, c.fixed, str(path)

    check_btn.click(do_check, [raw_file, raw], [said, table, fixed, fixed_docx], api_name="check")
