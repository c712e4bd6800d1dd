"""Notes nobody on the team wrote, drafted with no --type: 0 defects against their gold, every line accounted for,
no figure invented or lost — offline and through a model served on 127.0.0.1."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from fake_openai import FakeOpenAI, Reply, grounded, section_data
from notes_scorer import CATEGORIES, PARTS, Case, cases, flat, score

from assistant.grounding import ground
from assistant.llm.writer import LLMWriter
from assistant.notes import read_notes
from assistant.pipeline import draft
from assistant.service.drafting import Drafted, Notes
from assistant.service.drafting import draft as draft_job
from assistant.service.model import using
from tests.conftest import model_settings

ALL = cases("all")
LEVELS = {"村", "社区", "乡镇", "街道", "县", "区", "市"}
STYLES = {"header_block", "labelled_bullets", "nested_bullets", "prose_paragraph", "yishi_inline", "chat_export",
          "typos", "gbk", "prose_problems_next", "keypoints_sub_bullets", "markdown_headings", "bold_headings",
          "bracket_headings", "unknown_group_labels", "multi_area_group", "private_names"}


def _ids(c: Case) -> str:
    return c.name


def test_the_corpus_covers_what_the_issue_asks() -> None:
    dev, held = cases("dev"), [*cases("holdout"), *cases("fresh"), *cases("blind")]
    assert len(dev) + len(held) >= 40 and len(held) * 3 >= len(dev) + len(held) - 3, "two thirds / one third"
    assert all(cases(part) for part in PARTS), "each round of held-back notes is in the corpus"
    golds = [c.gold for c in ALL]
    assert {g.type for g in golds} == {"工作计划", "工作总结", "工作要点", "总结+计划"}
    assert {g.level for g in golds} == LEVELS and {g.setting for g in golds} >= {"乡", "城"}
    styles = {s for g in golds for s in g.styles}
    assert styles >= STYLES or not STYLES - styles, f"styles missing: {sorted(STYLES - styles)}"
    assert any(s.startswith("numbered") for s in styles)


@pytest.mark.parametrize("case", ALL, ids=_ids)
def test_gold_agrees_with_its_notes(case: Case) -> None:
    """A gold that asks for words the notes do not have would make the scorer wrong, not the product."""
    notes = flat(case.notes)
    for wrong, right in case.gold.typos.items():
        assert wrong in notes
        notes = notes.replace(wrong, right)
    for item in case.gold.items:
        for fragment in item.anchor:
            assert flat(fragment) in notes, f"{fragment} is not in the notes"
    for name in case.gold.absent_programmes:
        assert name not in notes, f"{name} is in the notes"
    for name in [*case.gold.private_names, *case.gold.honour_names]:
        assert name in notes


@pytest.mark.parametrize("case", ALL, ids=_ids)
def test_draft_has_no_defect(case: Case) -> None:
    doc = draft_job(Notes(source=case.notes_path)).document
    found = score(doc, case)
    assert found.total == 0, "\n".join(f"{c}: {e}" for c in CATEGORIES for e in found.defects[c])


@pytest.mark.parametrize("case", ALL, ids=_ids)
def test_every_line_is_accounted_for_and_no_figure_is_invented_or_lost(case: Case) -> None:
    facts, lines = read_notes(case.notes)
    content = [n for n, raw in enumerate(case.notes.split("\n"), 1) if raw.strip()]
    explained = {n.line: n.became for n in lines}
    assert sorted(explained) == content, "a notes line is missing from --explain"
    assert all(explained[n] for n in content)
    left = {o.line for o in facts.omitted}
    for n in content:  # a line that went nowhere is in the 未写入稿子 list with its reason
        if all(b.startswith("未写入") for b in explained[n]):
            assert n in left, f"line {n} is left out without a reason in facts.omitted"
    doc = draft(facts)
    assert ground(doc, facts).untraced == []
    body = flat("\n".join(p.text for p in doc.paragraphs()))
    for item in facts.all_items():
        for m in item.metrics:
            assert flat(m.text) in body, f"{m.text} of “{item.text}” is not in the draft"


def test_private_names_are_written_as_mou_and_honours_stay() -> None:
    facts, _ = read_notes("单位：丹桂社区妇联\n年度：2025\n- 为患病困难妇女何雪梅申请救助金1万元\n"
                          "- 居民刘桂芝家庭被评为区级最美家庭\n- 调解王桂兰家婆媳矛盾2起\n")
    text = " ".join(i.text for i in facts.items)
    assert "何某某" in text and "王某某" in text and "何雪梅" not in text and "王桂兰" not in text
    assert "刘桂芝" in text
    assert {c.after for c in facts.changes} >= {"何某某", "王某某"}
    assert any("某某" in w for w in draft(facts).warnings)


def _obeying_nobody(body: dict[str, Any]) -> Reply:
    """A model that writes the facts but adds a programme and a method the notes never mention."""
    reply = grounded(body)
    data = section_data(body)
    if data is None:
        return reply
    paras = reply.content.split("\n\n")
    return Reply("\n\n".join(p.replace("我们认真", "依托“妇女微家”阵地，坚持一对一结对，") for p in paras))


@pytest.fixture(scope="module")
def model_server() -> Any:
    server = FakeOpenAI(grounded).start()
    yield server
    server.stop()


@pytest.mark.parametrize("case", ALL, ids=_ids)
def test_the_model_path_has_no_defect(case: Case, model_server: FakeOpenAI) -> None:
    model_server.responder = grounded
    writer = LLMWriter(model_settings(model_server, concurrency=4))
    d: Drafted = draft_job(Notes(source=case.notes_path), choice=using(writer))
    doc, report = d.document, d.grounding
    found = score(doc, case)
    assert found.total == 0, "\n".join(f"{c}: {e}" for c in CATEGORIES for e in found.defects[c])
    assert report.untraced == [] and doc.writer == "llm"


def test_a_model_that_names_programmes_not_in_the_notes_is_refused(model_server: FakeOpenAI) -> None:
    case = next(c for c in ALL if "妇女微家" not in c.notes and "结对" not in c.notes)
    model_server.responder = _obeying_nobody
    writer = LLMWriter(model_settings(model_server, concurrency=4))
    doc = draft_job(Notes(source=case.notes_path), choice=using(writer)).document
    text = "\n".join(p.text for p in doc.paragraphs())
    assert "妇女微家" not in text and "一对一" not in text
    assert score(doc, case).total == 0
    repairs = [r for r in model_server.requests if "在资料中没有" in str(r["messages"][-1]["content"])]
    assert repairs, "the guard asked the model to repair the invented programme"


def test_no_stock_phrase_dominates_the_corpus() -> None:
    """One opener in most drafts (“围绕妇女群众最关心最直接最现实的利益问题” in 8 of 12) reads as boilerplate."""
    counts: Counter[str] = Counter()
    for case in ALL:
        doc = draft_job(Notes(source=case.notes_path)).document
        clauses = {c for p in doc.paragraphs() if p.fact_ids for c in re.split(r"[，。；：]", p.text) if len(c) >= 8}
        counts.update(clauses)
    common = [(c, n) for c, n in counts.most_common(5) if n > len(ALL) // 2]
    assert not common, common
