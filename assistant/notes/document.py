"""The document the notes are for: its unit, its year and its type (总结, 计划, 要点 or 总结+计划), from
whatever the notes say — a header, a title, a sentence, a chat timestamp — and from what the items are."""

from __future__ import annotations

import re
from typing import Protocol

from assistant.errors import InputError
from assistant.items import analyse
from assistant.notes.lines import Layout, Point
from assistant.notes.title import doc_type_of, next_year_note, organizations, title_facts, years
from assistant.numbers import counted
from assistant.prompts import doctype, doctype_for, notes_vocab
from assistant.textnorm import strip_end_punct
from assistant.vocab import Y

NEXT_YEAR_WORK = re.compile(r"明年.{0,12}(?:要做|打算|计划|工作|任务)")



class NotesReader(Protocol):
    """What the reader has gathered that decides the document (the reader in meaning.py)."""

    fields: dict[str, str]
    title_fields: list[dict[str, str]]
    harvested: list[str]
    context: list[str]
    points: list[Point]
    part_years: list[tuple[str, int]]
    plan_labels: int
    next_headings: int
    layout: Layout


def decide(r: NotesReader, doc_type: str | None) -> tuple[str | None, int | None, str]:
    """Unit, year and doc type from everything the notes say."""
    fields = r.fields
    titles = [*r.title_fields, *([title_facts(fields["title"]).__dict__] if "title" in fields else [])]
    org = fields.get("organization") or next((t["organization"] for t in titles if t.get("organization")), "")
    if not org:
        org = _named_unit([*r.harvested, *(p.text for p in r.points)])
    name = ""
    if doc_type:
        name = doctype(doc_type).name
    elif "doc_type" in fields:
        name = doc_type_of(fields["doc_type"]) or doctype(strip_end_punct(fields["doc_type"])).name
    else:  # a title, a mail subject, a sentence about what to write: the fullest of them (总结和计划合在一起写)
        said = [t["doc_type"] for t in titles if t.get("doc_type")] + [d for d in map(doc_type_of, r.harvested) if d]
        both = doctype_for("mixed").name
        name = both if both in said else next(iter(said), "")
    year = _year(r, fields, titles)
    if len({y for part, y in r.part_years if part == "year"}) >= 2:
        r.plan_labels += 1  # 【2025年】……【2026年】……: this year's work and next year's plan
    if not name:
        plan_hint = any(next_year_note(h) or NEXT_YEAR_WORK.search(h) for h in r.harvested)
        name = doctype_for("plan").name if plan_hint and not any(p.explicit and p.part == "done" for p in r.points) \
            else _type_by_content(r)
    return org or None, _plan_year(r, year, name), name


def _named_unit(texts: list[str]) -> str:
    """The unit the notes are for: one named with a year or a document type (石碾沟村妇联2026年计划) before one
    merely mentioned (青禾镇妇联 周红 forwarding the request)."""
    found = [(n, pos, org, text) for n, text in enumerate(texts) for pos, org in organizations(text)]
    titled = [org for _, pos, org, text in found
              if re.match(rf"\s*(?:{Y}年|明年|今年|年度|工作|的工作)", text[pos + len(org):])]
    return titled[0] if titled else found[0][2] if found else ""


def _year(r: NotesReader, fields: dict[str, str], titles: list[dict[str, str]]) -> int | None:
    """The year the notes are about, as written (a plan's own year when a header or title says it)."""
    for source in (fields.get("year", ""), fields.get("doc_type", "")):
        found = years(source) or [int(y) for y in re.findall(rf"(?<!\d)({Y})(?!\d)", source)]
        if found:
            return found[0]
        if source and "year" in fields and source == fields["year"]:
            raise InputError(f"年度“{source}”看不懂，请写成四位数字，如 2026")
    for t in titles:
        if t.get("year"):
            return int(t["year"])
    return None


