"""Rewrite an old 总结 for a new year: as next year's 总结 (figures replaced or left as 【待补】) or as a 计划."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from assistant.checks import check, fix
from assistant.checks.data import timeline
from assistant.choices import Mode
from assistant.errors import InputError
from assistant.numbers import Figure, find_figures
from assistant.prompts import doctype_for, doctype_named, yaml_data, year_context
from assistant.rewrite.data import words
from assistant.rewrite.figures import FigureRef, dated_document, figures, statistics
from assistant.rewrite.measures import measure
from assistant.rewrite.tense import as_plan
from assistant.schemas import Document, Facts, OutlineSection, Paragraph, Section, Strict, section_paragraphs
from assistant.topics import evidence
from assistant.vocab import Y, placeholder
from assistant.writers.context import DraftContext, stable_seed
from assistant.writers.template import TemplateWriter
from assistant.yearbound import find as find_bound

YEAR = re.compile(rf"(?<![\d—～\-~])({Y})(?=年)")
ORDINALS = re.compile(r"^([一二三四五六七八九十]+)是")


GENERIC_ORG = re.compile(rf"^((?:{Y}年(?:度)?)?)(?:乡镇|街道|社区|村|县|区|市|镇|乡)(?:妇联|妇女联合会)")


class Change(Strict):
    """One replacement the rewriter made."""

    paragraph_id: str
    old: str
    new: str
    why: str


class Rewritten(Strict):
    """The rewritten document and every change, so nothing happens silently."""

    document: Document
    changes: list[Change] = []
    unfilled: list[str] = []
    to_verify: list[str] = []  # outdated or year-bound wording marked 【待核：原为…】, each as it was
    stale_parts: list[str] = []  # headings (as they were) of parts about outdated work, e.g. 疫情防控


def load_figures(path: str | Path) -> dict[str, str]:
    """New values from a YAML mapping or a two-column CSV: key (F3, 785名 or 两癌筛查) → new value."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"读不了新数据文件 {p}：{e}") from e
    if p.suffix.lower() == ".csv":
        rows = [re.split(r"[,，\t]", line, maxsplit=1) for line in text.splitlines() if line.strip()]
        data = {r[0].strip(): r[1].strip() for r in rows if len(r) == 2 and r[1].strip()}
    else:
        try:
            loaded = yaml_data(text) or {}
        except yaml.YAMLError as e:
            raise InputError(f"新数据文件 {p.name} 格式有误：{str(e).splitlines()[0]}") from e
        if not isinstance(loaded, dict):
            raise InputError(f"新数据文件 {p.name} 应写成“编号或原数据: 新数据”的形式，如 F3: 800名")
        data = {str(k).strip(): str(v).strip() for k, v in loaded.items() if v not in (None, "")}
    return data


def _key(text: str) -> str:
    """A lookup key without quotes, brackets or spaces."""
    return re.sub(r"[“”\"‘’《》（）()\s]", "", text)


def _new_value(ref: FigureRef, values: dict[str, str]) -> str | None:
    """The value the user gave for a figure, by id, by original text, or by what it counts; its unit must fit."""
    keyed = {_key(k): v for k, v in values.items()}
    for key in (ref.id, f"{ref.counts}{ref.text}", ref.text, ref.counts):
        if key and _key(key) in keyed:
            return fitting_unit(ref, keyed[_key(key)])
    return None


def _base(unit: str) -> str:
    """元 for 万元 and 亿元, 人 for 万人: units that differ only in magnitude."""
    return unit.lstrip("万亿千百") or unit


def fitting_unit(ref: FigureRef, value: str) -> str:
    """A new value with a unit that fits the old figure: a bare number takes the old unit; another unit (110户 for
    4次) is a user error naming the row."""
    value = value.strip()
    found = next(iter(find_figures(value)), None)
    if not ref.unit or found is None:
        return value
    if not found.unit:
        return value + ref.unit if found.text == value else value
    if _base(found.unit) != _base(ref.unit):
        raise InputError(f"{ref.id} 原来是“{ref.text}”（单位“{ref.unit}”），新数据“{value}”的单位是“{found.unit}”，"
                         f"对不上；请写成“…{ref.unit}”，或看看是不是填到了别的行")
    return value


