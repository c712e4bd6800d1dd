"""Writers turn an outline section plus facts into prose. Every writer follows the same protocol."""

from __future__ import annotations

from typing import Protocol

from assistant.schemas import OutlineSection, Paragraph, Section
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