def _plan_year(r: NotesReader, year: int | None, name: str) -> int | None:
    """Fill in the year from 明年（2027年）, part headings, harvested sentences and chat timestamps."""
    if year:
        return year
    texts = [*r.harvested, *(p.text for p in r.points)]
    noted = next((y for y in (next_year_note(t) for t in texts) if y), None)
    plan = doctype(name).tense == "plan" if name else False
    if noted:
        return noted if plan else noted - 1
    if r.part_years:  # 【2025年】/【2026年】, 2026年工作计划：…
        done = [y for part, y in r.part_years if part != "planned"]
        planned = [y for part, y in r.part_years if part == "planned"]
        if plan:
            return max(planned or done)
        return min(done) if done else min(planned) - 1
    for t in r.harvested:  # a title said in passing: 镇里汇总写桃溪镇妇联2025年工作总结
        found = years(t)
        if found and doc_type_of(t):
            return found[0]
    for t in r.context:  # 2025年，云岚区妇联的工作主要围绕……
        found = years(t)
        if found:
            return found[0] + 1 if plan else found[0]
    for p in r.points:  # 2026年重点是…… in a plan, 2025年以来…… in a summary
        found = years(p.text)
        ahead = p.part == "planned" or bool(re.search(rf"{Y}年(?:将|要|计划|打算|重点|力争)", p.text))
        if found and ahead == plan:
            return found[0] - 1 if plan and doc_plan_word(p.text) else found[0]
    written = [y for t in r.harvested for y in years(t)] + r.layout.chat.years  # when the notes were written
    if written:
        y = max(set(written), key=written.count)
        return y + 1 if plan else y
    return None


def doc_plan_word(text: str) -> bool:
    """Whether a sentence looks back on a year (2025年以来 …)."""
    return bool(re.search(rf"{Y}年(?:以来|全年|共|，)", text))


def _type_by_content(r: NotesReader) -> str:
    """No type named: results only → 总结; future only → 计划; results plus a next-year plan → 总结+计划."""
    years_seen = [p.year for p in r.points if p.part == "year" and p.year]
    later = max(years_seen) if len(set(years_seen)) >= 2 else None
    parts = ["planned" if p.part == "year" and later and p.year == later else p.part for p in r.points]
    planned = [p for p, part in zip(r.points, parts, strict=True)
               if part == "planned" or (not part and _planned_words(p.text, None))]
    record = any(w in ln.raw for ln in r.layout.lines[:5] for w in notes_vocab().record_words)  # …工作台账
    done = record or any(x in ("done", "problems", "mixed", "year") for x in parts) or any(
        _done_tense(p.text) for p in r.points if not p.part)
    if planned and done:
        targets = sum(1 for p in planned if counted(p.text))
        return doctype_for("mixed" if r.plan_labels or (targets >= 2 and not r.next_headings) else "summary").name
    if done:
        return doctype_for("summary").name
    return doctype_for("plan").name


def _done_tense(text: str) -> bool:
    """Words that report work already done (已, 完成, 累计, 办了两期)."""
    return bool(re.search(r"已经|已|完成了|共计|累计|先后|全年共|[了过][\d一二三四五六七八九十两几]", text))


def status_of(p: Point, name: str, year: int | None) -> str:
    """aims | problems | measures | planned | done for one point in a document of this type."""
    tense = doctype(name).tense
    if p.part in ("problems", "measures"):
        return p.part
    if p.part == "aims":
        return "aims" if tense == "plan" else "planned"
    if p.part == "mixed":
        return "planned" if _planned_words(p.text, year) else "problems"
    if tense == "plan":
        return "planned"
    if p.part in ("planned", "done"):
        return p.part
    if p.part == "year":
        return "done"
    if _planned_words(p.text, year) or analyse(p.text).status == "planned":
        return "planned"
    if not counted(p.text) and any(w in p.text for w in notes_vocab().problem_words) and not _done_tense(p.text):
        return "problems"
    return "done"


def without_next_year_words(text: str, year: int | None) -> str:
    """明年打算在…增加 → 在…增加: the part of the document already says it is next year's work."""
    words = [w for w in notes_vocab().planned_words if "{" not in w] + ([f"{year + 1}年"] if year else [])
    lead = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    text = re.sub(rf"(^|[，,])(?:{lead})(?:我们|我)?(?:想的是|的想法是|将|要|打算|想要|想|计划|准备|还要|重点)?[，,]?",
                  r"\1", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff”])明年(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"^(?:要|想|还要)(?=[\u4e00-\u9fff]{2})", "", text)


def _planned_words(text: str, year: int | None) -> bool:
    """Whether a point speaks of next year (明年…, 下一步…, 2026年将…)."""
    words = [w for w in notes_vocab().planned_words if "{" not in w]
    if year:
        words.append(f"{year + 1}年")
    return any(w in text[: len(w) + 8] for w in words)