def _shift_years(text: str, old: int | None, new: int, mode: Mode) -> str:
    """Years next to the old document year move with it (in a plan, the old 'next year' is the plan year);
    other years are deliberate references and stay."""
    if old is None:
        return text
    moves = {old - 1: new - 1, old: new, old + 1: new + 1 if mode == "summary" else new}

    def repl(m: re.Match[str]) -> str:
        if dated_document(text, m.start()):
            return m.group(1)
        return str(moves.get(int(m.group(1)), m.group(1)))

    return YEAR.sub(repl, text)


ALSO = r"[，,、]?(?:也|又|还|更)是"
YEAR_OF = r"[^。；！？]*?(?:之年|一年)"  # 全面深化改革的开局之年, 极不平凡的一年
CHARACTER = re.compile(rf"({Y})年(?:既|也|又)?(?:是|为)({YEAR_OF})((?:{ALSO}{YEAR_OF})*)")


def _mark(old: str, marked: list[str]) -> str:
    """Wording left for the user to check, visible in the text and listed."""
    marked.append(old)
    return f"【待核：原为{old}】"


def _moved_characters(old: str, moved: str, marked: list[str]) -> str:
    """What an old text said a year was (全面深化改革的开局之年, 极不平凡的一年) marked 【待核：原为…】 where that year
    moved: it was true of the old year, not of the new one. Phrases prompts/context knows (“十五五”开局之年) are left
    to _verify, which recomputes them; `old` and `moved` have the same length (years are moved digit for digit)."""
    spans: list[tuple[int, int]] = []
    for m in CHARACTER.finditer(moved):
        if old[m.start(1):m.end(1)] == m.group(1):
            continue  # a year that did not move
        start = m.start(2)
        for part in re.split(ALSO, m.group(2) + m.group(3)):
            at = moved.index(part, start)
            known = sum(len(b.text) for b in find_bound(part))
            if part and len(part) - known > 4:  # not only a phrase _verify recomputes (全面建成小康社会和…收官之年)
                spans.append((at, at + len(part)))
            start = at + len(part)
    for a, b in reversed(spans):
        moved = moved[:a] + _mark(moved[a:b], marked) + moved[b:]
    return moved


def _formulations(text: str, to_year: int | None = None) -> str:
    """Replace fixed outdated formulations (十九大 → 二十大 …) the timeline marks as replaceable, those outdated
    by `to_year` (all when it is not known); each key is a pattern, the longest first."""
    for entry in timeline().entries:
        if to_year is not None and to_year <= entry.since.year:  # in that year itself it may not be yet
            continue
        for old in sorted(entry.replace, key=len, reverse=True):
            text = re.sub(old, entry.replace[old], text)
    return text


VERIFY = ("time.formulation", "time.year_bound")  # findings the rewrite must not leave as they are


def _verify(text: str, to_year: int, mode: Mode, marked: list[str], after: str = "") -> str:
    """Outdated formulations and year-bound phrases checked for the target year, never moved with it: a
    “X之年” the target year's context names is put in its place, anything else is marked 【待核：原为…】;
    `after` (a run-in heading's paragraph) is read for context only."""
    kind = "plan" if mode == "plan" else "summary"
    context = year_context(to_year)
    theme = context.theme if context else None
    spans: list[tuple[int, int, str]] = []  # overlapping findings (迎接党的十八大, 党的十八大) as one span
    for f in check(text + after, to_year, kind, rules=VERIFY).findings:
        if f.end > len(text):
            continue
        if spans and f.start < spans[-1][1]:
            start, end, rule = spans[-1]
            spans[-1] = (start, max(end, f.end), rule if end - start >= f.end - f.start else f.rule)
        else:
            spans.append((f.start, f.end, f.rule))
    for start, end, rule in reversed(spans):
        old = text[start:end]
        if rule == "time.year_bound" and theme and old.endswith("之年") and f"{to_year}年" in text[:start]:
            new = theme
        else:
            new = _mark(old, marked)
        text = text[:start] + new + text[end:]
    return text


