"""Scoring a rewrite of an old document (tests/data/old_docs/) against its gold list, as an office director reads
it: checker errors left, stale phrases left unmarked, year-bound phrases that do not fit 2026, a plan that still
reports results, 保障措施 that repeat one formula, web debris and a debris title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.checks import check, document_text
from assistant.choices import Mode
from assistant.errors import InputError
from assistant.export.markdown import to_markdown
from assistant.schemas import section_paragraphs
from assistant.service.rewriting import OldDocument, Rewrote, rewrite
from assistant.textnorm import simplified as to_simplified
from assistant.yearbound import misfits

ROOT = Path(__file__).resolve().parent / "data" / "old_docs"
PARTS = ("dev", "holdout")
TARGET = 2026
MARKS = re.compile(r"【[^】]*】")
DONE = re.compile(r"(?:开展|举办|组织|完成|实现|取得|建成|新建|培训|走访|发放|帮助|推动|获得|评选|召开|成立|覆盖|达到"
                  r"|提升|增强|加强|促进|落实|打造|形成|涌现)了|已(?:经)?(?![有婚故久知然是在])[\u4e00-\u9fff]")
EVALUATION = re.compile(r"取得了?(?:明显|显著|良好|积极|一定|较好)?的?(?:成效|成绩|效果)|成效(?:明显|显著)"
                        r"|效果(?:明显|显著|良好)|(?:得到|受到)了?[^。；]{0,10}(?:好评|认可|肯定|欢迎)")
GOOD_TITLE = re.compile(r"^(?:\S{2,30}(?:妇联|妇女联合会)\S{0,12}|【待补：单位名称】)"
                        r"\d{4}年(?:度)?(?:工作)?(?:总结|计划|要点)")
CATEGORIES = ("errors", "stale", "bound", "tense", "measures", "debris", "title", "lost")
SHORT = {"errors": "错误", "stale": "过时", "bound": "年份", "tense": "时态", "measures": "措施重复", "debris": "杂质",
         "title": "标题", "lost": "丢内容"}
KEPT = {"summary": 0.6, "plan": 0.4}  # the share of the old document's body a rewrite keeps, at least


@dataclass
class Case:
    """One old document and its gold list."""

    name: str
    path: Path
    gold: dict[str, object]


@dataclass
class Score:
    """What is wrong with one rewrite, by category (each a list of examples)."""

    found: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})

    @property
    def total(self) -> int:
        """How many defects in all."""
        return sum(len(v) for v in self.found.values())


def cases(part: str = "dev") -> list[Case]:
    """The old documents of a part (or all)."""
    parts = PARTS if part == "all" else (part,)
    out = []
    for p in parts:
        for gold_file in sorted((ROOT / p).glob("*.gold.yaml")):
            gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
            out.append(Case(f"{p}/{gold_file.name.removesuffix('.gold.yaml')}", ROOT / p / str(gold["file"]), gold))
    return out


def _outside_marks(text: str) -> str:
    return MARKS.sub("□", text)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；！？\n])", text) if s.strip()]


def _shared_run(a: str, b: str, n: int = 12) -> str:
    """A run of n characters both sentences share ('' if none)."""
    grams = {a[i: i + n] for i in range(len(a) - n + 1)}
    return next((b[i: i + n] for i in range(len(b) - n + 1) if b[i: i + n] in grams), "")


def score(case: Case, markdown: str, plain: str, title: str, mode: str, measures: list[str], old_body: int = 0
          ) -> Score:
    """Score a rewrite in one mode: its Markdown (what the user reads), its plain text (what `fulian check` reads
    in the .docx), its title and its 保障措施 sentences."""
    s = Score()
    body = _outside_marks(markdown)
    s.found["errors"] = [f"{f.rule}：{plain[f.start:f.end][:20]}" for f in check(plain, TARGET).findings
                         if f.severity == "error" and f.rule != "leftovers.placeholder"]
    for entry in case.gold.get("stale") or []:  # type: ignore[attr-defined]
        phrase = str(entry["text"])
        if phrase in body or to_simplified(phrase) in body:
            s.found["stale"].append(phrase)
    kind = "plan" if mode == "plan" else "summary"
    s.found["bound"] = [b.text for b in misfits(markdown, TARGET, kind)]
    if mode == "plan":
        for sentence in _sentences(body):
            m = DONE.search(sentence) or EVALUATION.search(sentence)
            if m and not sentence.lstrip().startswith("#"):
                s.found["tense"].append(m.group())
        for i, a in enumerate(measures):
            for b in measures[i + 1:]:
                run = _shared_run(_outside_marks(a), _outside_marks(b))
                if run:
                    s.found["measures"].append(run)
    for line in case.gold.get("debris") or []:  # type: ignore[attr-defined]
        if str(line).strip() and (str(line).strip() in markdown or to_simplified(str(line).strip()) in markdown):
            s.found["debris"].append(str(line)[:20])
    if not GOOD_TITLE.match(title):
        s.found["title"].append(title[:30])
    kept = len(re.sub(r"\s", "", plain))
    if old_body and kept < KEPT[mode] * old_body:
        s.found["lost"].append(f"{kept} 字，原文正文 {old_body} 字")
    return s


def run(case: Case, mode: Mode) -> tuple[Rewrote | None, Score]:
    """Rewrite one document in one mode and score it."""
    try:
        done = rewrite(OldDocument(source=case.path), TARGET, mode, {}, None)
    except InputError as e:
        s = Score()
        s.found["errors"].append(f"导入失败：{e}")
        return None, s
    measures = [p.text for sec in done.document.sections if sec.role == "measures" for p in section_paragraphs(sec)]
    plain = document_text(done.document)[0]
    cleaned = done.imported.cleaned  # the file's text, shared among the articles of a collection
    old_body = len(re.sub(r"\s", "", cleaned.text)) // max(1, len(cleaned.articles))
    return done, score(case, to_markdown(done.document), plain, done.document.title, mode.value, measures, old_body)
