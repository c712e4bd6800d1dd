"""Time and formulations: years that do not fit the document year, and formulations outdated by then."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.checks.base import Context, Hit, rule
from assistant.checks.data import timeline
from assistant.vocab import YEAR, Y, masked
from assistant.yearbound import find as find_bound
from assistant.yearbound import misfits

THIS_YEAR = re.compile(rf"今年[（(]?({Y})年|({Y})年[）)]?(?:是|为)?今年"
                       rf"|本年度[（(]({Y})年")
NEXT_YEAR = re.compile(rf"明年[（(]({Y})年|({Y})年[）)]?(?:是|为)?明年")


@rule("time.formulation", "time", "error", "法律/时政", "时政提法时间线（prompts/checks/formulations.yaml）",
      "过时提法")
def formulation(ctx: Context) -> Iterator[Hit]:
    """十九大 after 2022, 妇女十二大 after 2023-10, 《婚姻法》 after 2021 … by the document year."""
    if not ctx.year:
        return
    text = masked(ctx.text)  # what a rewrite marked 【待核：原为…】 is said already
    true = [(b.start, b.end) for b in find_bound(ctx.text, ctx.year) if b.said_year == b.true_year]
    for f in timeline().entries:
        if ctx.year < f.since.year or (f.plan_only and ctx.kind != "plan"):
            continue
        for m in f.regex.finditer(text):
            if any(a <= m.start() and m.end() <= b for a, b in true):
                continue  # 2021年是“十四五”开局之年: true of the year it names
            window = ctx.text[max(0, m.start() - 12): m.end() + 12]
            exempt = f.unless if f.unless_until is None or ctx.year <= f.unless_until else []
            if any(w in window for w in exempt) or (f.near and not any(w in window for w in f.near)):
                continue
            severity = "warning" if ctx.year == f.since.year and f.severity == "error" else f.severity
            suggestion = f"建议改为“{f.suggestion}”" if f.suggestion else ""
            yield Hit(m.start(), m.end(), f"“{m.group()}”：{f.message}{'，' if suggestion else ''}{suggestion}",
                      severity=severity, tier=f.tier,
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


@rule("time.year_bound", "time", "error", "法律/时政", "与年份绑定的说法（prompts/context/yearbound.yaml）",
      "与年份不符的说法")
def year_bound(ctx: Context) -> Iterator[Hit]:
    """“十五五”开局之年 said of 2027, 新中国成立75周年 in 2026, 喜迎 a congress already held."""
    if not ctx.year:
        return
    for b in misfits(ctx.text, ctx.year, ctx.kind):
        said = b.said_year or ctx.year
        yield Hit(b.start, b.end, f"“{b.text}”说的是{b.true_year}年，与{said}年不符；请按{said}年核对",
                  severity="error" if b.said_year else "warning",
                  source=f"{b.source}（prompts/context/yearbound.yaml）")


TWO_DIGIT = re.compile(r"(?<![\d.．])(\d{2})年(?!\d)")
YEAR_BEFORE = ("比", "较", "与", "同", "在", "于", "自", "从", "到", "至", "截至", "截止")
YEAR_AFTER = ("以来", "底", "初", "末", "同期", "上半年", "下半年", "全年", "度")
SPAN_BEFORE = ("连续", "近", "有", "满", "余", "多", "约", "第", "每", "几", "十")


@rule("time.two_digit_year", "time", "warning", "国标", "GB/T 15835—2011 4.1.1：年份不能简写", "年份简写")
def two_digit_year(ctx: Context) -> Iterator[Hit]:
    """比23年增长, 19年以来: a year written with two digits (not 连续12年, 已有30年历史)."""
    if not ctx.year:
        return
    for m in TWO_DIGIT.finditer(ctx.text):
        full = 2000 + int(m.group(1))
        head, tail = ctx.text[max(0, m.start() - 2): m.start()], ctx.text[m.end(): m.end() + 3]
        if not ctx.year - 20 <= full <= ctx.year + 1 or head.endswith(SPAN_BEFORE):
            continue
        at_start = m.start() == 0 or ctx.text[m.start() - 1] in "\n，。；：、（( "
        if head.endswith(YEAR_BEFORE) or tail.startswith(YEAR_AFTER) or (at_start and tail.startswith(("以", "的"))):
            yield Hit(m.start(), m.end(), f"年份“{m.group()}”应写全：{full}年", suggestion=f"{full}年")


DONE = re.compile(r"了|已|完成")
NOT_DONE = re.compile(r"将|计划|拟|力争|预计|争取|准备|要")


@rule("time.done_after_year", "time", "error", "惯例", "总结只写本年度已做的事", "总结里写了以后的事已完成")
def done_after_year(ctx: Context) -> Iterator[Hit]:
    """A 2025 总结 saying 2026年3月举办了…: what is dated after the document year cannot be done yet."""
    if not ctx.year or ctx.kind != "summary":
        return
    for m in YEAR.finditer(ctx.text):
        if int(m.group(1)) <= ctx.year:
            continue
        clause = re.split(r"[。；！？\n]", ctx.text[m.end(): m.end() + 80], maxsplit=1)[0]
        done = DONE.search(clause)
        if done and not NOT_DONE.search(clause[: done.start()]):
            yield Hit(m.start(), m.end() + len(clause), f"{ctx.year}年的总结里写了{m.group()}的事已经做成，请核对年份")
