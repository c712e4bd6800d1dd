"""汇总 as a job: read every unit's 总结, tabulate the indicators, apply the user's corrections, draft the county
document, and trace every figure in it to the files and figures it was summed from."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InputError
from assistant.grounding import Sources, traced
from assistant.ingest import read_source
from assistant.prompts import yaml_data
from assistant.rollup.data import indicators
from assistant.rollup.draft import county_draft
from assistant.rollup.read import Reading, Source, read, year_of
from assistant.rollup.totals import Table, number, tabulate
from assistant.schemas import Document, GroundingReport, Section
from assistant.service.checking import polish
from assistant.service.model import ModelChoice, choose_model
from assistant.service.rewriting import OldDocument, import_old

MAX_SOURCES = 60  # a county has 10–20 townships, a 街道 up to a few dozen 社区
LEAVE_OUT, COUNT_IN = "不计入", "计入"  # what a correction may say instead of an indicator's name


@dataclass
class RolledUp:
    """The sources as read, the table, the county draft and the sum behind each of its figures."""

    sources: list[Source]
    table: Table
    document: Document
    grounding: GroundingReport
    warnings: list[str] = field(default_factory=list)

    def payload(self) -> dict[str, object]:
        """What the .json output holds besides the document."""
        return {"units": self.table.units,
                "totals": {k: t.model_dump() for k, t in self.table.totals.items()},
                "flags": [f.model_dump() for f in self.table.flags],
                "readings": [r.model_dump() for r in self.table.readings],
                "grounding": self.grounding.model_dump()}


def read_sources(files: Sequence[str | Path], year: int | None = None) -> list[Source]:
    """Every file through the ordinary import (docx with Word numbering, GBK, 繁体, pasted pages); a document
    that does not say its year is taken to be of the roll-up's year (given, else the one most documents say)."""
    if not files:
        raise InputError("请至少给出一份下级单位的工作总结")
    if len(files) > MAX_SOURCES:
        raise InputError(f"一次最多汇总 {MAX_SOURCES} 份总结（收到 {len(files)} 份），请分批")
    docs = []
    for f in files:
        name = Path(str(f)).name
        try:
            docs.append((name, import_old(OldDocument(source=f)).document))
        except InputError as e:
            raise InputError(f"{name}：{e}") from e
    said = Counter(y for _, d in docs if (y := year_of(d)))
    fallback = year or (said.most_common(1)[0][0] if said else None)
    return [read(doc, name, n, fallback) for n, (name, doc) in enumerate(docs, 1)]


def load_mapping(path: str | Path) -> dict[str, str]:
    """Corrections from a YAML file: a figure's id (S2-F5) or its words (两癌筛查52000人) → an indicator's name,
    不计入, or 计入 (sum a flagged figure after all)."""
    data = yaml_data(read_source(path, what="指标对照表"))
    if not isinstance(data, dict):
        raise InputError(f"{path} 应当是“编号或原文: 指标名”的对照表")
    return {str(k): str(v) for k, v in data.items()}


def correct(sources: list[Source], mapping: dict[str, str]) -> list[str]:
    """Apply the user's corrections to the readings; returns what could not be applied."""
    names = {i.name for i in indicators().indicators}
    unused = []
    for key, to in mapping.items():
        if to not in names and to not in (LEAVE_OUT, COUNT_IN):
            raise InputError(f"对照表里的“{to}”不是指标名；可用的指标：{'、'.join(sorted(names))}，或“不计入”“计入”")
        hits = [(s, n) for s in sources for n, r in enumerate(s.readings) if _hit(r, key)]
        if not hits:
            unused.append(key)
        for s, n in hits:
            s.readings[n] = _corrected(s.readings[n], to)
    return unused


def _hit(r: Reading, key: str) -> bool:
    return key == r.id or (len(key) >= 3 and r.text in key and key in r.sentence)


def _corrected(r: Reading, to: str) -> Reading:
    if to == LEAVE_OUT:
        return r.model_copy(update={"status": "excluded", "why": "用户改为不计入", "confirmed": True})
    if to == COUNT_IN:
        return r.model_copy(update={"status": "counted", "why": "用户确认计入", "total_of": None, "confirmed": True})
    return r.model_copy(update={"indicator": to, "status": "counted", "why": "用户指定", "total_of": None,
                                "confirmed": True})