def _figures_out(text: str, refs: list[FigureRef], values: dict[str, str], placeholder: Callable[[str, str], str],
                 unfilled: list[str]) -> str:
    """Each statistic replaced by its new value or by a visible placeholder; refs come in the same order less
    those a 【待核：原为…】 took in (十九届四中全会), so each statistic takes the next ref that reads as it."""
    pairs: list[tuple[Figure, FigureRef | None]] = []
    rest = list(refs)
    for fig in statistics(text):
        n = next((i for i, ref in enumerate(rest) if ref.text == fig.text), 0)
        pairs.append((fig, rest[n] if rest else None))
        rest = rest[n + 1:]
    for fig, ref in reversed(pairs):
        new = _new_value(ref, values) if ref else None
        if new is None:
            new = placeholder(ref.text if ref else fig.text, fig.kind)  # 原为 what it said, not the moved year
            unfilled.append(ref.id if ref else fig.text)
        text = text[: fig.start] + new + text[fig.end:]
    return text


class _Rewriter:
    """Walks a document once, changing each unlocked paragraph and heading."""

    def __init__(self, doc: Document, to_year: int, values: dict[str, str], mode: Mode):
        self.doc, self.to_year, self.values, self.mode = doc, to_year, values, mode
        self.refs: dict[str, list[FigureRef]] = {}
        for ref in figures(doc):
            self.refs.setdefault(ref.paragraph_id, []).append(ref)
        self.changes: list[Change] = []
        self.unfilled: list[str] = []
        self.marked: list[str] = []
        self.stale_parts: list[str] = []

    def placeholder(self, old: str, kind: str = "number") -> str:
        """A visible hole that says what was there (in a plan, a number asks for a target, a date for a date)."""
        if self.mode != "plan":
            return f"【待补：原为{old}】"
        what = "日期" if kind == "date" else "届次" if old.endswith("届") else "目标"
        return f"【待补：{what}（上年为{old}）】"

    def text(self, key: str, text: str, offset: int = 0, prose: bool = True, after: str = "") -> str:
        """One paragraph (prose) or heading rewritten; `key`/`offset` find its figures' ids (F1, F2 …)."""
        before = text
        moved = _shift_years(text, self.doc.year, self.to_year, self.mode)
        text = _formulations(_moved_characters(text, moved, self.marked), self.to_year)
        text = _verify(text, self.to_year, self.mode, self.marked, after)
        if self.mode == "plan":
            text = as_plan(text, prose)
        text = _figures_out(text, self.refs.get(key, [])[offset:], self.values, self.placeholder, self.unfilled)
        text, _ = fix(text, self.to_year)  # the checker's safe fixes: punctuation, number forms, 繁体, 易错词
        if text != before:
            self.changes.append(Change(paragraph_id=key, old=before, new=text, why="改写"))
        return text

    def section(self, s: Section) -> Section:
        """A section and its children rewritten; locked paragraphs are left as they are."""
        s = s.model_copy(deep=True)
        run_in = s.run_in and bool(s.paragraphs)
        key = s.paragraphs[0].id if run_in else s.id
        head_count = len(list(statistics(s.heading)))
        if s.heading:
            before = len(self.marked)
            old = s.heading
            s.heading = self.text(key, s.heading, prose=False, after=s.paragraphs[0].text if run_in else "")
            if len(self.marked) > before:  # the part is about work that is over: say it may go
                self.stale_parts.append(old)
        for n, p in enumerate(s.paragraphs):
            if not p.locked:
                p.text = self.text(p.id, p.text, head_count if n == 0 and run_in else 0)
        s.children = [self.section(c) for c in s.children]
        return s


