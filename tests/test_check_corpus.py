"""The checker against project-written corpora: planted errors found, clean documents clean, own drafts clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES

from assistant.checks import check, check_document
from assistant.service.drafting import Notes, draft

DATA = Path(__file__).parent / "data"
PLANTED: list[dict[str, Any]] = yaml.safe_load((DATA / "planted.yaml").read_text("utf-8"))
CLEAN = sorted((DATA / "clean").glob("*.txt"))


def test_corpus_is_big_enough_and_covers_every_family() -> None:
    assert len(PLANTED) >= 60
    assert {p["family"] for p in PLANTED} == {"leftovers", "punctuation", "numbering", "numbers", "time", "wording",
                                               "personal"}
    assert len(CLEAN) >= 3


@pytest.mark.parametrize("case", PLANTED, ids=lambda c: f"{c['family']}-{c['expect']}")
def test_planted_error_is_found(case: dict[str, Any]) -> None:
    text, expect = case["text"], case["expect"]
    at = text.index(expect)
    found = [f for f in check(text, case.get("year")).findings
             if f.family == case["family"] and f.start < at + len(expect) and f.end > at]
    assert found, f"{case['family']} not found in {text!r}"


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_documents(path: Path) -> None:
    report = check(path.read_text("utf-8"))
    text = path.read_text("utf-8")
    assert not report.errors, [(f.rule, text[f.start:f.end], f.message) for f in report.errors]
    assert len(report.warnings) <= 2, [(f.rule, text[f.start:f.end]) for f in report.warnings]
    assert report.year is not None


@pytest.mark.parametrize("notes", EXAMPLES, ids=lambda p: p.stem)
def test_own_drafts_have_no_errors(notes: Path) -> None:
    doc = draft(Notes(source=notes)).document
    text, report = check_document(doc)
    assert not report.errors, [(f.rule, text[f.start:f.end], f.message) for f in report.errors]
    assert all(f.paragraph_id for f in report.findings)
