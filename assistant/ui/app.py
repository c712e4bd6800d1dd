"""`fulian ui`: the Gradio workbench — 起草, 编辑, 改写, 校对 — on 127.0.0.1, every change autosaved."""

from __future__ import annotations

import os
import re
import tempfile
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.choices import Backend, Mode
from assistant.errors import InputError
from assistant.llm.settings import ModelSettings, providers
from assistant.notes.account import changed, left_out
from assistant.polish import render_diff
from assistant.prompts import doctypes
from assistant.resources import examples_dir
from assistant.schemas import Facts
from assistant.service.checking import check_text
from assistant.service.drafting import Notes, outline
from assistant.service.exporting import export_text
from assistant.service.model import ModelChoice
from assistant.service.outline_rows import HEADERS
from assistant.service.privacy import anonymise
from assistant.service.rewriting import OldDocument, analyse
from assistant.service.session import Session
from assistant.store import Store
from assistant.ui.progress import Progress
from assistant.vocab import SEVERITY

MAX_UPLOAD = "2mb"
MODEL_INPUTS = 7  # backend, preset, base URL, model, key, intranet hosts, allow personal data
JUMP = """(pid) => { const box = document.getElementById('para-' + pid);
  if (box) { box.scrollIntoView({block: 'center'}); box.querySelector('textarea')?.focus(); } return []; }"""
UPLOAD_TYPES = [".docx", ".txt", ".md"]


def _examples() -> dict[str, str]:
    """Bundled example notes by name."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(examples_dir().glob("*.txt"))}


def _choice(backend: str, preset: str, base_url: str, model: str, key: str, intranet: str = "",
            allowed: bool = False) -> ModelChoice:
    """The model choice in the settings panel; the key lives only in this session's request, never in the page."""
    return ModelChoice(Backend(backend), provider=preset, base_url=base_url, model=model, api_key=key,
                       intranet=intranet, allow_personal=allowed)


def _outline(s: Session) -> str:
    """The open document as Markdown for reading."""
    from assistant.export.markdown import to_markdown

    return to_markdown(s.doc) if s.doc else "（还没有文稿）"


def _recent(s: Session) -> Any:
    """The recent-documents dropdown."""
    choices = [(f"{d.title}（{d.versions} 版）", d.id) for d in s.store.recent(s.owner)]
    return gr.update(choices=choices, value=s.doc_id if s.doc_id in [c[1] for c in choices] else None)


def _versions(s: Session) -> Any:
    """The versions dropdown of the open document."""
    if s.doc_id is None:
        return gr.update(choices=[], value=None)
    return gr.update(choices=[(f"第{v.id}版 · {v.note}", v.id) for v in s.store.versions(s.doc_id)], value=None)


def _findings(s: Session) -> list[list[str]]:
    """The checker's findings as table rows."""
    if s.doc is None:
        return []
    text, report = s.check()
    return [[str(n), f.paragraph_id or "", SEVERITY[f.severity], text[f.start:f.end], f.message,
             "可自动修正" if f.safe else ""] for n, f in enumerate(report.findings)]


