"""Each unit's 总结 read through the ordinary import, and every figure in it with what it counts (prompts/
indicators.yaml): this year's result under an indicator, a 其中 part, a stock, a comparison or a target, or
nothing the library knows (listed, never dropped)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from assistant.layout import blocks
from assistant.numbers import Figure
from assistant.rewrite.figures import statistics
from assistant.rollup.data import Indicator, base, indicators
from assistant.schemas import Document, Section, Strict
from assistant.vocab import Y

Status = Literal["counted", "part", "stock", "not_result", "elsewhere", "unmapped", "unit_mismatch", "outlier",
                 "excluded"]
NOT_THIS_YEAR = ("problems", "next_steps", "measures")  # parts of a 总结 whose figures are not this year's results
SENTENCE = re.compile(r"[^。！？；\n]*[。！？；]?")
CLAUSE_END = "，；。！？：\n"
OTHER_CLAUSE = 30  # a word in an earlier clause of the sentence counts as this much farther away
HEADING_DISTANCE = 200  # a word only in the part's heading is the weakest evidence


class Reading(Strict):
    """One figure of one source, and what the roll-up makes of it."""

    id: str  # S2-F5: the source and the figure's place in it
    source: str  # the file name
    unit_name: str  # the unit that reported it (石桥镇妇联)
    paragraph_id: str
    text: str  # the figure as written: 1800余人次
    sentence: str
    number: float
    unit: str
    approx: str = ""
    indicator: str | None = None
    status: Status = "unmapped"
    why: str = ""
    total_of: str | None = None  # for a 其中 part: the id of the figure it is part of
    confirmed: bool = False  # the user said how to count it: no flag second-guesses that

    @property
    def value(self) -> float:
        """The figure in its indicator's unit: money in 万元, everything else as counted."""
        found = indicators().named(self.indicator or "")
        return self.number / 10000 if found is not None and base(found.unit) == "元" else self.number


@dataclass
class Source:
    """One unit's document as read."""

    file: str
    unit_name: str
    year: int | None
    document: Document
    readings: list[Reading]

    problems: list[str]  # each problem the unit reports, in its own words


def _items(text: str) -> list[str]:
    """A problems paragraph as its problems: 一是……；二是……, 一个是……再一个是……, （一）……, bullets, or a list
    run together with 、 before 等问题; the lead-in (还存在一些不足：) goes."""
    lib = indicators()
    inline = re.search(lib.problem_list, text)
    if inline:
        return [x.strip() for x in inline.group(1).split("、") if len(x.strip()) >= 4]
    text = re.sub(lib.problem_intro, "", text, count=1)
    parts = re.split(lib.problem_split, text)
    items = []
    for p in parts:
        while (bare := re.sub(lib.problem_marks, "", p.strip())) != p.strip():  # 主要是三个方面，一个是……
            p = bare
        items.append(p.strip("，。；;、 "))
    return [x for x in items if len(x) >= 6]


def unit_of(doc: Document, file: str) -> str:
    """The reporting unit: as the document names itself (石桥镇妇联2025年工作总结), else from the file name."""
    for text in (doc.title, doc.organization or ""):
        m = re.match(rf"^(.*?(?:妇联|妇女联合会|妇委会))(?:{Y}年)?", text)
        if m and len(m.group(1)) <= 20:
            return m.group(1)
    name = re.sub(r"^[\d_\-\s.、]+|[_\-\s]*(?:gbk|utf8|繁体|2\d{3}.*)$", "", Path(file).stem, flags=re.I)
    return name if name.endswith(("妇联", "妇女联合会")) else f"{name}妇联"


