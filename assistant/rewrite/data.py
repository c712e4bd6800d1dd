"""prompts/rewrite.yaml: wording the rewriter uses, as data."""

from __future__ import annotations

from functools import cache

from assistant.prompts import load_model
from assistant.resources import prompts_dir
from assistant.schemas import Strict


class RewriteWords(Strict):
    """Tense changes for 总结 → 计划, the measure sentence for a problem, and whole-line web debris."""

    to_plan: list[tuple[str, str]]
    problem_to_measure: str
    measures_heading: str
    next_steps_heading: str
    llm_instruction: dict[str, str]
    section_names: list[str]
    junk_lines: list[str]


@cache
def words() -> RewriteWords:
    """The rewrite wording."""
    return load_model(prompts_dir() / "rewrite.yaml", RewriteWords)
