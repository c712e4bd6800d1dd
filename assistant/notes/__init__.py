"""Read the notes staff type — any layout: headers, bullets, labels, tables, prose, chat exports — into Facts.

Two passes: layout.py says what each line is (header, title, heading, item, prose, noise); meaning.py says what
each item means (its part, group and hint) and decides the unit, year and document type.
"""

from __future__ import annotations

from assistant.notes.facts_file import level_of, load_facts
from assistant.notes.meaning import LineNote, read_notes
from assistant.schemas import Facts


def parse_notes(text: str, doc_type: str | None = None) -> Facts:
    """Parse notes into Facts; every line is in the facts or in facts.omitted with its reason."""
    return read_notes(text, doc_type)[0]


__all__ = ["LineNote", "level_of", "load_facts", "parse_notes", "read_notes"]