def rewrite(doc: Document, to_year: int, mode: Mode = Mode.summary, values: dict[str, str] | None = None) -> Rewritten:
    """The deterministic rewrite: structure kept, years moved, every figure new or 【待补】, locked text untouched."""
    if doc.year and to_year <= doc.year - 1:
        raise InputError(f"目标年度 {to_year} 早于原文年度 {doc.year}，请检查 --to-year")
    doc = _full_years(doc)
    r = _Rewriter(doc, to_year, values or {}, mode)
    new = doc.model_copy(deep=True)
    new.year = to_year
    new.title = r.text("title", doc.title, prose=False)
    if mode == "summary":
        new.title = re.sub(rf"{Y}(?=年)", str(to_year), new.title) if doc.year is None else new.title
        new.title = GENERIC_ORG.sub(lambda m: placeholder("organization") + m.group(1), new.title)  # 范文: 乡镇妇联
        new.preamble = [_para(p, r) for p in doc.preamble]
        new.sections = [r.section(s) for s in doc.sections]
        new.closing = [_para(p, r) for p in doc.closing]
    else:
        new = _as_plan(doc, new, r, to_year)
    if new.signoff:
        new.signoff = [_formulations(line) if not re.search(r"\d{4}年", line) else "【待补：成文日期】"
                       for line in new.signoff]  # 杏花岭村妇代会 → 杏花岭村妇联
    new.writer = "rewrite"
    unfilled = sorted(set(r.unfilled), key=lambda i: int(i[1:]) if i[1:].isdecimal() else 0)
    return Rewritten(document=new, changes=r.changes, unfilled=unfilled, to_verify=list(dict.fromkeys(r.marked)),
                     stale_parts=r.stale_parts)


def _full_years(doc: Document) -> Document:
    """The document with two-digit years written out (比22年 → 比2022年), before its figures are numbered."""
    if doc.year is None:
        return doc

    def full(text: str) -> str:
        for f in reversed(check(text, doc.year, rules=["time.two_digit_year"]).findings):
            text = text[: f.start] + (f.suggestion or text[f.start: f.end]) + text[f.end:]
        return text

    doc = doc.model_copy(deep=True)
    for p in doc.paragraphs():
        if not p.locked:  # locked text is never touched
            p.text = full(p.text)

    def walk(sections: list[Section]) -> None:
        for sec in sections:
            sec.heading = full(sec.heading)
            walk(sec.children)

    walk(doc.sections)
    return doc


def _para(p: Paragraph, r: _Rewriter) -> Paragraph:
    return p if p.locked else p.model_copy(update={"text": r.text(p.id, p.text)})


def _organization(title: str) -> str:
    """The organisation in a title such as 石桥镇妇联2025年工作总结."""
    m = re.match(rf"^(.*?)(?:{Y}年(?:度)?)?(?:工作)?(?:总结|计划|要点)", title)
    org = (m.group(1) if m else "").strip()
    return org if org.endswith(("妇联", "妇女联合会")) else ""


def _as_plan(old: Document, new: Document, r: _Rewriter, to_year: int) -> Document:
    """总结 → next year's 计划: plan preamble, work sections as tasks, problems as measures, targets as 【待补】."""
    org = _organization(_formulations(old.title))  # 杏花岭村妇代会 → 杏花岭村妇联
    plan = doctype_for("plan")
    new.doc_type = plan.name
    new.title = plan.title.format(organization=org or placeholder("organization"), year=to_year, next_year=to_year + 1)
    facts = Facts(organization=org or None, year=to_year, doc_type=plan.name)
    ctx = DraftContext.create(facts, stable_seed(old.title))
    new.preamble = TemplateWriter().preamble(ctx)
    sections: list[Section] = []
    measures: list[Paragraph] = []
    own: list[Paragraph] = []  # a plan's own 保障措施, rewritten: the user's words before the template's
    for s in old.sections:
        if s.role == "next_steps":
            s = s.model_copy(update={"heading": words().next_steps_heading})
        if s.role == "problems":
            for pid, problem in _problems(s):
                sentences = _measures(r.text(pid, problem, prose=False))
                measures += [Paragraph(id=f"{pid}-m{n}", text=t, origin="template")
                             for n, t in enumerate(sentences, 1)]
        elif s.role == "measures":
            own += section_paragraphs(r.section(s))
        else:
            sections.append(r.section(s))
    spec = next((x for x in ctx.spec.sections if x.role == "measures"), None)
    if spec is not None:  # the plan skeleton's 保障措施, led by the measures for last year's problems
        block = TemplateWriter().write_section(ctx, OutlineSection(key="measures", role="measures",
                                                                   title=spec.title or words().measures_heading))
        block.paragraphs = measures + (own or block.paragraphs)
        sections.append(block)
    elif measures or own:
        sections.append(Section(id="measures", heading=words().measures_heading, role="measures",
                                paragraphs=measures + own))
    sections = _merge_next_steps(sections)
    opening = "".join(p.text for p in new.preamble)
    for s in sections:
        for p in section_paragraphs(s):
            if not p.locked:
                p.text = _without_repeat(p.text, opening)
    new.sections = sections
    new.closing = [_para(p, r) for p in old.closing]
    return new


