"""A copy edited in WPS or Word brought back: its lines matched to the stored paragraphs, saved as a new version,
with a paragraph diff, the locked paragraphs that were changed, and the figures typed in by hand."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant.errors import InputError
from assistant.grounding import USER_EDIT, Sources, ground, traced
from assistant.ingest import read_source
from assistant.layout import Block, blocks, run_in_heading
from assistant.schemas import Document, Facts, GroundingReport, Paragraph, Section, Trace
from assistant.store import Store
from assistant.vocab import level_of_mark

SIMILAR = 0.45  # how alike an edited line and a stored one must be to count as the same paragraph changed


@dataclass(frozen=True)
class Change:
    """One line of the paragraph diff."""

    kind: Literal["changed", "added", "removed"]
    where: str  # the paragraph id, heading id, "title" or "signoff-N"
    old: str = ""
    new: str = ""
    locked: bool = False


@dataclass
class EditImported:
    """What importing an edited copy did."""

    document: Document
    version_id: int | None
    changes: list[Change] = field(default_factory=list)
    grounding: GroundingReport = field(default_factory=GroundingReport)

    @property
    def locked_changed(self) -> list[Change]:
        """Locked paragraphs the edited copy changed or removed."""
        return [c for c in self.changes if c.locked]

    @property
    def by_hand(self) -> list[Trace]:
        """Figures the edited copy added that nothing before accounted for: the user's own."""
        return [t for t in self.grounding.traces if t.fact_id == USER_EDIT]

    def summary(self) -> str:
        """一句话: what changed, and what to look at."""
        if not self.changes:
            return "修改稿和当前版本一样，没有保存新版本"
        count = {k: sum(c.kind == k for c in self.changes) for k in ("changed", "added", "removed")}
        out = (f"已导入修改稿，存为新版本：改动 {count['changed']} 处，新增 {count['added']} 段，"
               f"删去 {count['removed']} 段")
        if self.locked_changed:
            out += f"；其中 {len(self.locked_changed)} 段是锁定的段落，被改动了，请核对（可在“版本”里恢复）"
        if self.by_hand:
            shown = "、".join(t.figure for t in self.by_hand[:6])
            out += f"；手工加入的数据 {len(self.by_hand)} 个（{shown}），已标为用户自填"
        return out


def line_of(b: Block) -> str:
    """A block as the exported .docx writes it, one paragraph each."""
    if b.kind == "heading":
        return b.mark + b.text
    if b.kind == "run_in":
        return b.mark + run_in_heading(b.heading) + b.text
    return b.text


