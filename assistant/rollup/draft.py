"""The county (or 街道) 总结 from the table: per work area a paragraph of totals and one of practices named by
unit, the problems merged across units, and a 下一步 part left to the user. Every figure comes from the table."""

from __future__ import annotations

import difflib
import re

from assistant.prompts import LevelProfile, levels
from assistant.rollup.data import indicators, rollup_words
from assistant.rollup.read import Reading, Source
from assistant.rollup.totals import Table, Total, number
from assistant.schemas import Document, Paragraph, Section

TOP_UNITS = 3  # units named with their figure after a total (其中甲镇36场、乙镇30场……)
PRACTICES = 3  # units whose practice is told in each area
SAME_PROBLEM = 0.65  # how alike two units' problems must be to be said once


def _level(unit: str) -> LevelProfile:
    """The roll-up unit's level (prompts/levels.yaml): how it names its scope and the units below it."""
    return levels().match(unit.replace("妇女联合会", "妇联"))


def scope(unit: str) -> str:
    """全县, 全区, 全街道 … for the roll-up unit."""
    return _level(unit).scope


def _short(unit: str) -> str:
    """石桥镇妇联 → 石桥镇 (the way a county draft names its townships)."""
    return re.sub(r"(?:妇联|妇女联合会|妇委会)$", "", unit) or unit


def members(unit: str) -> str:
    """各乡镇（街道）妇联, 各社区妇联 …: the units below the roll-up unit, together."""
    sub = _level(unit).sub
    return sub if sub.startswith("各") else "各" + sub


def _totals_paragraph(area_totals: list[Total], where: str, below: str) -> str:
    """全县各级妇联共开展宣讲236场、宣讲覆盖1.2万余人次……。其中石桥镇36场、……"""
    lib, words = indicators(), rollup_words()
    items = "，".join(lib.named(t.indicator).phrase.format(v=t.text) for t in area_totals  # type: ignore[union-attr]
                     if lib.named(t.indicator))
    text = words.totals_lead.format(scope=where, members=below, items=items)
    first = area_totals[0]
    top = sorted(first.by_unit.items(), key=lambda kv: -kv[1])[:TOP_UNITS]
    if len(first.by_unit) > 1:
        listed = "、".join(f"{_short(u)}{number(v)}{first.unit}" for u, v in top)
        text += words.top_units.format(name=first.indicator, items=listed)
    return text


# a clause that is nothing but a figure: a table row made prose (柳营乡走访慰问困难妇女，近60户，……)
TABLE_ROW = re.compile(r"(?:^|，)(?:近|约|超过)?[\d.,]+[余多约]?[^\s，。\d]{0,3}(?:，|。|$)")


def _quality(r: Reading) -> int:
    """2 for a sentence of written prose, 1 for talk or a long sentence cut to its clauses, 0 for a table row."""
    if TABLE_ROW.search(r.sentence):
        return 0
    s = r.sentence
    return 2 if len(s) <= rollup_words().practice_chars and not any(w in s for w in rollup_words().colloquial) else 1


def _practice(readings: list[Reading], area_indicators: set[str], doubtful: set[str]) -> list[tuple[str, str]]:
    # doubtful: sentences holding a figure flagged for checking: not told as a practice
    """(unit, sentence) that tell the area's work best, written prose first: per unit, the sentence with the
    most counted figures of the area; table rows and figures flagged for checking are not told."""
    best: dict[str, tuple[int, int, str]] = {}
    for r in readings:
        if r.status != "counted" or r.indicator not in area_indicators or not _quality(r) or r.sentence in doubtful:
            continue
        count = sum(1 for q in readings if q.sentence == r.sentence and q.indicator in area_indicators)
        score = (_quality(r), count, _snippet(r))
        if r.unit_name not in best or score[:2] > best[r.unit_name][:2]:
            best[r.unit_name] = score
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))
    return [(u, s) for u, (_, _, s) in ranked]


def _snippet(r: Reading) -> str:
    """The words a practice is told in: the figure's sentence, or, when that is a table row, talk, or very long,
    the clause with the figure and the one before it."""
    words = rollup_words()
    s = re.sub(r"^(?:\d{1,2}[—\-~～]\d{1,2}月|[一二三四]季度|\d{1,2}月)[：:]", "", r.sentence.strip())
    plain = "\t" not in s and "  " not in s and not any(w in s for w in words.colloquial)
    if plain and len(s) <= words.practice_chars:
        return s
    clauses = [c for c in re.split(r"[，；。]", s) if c.strip()]
    at = next((n for n, c in enumerate(clauses) if r.text in c), len(clauses) - 1)
    return "，".join(re.sub(r"\s+", "", c) for c in clauses[max(0, at - 1):at + 1])


