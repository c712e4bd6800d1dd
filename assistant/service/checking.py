"""校对 and 润色 as jobs: findings with their place, safe fixes, and polish that never touches a figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.checks import MAX_HITS as MAX_HITS  # the front ends say how many findings a rule lists
from assistant.checks import CheckReport, check, fix
from assistant.errors import FATAL, InputError, ModelError
from assistant.ingest import clean, read_source
from assistant.polish import Edit, diff, polish_text
from assistant.schemas import Finding, Paragraph
from assistant.vocab import MAX_CHECK_CHARS, too_long

if TYPE_CHECKING:
    from assistant.service.model import ModelChoice

MAX_TEXT_BYTES = 1024 * 1024


@dataclass
class Checked:
    """Findings on the text as given; with fixing, the fixed text, what was applied and what is left."""

    text: str
    report: CheckReport
    fixed: str | None = None
    applied: list[Finding] = field(default_factory=list)
    remaining: CheckReport | None = None
    removed: int = 0  # invisible characters taken out before checking

    @property
    def final(self) -> CheckReport:
        """The findings on the text the user ends with."""
        return self.remaining or self.report


@dataclass
class Polished:
    """The polished text, why each change was made, and the diff."""

    original: str
    text: str
    reasons: list[str]
    failed: list[int] = field(default_factory=list)  # lines the model could not polish (kept as they were)

    @property
    def edits(self) -> list[Edit]:
        """The character diff against the original."""
        return diff(self.original, self.text)


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def check_text(text: str, year: int | None = None, do_fix: bool = False) -> Checked:
    """Check text against every rule (the year from its title unless given); optionally apply the safe fixes."""
    if year is not None and not 1949 <= year <= 2100:
        raise InputError(f"年度“{year}”不对，请写四位数的年份，如 2025")
    text, removed = clean(text)  # offsets below are into the cleaned text (Checked.text)
    too_long(text, MAX_CHECK_CHARS, "要校对的文字", "请分几次校对")
    result = Checked(text, check(text, year), removed=removed)
    if do_fix:
        result.fixed, result.applied = fix(text, year)
        result.remaining = check(result.fixed, year)
    return result


def check_source(upload: str | None, text: str) -> Checked:
    """An uploaded file (else the pasted text) checked and fixed."""
    return check_text(read_source(upload, MAX_TEXT_BYTES, "文稿") if upload else text, None, do_fix=True)


def polish(text: str, year: int | None = None, choice: ModelChoice | None = None) -> Polished:
    """Polish text offline, or line by line with the chosen model under the figure guard."""
    from assistant.service.model import ModelChoice, choose_model

    text, _ = clean(text)
    model = choose_model(choice or ModelChoice(), text)
    if model is None:
        done = polish_text(text, year)
        return Polished(text, done.text, done.reasons)
    lines = text.split("\n")
    reasons: list[str] = []
    failed: list[int] = []
    for n, line in enumerate(lines):
        if len(line.strip()) < 8:
            continue
        try:
            polished, warnings = model.polish(Paragraph(id=f"line{n + 1}", text=line))
        except ModelError as e:  # keep what is done; this line stays as it was
            if e.cause in FATAL:
                raise
            failed.append(n + 1)
            continue
        if polished.text != line:
            reasons.append(f"第{n + 1}行由模型润色")
        reasons += [f"第{n + 1}行：{w}" for w in warnings]
        lines[n] = polished.text
    if failed:
        reasons.append(f"第{'、'.join(map(str, failed))}行模型没有润色成（超时或出错），保留原文")
    return Polished(text, "\n".join(lines), reasons, failed)
