"""Numbering of structure levels (GB/T 9704—2012 §7.3.3): 一、（一）1.（1）, in order, without extra marks."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.checks.base import Context, Hit, rule
from assistant.vocab import CN_NUM, cn_int, level_of_mark, ordinal

ARABIC_DUNHAO = re.compile(r"^(\s*)(\d{1,2})、")
EXTRA = re.compile(rf"^(\s*)((?:（[{CN_NUM}\d]+）|[\u2460-\u2473]|[{CN_NUM}]+、|\d{{1,2}}\.))([、.．:：，,])")
ZERO_PADDED = re.compile(r"^(\s*)(0\d)(?=[、.．\s]|[\u4e00-\u9fff](?<!年))")  # 01 加强… and 01加强…
YISHI = re.compile(rf"([{CN_NUM}]+)是")
FIRST_SECOND = re.compile(r"首先|其次|再次|最后|第[一二三四五六七八九十]+(?=[，,、])")


def _body(line: str) -> tuple[int, str]:
    """Indent of a line after any Markdown heading marks, and the rest."""
    stripped = line.lstrip("# \u3000\t")
    return len(line) - len(stripped), stripped


def _number(token: str) -> int:
    """The value of 一/十二/3/②."""
    if "\u2460" <= token <= "\u2473":  # before isdigit(), which is true of ① too
        return ord(token) - 0x2460 + 1
    if token.isdecimal():
        return int(token)
    return cn_int(token)


def headings(ctx: Context) -> Iterator[tuple[int, int, int, int]]:
    """(level, number, start offset, end offset of the mark) for every numbered line."""
    for offset, line in ctx.lines:
        indent, body = _body(line)
        found = level_of_mark(body)
        if found:
            level, number, end = found
            yield level, _number(number), offset + indent, offset + indent + end


@rule("numbering.arabic_dunhao", "numbering", "warning", "国标",
      "GB/T 9704—2012 §7.3.3：第三层序数用“1.”", "“1、”应为“1.”", safe=True)
def arabic_dunhao(ctx: Context) -> Iterator[Hit]:
    """1、 at the start of a line."""
    for offset, line in ctx.lines:
        indent, body = _body(line)
        m = re.match(r"(\d{1,2})、", body)
        if m:
            start = offset + indent + len(m.group(1))
            yield Hit(start, start + 1, f"层次序数“{m.group()}”应写作“{m.group(1)}.”", ".")


@rule("numbering.extra_mark", "numbering", "error", "惯例", "序号后不再加标点（如“（一）、”“一、：”）",
      "序号后多余标点", safe=True)
def extra_mark(ctx: Context) -> Iterator[Hit]:
    """（一）、 （1）. ①、 一、："""
    for offset, line in ctx.lines:
        indent, body = _body(line)
        m = EXTRA.match(body)
        if m:
            start = offset + indent + m.start(3)
            yield Hit(start, start + 1, f"序号“{m.group(2)}”后面多了“{m.group(3)}”", "")


@rule("numbering.order", "numbering", "warning", "国标",
      "GB/T 9704—2012 §7.3.3：层次序数依次用“一、”“（一）”“1.”“（1）”", "层次跳级或倒用")
def order(ctx: Context) -> Iterator[Hit]:
    """一、 followed directly by （1）, or （一） appearing under 1."""
    depth: list[int] = []
    for level, _, start, end in headings(ctx):
        if level == 1:
            depth = [1]
            continue
        if not depth:
            depth = [level]
            continue
        if level in depth:
            del depth[depth.index(level) + 1:]
            continue
        if level < max(depth):
            yield Hit(start, end, "层次序数倒用：上一层级的序号出现在下一层级之下")
        elif level > max(depth) + 1 and not (max(depth) == 1 and level == 3):
            yield Hit(start, end, "层次序数跳级：应按“一、”“（一）”“1.”“（1）”的顺序使用")
        depth.append(level)


@rule("numbering.sequence", "numbering", "error", "惯例", "同级序号应连续（工作要点可跨部分连续编号）", "序号不连续")
def sequence(ctx: Context) -> Iterator[Hit]:
    """一、二、四、 or 1. 2. 2. among siblings."""
    last: dict[int, int] = {}
    running: dict[int, int] = {}
    for level, n, start, end in headings(ctx):
        for deeper in [k for k in last if k > level]:
            del last[deeper]
        ok = n == last[level] + 1 if level in last else n in (1, running.get(level, 0) + 1)
        if not ok:
            expected = last.get(level, 0) + 1
            what = "重复" if level in last and n <= last[level] else "跳号"
            yield Hit(start, end, f"序号{what}：此处应为第{expected}项")
        last[level] = running[level] = n


@rule("numbering.mixed_styles", "numbering", "warning", "惯例", "同级的序号应使用同一种写法", "同级序号写法不一")
def mixed_styles(ctx: Context) -> Iterator[Hit]:
    """一、 followed by （二）, or 1. followed by （2）, as if they were siblings."""
    last: dict[int, int] = {}
    prev: tuple[int, int] | None = None
    for level, n, start, end in headings(ctx):
        for deeper in [k for k in last if k > level]:
            del last[deeper]
        if prev and prev[0] != level and n > 1 and n == prev[1] + 1 and level not in last:
            yield Hit(start, end, "这一项与上一项像是同级，但序号写法不同，请统一")
        last[level] = n
        prev = (level, n)


@rule("numbering.zero_padded", "numbering", "warning", "惯例", "层次序数不用“01”“02”", "01 式序号")
def zero_padded(ctx: Context) -> Iterator[Hit]:
    """01 02 section marks."""
    for offset, line in ctx.lines:
        indent, body = _body(line)
        m = ZERO_PADDED.match(body)
        if m:
            yield Hit(offset + indent + m.start(2), offset + indent + m.end(2), f"“{m.group(2)}”式序号不规范，"
                      "请改用“一、”“（一）”“1.”“（1）”")


@rule("numbering.yishi", "numbering", "error", "惯例", "段内“一是、二是……”应连续", "一是/二是不连续")
def yishi(ctx: Context) -> Iterator[Hit]:
    """一是……二是……四是, or 一是 twice, within one paragraph."""
    for offset, line in ctx.lines:
        seq = [m for m in YISHI.finditer(line) if m.start() == 0 or line[m.start() - 1] in "：:；;，,。 \u3000"]
        prev = 0
        for m in seq:
            try:
                n = _number(m.group(1))
            except ValueError:
                continue
            if prev and n != prev + 1:
                what = "重复" if n <= prev else "跳号"
                yield Hit(offset + m.start(), offset + m.end(), f"“{m.group()}”{what}：应为“{ordinal(prev + 1)}是”")
            prev = n


@rule("numbering.mixed_ordinals", "numbering", "warning", "惯例", "“首先、其次”不宜与“第一、第二”混用",
      "序次语混用")
def mixed_ordinals(ctx: Context) -> Iterator[Hit]:
    """首先……其次……第三."""
    for offset, line in ctx.lines:
        found = list(FIRST_SECOND.finditer(line))
        kinds = {"order" if m.group() in ("首先", "其次", "再次", "最后") else "ordinal" for m in found}
        if kinds == {"order", "ordinal"} and any(m.group() == "首先" for m in found):
            m = next(m for m in found if m.group().startswith("第"))
            yield Hit(offset + m.start(), offset + m.end(), f"“首先、其次”与“{m.group()}”混用")
