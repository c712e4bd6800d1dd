"""The model prompts: Jinja2 files in prompts/llm/, each rendered only from its declared pydantic model."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel

from assistant.prompts import load_model
from assistant.resources import prompts_dir
from assistant.schemas import Strict


class SystemVars(Strict):
    """system.j2: the standing rules."""

    doc_type: str


class SectionVars(Strict):
    """section.j2: one section (or the preamble / closing) of a draft."""

    title: str
    heading: str
    tense: str
    count: int
    length: int
    year_context: list[str] = []
    exemplars: list[str] = []
    data: str


class RepairVars(Strict):
    """repair.j2: the second try after the guard found problems."""

    problems: list[str]
    count: int


class RewriteVars(Strict):
    """rewrite.j2: rewrite existing paragraphs to an instruction."""

    instruction: str
    count: int
    year_context: list[str] = []
    original: str
    data: str


class PolishVars(Strict):
    """polish.j2: polish one paragraph."""

    original: str


class ExtractVars(Strict):
    """extract.j2: notes → facts."""

    notes: str
    doc_types: list[str]
    areas: list[str]


class ExtractRepairVars(Strict):
    """extract_repair.j2: the validation error to fix, and the output that had it."""

    error: str
    previous: str


class PingVars(Strict):
    """ping.j2: the minimal call of `fulian model test`."""

    word: str


PROMPTS: dict[str, type[BaseModel]] = {
    "system.j2": SystemVars, "section.j2": SectionVars, "repair.j2": RepairVars, "rewrite.j2": RewriteVars,
    "polish.j2": PolishVars, "extract.j2": ExtractVars, "extract_repair.j2": ExtractRepairVars,
    "ping.j2": PingVars,
}


class Exemplars(Strict):
    """prompts/llm/exemplars.yaml: style samples written for this project, without figures."""

    summary: list[str]
    plan: list[str]
    terse: list[str]
    problems: list[str]
    next_steps: list[str]
    measures: list[str]
    preamble: list[str]
    closing: list[str]


@cache
def environment() -> Environment:
    """The Jinja2 environment over prompts/llm (UTF-8, undefined variables are errors)."""
    return Environment(loader=FileSystemLoader(prompts_dir() / "llm", encoding="utf-8"), undefined=StrictUndefined,
                       keep_trailing_newline=False, autoescape=False, trim_blocks=True)


@cache
def exemplars() -> Exemplars:
    """The style samples."""
    return load_model(prompts_dir() / "llm" / "exemplars.yaml", Exemplars)


FENCE = str.maketrans({"〈": "＜", "〉": "＞", "<": "＜", ">": "＞"})
UNFENCE = str.maketrans({"＜": "〈", "＞": "〉"})


def fenced(value: Any) -> Any:
    """User text as it may stand inside a prompt: the brackets our blocks are marked with (〈原文〉…〈/原文〉)
    written as ＜＞, so no text can close a block and speak as the prompt; lists are fenced item by item."""
    if isinstance(value, str):
        return value.translate(FENCE)
    if isinstance(value, list):
        return [fenced(v) for v in value]
    return value


def unfenced(reply: str, original: str) -> str:
    """A reply to a fenced text with the user's own 〈〉 given back (when the user wrote no ＜＞ of her own)."""
    return reply if "＜" in original or "＞" in original else reply.translate(UNFENCE)


def render(name: str, variables: BaseModel) -> str:
    """Render prompts/llm/<name> from an instance of its declared model; every text variable is fenced (the
    one place user text enters a prompt)."""
    expected = PROMPTS[name]
    if not isinstance(variables, expected):
        raise TypeError(f"{name} takes {expected.__name__}, not {type(variables).__name__}")
    return environment().get_template(name).render(**{k: fenced(v) for k, v in variables}).strip()


def as_data(payload: Any) -> str:
    """User text as JSON for a delimited block; brackets that could fake a delimiter are escaped."""
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    for ch in "<>〈〉":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text
