"""Wording: the confusion list, repeated words, colloquialisms, 的/地/得."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from assistant.checks.base import CJK, Context, Hit, rule
from assistant.checks.data import wording

REPEATED = re.compile(rf"([{CJK}]{{2,4}})\1")
REPEATED_PARTICLE = re.compile(r"([的了在是和与对把被])\1")
VERBS = "开展|推进|推动|做好|落实|抓好|抓实|加强|提升|解决|完成|学习|服务|履职|帮扶|宣传|工作|干"
DE_ADVERB = re.compile(rf"([{CJK}])\1([{CJK}])\2的(?={VERBS})")
DE_COMPLEMENT = re.compile(r"(做|干|办|写|讲|抓|落实)的(很|非常|十分|比较|更加|不够|还不)")
GE_COUNTER = re.compile(r"(?<=\d)各(?=[村户社镇乡组])")
NOT_REPEATS = ("一", "是", "天", "人", "年")


@cache
def _confusions() -> re.Pattern[str]:
    words = sorted((c.wrong for c in wording().confusions), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@rule("wording.confusion", "wording", "error", "惯例", "易混易错词（prompts/checks/wording.yaml）", "易错词",
      safe=True)
def confusion(ctx: Context) -> Iterator[Hit]:
    """法律意思→法律意识, 威权→维权, 选拨→选拔, 截止目前→截至目前 …"""
    by_word = {c.wrong: c for c in wording().confusions}
    for m in _confusions().finditer(ctx.text):
        c = by_word[m.group()]
        if c.wrong == "家庭教育法" and ctx.text.startswith("促进", m.end()):
            continue
        yield Hit(m.start(), m.end(), c.message or f"“{c.wrong}”应为“{c.right}”", c.right, severity=c.severity,
                  safe=c.safe)
    for m in GE_COUNTER.finditer(ctx.text):
        yield Hit(m.start(), m.end(), "数量词“各”应为“个”", "个")


@rule("wording.repeated", "wording", "error", "惯例", "字词重复", "字词重复")
def repeated(ctx: Context) -> Iterator[Hit]:
    """主席主席, 乡镇乡镇, 的的."""
    for m in REPEATED.finditer(ctx.text):
        word = m.group(1)
        if word[0] in NOT_REPEATS or len(set(word)) == 1:
            continue
        yield Hit(m.start(), m.end(), f"“{word}”重复了", word)
    for m in REPEATED_PARTICLE.finditer(ctx.text):
        after = ctx.text[m.end(): m.end() + 2]
        before = ctx.text[max(0, m.start() - 2): m.start()]
        if before.endswith("不") or any(len(w) == 2 and w[0] == w[1] for w in (after, before)):
            continue  # 不了了之, 和和美美, 实实在在
        yield Hit(m.start(), m.end(), f"“{m.group(1)}”重复了", m.group(1))


@rule("wording.colloquial", "wording", "warning", "惯例", "公文用书面语，不用口语", "口语化")
def colloquial(ctx: Context) -> Iterator[Hit]:
    """挺好, 干了, 搞活动 …"""
    for c in wording().colloquial:
        for m in re.finditer(re.escape(c.word), ctx.text):
            yield Hit(m.start(), m.end(), f"“{c.word}”是口语，宜写作“{c.better}”", c.better, severity=c.severity)


@rule("wording.de", "wording", "warning", "惯例", "“的、地、得”的用法", "的地得")
def de(ctx: Context) -> Iterator[Hit]:
    """扎扎实实的开展 → 地; 做的很好 → 得."""
    for m in DE_ADVERB.finditer(ctx.text):
        pos = m.end() - 1
        yield Hit(pos, pos + 1, f"“{m.group()}”后接动词，应用“地”", "地")
    for m in DE_COMPLEMENT.finditer(ctx.text):
        pos = m.start() + len(m.group(1))
        yield Hit(pos, pos + 1, f"“{m.group()}”中的补语前应用“得”", "得")