def rollup(files: Sequence[str | Path], unit: str | None = None, year: int | None = None,
           mapping: dict[str, str] | None = None, sources: list[Source] | None = None,
           choice: ModelChoice | None = None, notes: str | None = None) -> RolledUp:
    """The whole job, offline unless a model is chosen; totals are always Python's (a model only rewords the
    paragraphs around them, under the figure guard). Notes for next year, if given, are drafted into its 打算."""
    sources = sources if sources is not None else read_sources(files, year)
    warnings = []
    if mapping:
        unused = correct(sources, mapping)
        if unused:
            warnings.append(f"对照表里这些项没有找到对应的数字：{'、'.join(unused)}")
    years = sorted({s.year for s in sources if s.year})
    year = year or (years[-1] if years else None)
    if len(years) > 1:
        warnings.append(f"各份总结的年度不一致（{'、'.join(map(str, years))}），按 {year} 年汇总，请核对")
    table = tabulate(sources)
    plans = _plans(notes, choice) if notes and notes.strip() else None
    doc = county_draft(sources, table, unit, year, plans)
    warnings += reword(doc, choice)
    return RolledUp(sources, table, doc, trace(doc, table, notes or ""), warnings)


def _plans(notes: str, choice: ModelChoice | None) -> list[Section]:
    """Next year's work drafted from the user's notes like any 计划 (its 保障措施 and opening left out)."""
    from assistant.service.drafting import Notes, draft

    planned = draft(Notes(text=notes), "工作计划", choice=choice).document
    return [s for s in planned.sections if s.role not in ("measures", "problems")]


def reword(doc: Document, choice: ModelChoice | None) -> list[str]:
    """With a model: each drafted paragraph polished under the figure guard (a reply that changes, adds or drops a
    figure is repaired or refused, and the paragraph keeps its words); what could not be done, said."""
    if choice is None or choose_model(choice, doc.title) is None:
        return []
    failed = []
    for p in doc.paragraphs():
        if p.origin not in ("template", "import"):
            continue
        done = polish(p.text, doc.year, choice)
        if done.failed or any("保留原文" in r for r in done.reasons):
            failed.append(p.id)
        elif done.text != p.text:
            p.text, p.origin = done.text, "llm"
    return [f"模型没有改写成的段落保留了模板的文字：{'、'.join(failed)}"] if failed else []


def trace(doc: Document, table: Table, notes: str = "") -> GroundingReport:
    """Every figure of the draft and where it comes from: a total (the figures summed), a unit's sum, one
    figure of one file, or the notes for next year."""
    texts = [(r.id, f"{r.text} {r.sentence}") for r in table.readings] + ([("打算要点", notes)] if notes else [])
    for name, t in table.totals.items():
        texts.append((f"合计:{name}=" + "+".join(t.parts), t.text))
        texts += [(f"{u}:{name}", f"{number(v)}{t.unit}") for u, v in t.by_unit.items()]
    texts.append(("来源份数", f"{len(table.units)}个单位"))
    return traced(doc, Sources(texts, doc.year))


def table_rows(table: Table) -> list[list[str]]:
    """Indicators × units with totals, and a note column for what was flagged."""
    header = ["指标", "计量单位", *table.units, "合计", "说明"]
    rows = [header]
    for name, t in table.totals.items():
        notes = "；".join(f.message for f in table.flags if f.indicator == name)
        cells = [number(t.by_unit[u]) if u in t.by_unit else "" for u in table.units]
        rows.append([name, t.unit, *cells, t.text, notes])
    return rows


def write_table(table: Table, path: Path) -> None:
    """The table as .xlsx (with sheets for every figure read and for what to check) or .csv."""
    from assistant.files import write_atomic

    suffix = path.suffix.lower()
    if suffix == ".csv":
        buf = io.StringIO()
        csv.writer(buf).writerows(table_rows(table))
        write_atomic(path, lambda tmp: tmp.write_text(buf.getvalue(), encoding="utf-8-sig"))
        return
    if suffix != ".xlsx":
        raise InputError("汇总表请存为 .xlsx 或 .csv")
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]  # the default sheet: named ones are made below
    sheet = book.create_sheet("汇总表")
    for row in table_rows(table):
        sheet.append([_number_or_text(x) for x in row])
    sources = book.create_sheet("数据来源")
    sources.append(["编号", "单位", "原文", "数值", "计量单位", "指标", "状态", "说明", "所在句子"])
    for r in table.readings:
        sources.append([r.id, r.unit_name, r.text, r.number, r.unit, r.indicator or "", r.status, r.why, r.sentence])
    check = book.create_sheet("需核对")
    check.append(["类型", "指标", "单位", "说明"])
    for f in table.flags:
        check.append([f.kind, f.indicator, f.unit_name, f.message])
    write_atomic(path, lambda tmp: book.save(str(tmp)))


def _number_or_text(x: str) -> float | str:
    try:
        return float(x) if x and x[0].isdigit() else x
    except ValueError:
        return x