def year_of(doc: Document) -> int | None:
    """The year the document reports on."""
    if doc.year:
        return doc.year
    m = re.search(rf"({Y})年(?:度)?(?:工作)?总结", doc.title)
    return int(m.group(1)) if m else None


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lib = indicators()
    not_result = re.compile("|".join(f"(?:{p})" for p in lib.not_result))
    stock = re.compile("(?:" + "|".join(map(re.escape, sorted(lib.stock_words, key=len, reverse=True))) + r")\s*$")
    part = re.compile("|".join(map(re.escape, lib.part_words)))
    return not_result, stock, part


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence around a position."""
    for m in SENTENCE.finditer(text):
        if m.start() <= pos < max(m.end(), m.start() + 1):
            return m.start(), m.end()
    return 0, len(text)


def _clause_at(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    """The span of the clause (between ，；：) around a position, inside its sentence."""
    lo = max((text.rfind(c, start, pos) for c in CLAUSE_END), default=-1)
    his = [i for i in (text.find(c, pos, end) for c in CLAUSE_END) if i >= 0]
    return (lo + 1 if lo >= start else start), min(his, default=end)


def _distance(ind: Indicator, text: str, pos: int, clause: tuple[int, int], scope: tuple[int, int],
              heading: str) -> float | None:
    """How far the words of an indicator are from a figure (None when a group has no word in reach)."""
    total = 0.0
    for group in ind.words:
        best: float | None = None
        for word in group:
            for m in re.finditer(re.escape(word), text[scope[0]:scope[1]]):
                at = scope[0] + m.start()
                d = abs(pos - at) + (0 if clause[0] <= at < clause[1] else OTHER_CLAUSE)
                best = d if best is None else min(best, d)
            if best is None and word in heading:
                best = HEADING_DISTANCE
        if best is None:
            return None
        total += best
    return total


def classify(text: str, fig: Figure, heading: str = "", year: int | None = None, unit_name: str = ""
             ) -> tuple[str | None, Status, str]:
    """(indicator, status, why) for one figure in a paragraph of this year's work."""
    if fig.kind != "number" or fig.number is None:
        return None, "excluded", "日期或年份"
    if text[max(0, fig.start - 1):fig.start] == "第" or (not fig.unit and re.match(r"[—\-~～至到]?\d*月",
                                                                                    text[fig.end:])):
        return None, "excluded", "序数或月份"
    if not fig.unit and (re.fullmatch(r"[（(\s]*", text[:fig.start]) or text[:fig.start].endswith(("（", "("))):
        return None, "excluded", "序号"
    if fig.unit in ("%", "‰", "成", "倍", "岁", "周岁", "年"):
        return None, "unmapped", "比例、年龄等不相加"
    start, end = _sentence_at(text, fig.start)
    clause = _clause_at(text, fig.start, start, end)
    not_result, stock, part = _patterns()
    lib = indicators()
    before = text[clause[0]:fig.start]
    after = text[fig.end:clause[1]]
    if not_result.search(before) or not_result.search(after[:4]) \
            or any(re.search(p, after) for p in lib.not_result_after):
        return None, "not_result", "比较、增减、目标或任务数，不是今年的成绩"
    higher = lib.above(unit_name)
    if higher:
        level = "|".join(map(re.escape, higher))
        if re.search(lib.higher_scope.format(level=level), before):
            return None, "not_result", "上级的总数，不是本单位的"
    shift = max((text.rfind(w, start, clause[0]) + len(w) for w in lib.topic_shift
                 if text.rfind(w, start, clause[0]) >= 0), default=start)
    start = max(start, shift)
    other_year = [int(y) for y in re.findall(rf"({Y})年", text[clause[0]:clause[1]])]
    if year and other_year and year not in other_year:
        return None, "not_result", f"说的是{other_year[0]}年"
    ahead = [int(y) for y in re.findall(rf"({Y})年", text[start:fig.start])]
    if year and ahead and all(y > year for y in ahead):  # 2026年，社区计划……把家长课办到20场
        return None, "not_result", f"说的是{ahead[0]}年的打算"
    is_stock = bool(stock.search(before))
    scope = (start, clause[1])
    found: list[tuple[float, Indicator]] = []
    for ind in lib.indicators:
        d = _distance(ind, text, fig.start, clause, scope, heading)
        if d is not None:
            found.append((d, ind))
    found.sort(key=lambda x: x[0])
    fitting = [(d, i) for d, i in found if i.takes(fig.unit)]
    if is_stock and not any(i.stands for _, i in fitting[:1]):
        stocks = [i for _, i in fitting if i.stock]
        if stocks:
            return stocks[0].name, "counted", ""
        return (fitting[0][1].name if fitting else None), "stock", "累计或现有总数，不是今年新增"
    fitting = [(d, i) for d, i in fitting if not i.stock]
    if fitting:
        name = fitting[0][1].name
        earlier = text[start:clause[0]]
        if part.search(earlier + before) and _has_total_before(text, start, fig):
            return name, "part", "“其中”的分项，不另加"
        return name, "counted", ""
    near = [(d, i) for d, i in found if not i.stock and d < (clause[1] - clause[0])
            and lib.same_family(fig.unit, i.unit)]
    if near:
        return near[0][1].name, "unit_mismatch", f"单位是“{fig.unit}”，这一项用“{near[0][1].unit}”"
    return None, "unmapped", "没有对应的指标"


