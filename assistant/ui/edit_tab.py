"""The 编辑 tab: every paragraph editable, regenerated, polished, locked or undone, each change a saved version;
the checker's findings with a jump to the paragraph; downloads of the open document."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.export.markdown import to_markdown
from assistant.layout import Block, blocks
from assistant.schemas import Document, Paragraph
from assistant.service.session import Session
from assistant.ui.diffs import diff_html
from assistant.ui.page import Page, left_out_md, plain_md, saved_versions, suggested
from assistant.ui.pages_view import import_box, text_and_pages, wire_import
from assistant.vocab import SEVERITY

# the paragraph may be on another page of the editor, drawn a moment later: look for it for up to 10 s
JUMP = """(pid) => { let tries = 0; const go = () => { const box = document.getElementById('para-' + pid);
  if (box) { box.scrollIntoView({block: 'center'}); box.querySelector('textarea')?.focus(); }
  else if (pid && tries++ < 100) setTimeout(go, 100); }; go(); return []; }"""
PAGE_PARAGRAPHS = 40  # a longer document is edited a page at a time (bench/ui_speed.py: ~27 ms per paragraph box)


def editor_pages(doc: Document) -> list[list[Block]]:
    """The document's lines in pages of at most PAGE_PARAGRAPHS paragraphs, a new page starting at a part's
    heading where it can."""
    pages: list[list[Block]] = [[]]
    count = 0
    for b in blocks(doc):
        boxed = b.kind in ("paragraph", "run_in")
        starts_part = b.kind in ("heading", "run_in") and b.level == 1
        if count and (count >= PAGE_PARAGRAPHS or (starts_part and count >= PAGE_PARAGRAPHS // 2)):
            pages.append([])
            count = 0
        pages[-1].append(b)
        count += boxed
    return pages


def page_label(n: int, page: list[Block]) -> str:
    """第 2 页（三、… 起）: where the page starts."""
    first = next((b for b in page if b.kind in ("heading", "run_in")), None)
    return f"第 {n} 页" + (f"（{plain_md(first.mark + first.heading)[:16]} 起）" if first else "")


def page_of(doc: Document, pid: str) -> int:
    """The editor page a paragraph is on (0 when not found)."""
    return next((n for n, page in enumerate(editor_pages(doc)) if any(b.id == pid for b in page)), 0)


def shown_findings(s: Session | None) -> list[list[str]]:
    """The findings as the table shows them (the paragraph each is in is kept for the jump, not shown)."""
    return [[n, severity, text, message, fix] for n, _, severity, text, message, fix in findings(s)]


def findings(s: Session | None) -> list[list[str]]:
    """The checker's findings as table rows."""
    if s is None or s.doc is None:
        return []
    text, report = s.check()
    return [[str(n), f.paragraph_id or "", SEVERITY[f.severity], text[f.start:f.end], f.message,
             "可自动修正" if f.safe else ""] for n, f in enumerate(report.findings, 1)]


def versions(s: Session) -> Any:
    """The versions dropdown of the open document."""
    if s.doc_id is None:
        return gr.update(choices=[], value=None)
    return gr.update(choices=[(f"第{v.id}版 · {v.note}", v.id) for v in s.store.versions(s.doc_id)], value=None)


def _fix_one(s: Session, number: float | None) -> str:
    """Apply the finding with this number (as the table shows it, from 1)."""
    if number is None:
        return "请先填写要修正的序号"
    n = int(number)
    return f"修正了第 {n} 条" if s.fix(n - 1) else f"第 {n} 条不能自动修正，请在段落里手动修改"


def _section_tools(page: Page, s: Session) -> None:
    """Whole-section actions: regenerate, polish, lock, undo."""
    assert s.doc is not None
    with gr.Row():
        section = gr.Dropdown([(sec.heading or sec.id, sec.id) for sec in s.doc.sections],
                              label="整节操作", scale=3, elem_id="section-pick", interactive=True)
        regen_section = gr.Button("重新生成本节", size="sm", elem_id="regen-section")
        polish_section = gr.Button("润色本节", size="sm", elem_id="polish-section")
        lock_section = gr.Button("锁定本节", size="sm", elem_id="lock-section")
        undo_section = gr.Button("撤销本节", size="sm", elem_id="undo-section")
    inputs, out = [page.state, section], page.edit_out
    lock_section.click(page.act(lambda s, sid: [s.lock(i, True) for i in s.section_paragraphs(sid or "")]), inputs, out)
    undo_section.click(page.act(lambda s, sid: [s.undo(i) for i in s.section_paragraphs(sid or "")]), inputs, out)
    regen_section.click(page.with_model(lambda s, m, sid: s.regenerate_many(s.section_paragraphs(sid), m) if sid
                                   else "请先选一节"),
                        [*inputs, *page.model_inputs], out, **page.shared)
    polish_section.click(page.with_model(lambda s, m, sid: suggested([s.propose_polish(pid, m)
                                                                 for pid in s.section_paragraphs(sid or "")]),
                                    shows=True),
                         [*inputs, *page.model_inputs], out, **page.shared)


