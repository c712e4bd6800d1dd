"""The fixed choices a user makes on any front end (so the CLI's --help can list them without loading anything)."""

from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    """A choice that is also its string value (enum.StrEnum needs Python 3.11; we support 3.10)."""

    def __str__(self) -> str:
        return str(self.value)


class Backend(StrEnum):
    """auto: a model when one is configured, else the template writer; llm: a model or an error; template: offline."""

    auto = "auto"
    llm = "llm"
    template = "template"


class Extract(StrEnum):
    """Who reads the notes: the built-in rules, or the model."""

    rules = "rules"
    model = "model"


class Mode(StrEnum):
    """What an old document becomes: this year's 总结 or the coming year's 计划."""

    summary = "summary"
    plan = "plan"


class Format(StrEnum):
    """How findings are printed."""

    text = "text"
    json = "json"