def build(store: Store | None = None) -> gr.Blocks:
    """The workbench."""
    store = store or Store()

    with gr.Blocks(title="妇联文稿助手", analytics_enabled=False) as demo:
        owner = gr.BrowserState(default_value="", storage_key="fulian-owner")
        state = gr.State(None)
        tick = gr.Number(0, visible=False)  # bumped after every change so the editor re-renders
        gr.Markdown("# 妇联文稿助手\n起草、编辑、改写、校对；每一处修改都自动保存，刷新页面不会丢失。")

        with gr.Accordion("设置", open=False, elem_id="settings"):
            backend = gr.Radio([("内置模板写作器（离线）", Backend.template.value),
                                ("OpenAI 兼容模型服务", Backend.llm.value)],
                               value=Backend.template.value, label="写作后端")
            with gr.Row():
                preset = gr.Dropdown(["", *list(providers())], value="", label="模型服务预设")
                base_url = gr.Textbox(label="服务地址（可不填，用预设）")
                model_name = gr.Textbox(label="模型名（可不填，用预设）")
                api_key = gr.Textbox(label="API 密钥（只在本次会话使用，不保存）", type="password")
            with gr.Row():
                intranet = gr.Textbox(label="本单位内网的模型服务主机（逗号分隔，视同本机）", elem_id="intranet")
                allow_personal = gr.Checkbox(label="我已确认：含个人信息的内容可以发给这个模型服务", value=False,
                                             elem_id="allow-personal")
            gr.Markdown(f"当前环境：{ModelSettings().describe()}")

        with gr.Row():
            recent = gr.Dropdown(label="最近的文稿", choices=[], interactive=True)
            open_btn = gr.Button("打开", size="sm")
            versions = gr.Dropdown(label="历史版本", choices=[], interactive=True)
            restore_btn = gr.Button("恢复此版本", size="sm")
        status = gr.Markdown("", elem_id="status")
        OUT = [state, status, tick]

        with gr.Tabs():
            with gr.Tab("起草", id="draft"):
                example = gr.Dropdown(["", *list(_examples())], value="", label="载入示例笔记")
                with gr.Accordion("按表单填写（会整理成下面的笔记）", open=False, elem_id="facts-form"):
                    with gr.Row():
                        form_org = gr.Textbox(label="单位", elem_id="form-org")
                        form_year = gr.Number(label="年度", precision=0, elem_id="form-year")
                        form_superior = gr.Textbox(label="上级妇联（可不填）")
                    form_items = gr.Textbox(label="工作事项（每行一条）", lines=5, elem_id="form-items")
                    form_problems = gr.Textbox(label="存在的问题（总结用，每行一条，可不填）", lines=2)
                    form_measures = gr.Textbox(label="保障措施（计划用，每行一条，可不填）", lines=2)
                    form_btn = gr.Button("整理成笔记", elem_id="form-btn")
                notes = gr.Textbox(label="要点笔记（每行一条）", lines=12, elem_id="notes")
                doc_type = gr.Dropdown(["自动判断", *doctypes()], value="自动判断", label="文种")
                with gr.Row():
                    outline_btn = gr.Button("生成大纲（可调整）", elem_id="outline-btn")
                    draft_btn = gr.Button("生成", variant="primary", elem_id="draft-btn")
                    anon_btn = gr.Button("匿名化（人名、身份证号、电话）", elem_id="anon-btn")
                outline_table = gr.Dataframe(headers=HEADERS, interactive=True, elem_id="outline", wrap=True,
                                             label="大纲：改“部分标题”可重命名，改“部分序号”可调整顺序或把事项移到别的部分，"
                                                   "写一个新序号就是新增一部分；留空则按默认大纲")
                progress = gr.Markdown("", elem_id="progress")

            with gr.Tab("编辑", id="edit"):
                with gr.Accordion("未写入稿子的笔记", open=False, elem_id="left-out-box"):
                    left_out_md = gr.Markdown("", elem_id="left-out")
                preview = gr.Markdown("（还没有文稿）", elem_id="preview")

                @gr.render(inputs=[state, tick], triggers=[tick.change])
                def editor(s: Session | None, _tick: float) -> None:
                    if s is None or s.doc is None:
                        gr.Markdown("先在“起草”“改写”里生成一篇文稿。")
                        return
                    saved = len(s.store.versions(s.doc_id)) if s.doc_id else 0
                    gr.HTML(f'<span class="rendered" data-version="{saved}"></span>', padding=False)
                    with gr.Row():
                        section = gr.Dropdown([(sec.heading or sec.id, sec.id) for sec in s.doc.sections],
                                              label="整节操作", scale=3, elem_id="section-pick", interactive=True)
                        regen_section = gr.Button("重新生成本节", size="sm", elem_id="regen-section")
                        polish_section = gr.Button("润色本节", size="sm", elem_id="polish-section")
                        lock_section = gr.Button("锁定本节", size="sm", elem_id="lock-section")
                        undo_section = gr.Button("撤销本节", size="sm", elem_id="undo-section")
                    lock_section.click(_act(lambda s, sid: [s.lock(i, True) for i in s.section_paragraphs(sid or "")]),
                                       [state, section], OUT)
                    undo_section.click(_act(lambda s, sid: [s.undo(i) for i in s.section_paragraphs(sid or "")]),
                                       [state, section], OUT)
                    regen_section.click(_with_model(lambda s, m, sid: s.regenerate_many(s.section_paragraphs(sid), m)
                                                    if sid else 0), [state, section, *model_inputs], OUT, **shared)
                    polish_section.click(_with_model(lambda s, m, sid: [s.propose_polish(pid, m)
                                                                        for pid in s.section_paragraphs(sid or "")]),
                                         [state, section, *model_inputs], OUT, **shared)
                    for p in s.doc.paragraphs():
                        with gr.Row(equal_height=False):
                            # same key while the saved text is unchanged, so what the user is typing survives
                            # a re-render; a new key when the server changed the text (regenerate, undo, fix)
                            box = gr.Textbox(p.text, label=p.id + ("（已锁定）" if p.locked else ""), lines=3,
                                             interactive=not p.locked, scale=8, elem_classes=["para"],
                                             elem_id=f"para-{p.id}", key=f"para-{p.id}-{zlib.crc32(p.text.encode())}")
                            with gr.Column(scale=1, min_width=120):
                                regen = gr.Button("重新生成", size="sm", elem_id=f"regen-{p.id}")
                                polish = gr.Button("润色", size="sm", elem_id=f"polish-{p.id}")
                                lock = gr.Checkbox(p.locked, label="锁定", elem_id=f"lock-{p.id}")
                                undo = gr.Button("撤销", size="sm", elem_id=f"undo-{p.id}")
                        if p.id in s.pending:
                            with gr.Row():
                                gr.Markdown("润色建议：" + render_diff(_diff(s, p.id)), elem_id=f"diff-{p.id}")
                                accept = gr.Button("接受", size="sm", elem_id=f"accept-{p.id}")
                                reject = gr.Button("放弃", size="sm", elem_id=f"reject-{p.id}")
                            accept.click(_act(lambda s, pid=p.id: s.accept_polish(pid)), [state], OUT)
                            reject.click(_act(lambda s, pid=p.id: s.reject_polish(pid)), [state], OUT)
                        box.blur(_act(lambda s, text, pid=p.id: s.edit(pid, text)), [state, box], OUT)
                        lock.input(_act(lambda s, on, pid=p.id: s.lock(pid, on)), [state, lock], OUT)
                        undo.click(_act(lambda s, pid=p.id: s.undo(pid)), [state], OUT)
                        regen.click(_with_model(lambda s, m, pid=p.id: s.regenerate(pid, m)),
                                    [state, *model_inputs], OUT, **shared)
                        polish.click(_with_model(lambda s, m, pid=p.id: s.propose_polish(pid, m)),
                                     [state, *model_inputs], OUT, **shared)

                with gr.Accordion("校对结果", open=True):
                    check_btn = gr.Button("检查全文", elem_id="check-doc")
                    table = gr.Dataframe(headers=["序号", "段落", "级别", "原文", "问题", "修正"], interactive=False,
                                         elem_id="findings")
                    with gr.Row():
                        fix_index = gr.Number(label="修正第几条（序号）", precision=0)
                        fix_one = gr.Button("修正这一条")
                        fix_all = gr.Button("全部安全修正", elem_id="fix-all")
                with gr.Row():
                    export_docx = gr.DownloadButton("下载 Word（.docx）", elem_id="download-docx")
                    export_md = gr.DownloadButton("下载 Markdown（.md）", elem_id="download-md")

            with gr.Tab("改写", id="rewrite"):
                old_file = gr.File(label="上传去年的文稿（.docx/.txt/.md，不超过 2 MB）", file_types=UPLOAD_TYPES)
                old_text = gr.Textbox(label="或粘贴文字", lines=8, elem_id="old-text")
                with gr.Row():
                    to_year = gr.Number(label="改写到哪一年", precision=0, value=2026)
                    mode = gr.Radio([("新一年的总结", "summary"), ("新一年的计划", "plan")], value="summary",
                                    label="改写成")
                analyse_btn = gr.Button("分析需要更新的内容", elem_id="analyse-btn")
                stale = gr.Markdown("")
                figures = gr.Dataframe(headers=["编号", "内容", "原数据", "新数据"], interactive=True,
                                       elem_id="figures")
                rewrite_btn = gr.Button("改写", variant="primary", elem_id="rewrite-btn")

            with gr.Tab("校对", id="check"):
                raw = gr.Textbox(label="粘贴要校对的文字", lines=10, elem_id="check-text")
                raw_file = gr.File(label="或上传文件", file_types=UPLOAD_TYPES)
                check_raw_btn = gr.Button("校对", elem_id="check-btn")
                raw_table = gr.Dataframe(headers=["行", "级别", "原文", "问题", "依据"], interactive=False,
                                         elem_id="raw-findings")
                fixed = gr.Textbox(label="自动修正后的文字（只改标点、序号、数字写法、繁体和易错词）", lines=10,
                                   elem_id="fixed-text")
                fixed_docx = gr.DownloadButton("下载修正后的 Word（.docx）")

        # ----- wiring -------------------------------------------------------------------------------

        def start(saved_owner: str) -> tuple[Session, str, Any]:
            who = saved_owner or uuid.uuid4().hex
            s = Session(store, who)
            return s, who, _recent(s)

        demo.load(start, [owner], [state, owner, recent])
        example.change(lambda name: _examples().get(name, ""), [example], [notes])

        def make_outline_rows(text: str, kind: str) -> tuple[Any, str]:
            try:
                rows = outline(Notes(text=text), None if kind == "自动判断" else kind).rows
                return rows, "大纲已列出，调整后点“生成”"
            except InputError as e:
                return gr.skip(), f"**错误**：{e}"

        outline_btn.click(make_outline_rows, [notes, doc_type], [outline_table, status], api_name="outline")
        form_btn.click(form_notes, [form_org, form_year, form_superior, doc_type, form_items, form_problems,
                                    form_measures], [notes])

        def do_draft(s: Session | None, text: str, kind: str, rows: Any, *model_args: str) -> Iterator[tuple[Any, ...]]:
            s = s or Session(store, uuid.uuid4().hex)  # an API client has no page load
            if not text.strip():
                yield s, "请先填写要点笔记", gr.skip(), gr.skip(), gr.skip()
                return
            try:
                choice = _choice(*model_args)
                job = Progress()
                run = job.start(lambda sink: s.draft_notes(text, None if kind == "自动判断" else kind, choice,
                                                           _rows(rows) or None, sink))
                while not run.done():
                    yield s, "正在起草……", gr.skip(), gr.skip(), job.report()
                    job.wait(0.3)
                run.result()
            except InputError as e:
                yield s, f"**错误**：{e}（笔记原文仍在，没有丢失）", gr.skip(), gr.skip(), ""
                return
            note = "；".join(s.doc.warnings) if s.doc and s.doc.warnings else ""
            yield (s, f"已生成并保存（文稿编号 {s.doc_id}）：{s.doc.title}。{note}", _now(),  # type: ignore[union-attr]
                   _recent(s), job.report())

        model_inputs = [backend, preset, base_url, model_name, api_key, intranet, allow_personal]
        shared = {"concurrency_id": "model", "concurrency_limit": ModelSettings().concurrency}  # one queue for all
        draft_btn.click(do_draft, [state, notes, doc_type, outline_table, *model_inputs], [*OUT, recent, progress],
                        api_name="draft", **shared)
        anon_btn.click(anonymise, [notes], [notes])

        folder = Path(tempfile.mkdtemp(prefix="fulian-ui-"))

        def refresh(s: Session | None) -> tuple[Any, ...]:
            """After every change: the preview, the versions, and fresh files behind the download buttons."""
            if s is None or s.doc is None:
                return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            own = folder / uuid.uuid4().hex[:8]
            own.mkdir()
            return (_outline(s), _versions(s), str(s.export(own, "docx")), str(s.export(own, "md")),
                    _left_out(s.facts))

        tick.change(refresh, [state], [preview, versions, export_docx, export_md, left_out_md], api_name="export")

        def do_open(s: Session, doc_id: int | None) -> tuple[Any, ...]:
            if doc_id is None:
                return s, "请选择一篇文稿", gr.skip()
            s.reopen(int(doc_id))
            return s, f"已打开：{s.doc.title}", _now()  # type: ignore[union-attr]

        open_btn.click(do_open, [state, recent], OUT)

        def do_restore(s: Session, version_id: int | None) -> tuple[Any, ...]:
            if version_id is None:
                return s, "请选择一个历史版本", gr.skip()
            s.restore(int(version_id))
            return s, f"已恢复第 {version_id} 版（原来的版本仍在历史里）", _now()

        restore_btn.click(do_restore, [state, versions], OUT)

        check_btn.click(lambda s: _findings(s) if s else [], [state], [table])
        jump_to = gr.Textbox(visible=False)

        def pick(s: Session | None, evt: gr.SelectData) -> str:
            rows = _findings(s) if s else []
            row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
            return rows[row][1] if 0 <= row < len(rows) else ""

        table.select(pick, [state], [jump_to]).then(None, [jump_to], None, js=JUMP)
        fix_all.click(_act(lambda s: s.fix()), [state], OUT).then(_findings, [state], [table])
        fix_one.click(_act(lambda s, n: s.fix(int(n)) if n is not None else 0), [state, fix_index],
                      [state, status]).then(_findings, [state], [table])


        def do_analyse(s: Session, upload: str | None, text: str, year: float) -> tuple[Any, ...]:
            try:
                found = analyse(OldDocument(text, upload), int(year or 0))
            except InputError as e:
                return f"**错误**：{e}", []
            counts = {k: found.staleness.count(k) for k in ("year", "session", "figure", "formulation", "leftover")}
            summary = (f"**{found.document.title}**：旧年份 {counts['year']} 处，届次 {counts['session']} 处，"
                       f"数据 {counts['figure']} 个，过时提法 {counts['formulation']} 处，"
                       f"残留 {counts['leftover']} 处。在下表“新数据”一列填写新的数值，不填的会留下【待补】。")
            return summary, [[f.id, f.counts, f.text, ""] for f in found.figures]

        analyse_btn.click(do_analyse, [state, old_file, old_text, to_year], [stale, figures], api_name="analyse")

        def do_rewrite(s: Session, upload: str | None, text: str, year: float, how: str, table_rows: Any,
                       *model_args: str) -> tuple[Any, ...]:
            try:
                values = {str(r[0]): str(r[3]).strip() for r in _rows(table_rows) if len(r) > 3 and str(r[3]).strip()}
                done = s.rewrite(OldDocument(text, upload), int(year or 0), Mode(how), values, _choice(*model_args))
            except InputError as e:
                return s, f"**错误**：{e}", gr.skip(), gr.skip()
            return (s, f"已改写并保存：{done.document.title}，{len(done.result.unfilled)} 个数据留了【待补】", _now(),
                    _recent(s))

        rewrite_btn.click(do_rewrite, [state, old_file, old_text, to_year, mode, figures, *model_inputs],
                          [*OUT, recent], api_name="rewrite", **shared)

        def do_check(upload: str | None, text: str) -> tuple[Any, ...]:
            from assistant.ingest import read_source
            from assistant.service.checking import MAX_TEXT_BYTES

            try:
                body = read_source(upload, MAX_TEXT_BYTES, "文稿") if upload else text
                if not body.strip():
                    return [], "", None
                c = check_text(body, None, do_fix=True)
                path = folder / f"校对后-{uuid.uuid4().hex[:6]}.docx"
                export_text(c.fixed or body, path)
            except InputError as e:
                return [[0, "错误", "", str(e), ""]], text, None
            rows = [[body.count("\n", 0, f.start) + 1, SEVERITY[f.severity], body[f.start:f.end], f.message,
                     f"{f.tier}：{f.source}"] for f in c.report.findings]
            return rows, c.fixed, str(path)

        check_raw_btn.click(do_check, [raw_file, raw], [raw_table, fixed, fixed_docx], api_name="check")

    return demo