def _paragraph(page: Page, s: Session, p: Paragraph, label: str, typing: Callable[[str], Any],
               views: list[Any]) -> None:
    """One paragraph's box, its buttons, and a pending polish to accept or reject."""
    with gr.Row(equal_height=False):
        # same key while the saved text is unchanged, so what the user is typing survives a re-render;
        # a new key when the server changed the text (regenerate, undo, fix)
        box = gr.Textbox(p.text, label=label + ("（已锁定）" if p.locked else ""), lines=3, interactive=not p.locked,
                         scale=8, elem_classes=["para"], elem_id=f"para-{p.id}",
                         key=f"para-{p.id}-{zlib.crc32(p.text.encode())}")
        with gr.Column(scale=1, min_width=120):
            regen = gr.Button("重新生成", size="sm", elem_id=f"regen-{p.id}")
            polish = gr.Button("润色", size="sm", elem_id=f"polish-{p.id}")
            lock = gr.Checkbox(p.locked, label="锁定", elem_id=f"lock-{p.id}")
            undo = gr.Button("撤销", size="sm", elem_id=f"undo-{p.id}")
    state, out = page.state, page.edit_out
    if p.id in s.pending:
        with gr.Row():
            gr.HTML("润色建议：" + diff_html(p.text, s.pending[p.id]), elem_id=f"diff-{p.id}")
            accept = gr.Button("接受", size="sm", elem_id=f"accept-{p.id}")
            reject = gr.Button("放弃", size="sm", elem_id=f"reject-{p.id}")
        accept.click(page.act(lambda s, pid=p.id: s.accept_polish(pid)), [state], out)
        reject.click(page.act(lambda s, pid=p.id: s.reject_polish(pid) or "已放弃润色建议", shows=True), [state], out)
    box.change(typing(p.id), [state, box], [state, page.status, *views], trigger_mode="always_last",
               show_progress="hidden")
    saved = box.blur(page.act(lambda s, text, pid=p.id: s.edit(pid, text), quiet=True), [state, box], out)
    if page.repaginate is not None:  # typing saved the text without a re-render: the pages follow when it is done
        fn, inputs, outputs = page.repaginate
        saved.then(fn, inputs, outputs, show_progress="hidden")
    lock.input(page.act(lambda s, on, pid=p.id: s.lock(pid, on)), [state, lock], out)
    undo.click(page.act(lambda s, pid=p.id: s.undo(pid)), [state], out)
    regen.click(page.with_model(lambda s, m, pid=p.id: s.regenerate(pid, m)), [state, *page.model_inputs], out,
                **page.shared)
    polish.click(page.with_model(lambda s, m, pid=p.id: suggested(s.propose_polish(pid, m)), shows=True),
                 [state, *page.model_inputs], out, **page.shared)


def _document(page: Page, s: Session, on_type: Callable[[str], Any], views: list[Any], part: Any,
              shown: int) -> None:
    """The document as it reads: title, numbered headings, and each paragraph's box under its heading; a long
    document one page at a time, with the pages to choose from above it."""
    assert s.doc is not None
    paragraphs = {p.id: p for p in s.doc.paragraphs()}
    pages = editor_pages(s.doc)
    shown = min(max(shown, 0), len(pages) - 1)
    if len(pages) > 1:
        pick = gr.Radio([(page_label(n, pg), n - 1) for n, pg in enumerate(pages, 1)], value=shown,
                        label=f"这篇文稿较长，分 {len(pages)} 页编辑（每页不超过 {PAGE_PARAGRAPHS} 段）",
                        elem_id="editor-pages", interactive=True)
        pick.input(lambda n: n, [pick], [part], show_progress="hidden")
    n = sum(1 for pg in pages[:shown] for b in pg if b.id in paragraphs)  # 第 N 段 counts on across pages
    for b in pages[shown]:
        if b.kind == "title":
            gr.Markdown(f"### {plain_md(b.text)}", elem_classes=["doc-title"])
        elif b.kind == "heading":
            gr.Markdown(f"**{plain_md(b.mark + b.text)}**", elem_classes=["doc-heading"])
        elif b.id in paragraphs:
            n += 1
            label = f"{b.mark}{b.heading}" if b.kind == "run_in" else f"第 {n} 段"
            _paragraph(page, s, paragraphs[b.id], label, on_type, views)


