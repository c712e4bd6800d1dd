"""`fulian ui`: the Gradio workbench — 起草, 编辑, 改写, 校对 — on 127.0.0.1, every change autosaved."""

from __future__ import annotations

import atexit
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.choices import Backend
from assistant.llm.settings import ModelSettings, providers
from assistant.service.session import Session
from assistant.service.workers import Workers, direct
from assistant.store import Store
from assistant.ui import assets
from assistant.ui.check_tab import check_tab
from assistant.ui.draft_tab import draft_tab
from assistant.ui.edit_tab import edit_tab
from assistant.ui.login import Login
from assistant.ui.page import Page, now, recent
from assistant.ui.rewrite_tab import rewrite_tab
from assistant.ui.rollup_tab import rollup_tab

MAX_UPLOAD = "2mb"


def _settings() -> tuple[list[Any], Any]:
    """The settings panel: the inputs that go with every action that may call a model, and the key field (its
    value goes to the session once and the field is cleared, so no later request or page state carries it)."""
    with gr.Accordion("设置", open=False, elem_id="settings"):
        backend = gr.Radio([("内置模板写作器（离线）", Backend.template.value),
                            ("OpenAI 兼容模型服务", Backend.llm.value)], value=Backend.template.value, label="写作后端")
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
    return [backend, preset, base_url, model_name, intranet, allow_personal], api_key


def _documents(demo: gr.Blocks, page: Page, owner: Any, open_btn: Any, restore_btn: Any) -> None:
    """Start a session for the browser's owner id; open a recent document; restore a version."""
    def start(saved_owner: str) -> tuple[Session, str, Any]:
        who = saved_owner or uuid.uuid4().hex
        s = Session(page.store, who, run=page.run)
        return s, who, recent(s)

    def do_open(s: Session, doc_id: int | None) -> tuple[Any, ...]:
        if doc_id is None:
            return s, "请选择一篇文稿", gr.skip(), gr.skip()
        doc = s.reopen(int(doc_id))
        return s, f"已打开：{doc.title}", now(), s.notes or gr.skip()

    def do_restore(s: Session, version_id: int | None) -> tuple[Any, ...]:
        if version_id is None:
            return s, "请选择一个历史版本", gr.skip()
        s.restore(int(version_id))
        return s, f"已恢复第 {version_id} 版（原来的版本仍在历史里）", now()

    demo.load(start, [owner], [page.state, owner, page.recent])
    open_btn.click(do_open, [page.state, page.recent], [*page.out, page.notes])
    restore_btn.click(do_restore, [page.state, page.versions], page.out)


def _remember_key(s: Session | None, key: str) -> tuple[Any, str, str]:
    """Keep the key in this session on the server and empty the field."""
    if s is None or not key.strip():
        return s, "", gr.skip()
    s.api_key = key.strip()
    return s, "", "API 密钥已记在本次会话（只在服务器内存里，不保存、不显示；关闭页面即失效）"


def build(store: Store | None = None, workers: Workers | None = None) -> gr.Blocks:
    """The workbench: settings, the documents bar, and one tab per job."""
    # Gradio's copies of uploads and downloads: deleted an hour after they were made (and when the server starts)
    with gr.Blocks(title="妇联文稿助手", analytics_enabled=False, delete_cache=(600, 3600)) as demo:
        owner = gr.BrowserState(default_value="", storage_key="fulian-owner")
        state = gr.State(None)
        tick = gr.Number(0, visible=False)  # bumped after every change so the editor re-renders
        gr.Markdown("# 妇联文稿助手\n起草、编辑、改写、校对；每一处修改都自动保存，刷新页面不会丢失。")
        model_inputs, api_key = _settings()
        with gr.Row():
            recent_docs = gr.Dropdown(label="最近的文稿", choices=[], interactive=True)
            open_btn = gr.Button("打开", size="sm")
            versions = gr.Dropdown(label="历史版本", choices=[], interactive=True)
            restore_btn = gr.Button("恢复此版本", size="sm")
        status = gr.Markdown("", elem_id="status")
        shared = {"concurrency_id": "model", "concurrency_limit": ModelSettings().concurrency}  # one model queue
        folder = Path(tempfile.mkdtemp(prefix="fulian-ui-", dir=os.environ.get("GRADIO_TEMP_DIR")))  # owner-only
        page = Page(store or Store(), folder, state, status, tick, recent_docs, versions, model_inputs, shared,
                    run=workers.run if workers else direct)
        with gr.Tabs():
            with gr.Tab("起草", id="draft"):
                draft_tab(page)
            with gr.Tab("编辑", id="edit"):
                edit_tab(page)
            with gr.Tab("改写", id="rewrite"):
                rewrite_tab(page)
            with gr.Tab("校对", id="check"):
                check_tab(page)
            with gr.Tab("汇总", id="rollup"):
                rollup_tab(page)
        _documents(demo, page, owner, open_btn, restore_btn)
        api_key.blur(_remember_key, [state, api_key], [state, api_key, status])
    return demo


def serve(host: str = "127.0.0.1", port: int | None = None, auth: tuple[str, str] | None = None,
          store: Store | None = None, block: bool = True) -> gr.Blocks:
    """Start the workbench (never share=True); one queue limits concurrent model work for all sessions. Uploads
    and downloads live in an owner-only folder beside the drafts, not in the shared temp folder."""
    store = store or Store()
    if "GRADIO_TEMP_DIR" not in os.environ:
        uploads = store.path.parent / "uploads"
        uploads.mkdir(mode=0o700, exist_ok=True)
        uploads.chmod(0o700)
        os.environ["GRADIO_TEMP_DIR"] = str(uploads)
    workers = Workers()  # the jobs that need no model run here, beside each other, each with a time budget
    workers.warm()
    atexit.register(workers.close)
    demo = build(store, workers)
    close = demo.close

    def close_all(*args: Any, **kwargs: Any) -> None:
        workers.close()
        close(*args, **kwargs)

    demo.close = close_all  # type: ignore[method-assign]  # closing the server stops its workers too
    limit = ModelSettings().concurrency
    demo.queue(default_concurrency_limit=limit)
    login = Login(*auth) if auth else None  # wrong passwords slow the next tries down
    demo.launch(server_name=host, server_port=port, share=False, auth=login, max_file_size=MAX_UPLOAD,
                prevent_thread_lock=not block, show_error=False, quiet=not block,
                run_history=False, footer_links=[],  # no run history in the browser's storage, no API/runs links
                css=assets.css(), head=assets.head())
    return demo