def form_notes(org: str, year: float | None, superior: str, kind: str, items: str, problems: str,
               measures: str) -> str:
    """The facts form written out as notes the parser reads (header lines, then bullets by group)."""
    lines = [f"单位：{org.strip()}" if org.strip() else "", f"年度：{int(year)}" if year else "",
             f"上级：{superior.strip()}" if superior.strip() else "", f"类型：{kind}" if kind != "自动判断" else ""]
    for label, block in (("", items), ("存在问题：", problems), ("保障措施：", measures)):
        bullets = [f"- {ln.strip().lstrip('-•·')}" for ln in block.splitlines() if ln.strip()]
        if bullets:
            lines += [label, *bullets]
    return "\n".join(ln for ln in lines if ln) + "\n"


def _diff(s: Session, pid: str) -> list[Any]:
    from assistant.polish import diff

    return diff(s.paragraph(pid).text, s.pending[pid])


def _now() -> float:
    """A fresh value for the re-render tick."""
    import time

    return time.time()


def _act(fn: Any) -> Any:
    """Run a session action; errors become a Chinese status line and the text stays as it was."""
    def run(s: Session, *args: Any) -> tuple[Any, str, Any]:
        if s is None or s.doc is None:
            return s, "还没有打开任何文稿", gr.skip()
        try:
            fn(s, *args)
        except (InputError, ValueError, KeyError) as e:
            return s, f"**未完成**：{e}（原文保留）", _now()
        count = len(s.store.versions(s.doc_id)) if s.doc_id else 0
        return s, f"已保存（共 {count} 个版本）", _now()
    return run