MERGE_SCORE = 6.0  # evidence a next-year task and a work part need to be put together (else it stays apart)


def _merge_next_steps(sections: list[Section]) -> list[Section]:
    """Last year's 下一步 tasks moved into the work part of the same kind (维权 to 维权); a task whose kind is unsure,
    or that fits no part or several, stays in 其他重点工作, which goes when nothing is left in it but its intro."""
    def content(sec: Section) -> str:
        return sec.heading + "".join(p.text for p in section_paragraphs(sec))

    def leaves(secs: list[Section]) -> list[Section]:
        return [x for sec in secs if sec.role == "work"
                for x in ([sec] if sec.paragraphs or not sec.children else leaves(sec.children))]

    kinds = [(w, evidence(content(w))) for w in leaves(sections)]
    out = []
    for sec in sections:
        if sec.role != "next_steps":
            out.append(sec)
            continue
        kept_paras, kept_children = [], []
        units: list[Paragraph | Section] = [*sec.paragraphs, *sec.children]
        for unit in units:
            text = unit.text if isinstance(unit, Paragraph) else content(unit)
            ev = evidence(text)
            fits = [w for w, k in kinds if k.area == ev.area and k.score >= MERGE_SCORE]
            if ev.score >= MERGE_SCORE and len(fits) == 1 and not getattr(unit, "locked", False):
                target = fits[0]
                if isinstance(unit, Paragraph):
                    target.paragraphs.append(unit)
                else:
                    target.children.append(unit)
            elif isinstance(unit, Paragraph):
                kept_paras.append(unit)
            else:
                kept_children.append(unit)
        moved = len(units) - len(kept_paras) - len(kept_children)
        if kept_children or len(kept_paras) > (1 if moved else 0):
            out.append(sec.model_copy(update={"paragraphs": kept_paras, "children": kept_children}))
    return out


def _without_repeat(text: str, opening: str) -> str:
    """A paragraph without a first clause the plan's opening already says (2026年是“十五五”开局之年，…)."""
    m = re.match(r"([^，。；]{8,})[，。；]", text)
    if not (m and m.group(1) in opening and len(text) > m.end()):
        return text
    rest = text[m.end():]
    subject = re.match(r"(.{2,8}?)是", m.group(1))
    if subject and re.match(r"也|又|同时|还", rest):  # 2026年是…，也是… keeps its subject: 2026年也是…
        return subject.group(1) + rest
    return rest


def _problems(s: Section) -> list[tuple[str, str]]:
    """(paragraph id, problem text) for a problems section: a problem with its own heading ((一)执委作用发挥不平衡。
    部分村……) is named by the heading, the rest by their paragraphs."""
    out: list[tuple[str, str]] = [(p.id, p.text) for p in s.paragraphs]
    for child in s.children:
        if child.heading and child.paragraphs:
            out.append((child.paragraphs[0].id, child.heading))
        else:
            out += _problems(child)
    return out


def _measures(text: str) -> list[str]:
    """Each problem in a paragraph (一是……；二是……, else each sentence) as a measure sentence."""
    start = text.find("一是")
    body = text[start:] if start >= 0 else text
    parts = re.split(r"[；;]|(?<=。)", body) if start >= 0 else re.split(r"(?<=。)", body)
    out = []
    for part in parts:
        problem = ORDINALS.sub("", part.strip()).strip("。，； ")
        problem = re.sub(r"^针对", "", problem).removesuffix("的问题").rstrip("的")
        if len(problem) >= 4 and not part.strip().endswith(("：", ":")) \
                and not re.search(words().problem_intro, problem):
            out.append(measure(problem))
    return out


def doc_type_after(doc: Document, mode: Mode) -> str | None:
    """The doc type of the result."""
    if mode == "plan":
        return doctype_for("plan").name
    spec = doctype_named(doc.title)
    return doc.doc_type or (spec.name if spec else None)