def _has_total_before(text: str, start: int, fig: Figure) -> bool:
    """Whether the sentence has a figure before the part word that the part belongs to."""
    _, _, part = _patterns()
    words = list(part.finditer(text, start, fig.start))
    return bool(words) and next(statistics(text[start:words[-1].start()]), None) is not None


def read(doc: Document, file: str, n: int, default_year: int | None = None) -> Source:
    """Every figure of one source classified (a document that does not say its year is taken to be of
    default_year, the roll-up's)."""
    year = year_of(doc) or default_year
    unit_name = unit_of(doc, file)
    readings: list[Reading] = []
    roles = _roles(doc)
    lib = indicators()
    later = re.compile(lib.next_part.format(next=(year or 0) + 1))
    future = False  # past the line that starts next year's plans: nothing after it is this year's result
    in_problems: int | None = None  # under a 存在的问题 heading (its level), until a heading as high as it
    problems: list[str] = []
    for b in blocks(doc):
        text = b.heading + b.text if b.kind == "run_in" else b.text
        line = (b.heading or b.text).lstrip("-—•●·* ")
        future = future or bool(later.search(line))
        if re.search(lib.problem_heading, line) and len(line) <= 16:
            in_problems = None if future else b.level
            continue
        if future or (in_problems is not None and b.kind in ("heading", "run_in") and b.level <= in_problems):
            in_problems = None
        if in_problems is not None and b.kind == "heading":  # （一）执委作用发挥不平衡: a problem as a heading
            problems += _items(b.text)
        if b.kind in ("title", "signoff", "heading") or not text:
            continue
        role, heading = roles.get(b.id, ("work", ""))
        told = re.search(lib.problem_intro, text) or re.search(lib.problem_list, text)
        if in_problems is not None or role == "problems" or (told and not future):
            problems += _items(text)
            role = "problems"
        role = "next_steps" if future else role
        for fig in statistics(text):
            if fig.kind != "number":
                continue
            fid = f"S{n}-F{len(readings) + 1}"
            start, end = _sentence_at(text, fig.start)
            base_reading = Reading(id=fid, source=file, unit_name=unit_name, paragraph_id=b.id, text=fig.text,
                                   sentence=text[start:end].strip()[:160], number=fig.number or 0, unit=fig.unit,
                                   approx=fig.approx)
            if role in NOT_THIS_YEAR:
                readings.append(base_reading.model_copy(update={"status": "elsewhere",
                                                                "why": "问题或下一步部分的数字，不是今年的成绩"}))
                continue
            indicator, status, why = classify(text, fig, heading, year, unit_name)
            readings.append(base_reading.model_copy(update={"indicator": indicator, "status": status, "why": why}))
    _link_parts(readings)
    return Source(file, unit_name, year, doc, readings, list(dict.fromkeys(problems)))


def _roles(doc: Document) -> dict[str, tuple[str, str]]:
    """Each paragraph's part (work, problems, next steps …) and the headings above it."""
    out: dict[str, tuple[str, str]] = {}

    def walk(sections: list[Section], role: str, heading: str) -> None:
        for s in sections:
            r = s.role if s.role != "work" else role
            h = heading + s.heading
            for p in s.paragraphs:
                out[p.id] = (r, h)
            if s.run_in or not s.paragraphs:
                out[s.id] = (r, h)
            walk(s.children, r, h)
    walk(doc.sections, "work", "")
    return out


def _link_parts(readings: list[Reading]) -> None:
    """A 其中 part points at the figure before it in its sentence with the same indicator or unit."""
    for n, r in enumerate(readings):
        if r.status != "part":
            continue
        total = next((q for q in reversed(readings[:n]) if q.sentence == r.sentence and q.status == "counted"
                      and (q.indicator == r.indicator or base(q.unit) == base(r.unit))), None)
        if total is None:
            readings[n] = r.model_copy(update={"status": "counted", "why": ""})
        else:
            readings[n] = r.model_copy(update={"total_of": total.id})