def _told(sentence: str, unit: str) -> str:
    """A unit's sentence as the county draft tells it: 石桥镇……; its own 镇妇联 said once, by name."""
    s = sentence.strip().rstrip("。；;！")
    s = re.sub(r"^(?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[●•·\-]|\d+\s+)\s*", "", s)
    s = re.sub(r"^(?:我|本)?(?:(?:镇|乡|街道|社区|村)(?!级|民|里|组|委)(?:妇联)?|妇联)", "", s)
    return f"{_short(unit)}{s}" if not s.startswith(_short(unit)) else s


def _problems(sources: list[Source], where: str) -> Paragraph | None:
    """Problems of all units, the same one said once with the units that report it."""
    words = rollup_words()
    merged: list[tuple[str, list[str]]] = []
    for src in sources:
        for p in src.problems:
            for n, (text, units) in enumerate(merged):
                if difflib.SequenceMatcher(None, text, p).ratio() >= SAME_PROBLEM:
                    merged[n] = (text, [*units, src.unit_name])
                    break
            else:
                merged.append((p, [src.unit_name]))
    if not merged:
        return None
    merged.sort(key=lambda x: -len(x[1]))
    ordinals = "一二三四五六七八九十"
    items = []
    for n, (text, units) in enumerate(merged[:10]):
        shared = words.problem_shared.format(units="、".join(_short(u) for u in dict.fromkeys(units)))
        items.append(f"{ordinals[n]}是{text.rstrip('。；，')}{shared}")
    return Paragraph(id="problems-p1", text=words.problems_lead.format(scope=where) + "；".join(items) + "。",
                     origin="template")


def _renamed(sections: list[Section], prefix: str) -> list[Section]:
    """Sections drafted elsewhere with ids that cannot meet the county draft's own."""
    return [s.model_copy(update={"id": prefix + s.id, "role": "work",
                                 "paragraphs": [p.model_copy(update={"id": prefix + p.id}) for p in s.paragraphs],
                                 "children": _renamed(s.children, prefix)}) for s in sections]


def county_draft(sources: list[Source], table: Table, unit: str | None, year: int | None,
                 plans: list[Section] | None = None) -> Document:
    """The roll-up document; next year's part from `plans` (drafted from the user's notes), else 【待补】."""
    lib, words = indicators(), rollup_words()
    name = unit or words.no_unit
    where = scope(unit or "")
    year_text = str(year) if year else "【待补：年度】"
    units = table.units
    pre = words.preamble.format(year=year_text, scope=where, members=members(unit or ""), count=len(units),
                                units="、".join(_short(u) for u in units))
    doc = Document(title=words.title.format(unit=name, year=year_text), doc_type="工作总结", year=year,
                   organization=unit, preamble=[Paragraph(id="preamble-p1", text=pre, origin="template")],
                   writer="rollup")
    readings = table.readings
    for area in lib.areas:
        area_totals = [table.totals[i.name] for i in lib.indicators if i.area == area.key and i.name in table.totals]
        if not area_totals:
            continue
        paras = [Paragraph(id=f"{area.key}-p1", text=_totals_paragraph(area_totals, where, members(unit or "")),
                           origin="template")]
        flagged = {f.reading for f in table.flags if f.reading}
        doubtful = {r.sentence for r in readings if r.id in flagged}
        told = _practice(readings, {t.indicator for t in area_totals}, doubtful)
        if told:
            chosen = told[:PRACTICES]
            text = words.practices_lead + "如" + "；".join(_told(s, u) for u, s in chosen) + "。"
            paras.append(Paragraph(id=f"{area.key}-p2", text=text, origin="import"))
        doc.sections.append(Section(id=area.key, heading=area.heading, paragraphs=paras))
    problems = _problems(sources, where)
    if problems is not None:
        doc.sections.append(Section(id="problems", heading=words.problems_heading, role="problems",
                                    paragraphs=[problems]))
    next_year = str(year + 1) if year else "【待补：年度】"
    heading = words.next_heading.format(next_year=next_year)
    if plans:
        doc.sections.append(Section(id="next", heading=heading, role="next_steps", children=_renamed(plans, "next-")))
    else:
        doc.sections.append(Section(id="next", heading=heading, role="next_steps",
                                    paragraphs=[Paragraph(id="next-p1", origin="placeholder",
                                                          text=words.next_placeholder.format(
                                                              next_year=next_year, unit=unit or "本级妇联"))]))
    doc.signoff = [name, "【待补：成文日期】"]
    return doc