def edited_lines(path: str | Path) -> list[str]:
    """The non-empty paragraphs of an edited .docx (Word's automatic numbering written out)."""
    if Path(path).suffix.lower() != ".docx":
        raise InputError("修改稿请上传 .docx 文件（在 WPS 或 Word 里“另存为”Word 文档）")
    text = read_source(path, what="修改稿")  # limited like any .docx the product reads
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _pairs(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Old and new lines aligned: (i, j) the same or changed, (i, None) removed, (None, j) added."""
    out: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out += list(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        if i2 - i1 == j2 - j1:  # as many lines as before between the same neighbours: each rewritten in place
            out += list(zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        j = j1
        for i in range(i1, i2):  # each old line takes the next new line alike enough, the ones skipped are added
            match = next((k for k in range(j, j2)
                          if difflib.SequenceMatcher(None, old[i], new[k], autojunk=False).ratio() >= SIMILAR), None)
            if match is None:
                out.append((i, None))
                continue
            out += [(None, k) for k in range(j, match)] + [(i, match)]
            j = match + 1
        out += [(None, k) for k in range(j, j2)]
    return out


class _Applier:
    """Changes applied to a copy of the stored document, block by block."""

    def __init__(self, doc: Document):
        self.doc = doc.model_copy(deep=True)
        self.paragraphs = {p.id: p for p in self.doc.paragraphs()}
        self.sections: dict[str, Section] = {}
        self.home: dict[str, list[Paragraph]] = {"preamble": self.doc.preamble, "closing": self.doc.closing}

        def walk(secs: list[Section]) -> None:
            for s in secs:
                self.sections[s.id] = s
                for p in s.paragraphs:
                    self.home[p.id] = s.paragraphs
                walk(s.children)
        walk(self.doc.sections)
        for p in self.doc.preamble:
            self.home[p.id] = self.doc.preamble
        for p in self.doc.closing:
            self.home[p.id] = self.doc.closing
        self.added = 0

    def change(self, b: Block, new: str) -> str:
        """Put an edited line in place of a block; returns the id of what changed."""
        if b.kind == "title":
            self.doc.title = new
            return "title"
        if b.kind == "signoff":
            n = self.doc.signoff.index(b.text)
            self.doc.signoff[n] = new
            return f"signoff-{n + 1}"
        if b.kind == "heading":
            self.sections[b.id].heading = _unmarked(new)
            return f"{b.id}:heading"
        p = self.paragraphs[b.id]
        if b.kind == "run_in":  # （一）加强组织领导。正文……: the heading and the paragraph come back as one line
            body = _unmarked(new)
            head = run_in_heading(b.heading)
            if body.startswith(head):
                body = body[len(head):]
            else:
                cut = next((k + 1 for k, c in enumerate(body) if c in "。：" and k < 40), 0)
                section = next(s for s in self.sections.values() if s.paragraphs and s.paragraphs[0].id == b.id)
                if cut:
                    section.heading, body = body[:cut].rstrip("。"), body[cut:]
            new = body
        p.text, p.origin = new, "user"
        return p.id

    def remove(self, b: Block) -> str:
        """Take a block out of the document."""
        if b.kind == "title":
            self.doc.title = ""
            return "title"
        if b.kind == "signoff":
            self.doc.signoff.remove(b.text)
            return "signoff"
        if b.kind == "heading":
            self.sections[b.id].heading = ""
            return f"{b.id}:heading"
        self.home[b.id].remove(self.paragraphs[b.id])
        return b.id

    def add(self, after: Block | None, text: str) -> str:
        """A new paragraph after a block (at the top of the body when there is none before it)."""
        self.added += 1
        p = Paragraph(id=f"w{len(self.paragraphs) + self.added}", text=text, origin="user")
        while p.id in self.paragraphs:
            p.id += "x"
        self.paragraphs[p.id] = p
        if after is None or after.kind == "title":
            into, at = self.doc.preamble, 0
        elif after.kind == "signoff":
            into, at = self.doc.closing, len(self.doc.closing)
        elif after.kind == "heading":
            into, at = self.sections[after.id].paragraphs, 0
        else:
            into = self.home[after.id]
            at = next((k + 1 for k, q in enumerate(into) if q.id == after.id), len(into))
        into.insert(at, p)
        self.home[p.id] = into
        return p.id


def _unmarked(line: str) -> str:
    """A heading or run-in line without its numbering mark (一、 （一） 1. （1）)."""
    found = level_of_mark(line)
    return line[found[2]:].strip() if found else line


def import_edit(stored: Document, lines: list[str], facts: Facts | None = None, notes: str = ""
                ) -> tuple[Document, list[Change], GroundingReport]:
    """Apply an edited copy's lines to the stored document: the new document, the diff, the grounding."""
    laid = [b for b in blocks(stored) if b.kind != "title" or b.text]
    old = [line_of(b) for b in laid]
    locked = {p.id for p in stored.paragraphs() if p.locked}
    apply = _Applier(stored)
    changes: list[Change] = []
    last: Block | None = None
    for i, j in _pairs(old, lines):
        b = laid[i] if i is not None else None
        if b is not None and j is not None:
            if old[i] != lines[j]:  # type: ignore[index]
                where = apply.change(b, lines[j])
                changes.append(Change("changed", where, old[i], lines[j], b.id in locked))  # type: ignore[index]
            last = b
        elif b is not None:
            changes.append(Change("removed", apply.remove(b), old[i], "", b.id in locked))  # type: ignore[index]
        elif j is not None:
            changes.append(Change("added", apply.add(last, lines[j]), "", lines[j]))
    doc = apply.doc
    return doc, changes, _grounding(doc, stored, changes, facts, notes)


def _grounding(doc: Document, before: Document, changes: list[Change], facts: Facts | None, notes: str
               ) -> GroundingReport:
    """Figures traced to the notes as before; a figure in an edited paragraph that neither the notes nor the
    version before had is the user's own (USER_EDIT), not an untraced one."""
    earlier = Sources([(f"前一版:{p.id}", p.text) for p in before.paragraphs()] + [("前一版:title", before.title)]
                      + ([("notes", notes)] if notes else []), before.year)
    report = ground(doc, facts) if facts is not None else traced(doc, earlier)
    edited = {c.where for c in changes if c.kind != "removed"}
    traces = []
    for t in report.traces:
        if t.fact_id is None and t.paragraph_id in edited:
            t = t.model_copy(update={"fact_id": USER_EDIT if not _was_there(t, earlier) else None})
        traces.append(t)
    return GroundingReport(traces=traces)


def _was_there(t: Trace, earlier: Sources) -> bool:
    """Whether an untraced figure was already in the version before (then it stays untraced, not the user's)."""
    return any(t.figure in text for _, text in earlier.texts)


def import_into_store(store: Store, doc_id: int, path: str | Path) -> EditImported:
    """Import an edited .docx into a stored document as its newest version (none when nothing changed)."""
    stored = store.latest(doc_id)
    notes, facts = store.source(doc_id)
    doc, changes, grounding = import_edit(stored, edited_lines(path), facts, notes)
    version = store.save(doc_id, doc, note_for(changes)) if changes else None
    return EditImported(doc if changes else stored, version, changes, grounding)


def note_for(changes: list[Change]) -> str:
    """The version's note."""
    return f"导入修改稿（{len(changes)} 处改动）"
