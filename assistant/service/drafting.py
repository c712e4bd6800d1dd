"""起草 as a job: notes (typed, pasted or a file) → facts → outline → draft, with everything the user must know."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.choices import Extract
from assistant.grounding import ground
from assistant.ingest import clean, read_source, removed_note
from assistant.notes import LineNote, load_facts, read_notes
from assistant.notes.account import changed, left_out
from assistant.outline import make_outline
from assistant.pipeline import draft as write_draft
from assistant.prompts import doctype
from assistant.schemas import Document, Facts, GroundingReport, Outline
from assistant.service.model import ModelChoice, choose_model, cleared, prepared
from assistant.service.outline_rows import from_rows, to_rows
from assistant.vocab import MAX_NOTES_CHARS, too_long

if TYPE_CHECKING:
    from assistant.errors import ModelError
    from assistant.llm.writer import DraftRun, Sink

FACTS_SUFFIXES = (".json", ".yaml", ".yml")


@dataclass(frozen=True)
class Notes:
    """The user's notes: typed or pasted text, or a file (.txt/.md/.docx notes, .json/.yaml facts, - for stdin)."""

    text: str = ""
    source: str | Path | None = None

    def read(self) -> str:
        """The notes as text."""
        return read_source(self.source) if self.source is not None else self.text

    @property
    def is_facts(self) -> bool:
        """Whether the file holds facts already (a .json/.yaml written by hand or exported)."""
        return self.source is not None and Path(str(self.source)).suffix.lower() in FACTS_SUFFIXES


@dataclass
class Facted:
    """The facts read from notes, what every notes line became, and the reader's warnings."""

    facts: Facts
    text: str  # what a model would be sent: the notes as read (anonymised if asked), or the facts as JSON
    lines: list[LineNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Outlined:
    """The outline the notes give, and the same as table rows the user may edit."""

    facts: Facts
    outline: Outline
    rows: list[list[Any]]


@dataclass
class Drafted:
    """A draft and everything the user must know about it."""

    facts: Facts
    document: Document
    grounding: GroundingReport
    lines: list[LineNote]
    left_out: list[str]
    fatal: ModelError | None = None  # the model service failed outright; parts it did not write kept the template

    @property
    def warnings(self) -> list[str]:
        """What must be filled in or known before the draft can be used."""
        return self.document.warnings


def reader_notes(facts: Facts | None) -> list[str]:
    """What the reader changed in the notes (typos, names written as 某某) and the lines it left out, one each."""
    return [*changed(facts), *left_out(facts)] if facts else []


def read_facts(notes: Notes, doc_type: str | None = None, choice: ModelChoice | None = None,
               extract: Extract = Extract.rules) -> Facted:
    """The facts in the notes; with `extract` = model, the model reads them (after the personal-data guard)."""
    text, removed = clean(notes.read())
    too_long(text, MAX_NOTES_CHARS, "笔记", "一份笔记对应一篇文稿，请分成几份分别起草")
    said = [removed_note(removed, "笔记")] if removed else []
    if notes.is_facts:
        facts = load_facts(Path(str(notes.source)), text)
        facts = facts.model_copy(update={"doc_type": doctype(doc_type).name}) if doc_type else facts
        return Facted(facts, facts.model_dump_json())
    choice = choice or ModelChoice()
    text = prepared(choice, text)
    if extract == Extract.model:
        from assistant.llm.extract import extract_facts

        facts, warnings = extract_facts(text, cleared(choice, text), doc_type)
        return Facted(facts, text, [], said + warnings)
    facts, lines = read_notes(text, doc_type)
    return Facted(facts, text, lines, said)


def outline(notes: Notes, doc_type: str | None = None) -> Outlined:
    """The outline the draft would follow, as data and as editable rows (the rules read the notes)."""
    facts = read_facts(notes, doc_type, ModelChoice(), Extract.rules).facts
    plan = make_outline(facts)
    return Outlined(facts, plan, to_rows(plan, facts))


def draft(notes: Notes, doc_type: str | None = None, *, choice: ModelChoice | None = None,
          extract: Extract = Extract.rules, seed: int | None = None, rows: list[list[Any]] | None = None,
          sink: Sink | None = None, run: DraftRun | None = None) -> Drafted:
    """Draft a document from notes, following the user's outline rows if given; a model writes when chosen."""
    choice = choice or ModelChoice()
    read = read_facts(notes, doc_type, choice, extract)
    facts = read.facts
    plan = from_rows(make_outline(facts), facts, rows) if rows else None
    model = choose_model(choice, read.text)
    if model is not None and run is None:
        from assistant.llm.writer import DraftRun

        run = DraftRun()
    doc = write_draft(facts, outline=plan, seed=seed, model=model, sink=sink, run=run)
    doc.warnings = [*read.warnings, *doc.warnings]
    return Drafted(facts, doc, ground(doc, facts), read.lines, left_out(facts), run.fatal if run else None)