def _with_model(fn: Any) -> Any:
    """_act for actions that may call the model chosen in the settings panel (`extra` inputs come first)."""
    def run(s: Session, *args: Any) -> tuple[Any, str, Any]:
        extra, model_args = args[: len(args) - MODEL_INPUTS], args[len(args) - MODEL_INPUTS:]
        try:
            choice = _choice(*model_args)
        except (InputError, ValueError) as e:
            return s, f"**未完成**：{e}", gr.skip()
        return _act(lambda s2: fn(s2, choice, *extra))(s)  # type: ignore[no-any-return]
    return run


def _rows(table: Any) -> list[list[Any]]:
    """Rows of a Dataframe value (a pandas frame or a list)."""
    if hasattr(table, "values"):
        return [list(r) for r in table.values.tolist()]
    return [list(r) for r in table or []]


def serve(host: str = "127.0.0.1", port: int | None = None, auth: tuple[str, str] | None = None,
          store: Store | None = None, block: bool = True) -> gr.Blocks:
    """Start the workbench (never share=True); one queue limits concurrent model work for all sessions."""
    demo = build(store)
    limit = ModelSettings().concurrency
    demo.queue(default_concurrency_limit=limit)
    demo.launch(server_name=host, server_port=port, share=False, auth=auth, max_file_size=MAX_UPLOAD,
                prevent_thread_lock=not block, show_error=False, quiet=not block)
    return demo


def _left_out(facts: Facts | None) -> str:
    """The notes lines the draft leaves out, and what the reader changed, as Markdown."""
    if facts is None:
        return ""
    lines = [f"- {_plain_md(x)}" for x in [*changed(facts), *left_out(facts)]]
    return "\n".join(lines) if lines else "笔记的每一行都写进了稿子。"


def _plain_md(text: str) -> str:
    """Text shown as Markdown without being read as Markdown."""
    return re.sub(r"([\\`*_\[\]#<>|])", r"\\\1", text)
