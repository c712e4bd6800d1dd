"""Writers turn an outline section plus facts into prose. Every writer follows the same protocol."""

from __future__ import annotations

from typing import Protocol

from assistant.schemas import Facts, OutlineSection, Paragraph, Section
from assistant.writers.context import DraftContext


class Writer(Protocol):
    """What the pipeline needs from a writer (the template writer, or a model-backed one)."""

    name: str

    def write_section(self, ctx: DraftContext, outline: OutlineSection) -> Section:
        """Draft one section of the outline."""
        ...

    def preamble(self, ctx: DraftContext) -> list[Paragraph]:
        """Draft the opening paragraph(s)."""
        ...

    def closing(self, ctx: DraftContext) -> list[Paragraph]:
        """Draft the closing paragraph(s)."""
        ...


class Reviser(Protocol):
    """What revising existing text needs; the model writer has it (an offline one comes with rewrite/polish)."""

    def rewrite_section(self, section: Section, instruction: str, facts: Facts | None = None
                        ) -> tuple[Section, list[str]]:
        """Rewrite a section's unlocked paragraphs; returns the new section and warnings."""
        ...

    def polish(self, paragraph: Paragraph) -> tuple[Paragraph, list[str]]:
        """A polished copy of a paragraph and warnings; the input is never changed."""
        ...
