"""What every tab of the workbench shares: the session state, the status line, the model settings, and how an
action reports back (a saved version, or a Chinese message with the text left as it was)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.choices import Backend
from assistant.errors import InputError
from assistant.prompts import doctype
from assistant.schemas import Facts
from assistant.service.drafting import reader_notes
from assistant.service.model import ModelChoice
from assistant.service.session import Session
from assistant.service.workers import direct
from assistant.store import Store

KEEP_EXPORTS = 3  # download folders kept per browser
MODEL_INPUTS = 6  # backend, preset, base URL, model, intranet hosts, allow personal data (the key stays server-side)


@dataclass
class Page:
    """The components and resources the tabs wire their events to."""

    store: Store
    folder: Path  # where download files are written
    state: Any  # gr.State holding the Session
    status: Any  # the status line
    tick: Any  # bumped after every change so the editor re-renders
    recent: Any  # the recent-documents dropdown
    versions: Any  # the versions dropdown of the open document
    model_inputs: list[Any]
    shared: dict[str, Any]  # one queue for all model work
    notes: Any = None  # the notes box of the 起草 tab (set when that tab is built)
    run: Callable[..., Any] = direct  # where work without a model runs: the server's worker pool

    views: list[Any] = field(default_factory=list)  # the preview and downloads of the 编辑 tab (set by it)
    refresh: Callable[[Session], tuple[Any, ...]] | None = None  # their new values for a session
    exports: dict[str, list[Path]] = field(default_factory=dict)  # each browser's latest download folders
    repaginate: tuple[Callable[..., Any], list[Any], list[Any]] | None = None  # 版面预览's event (fn, in, out)

    def export_folder(self, s: Session) -> Path:
        """A fresh folder for this browser's downloads; older ones are deleted, but not the last few: a download
        clicked while a refresh is on its way still finds the file its button points to."""
        import shutil
        import uuid

        kept = self.exports.setdefault(s.owner, [])
        while len(kept) >= KEEP_EXPORTS:
            shutil.rmtree(kept.pop(0), ignore_errors=True)
        own = self.folder / uuid.uuid4().hex[:8]
        own.mkdir()
        kept.append(own)
        return own

    @property
    def out(self) -> list[Any]:
        """What every document action updates."""
        return [self.state, self.status, self.tick]

    @property
    def edit_out(self) -> list[Any]:
        """What an editor action updates: the status, the editor and, in the same response, the preview and the
        downloads (so a download right after a fix has the fix)."""
        return [*self.out, *self.views]

    def act(self, fn: Callable[..., Any], **how: bool) -> Callable[..., tuple[Any, ...]]:
        """act() whose response also carries the views."""
        return self._shown(act(fn, **how))

    def with_model(self, fn: Callable[..., Any], **how: bool) -> Callable[..., tuple[Any, ...]]:
        """with_model() whose response also carries the views."""
        return self._shown(with_model(fn, **how))

    def _shown(self, run: Callable[..., tuple[Any, Any, Any]]) -> Callable[..., tuple[Any, ...]]:
        def wrapped(*args: Any) -> tuple[Any, ...]:
            s, status, tick = run(*args)
            changed = isinstance(tick, float) and self.refresh is not None and s is not None and s.doc is not None
            return s, status, tick, *(self.refresh(s) if changed and self.refresh else [gr.skip()] * len(self.views))
        return wrapped


def choice(s: Session | None, backend: str, preset: str, base_url: str, model: str, intranet: str = "",
           allowed: bool = False) -> ModelChoice:
    """The model choice in the settings panel, with the key this session was given (kept on the server only)."""
    return ModelChoice(Backend(backend), provider=preset, base_url=base_url, model=model,
                       api_key=s.api_key if s else "", intranet=intranet, allow_personal=allowed)


def now() -> float:
    """A fresh value for the re-render tick."""
    return time.time()


def _kind(doc_type: str | None) -> str:
    """The type's name and a separator, or nothing for a type this installation does not know."""
    try:
        return f"{doctype(doc_type).name} · " if doc_type else ""
    except (KeyError, InputError):
        return ""


def recent(s: Session) -> Any:
    """The recent-documents dropdown."""
    choices = [(f"#{d.id} {d.title}（{_kind(d.doc_type)}{time.strftime('%m月%d日 %H:%M', time.localtime(d.updated))}，"
                f"{d.versions} 版）", d.id) for d in s.store.recent(s.owner)]
    return gr.update(choices=choices, value=s.doc_id if s.doc_id in [c[1] for c in choices] else None)


def act(fn: Callable[..., Any], quiet: bool = False, shows: bool = False) -> Callable[..., tuple[Any, Any, Any]]:
    """Run a session action and say what it did: a saved version, nothing changed (no version saved), or why it
    could not be done (the text stays as it was). A message the action returns is added to the status line;
    `quiet` actions (leaving a box unchanged) say nothing when they change nothing; `shows` actions (a polish
    suggestion) redraw the editor without saving."""
    def run(s: Session, *args: Any) -> tuple[Any, Any, Any]:
        if s is None or s.doc is None:
            return s, "还没有打开任何文稿", gr.skip()
        before = saved_versions(s)
        try:
            said = fn(s, *args)
        except (InputError, ValueError, KeyError) as e:
            return s, f"**未完成**：{e}（原文保留）", now()
        note = said if isinstance(said, str) else ""
        after = saved_versions(s)
        if after == before:
            status = gr.skip() if quiet and not note else note if shows else f"{note or '没有改动'}（没有保存新版本）"
            return s, status, now() if shows else gr.skip()
        return s, f"已保存（共 {after} 个版本）" + (f"：{note}" if note else ""), now()
    return run


def saved_versions(s: Session) -> int:
    return len(s.store.versions(s.doc_id)) if s.doc_id else 0


def with_model(fn: Callable[..., Any], shows: bool = False) -> Callable[..., tuple[Any, Any, Any]]:
    """act() for actions that may call the model chosen in the settings panel (`extra` inputs come first)."""
    def run(s: Session, *args: Any) -> tuple[Any, Any, Any]:
        extra, model_args = args[: len(args) - MODEL_INPUTS], args[len(args) - MODEL_INPUTS:]
        try:
            chosen = choice(s, *model_args)
        except (InputError, ValueError) as e:
            return s, f"**未完成**：{e}", gr.skip()
        return act(lambda s2: fn(s2, chosen, *extra), shows=shows)(s)
    return run


def suggested(edits: list[Any]) -> str:
    """What a polish proposal says."""
    return "润色建议在段落下面，点“接受”才会保存" if any(edits) else "润色后没有需要修改的地方"


def rows(table: Any) -> list[list[Any]]:
    """Rows of a Dataframe value (a pandas frame or a list)."""
    if hasattr(table, "values"):
        return [list(r) for r in table.values.tolist()]
    return [list(r) for r in table or []]


def left_out_md(facts: Facts | None) -> str:
    """The notes lines the draft leaves out, and what the reader changed, as Markdown."""
    if facts is None:
        return ""
    lines = [f"- {plain_md(x)}" for x in reader_notes(facts)]
    return "\n".join(lines) if lines else "笔记的每一行都写进了稿子。"


def upload_path(upload: Any) -> str | None:
    """An uploaded file's path as a plain str (Gradio's own str subclass would make a worker import Gradio)."""
    return str(upload) if upload else None


def plain_md(text: str) -> str:
    """Text shown as Markdown without being read as Markdown."""
    return re.sub(r"([\\`*_\[\]#<>|])", r"\\\1", text)
