"""Punctuation (GB/T 15834—2011): half-width marks and straight quotes, doubled marks, 顿号 between 《》/“”."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.checks.base import CJK, Context, Hit, near_han, rule

FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
HALF = re.compile(r"[,;:!?()]")
DOUBLED = re.compile(r"([，。；：、！？])\1+")
MIXED = re.compile(r"[，；：、][。；，]|。[，；、]")
DUNHAO = re.compile(r"(?<=[》”])、(?=[《“])")
PAIRS = {"（": "）", "“": "”", "《": "》", "【": "】", "‘": "’"}
HEADING_END = re.compile(r"^[一二三四五六七八九十]+、[^。；：\n]{2,40}[。；：，]$")


@rule("punctuation.halfwidth", "punctuation", "error", "标准",
      "GB/T 15834—2011 第5章：中文标点占一个字的位置（全角）", "半角标点", safe=True)
def halfwidth(ctx: Context) -> Iterator[Hit]:
    """, ; : ! ? ( ) among Chinese text."""
    text = ctx.text
    for m in HALF.finditer(text):
        ch = m.group()
        if ch in "()" and not _paren_is_chinese(text, m.start()):
            continue
        if ch not in "()" and not near_han(text, m.start(), m.end()):
            continue
        if ch == ":" and re.match(r"\d:\d", text[m.start() - 1: m.end() + 1]):
            continue
        yield Hit(m.start(), m.end(), f"中文里用了半角“{ch}”", FULL[ch])


def _paren_is_chinese(text: str, pos: int) -> bool:
    """Whether the bracket pair around pos holds or touches Chinese text."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    return bool(re.search(f"[{CJK}]", line)) and (near_han(text, pos, pos + 1) or _inner_han(text, pos))


def _inner_han(text: str, pos: int) -> bool:
    """Whether the bracketed run next to pos contains Chinese."""
    if text[pos] == "(":
        end = text.find(")", pos)
        return end > 0 and bool(re.search(f"[{CJK}]", text[pos:end]))
    start = text.rfind("(", 0, pos)
    return start >= 0 and bool(re.search(f"[{CJK}]", text[start:pos]))


@rule("punctuation.straight_quote", "punctuation", "error", "标准",
      "GB/T 15834—2011 4.8：中文用弯引号“ ”", "直引号", safe=True)
def straight_quote(ctx: Context) -> Iterator[Hit]:
    """Straight quotes among Chinese; paired per line, opening then closing."""
    for offset, line in ctx.lines:
        if '"' not in line or not re.search(f"[{CJK}]", line):
            continue
        positions = [i for i, ch in enumerate(line) if ch == '"']
        for n, i in enumerate(positions):
            yield Hit(offset + i, offset + i + 1, "中文里用了直引号", "“" if n % 2 == 0 else "”")


@rule("punctuation.doubled", "punctuation", "error", "惯例", "标点重复", "标点重复", safe=True)
def doubled(ctx: Context) -> Iterator[Hit]:
    """，， 。。 and the like."""
    for m in DOUBLED.finditer(ctx.text):
        yield Hit(m.start(), m.end(), f"标点“{m.group()}”重复", m.group(1))
    for m in MIXED.finditer(ctx.text):
        yield Hit(m.start(), m.end(), f"两个标点“{m.group()}”连用", m.group()[-1], safe=False)


@rule("punctuation.dunhao_between_titles", "punctuation", "warning", "标准",
      "GB/T 15834—2011 4.5.3.5：并列的书名号、引号之间通常不用顿号", "书名号/引号间顿号", safe=True)
def dunhao_between_titles(ctx: Context) -> Iterator[Hit]:
    """《民法典》、《妇女权益保障法》."""
    for m in DUNHAO.finditer(ctx.text):
        yield Hit(m.start(), m.end(), "并列的书名号或引号之间通常不用顿号", "")


@rule("punctuation.unbalanced", "punctuation", "error", "惯例", "成对标点应当配对", "标点不配对")
def unbalanced(ctx: Context) -> Iterator[Hit]:
    """An opening （ “ 《 【 without its closing mark in the same paragraph, or the reverse."""
    closing = {v: k for k, v in PAIRS.items()}
    for offset, line in ctx.lines:
        stack: list[tuple[str, int]] = []
        for i, ch in enumerate(line):
            if ch in PAIRS:
                stack.append((ch, i))
            elif ch in closing:
                if stack and stack[-1][0] == closing[ch]:
                    stack.pop()
                else:
                    yield Hit(offset + i, offset + i + 1, f"“{ch}”前面没有与之配对的“{closing[ch]}”")
        for ch, i in stack:
            yield Hit(offset + i, offset + i + 1, f"“{ch}”后面没有与之配对的“{PAIRS[ch]}”")


@rule("punctuation.heading_end", "punctuation", "warning", "惯例", "单独成行的标题末尾一般不加标点",
      "标题末尾标点", safe=True)
def heading_end(ctx: Context) -> Iterator[Hit]:
    """一、加强组织建设。 on a line of its own."""
    for offset, line in ctx.lines:
        body = line.lstrip("# ")
        if HEADING_END.match(body):
            end = offset + len(line)
            yield Hit(end - 1, end, f"标题末尾的“{line[-1]}”应删去", "")
