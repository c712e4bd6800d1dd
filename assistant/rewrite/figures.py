"""Every statistic in an old document: its sentence, unit, and what it counts (两癌筛查 · 785 · 名)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.items import verbs
from assistant.layout import blocks
from assistant.numbers import Figure, find_figures
from assistant.schemas import Document, Strict
from assistant.vocab import Y, masked
from assistant.yearbound import find as find_bound

CLAUSE_BREAK = re.compile(r"[，；。：、！？（）]")
LEAD = re.compile(r"^(?:其中|共|累计|全年|先后|分别|总计|合计|开展|组织|举办|完成|达到|达|为|有|计|约|近|超过|超)+")
TAIL = re.compile(r"(?:共|累计|达到|达|约|近|超过|超|为|计|有)+$")


class FigureRef(Strict):
    """One figure in a document."""

    id: str
    paragraph_id: str
    text: str
    kind: str
    number: float | None = None
    unit: str = ""
    counts: str = ""
    sentence: str = ""
    ordinal: bool = False


STRUCTURE = ("部分", "项", "条", "章", "节", "个方面", "方面", "点", "批")  # 第二部分, 第三条: places in a text


ENACTED = re.compile(r"施行|颁布|公布|表决通过|审议通过|修订")


def dated_document(text: str, pos: int) -> bool:
    """A full date in a sentence that dates a law (《民法典》2021年1月1日起施行): history, not moved."""
    if not re.match(rf"{Y}年\d{{1,2}}月", text[pos:]):
        return False
    start = max(text.rfind(c, 0, pos) for c in "。；！？\n") + 1
    ends = [i for i in (text.find(c, pos) for c in "。；！？\n") if i >= 0]
    sentence = text[start: min(ends, default=len(text))]
    return "《" in sentence and bool(ENACTED.search(sentence))


def is_statistic(fig: Figure, text: str) -> bool:
    """Arabic digits, or a Chinese numeral that is large or approximate; 两个规划 and 三八 are names, not counts,
    and 第二部分, 第3条 are places in the text."""
    if fig.kind != "number":
        return fig.kind == "date" and not dated_document(text, fig.start)
    if text[max(0, fig.start - 1): fig.start] == "第" and text[fig.start:].lstrip("0123456789一二三四五六七八九十百"
                                                                               ).startswith(STRUCTURE):
        return False
    return bool(re.search(r"\d", fig.text)) or (fig.number or 0) > 10 or bool(fig.approx) \
        or text[max(0, fig.start - 1): fig.start] == "第"


WINDOW = 80  # characters looked at on each side of a figure for its clause (what it counts ends within 14)
SENTENCE_WINDOW = 400  # and for its sentence: a paragraph with no full stop must not make every figure scan it all


def _counts(text: str, fig: Figure) -> str:
    """What a figure counts: the words before it in its clause, else the words after it."""
    lo = max(0, fig.start - WINDOW)
    start = max((m.end() for m in CLAUSE_BREAK.finditer(text, lo, fig.start)), default=lo)
    before = TAIL.sub("", LEAD.sub("", text[start: fig.start]))
    verb = next((v for v in verbs() if before.startswith(v) and len(before) - len(v) >= 2), "")
    before = before[len(verb):]
    if len(before) >= 2 and not before.endswith("第"):
        return before[-14:]
    after = CLAUSE_BREAK.split(text[fig.end: fig.end + WINDOW], maxsplit=1)[0]
    return after[:14]


def _sentence(text: str, pos: int) -> str:
    """The sentence around a position."""
    lo, hi = max(0, pos - SENTENCE_WINDOW), min(len(text), pos + SENTENCE_WINDOW)
    start = max((text.rfind(c, lo, pos) + 1 for c in "。！？；"), default=0) or lo
    end = min((i + 1 for i in (text.find(c, pos, hi) for c in "。！？；") if i >= 0), default=hi)
    return text[start:end]


def statistics(text: str) -> Iterator[Figure]:
    """The figures in text that are statistics or dates: not inside placeholders or marks, not the number of a
    year-bound phrase (新中国成立76周年 is checked for its year, not asked for a new value)."""
    clean = masked(text)
    bound = [(b.start, b.end) for b in find_bound(clean)]
    for fig in find_figures(clean):
        if any(s <= fig.start < e for s, e in bound):
            continue
        if is_statistic(fig, clean) and clean[fig.end: fig.end + 1] not in ("_", "＿", "X", "x", "×"):
            yield fig


def figures(doc: Document) -> list[FigureRef]:
    """Every statistic and date in a document, in reading order, numbered F1, F2 …"""
    out: list[FigureRef] = []
    for b in blocks(doc):
        text = b.heading + b.text if b.kind == "run_in" else b.text
        for fig in statistics(text):
            ordinal = text[max(0, fig.start - 1): fig.start] == "第"
            out.append(FigureRef(id=f"F{len(out) + 1}", paragraph_id=b.id or b.kind, text=fig.text, kind=fig.kind,
                                 number=fig.number, unit=fig.unit, counts=_counts(text, fig),
                                 sentence=_sentence(text, fig.start)[:120], ordinal=ordinal))
    return out
