"""prompts/rewrite.yaml: wording the rewriter uses, as data."""

from __future__ import annotations

from functools import cache

from assistant.prompts import load_model
from assistant.resources import prompts_dir
from assistant.schemas import Strict


class PlanTense(Strict):
    """What a 总结 sentence loses or changes to be a 计划 sentence."""

    evaluation: list[str]
    done_keep: list[str]
    keep_le: list[str]
    one_off: list[str]  # a sentence about one past event (…发生后，第一时间…): not a task to carry over
    one_off_mark: str


class RewriteWords(Strict):
    """Tense changes for 总结 → 计划, the measure sentence for a problem, and whole-line web debris."""

    to_plan: list[tuple[str, str]]
    plan_tense: PlanTense
    problem_actions: list[tuple[str, str]]
    problem_lacks: list[str]
    lack_action: str
    measure_sentence: str
    measure_alone: str
    measure_alone_slack: int
    measure_alone_min: int
    problem_intro: str
    problem_to_measure: str
    core_trim: list[str]
    measures_heading: str
    next_steps_heading: str
    llm_instruction: dict[str, str]
    section_names: list[str]
    junk_lines: list[str]
    title_like: str


@cache
def words() -> RewriteWords:
    """The rewrite wording."""
    return load_model(prompts_dir() / "rewrite.yaml", RewriteWords)
