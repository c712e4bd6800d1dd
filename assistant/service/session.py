"""The workbench's jobs, without Gradio: one session's open document, its edits, and a saved version after each
change, so nothing typed or generated is lost."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from assistant.checks import CheckReport, apply_fixes, check_document, document_text
from assistant.choices import Backend
from assistant.pipeline import draft as write_draft
from assistant.polish import Edit, diff
from assistant.rewrite.modes import Mode
from assistant.schemas import Document, Facts, Origin, Paragraph, section_paragraphs
from assistant.service.checking import polish
from assistant.service.drafting import Drafted, Notes, draft
from assistant.service.exporting import export
from assistant.service.model import TEMPLATE, ModelChoice, choose_model
from assistant.service.rewriting import OldDocument, Rewrote, rewrite
from assistant.service.roundtrip import EditImported, import_into_store
from assistant.service.workers import direct
from assistant.store import Store

TRIES = 6  # fresh seeds tried for new wording before 重新生成 reports there is none


@dataclass
class Session:
    """One browser session: the open document, undo history per paragraph, and pending polish suggestions."""

    store: Store
    owner: str
    doc_id: int | None = None
    doc: Document | None = None
    facts: Facts | None = None
    history: dict[str, list[str]] = field(default_factory=dict)
    notes: str = ""  # the notes the open document was drafted from
    typing: str = ""  # the paragraph being typed into, whose keystrokes share one version
    api_key: str = field(default="", repr=False)  # typed into 设置 for this session only: never stored or sent back
    pending: dict[str, str] = field(default_factory=dict)
    imported: EditImported | None = None  # the last edited copy brought back, for its diff
    run: Callable[..., Any] = field(default=direct, repr=False)  # where work without a model runs (a worker pool)

    # ----- documents -------------------------------------------------------------------------------

    def open_new(self, doc: Document, facts: Facts | None, note: str, notes: str = "") -> Document:
        """Make a document the open one and save it as a new document, with the notes and facts it came from."""
        self.doc, self.facts, self.notes, self.history, self.pending = doc, facts, notes, {}, {}
        self.doc_id = self.store.create(doc, self.owner, note, notes, facts)
        return doc

    def draft_notes(self, notes: str, doc_type: str | None, choice: ModelChoice = TEMPLATE,
                    outline_rows: list[list[Any]] | None = None, sink: Callable[[Any], None] | None = None
                    ) -> Drafted:
        """Draft from notes with the chosen writer, following an edited outline if given; save."""
        drafted = self._job(partial(draft, Notes(text=notes), doc_type, rows=outline_rows), choice, sink=sink)
        self.open_new(drafted.document, drafted.facts, "起草", notes)
        return drafted

    def rewrite(self, old: OldDocument, to_year: int, mode: Mode, values: dict[str, str],
                choice: ModelChoice = TEMPLATE) -> Rewrote:
        """Rewrite last year's document for the new year and open the result as a new saved document."""
        done = self._job(partial(rewrite, old, to_year, mode, values), choice)
        self.open_new(done.document, None, "改写")
        return done

    def _job(self, job: Callable[..., Any], choice: ModelChoice, **with_model: Any) -> Any:
        """A job without a model in the worker pool (given TEMPLATE, so no key travels there); with one, here."""
        if choice.backend is Backend.template:
            return self.run(partial(job, choice=TEMPLATE))
        return job(choice=choice, **with_model)

    def reopen(self, doc_id: int) -> Document:
        """Open a saved document at its newest version, with the notes and facts it was drafted from."""
        self.doc_id, self.doc, self.history, self.pending = doc_id, self.store.latest(doc_id), {}, {}
        self.notes, self.facts = self.store.source(doc_id)
        return self.doc

    def restore(self, version_id: int) -> Document:
        """Bring back an old version (saved as the newest)."""
        self.doc = self.store.restore(self._id(), version_id)
        return self.doc

    def import_edit(self, path: str | Path) -> EditImported:
        """Bring back a copy edited in WPS/Word as the newest version; undo takes each paragraph back."""
        doc_id, before = self._open()
        done = import_into_store(self.store, doc_id, path)
        if done.version_id is not None:
            old = {p.id: p.text for p in before.paragraphs()}
            for c in done.changes:
                if c.kind == "changed" and c.where in old:
                    self.history.setdefault(c.where, []).append(old[c.where])
            self.doc, self.pending, self.typing = done.document, {}, ""
        self.imported = done
        return done

    def _id(self) -> int:
        return self._open()[0]

    def _open(self) -> tuple[int, Document]:
        """The open document and its id; a user error when none is open."""
        if self.doc_id is None or self.doc is None:
            raise ValueError("还没有打开任何文稿，请先起草或打开一篇")
        return self.doc_id, self.doc

    def _save(self, note: str) -> None:
        self.store.save(*self._open(), note)
        self.typing = ""

    # ----- paragraphs ------------------------------------------------------------------------------

    def paragraph(self, pid: str) -> Paragraph:
        """A paragraph of the open document."""
        for p in self._open()[1].paragraphs():
            if p.id == pid:
                return p
        raise KeyError(pid)

    def _set(self, pid: str, text: str, note: str, origin: Origin) -> Paragraph:
        p = self.paragraph(pid)
        if p.text == text:
            return p
        self.history.setdefault(pid, []).append(p.text)
        p.text, p.origin = text, origin
        self._save(note)
        return p

    def edit(self, pid: str, text: str, typing: bool = False) -> Paragraph:
        """The user typed into a paragraph. While `typing` goes on in the same paragraph, the keystrokes after the
        first are kept in that one version (undo goes back to the text before the typing began)."""
        text = text.strip()
        p = self.paragraph(pid)
        if not typing or self.typing != pid or p.text == text:
            changed = p.text != text  # a box redrawn with its saved text reports a change too: that is no typing
            p = self._set(pid, text, f"编辑 {pid}", "user")
            self.typing = pid if typing and changed else ""
            return p
        p.text, p.origin = text, "user"
        self.store.amend(*self._open())
        return p

    def undo(self, pid: str) -> Paragraph:
        """Back to the paragraph's previous text."""
        past = self.history.get(pid)
        if not past:
            return self.paragraph(pid)
        p = self.paragraph(pid)
        p.text = past.pop()
        self._save(f"撤销 {pid}")
        return p

    def lock(self, pid: str, locked: bool) -> Paragraph:
        """Lock or unlock a paragraph (locked text is never regenerated, polished or rewritten)."""
        p = self.paragraph(pid)
        if p.locked != locked:
            p.locked = locked
            self._save(("锁定 " if locked else "解锁 ") + pid)
        return p

    def regenerate(self, pid: str, choice: ModelChoice = TEMPLATE, seed: int | None = None) -> str:
        """New wording for a drafted paragraph from the same facts (another seed, or the model); says what happened."""
        return self.regenerate_many([pid], choice, seed)

    def regenerate_many(self, pids: list[str], choice: ModelChoice = TEMPLATE, seed: int | None = None) -> str:
        """New wording for several paragraphs (a whole section) from one fresh draft; locked ones stay. A model
        that fails leaves the text as it was and the message says why."""
        if self.facts is None:
            raise ValueError("这篇文稿不是从笔记起草的，不能重新生成；可以用“润色”")
        wanted = [pid for pid in pids if not self.paragraph(pid).locked]
        if not wanted:
            return "已锁定的段落不会重新生成"
        model = choose_model(choice, "\n".join(i.text for i in self.facts.items))
        seeds = [seed] if seed is not None or model is not None else [random.randrange(1 << 30) for _ in range(TRIES)]
        found: dict[str, Paragraph] = {}
        for attempt in seeds:  # a seed may land on the same wording: try another before giving up
            fresh = write_draft(self.facts, seed=attempt, model=model)
            texts = {q.id: q for q in fresh.paragraphs() if model is None or q.origin == "llm"}
            found = {pid: texts[pid] for pid in wanted if pid in texts and texts[pid].text != self.paragraph(pid).text}
            if found:
                break
        for pid, q in found.items():
            self._set(pid, q.text, f"重新生成 {pid}", q.origin)
        failed = "；".join(fresh.warnings) if model is not None and fresh.warnings else ""
        if failed:
            return f"模型没有写成（{failed}），{'其余' if found else ''}段落保留原来的文字"
        return f"重新生成了 {len(found)} 段" if found else "没有找到不同的写法，文字保持原样"

    def section_paragraphs(self, section_id: str) -> list[str]:
        """The ids of a top-level section's paragraphs (children included)."""
        return next(([p.id for p in section_paragraphs(sec)] for sec in self._open()[1].sections
                     if sec.id == section_id), [])

    def propose_polish(self, pid: str, choice: ModelChoice = TEMPLATE) -> list[Edit]:
        """A polished version kept aside until accepted; returns the diff."""
        p = self.paragraph(pid)
        if p.locked:
            return []
        text = polish(p.text, self.doc.year if self.doc else None, choice).text
        self.pending[pid] = text
        return diff(p.text, text)

    def accept_polish(self, pid: str) -> Paragraph:
        """Apply the pending polish."""
        text = self.pending.pop(pid, None)
        return self._set(pid, text, f"润色 {pid}", "llm") if text is not None else self.paragraph(pid)

    def reject_polish(self, pid: str) -> None:
        """Drop the pending polish."""
        self.pending.pop(pid, None)

    # ----- checking and export ----------------------------------------------------------------------

    def check(self) -> tuple[str, CheckReport]:
        """The checker's findings on the open document (each with its paragraph id)."""
        return check_document(self._open()[1])

    def fix(self, index: int | None = None) -> int:
        """Apply one safe finding (by its index in check()) or all safe ones; returns how many were applied."""
        _, report = self.check()
        if index is not None and not 0 <= index < len(report.findings):
            raise ValueError(f"没有第 {index + 1} 条问题（现在共 {len(report.findings)} 条），"
                             "请按“校对结果”表里的序号填写")
        chosen = [report.findings[index]] if index is not None else report.findings
        applied = 0
        for pid in dict.fromkeys(f.paragraph_id for f in chosen if f.safe and f.paragraph_id):
            try:
                p = self.paragraph(pid)
            except KeyError:
                continue  # headings and the title are fixed through their own text
            start = _offset(self._open()[1], pid)
            local = [f.model_copy(update={"start": f.start - start, "end": f.end - start})
                     for f in chosen if f.paragraph_id == pid and f.safe and f.start >= start]
            text, done = apply_fixes(p.text, local)
            if done and not p.locked:
                self._set(pid, text, f"校对修正 {pid}", p.origin)
                applied += len(done)
        return applied

    def export(self, folder: Path, kind: str) -> Path:
        """Write the open document as .docx, .pdf or .md into a folder; returns the file."""
        doc = self._open()[1]
        name = (doc.title or "文稿").replace("/", "_")[:60]
        path = folder / f"{name}.{kind}"
        export(doc, path)
        return path


def _offset(doc: Document, pid: str) -> int:
    """Where a paragraph's own text starts in check_document's text."""
    return next(start for _, _, p, start in document_text(doc)[1] if p == pid)
