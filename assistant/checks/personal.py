"""Personal data: ID and mobile numbers, and named people next to sensitive circumstances."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from assistant.checks.base import Context, Hit, rule
from assistant.checks.data import personal
from assistant.grounding import find_names
from assistant.prompts import names

ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
SENTENCE = re.compile(r"[^。！？；\n]+")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


ID_SHAPE = re.compile(r"[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]")


def _valid_id(number: str) -> bool:
    """The GB 11643 check digit."""
    total = sum(int(d) * w for d, w in zip(number[:17], WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


@rule("personal.id_number", "personal", "warning", "法律/时政", "《个人信息保护法》（2021-11-01 施行）",
      "身份证号")
def id_number(ctx: Context) -> Iterator[Hit]:
    """18-digit resident ID numbers, a mistyped one too (region, birth date and the right length is enough)."""
    for m in ID_NUMBER.finditer(ctx.text):
        if _valid_id(m.group()) or ID_SHAPE.fullmatch(m.group()):
            typo = "" if _valid_id(m.group()) else "（校验位对不上，可能抄错了一位，仍按身份证号处理）"
            yield Hit(m.start(), m.end(), f"文中有身份证号{typo}，对外报送或交给任何人（包括云端模型）前请删除或脱敏")


@rule("personal.mobile", "personal", "warning", "法律/时政", "《个人信息保护法》（2021-11-01 施行）", "手机号")
def mobile(ctx: Context) -> Iterator[Hit]:
    """11-digit mobile numbers."""
    for m in MOBILE.finditer(ctx.text):
        yield Hit(m.start(), m.end(), "文中有手机号码，对外报送前请确认是否需要脱敏")


@cache
def _role_name() -> re.Pattern[str]:
    roles = "|".join(map(re.escape, personal().roles))
    after = "，、。；（(：:\\s送家的同等一申获在是及和与户"
    return re.compile(f"(?:{roles})[:：]?([{names().surnames}][\u4e00-\u9fff]{{1,2}}?)(?=[{after}]|$)")


@rule("personal.named_sensitive", "personal", "warning", "法律/时政",
      "《个人信息保护法》（2021-11-01 施行）、《未成年人保护法》", "敏感情形中的具体人名")
def named_sensitive(ctx: Context) -> Iterator[Hit]:
    """A named person in a sentence about 救助, 家暴, 离异, 两癌, 低保, 困境儿童 …"""
    words = personal().sensitive
    for m in SENTENCE.finditer(ctx.text):
        sentence = m.group()
        topic = next((w for w in words if w in sentence), None)
        if not topic:
            continue
        found = [(n.start(1), n.group(1)) for n in _role_name().finditer(sentence)]
        found += [(sentence.find(n), n) for n in find_names(sentence)]
        for pos, name in dict.fromkeys(found):
            if "某" in name or "X" in name or "×" in name:
                continue
            start = m.start() + pos
            yield Hit(start, start + len(name), f"“{name}”出现在涉及“{topic}”的内容中，对外报送或交给云端模型前"
                      "请匿名化（如“王某”）")
