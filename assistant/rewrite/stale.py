"""What in an old document is out of date for a target year: years, 届次, figures, formulations, leftovers."""

from __future__ import annotations

import re
from typing import Literal

from assistant.checks import check, document_text
from assistant.rewrite.figures import figures
from assistant.schemas import Document, Strict
from assistant.vocab import Y

YEAR = re.compile(rf"(?<!\d)({Y})(?=年)")
SESSION = re.compile(r"第[一二三四五六七八九十\d]+(?:届|次|轮|期)|[一二三四五六七八九十]{2,3}大(?!力|量|局|批|幅|型)"
                     r"|[一二三四五六七八九十]+届[一二三四五六七八九]中全会")

Kind = Literal["year", "session", "figure", "formulation", "leftover"]


class StaleItem(Strict):
    """One thing to update."""

    kind: Kind
    paragraph_id: str
    text: str
    message: str


class StaleReport(Strict):
    """Everything to update before the document can serve the target year."""

    from_year: int | None
    to_year: int
    items: list[StaleItem] = []

    def count(self, kind: Kind) -> int:
        """How many items of a kind."""
        return sum(1 for i in self.items if i.kind == kind)

    def summary(self) -> str:
        """旧年份 2 处，届次 2 处，数据 17 个，过时提法 0 处，残留 0 处."""
        return (f"旧年份 {self.count('year')} 处，届次 {self.count('session')} 处，数据 {self.count('figure')} 个，"
                f"过时提法 {self.count('formulation')} 处，残留 {self.count('leftover')} 处")


def _pid(spans: list[tuple[int, int, str, int]], pos: int) -> str:
    return next((pid for s, e, pid, _ in spans if s <= pos <= e), "")


def staleness(doc: Document, to_year: int) -> StaleReport:
    """The staleness report of a document for a target year."""
    text, spans = document_text(doc)
    items: list[StaleItem] = []
    for m in YEAR.finditer(text):
        year = int(m.group(1))
        if year < to_year:
            items.append(StaleItem(kind="year", paragraph_id=_pid(spans, m.start()), text=f"{year}年",
                                   message=f"旧年份 {year} 年，改写到 {to_year} 年时需核对"))
    for m in SESSION.finditer(text):
        items.append(StaleItem(kind="session", paragraph_id=_pid(spans, m.start()), text=m.group(),
                               message="届次或会议序号，请核对新的一年是否变化"))
    for f in figures(doc):
        what = f"“{f.counts}”" if f.counts else ""
        items.append(StaleItem(kind="figure", paragraph_id=f.paragraph_id, text=f.text,
                               message=f"{f.id} {what}原为{f.text}，需要新的数值"))
    for finding in check(text, to_year).findings:
        if finding.family in ("time", "leftovers") and finding.rule != "time.year_mismatch":
            kind: Kind = "formulation" if finding.family == "time" else "leftover"
            items.append(StaleItem(kind=kind, paragraph_id=_pid(spans, finding.start),
                                   text=text[finding.start: finding.end], message=finding.message))
    return StaleReport(from_year=doc.year, to_year=to_year, items=items)
