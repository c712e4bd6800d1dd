"""Leftovers: placeholders, scraped-web debris, PDF duplication, traditional characters, inline pinyin."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from assistant.checks.base import CJK, Context, Hit, rule
from assistant.checks.data import leftovers
from assistant.textnorm import simplified
from assistant.vocab import Y

PLACEHOLDER = re.compile(
    rf"【待补[^】\n]*】|20[_＿]{{1,2}}|20[xX×]{{2}}|201[xX×]|[_＿]{{3,}}|"
    rf"(?<![×Xx＊*])[×Xx＊*]{{2,}}+(?=[{CJK}年月日])|"  # from the start of a run only: linear on ××××…
    rf"(?<=[{CJK}])[×Xx＊*]{{2,}}|\[X\]|(?<![A-Za-z])X(?=[名场次户人个期])|党的[_＿]大|(?<![A-Za-z])(?:XX|××)(?![A-Za-z])")
DOUBLED_YEAR = re.compile(rf"({Y})\1")
SEGMENT = re.compile(r"[^。！？\n]*+[。！？\n]?")  # a sentence or what is left of a line: one pass, no backtracking
PINYIN = re.compile(rf"(?<=[{CJK}])[(（]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]*)[)）]")


@rule("leftovers.placeholder", "leftovers", "error", "惯例", "模板残留的占位符", "占位符未填")
def placeholder(ctx: Context) -> Iterator[Hit]:
    """XX镇, 20__年, ____, 【待补：…】."""
    for m in PLACEHOLDER.finditer(ctx.text):
        what = "待补内容" if m.group().startswith("【待补") else f"占位符“{m.group()}”"
        yield Hit(m.start(), m.end(), f"还有{what}没有填写")


@cache
def web_debris() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(j.pattern), j.what) for j in leftovers().junk]


@rule("leftovers.web_junk", "leftovers", "error", "惯例", "从网页、文库复制时带入的杂质", "网页杂质")
def web_junk(ctx: Context) -> Iterator[Hit]:
    """篇N titles, 精选N篇, site names and URLs, reading prompts, timestamps."""
    taken: list[tuple[int, int]] = []
    for pattern, what in web_debris():
        for m in pattern.finditer(ctx.text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            yield Hit(m.start(), m.end(), f"疑似{what}“{m.group()[:20]}”，请删除")


@rule("leftovers.pdf_duplicate", "leftovers", "error", "惯例", "从 PDF 复制时文字重复", "复制重复")
def pdf_duplicate(ctx: Context) -> Iterator[Hit]:
    """20212021, and the same sentence twice in a row."""
    for m in DOUBLED_YEAR.finditer(ctx.text):
        yield Hit(m.start(), m.end(), f"“{m.group()}”疑似年份重复", m.group(1))
    prev = ""
    for m in SEGMENT.finditer(ctx.text):
        sentence = m.group().strip() if len(m.group()) > 6 and m.group()[-1] in "。！？" else ""
        if sentence and sentence == prev:
            yield Hit(m.start(), m.end(), "这一句与上一句完全相同，疑似复制重复", "")
        prev = sentence


@rule("leftovers.traditional", "leftovers", "error", "法律/时政",
      "《国家通用语言文字法》（2001-01-01 施行）：公务用字为规范汉字", "繁体字", safe=True)
def traditional(ctx: Context) -> Iterator[Hit]:
    """繁体 characters among simplified text."""
    for offset, line in ctx.lines:
        if not line:
            continue
        simple = simplified(line)
        if simple == line:
            continue
        i = 0
        while i < len(line):
            if line[i] != simple[i]:
                j = i
                while j < len(line) and line[j] != simple[j]:
                    j += 1
                yield Hit(offset + i, offset + j, f"繁体字“{line[i:j]}”", simple[i:j])
                i = j
            else:
                i += 1


@rule("leftovers.pinyin", "leftovers", "error", "惯例", "网页复制时夹带的拼音注音", "夹注拼音")
def pinyin(ctx: Context) -> Iterator[Hit]:
    """婦聯(lián)."""
    for m in PINYIN.finditer(ctx.text):
        yield Hit(m.start(), m.end(), f"夹带拼音“{m.group()}”", "")
