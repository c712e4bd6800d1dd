"""Beside the editor: the document as text or as its printed pages (版面预览, with the PDF), and an edited copy
from WPS/Word brought back with its paragraph diff."""

from __future__ import annotations

import html
import zlib
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.service.preview import preview as preview_pages
from assistant.service.roundtrip import EditImported
from assistant.service.session import Session
from assistant.ui.diffs import diff_html
from assistant.ui.page import Page, upload_path


def text_and_pages(page: Page) -> Any:
    """The 全文 / 版面预览 tabs; the pages render while their tab is shown and follow every change. Returns the
    全文 Markdown component."""
    with gr.Tabs():
        with gr.Tab("全文", id="text-view") as text_view:
            text = gr.Markdown("（还没有文稿）", elem_id="preview")
        with gr.Tab("版面预览", id="page-view", elem_id="page-view") as page_view:
            note = gr.Markdown("", elem_id="page-note")
            images = gr.Gallery(columns=1, height=720, object_fit="contain", show_label=False,
                                elem_id="page-images", visible=False)
            approximate = gr.HTML("", elem_id="page-html", visible=False)
            pdf = gr.DownloadButton("下载 PDF", elem_id="download-pdf", visible=False)
    shown = gr.State(False)  # the pages are rendered only while 版面预览 is the tab shown

    def pages(s: Session | None, on: bool) -> tuple[Any, ...]:
        """The rendered pages (or the approximate HTML page) and the PDF behind the download button."""
        if not on or s is None or s.doc is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        try:
            done = page.run(preview_pages, s.doc, page.folder / "pages" / f"{zlib.crc32(s.owner.encode()):08x}")
        except InputError as e:
            hidden = gr.update(visible=False)
            return f"**预览未完成**：{e}", hidden, hidden, hidden
        return (done.note, gr.update(value=[str(x) for x in done.images], visible=bool(done.images)),
                gr.update(value=done.html, visible=bool(done.html)),
                gr.update(value=str(done.pdf) if done.pdf else None, visible=done.pdf is not None))

    page.repaginate = (pages, [page.state, shown], [note, images, approximate, pdf])
    page_view.select(lambda: True, None, [shown]).then(*page.repaginate)
    text_view.select(lambda: False, None, [shown])
    page.tick.change(*page.repaginate, show_progress="hidden")
    return text


def import_box() -> tuple[Any, Any]:
    """The upload for an edited copy and the place its diff is shown."""
    with gr.Accordion("导入 WPS/Word 修改稿", open=False, elem_id="import-box"):
        gr.Markdown("下载的 Word 稿在 WPS 或 Word 里改过后，传回来：逐段对照，存为新版本（旧版本都还在）。")
        upload = gr.UploadButton("上传改过的 .docx", file_types=[".docx"], elem_id="import-edit")
        shown = gr.HTML("", elem_id="import-diff")
    return upload, shown


def wire_import(page: Page, upload: Any, shown: Any) -> None:
    """Import the uploaded copy into the open document (after the editor's views exist: they refresh with it)."""
    def bring_back(s: Session, file: Any) -> str:
        path = upload_path(file)
        if path is None:
            raise ValueError("没有收到文件")
        return s.import_edit(path).summary()

    upload.upload(page.act(bring_back), [page.state, upload], page.edit_out).then(
        lambda s: changes_html(s.imported) if s is not None and s.imported else "", [page.state], [shown])


def changes_html(done: EditImported) -> str:
    """The paragraph diff of an imported copy: each change, locked paragraphs in red, figures typed by hand."""
    if not done.changes:
        return "<p>修改稿和当前版本一样。</p>"
    label = {"changed": "改", "added": "增", "removed": "删"}
    rows = []
    for c in done.changes:
        flag = '<b style="color:#b42318">锁定段落被改动，请核对</b> ' if c.locked else ""
        rows.append(f'<li class="change-{c.kind}">{flag}【{label[c.kind]}】{diff_html(c.old, c.new)}</li>')
    own = "".join(f"<li>{html.escape(t.figure)}</li>" for t in done.by_hand)
    hand = f"<p>手工加入的数据（已标为用户自填，不在原笔记里）：</p><ul>{own}</ul>" if own else ""
    return f'<ol class="import-changes">{"".join(rows)}</ol>{hand}'