def edit_tab(page: Page) -> None:
    """Lay out the tab and wire its buttons."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=480):  # the document, paragraph by paragraph

            part = gr.Number(0, visible=False, elem_id="editor-part")  # which page of a long document is shown

            @gr.render(inputs=[page.state, page.tick, part], triggers=[page.tick.change, part.change])
            def editor(s: Session | None, _tick: float, shown: float) -> None:
                if s is None or s.doc is None:
                    gr.Markdown("先在“起草”“改写”里生成一篇文稿。")
                    return
                saved = len(s.store.versions(s.doc_id)) if s.doc_id else 0
                gr.HTML(f'<span class="rendered" data-doc="{s.doc_id}" data-version="{saved}"></span>', padding=False)
                _section_tools(page, s)
                _document(page, s, on_type, views, part, int(shown or 0))

        with gr.Column(scale=2, min_width=360):  # beside it: the checker, the downloads, the whole text
            with gr.Accordion("校对结果", open=True):
                check_btn = gr.Button("检查全文", elem_id="check-doc")
                table = gr.Dataframe(headers=["序号", "级别", "原文", "问题", "修正"], interactive=False,
                                     elem_id="findings", wrap=True, column_widths=["9%", "11%", "22%", "36%", "22%"])
                with gr.Row():
                    fix_index = gr.Number(label="修正第几条（序号）", precision=0, elem_id="fix-index")
                    fix_one = gr.Button("修正这一条", elem_id="fix-one")
                    fix_all = gr.Button("全部安全修正", elem_id="fix-all")
            with gr.Row():
                export_docx = gr.DownloadButton("下载 Word（.docx）", elem_id="download-docx")
                export_md = gr.DownloadButton("下载 Markdown（.md）", elem_id="download-md")
            edited = import_box()
            preview = text_and_pages(page)
            with gr.Accordion("未写入稿子的笔记", open=False, elem_id="left-out-box"):
                left_out = gr.Markdown("", elem_id="left-out")

    def refresh(s: Session | None) -> tuple[Any, ...]:
        """After every change: the preview, the versions, and fresh files behind the download buttons."""
        if s is None or s.doc is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        own = page.export_folder(s)
        return (to_markdown(s.doc), versions(s), str(s.export(own, "docx")), str(s.export(own, "md")),
                left_out_md(s.facts))

    views = page.views = [preview, page.versions, export_docx, export_md, left_out]
    page.refresh = refresh
    page.tick.change(refresh, [page.state], views, api_name="export")

    def on_type(pid: str) -> Callable[..., tuple[Any, ...]]:
        """Save a paragraph as it is typed, and refresh the preview and downloads, without redrawing the editor
        under the user's cursor."""
        def run(s: Session | None, text: str) -> tuple[Any, ...]:
            if s is None or s.doc is None:
                return s, gr.skip(), *[gr.skip()] * len(views)
            try:
                before = s.paragraph(pid).text
                if s.edit(pid, text, typing=True).text == before:  # a redrawn box, or nothing new
                    return s, gr.skip(), *[gr.skip()] * len(views)
            except (ValueError, KeyError) as e:
                return s, f"**未保存**：{e}", *[gr.skip()] * len(views)
            return s, f"已自动保存（共 {saved_versions(s)} 个版本）", *refresh(s)
        return run
    wire_import(page, *edited)
    check_btn.click(shown_findings, [page.state], [table])
    jump_to = gr.Textbox(visible=False)

    def pick(s: Session | None, shown: float, evt: gr.SelectData) -> tuple[str, Any]:
        """The finding's paragraph, and the editor page it is on (turned to when it is another)."""
        found = findings(s)
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        pid = found[row][1] if 0 <= row < len(found) else ""
        where = page_of(s.doc, pid) if pid and s is not None and s.doc is not None else shown
        return pid, where if where != shown else gr.skip()

    table.select(pick, [page.state, part], [jump_to, part]).then(None, [jump_to], None, js=JUMP)
    fix_all.click(page.act(lambda s: s.fix()), [page.state], page.edit_out).then(shown_findings, [page.state],
                                                                                  [table])
    fix_one.click(page.act(_fix_one), [page.state, fix_index], page.edit_out).then(shown_findings, [page.state],
                                                                                   [table])
