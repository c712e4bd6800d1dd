"""Words and patterns every layer shares: placeholders, severity labels, year patterns and numbering marks."""

from __future__ import annotations

import re

Y = r"(?:19|20)\d{2}"  # a year of this era written in digits, for building patterns
MARKS = re.compile(r"【待(?:补|核)[^】\n]*】")  # the holes and marks the product writes: 【待补：…】 【待核：原为…】


def masked(text: str) -> str:
    """The text with every 【待补】/【待核】 mark blanked out (same length, so offsets hold)."""
    return MARKS.sub(lambda m: "□" * len(m.group()), text)
YEAR = re.compile(rf"(?<!\d)({Y})年")  # 2025年
DATE_LINE = re.compile(rf"^{Y}年\d{{1,2}}月\d{{1,2}}日$")  # a sign-off date: 2025年12月18日
CN_NUM = "一二三四五六七八九十"  # the numerals of 一、 and （一）
SEVERITY = {"error": "错误", "warning": "警告", "hint": "提示"}
MAX_LEVEL = 5
MAX_NOTES_CHARS = 50_000  # notes for one document, and one old document to rewrite (the editor stays responsive)
MAX_CHECK_CHARS = 100_000  # text to check at once (bench/check_speed.py)


def too_long(text: str, limit: int, what: str, advice: str) -> None:
    """Refuse text over a size limit, before any work, saying how long it is and what to do."""
    from assistant.errors import InputError

    if len(text) > limit:
        raise InputError(f"{what}有 {len(text)} 字，超过了 {limit} 字的上限；{advice}")


def placeholder(key: str) -> str:
    """The visible 【待补：…】 for something the user has not given (prompts/phrases/document.yaml)."""
    from assistant.prompts import bank

    return bank().placeholders[key]


def cn_int(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105: the numbers of 一、 （一） and 一是 (below 1000)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}
    total, current = 0, 0
    for ch in numeral:
        if ch in digits:
            current = digits[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            raise ValueError(f"不是中文数字：{numeral}")
    return total + current


def ordinal(n: int) -> str:
    """1 → 一, 12 → 十二 (for 一是 and numbering)."""
    import cn2an  # ~0.3 s to import: only when a document is laid out

    return str(cn2an.an2cn(n))


def mark(level: int, n: int) -> str:
    """The numbering mark for the n-th heading at a level (1-based): 一、 （一） 1. （1） ①."""
    if level == 1:
        return f"{ordinal(n)}、"
    if level == 2:
        return f"（{ordinal(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    return chr(0x2460 + n - 1) if n <= 20 else f"{n}）"


# How each level's mark is written in the wild (the reverse of mark()): 一、 （一） 1. / 1、 （1） ① and 01.
LEVEL_MARKS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^([{CN_NUM}]+)[、.．]\s*")),
    (2, re.compile(rf"^[（(]([{CN_NUM}]+)[）)]\s*")),
    (3, re.compile(r"^(\d{1,2})(?:[.．](?!\d)|、)\s*")),
    (4, re.compile(r"^[（(](\d{1,2})[）)]\s*")),
    (5, re.compile(r"^([\u2460-\u2473])\s*")),
    (3, re.compile(r"^(0\d)[.、\s]\s*")),
]


def level_of_mark(line: str) -> tuple[int, str, int] | None:
    """(level, the number as written, where the text after the mark starts) for a numbered line."""
    for level, pattern in LEVEL_MARKS:
        m = pattern.match(line)
        if m:
            return level, m.group(1), m.end()
    return None
