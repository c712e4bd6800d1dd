"""The 汇总 tab: many units' 总结 uploaded → every figure and what it counts, in a table the user may correct →
totals, flags → the county draft, saved and edited like any other document."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.rollup.read import Reading, Source
from assistant.service.model import ModelChoice
from assistant.service.rollup import LEAVE_OUT, read_sources, rollup, table_rows, write_table
from assistant.service.session import Session
from assistant.ui.page import Page, choice, now, recent, rows, upload_path

UPLOAD_TYPES = [".docx", ".txt", ".md"]
STATUS = {"counted": "计入", "part": "“其中”分项，不另加", "stock": "累计数，未计入", "not_result": "不是今年的成绩",
          "elsewhere": "问题或打算部分", "unmapped": "没有对应指标", "unit_mismatch": "单位不一致，未计入",
          "outlier": "异常值，未计入", "excluded": "不计入"}
HEADERS = ["编号", "单位", "原文", "所在句子", "状态", "计入为（可改）"]


def figure_rows(readings: list[Reading]) -> list[list[str]]:
    """Every figure the reader found (dates and list numbers aside), with the indicator it is counted under."""
    return [[r.id, r.unit_name, r.text, r.sentence, STATUS[r.status] + (f"：{r.why}" if r.why else ""),
             (r.indicator or "") if r.status == "counted" else ""]
            for r in readings if r.status != "excluded"]


def corrections(readings: list[Reading], table: Any) -> dict[str, str]:
    """What the user changed in the 计入为 column (shown from these readings): an indicator's name, or blank for
    不计入."""
    before = {row[0]: row[5] for row in figure_rows(readings)}
    out = {}
    for row in rows(table):
        if len(row) < 6 or str(row[0]) not in before:
            continue
        now_as = str(row[5] or "").strip()
        if now_as != before[str(row[0])]:
            out[str(row[0])] = now_as or LEAVE_OUT
    return out


def rollup_tab(page: Page) -> None:
    """Lay out the tab and wire its buttons."""
    files = gr.File(label="上传各乡镇（社区）的工作总结（.docx/.txt/.md，可多选，每份不超过 2 MB）",
                    file_types=UPLOAD_TYPES, file_count="multiple", elem_id="rollup-files")
    with gr.Row():
        unit = gr.Textbox(label="汇总单位", placeholder="如：清河县妇联", elem_id="rollup-unit")
        year = gr.Number(None, label="年度（不填时从各份总结读出）", precision=0, elem_id="rollup-year")
    read_btn = gr.Button("读取并汇总", elem_id="rollup-read")
    said = gr.Markdown("", elem_id="rollup-said")
    totals = gr.Dataframe(label="汇总表（各单位报送数之和）", interactive=False, elem_id="rollup-totals", wrap=True)
    flags = gr.Markdown("", elem_id="rollup-flags")
    with gr.Accordion("每个数字算在哪一项（可改“计入为”一列：填指标名就计入，清空就不计入）", open=False):
        figures = gr.Dataframe(headers=HEADERS, interactive=True, elem_id="rollup-figures", wrap=True,
                               static_columns=[0, 1, 2, 3, 4], column_widths=["8%", "12%", "12%", "40%", "14%", "14%"])
    plans = gr.Textbox(label="下一年打算的要点（可不填，不填时这一部分留【待补】）", lines=4, elem_id="rollup-notes")
    with gr.Row():
        draft_btn = gr.Button("按表格起草汇总稿", variant="primary", elem_id="rollup-draft")
        table_file = gr.DownloadButton("下载汇总表（.xlsx）", elem_id="rollup-xlsx", visible=False)
    read_state = gr.State(None)  # the sources as read, so corrections apply to the same figures

    def shown(sources: list[Source], name: str, when: float | None, mapping: dict[str, str] | None,
              s: Session | None, model: ModelChoice | None = None, notes: str = "") -> tuple[Any, ...]:
        done = rollup([], name.strip() or None, int(when) if when else None, mapping, sources, model, notes)
        folder = page.export_folder(s) if s is not None else page.folder
        path = folder / "汇总表.xlsx"
        write_table(done.table, path)
        table = table_rows(done.table)
        flagged = "\n".join(f"- {f.message}" for f in done.table.flags)
        note = "；".join(done.warnings)
        return (f"读取了 {len(sources)} 份总结（{'、'.join(done.table.units)}），汇总出 {len(done.table.totals)} 项指标"
                + (f"；{note}" if note else ""),
                gr.update(value=table[1:], headers=table[0]), ("**需核对**\n" + flagged) if flagged else "",
                gr.update(value=str(path), visible=True), done)

    def do_read(s: Session | None, uploads: list[Any] | None, name: str, when: float | None) -> tuple[Any, ...]:
        paths = [p for p in (upload_path(u) for u in uploads or []) if p]
        try:
            sources = page.run(read_sources, paths, int(when) if when else None)
            said_, table, flagged, xlsx, done = shown(sources, name, when, None, s)
        except InputError as e:
            return f"**未完成**：{e}", gr.skip(), gr.skip(), gr.skip(), gr.skip(), None
        return said_, table, flagged, figure_rows(done.table.readings), xlsx, sources

    read_btn.click(do_read, [page.state, files, unit, year], [said, totals, flags, figures, table_file, read_state])

    def do_draft(s: Session, sources: list[Source] | None, table: Any, name: str, when: float | None, notes: str,
                 *model_args: Any) -> tuple[Any, ...]:
        if not sources:
            return s, "请先上传各单位的总结，点“读取并汇总”", gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        fresh = _copy(sources)  # corrections apply to a copy: the table stays re-editable
        shown_before = rollup([], None, None, None, sources).table.readings  # what the 计入为 column first showed
        try:
            model = choice(s, *model_args)
            said_, totals_, flagged, xlsx, done = shown(fresh, name, when, corrections(shown_before, table), s,
                                                        model, notes)
        except (InputError, ValueError) as e:
            return s, f"**未完成**：{e}", gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        s.open_new(done.document, None, "汇总")
        status = f"已起草汇总稿并保存（文稿编号 {s.doc_id}），到“编辑”里修改；{said_}"
        return s, status, now(), recent(s), totals_, flagged, xlsx

    draft_btn.click(do_draft, [page.state, read_state, figures, unit, year, plans, *page.model_inputs],
                    [*page.out, page.recent, totals, flags, table_file], **page.shared)


def _copy(sources: list[Source]) -> list[Source]:
    """The sources with their own copies of the readings."""
    return [Source(s.file, s.unit_name, s.year, s.document, list(s.readings), s.problems) for s in sources]

