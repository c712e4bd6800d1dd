"""Time and formulations: years that do not fit the document year, and formulations outdated by then."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.checks.base import Context, Hit, rule
from assistant.checks.data import timeline
from assistant.vocab import YEAR, Y

THIS_YEAR = re.compile(rf"今年[（(]?({Y})年|({Y})年[）)]?(?:是|为)?今年"
                       rf"|本年度[（(]({Y})年")
NEXT_YEAR = re.compile(rf"明年[（(]({Y})年|({Y})年[）)]?(?:是|为)?明年")


@rule("time.formulation", "time", "error", "法律/时政", "时政提法时间线（prompts/checks/formulations.yaml）",
      "过时提法")
def formulation(ctx: Context) -> Iterator[Hit]:
    """十九大 after 2022, 妇女十二大 after 2023-10, 《婚姻法》 after 2021 … by the document year."""
    if not ctx.year:
        return
    for f in timeline().entries:
        if ctx.year < f.since.year or (f.plan_only and ctx.kind != "plan"):
            continue
        for m in f.regex.finditer(ctx.text):
            window = ctx.text[max(0, m.start() - 12): m.end() + 12]
            if any(w in window for w in f.unless):
                continue
            severity = f.severity if ctx.year > f.since.year else "warning"
            suggestion = f"建议改为“{f.suggestion}”" if f.suggestion else ""
            yield Hit(m.start(), m.end(), f"“{m.group()}”：{f.message}{'，' if suggestion else ''}{suggestion}",
                      severity=severity,
                      source=f"{f.source}；自 {f.since.isoformat()} 起")


@rule("time.year_mismatch", "time", "error", "惯例", "文中年份应与文稿年度相符", "年份与年度不符")
def year_mismatch(ctx: Context) -> Iterator[Hit]:
    """A future year in a 总结, or 今年/明年 tied to the wrong year."""
    if not ctx.year:
        return
    for m in THIS_YEAR.finditer(ctx.text):
        year = int(next(g for g in m.groups() if g))
        if year != ctx.year:
            yield Hit(m.start(), m.end(), f"“今年”应是{ctx.year}年，这里写成了{year}年")
    for m in NEXT_YEAR.finditer(ctx.text):
        year = int(next(g for g in m.groups() if g))
        if year != ctx.year + 1:
            yield Hit(m.start(), m.end(), f"“明年”应是{ctx.year + 1}年，这里写成了{year}年")
    if ctx.kind == "summary":
        for m in YEAR.finditer(ctx.text):
            in_range = m.start() > 0 and ctx.text[m.start() - 1] in "—～-~至到"
            if int(m.group(1)) > ctx.year + 1 and not in_range:
                yield Hit(m.start(), m.end(), f"{ctx.year}年的总结里出现了以后的年份“{m.group()}”，请核对",
                          severity="warning")
