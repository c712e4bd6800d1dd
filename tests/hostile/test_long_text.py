"""Every rule, the safe fixes and the polish diff on 200 000 characters of each hostile shape: linear-time, so
they end (the ceiling here only catches a hang; bench/hostile.py prints the real times), and never crash."""

from __future__ import annotations

import time

import pytest

from assistant.checks import MAX_HITS, check, fix
from assistant.checks.base import RULES
from assistant.polish import diff, polish_text
from hostile.inputs import N, shapes

HANG = 15.0  # seconds: a quadratic pattern takes minutes on these inputs (pdf_duplicate took 90 s on 80 000)


@pytest.mark.parametrize(("name", "text"), list(shapes()), ids=[n for n, _ in shapes(10)])
def test_each_rule_the_fixes_and_the_polish_end_on_long_text(name: str, text: str) -> None:
    start = time.perf_counter()
    report = check(text, 2025)
    fixed, _ = fix(text, 2025)
    polished = polish_text(text, 2025)
    took = time.perf_counter() - start
    assert took < HANG, f"{name}: {took:.1f} s"
    assert all(sum(f.rule == r for f in report.findings) <= MAX_HITS for r in RULES)
    assert "".join(e.old for e in polished.edits) == text and "".join(e.new for e in polished.edits) == polished.text
    assert len(text) >= N and fixed


def test_a_cut_rule_says_so() -> None:
    """A run of one mistake is listed up to MAX_HITS times, and the report names the rule that was cut short."""
    report = check("开展活动,效果好" * 5000, 2025)
    assert report.capped and sum(f.message.startswith("中文里用了半角") for f in report.findings) == MAX_HITS


def test_the_diff_rebuilds_both_sides() -> None:
    import random

    pick = random.Random(3).choice
    for _ in range(3000):
        a = "".join(pick("开展，。\n活动12") for _ in range(random.Random(_).randint(0, 60)))
        b = "".join(pick("开展，。\n活动12") for _ in range(random.Random(_ + 1).randint(0, 60)))
        edits = diff(a, b)
        assert "".join(e.old for e in edits) == a and "".join(e.new for e in edits) == b


def test_circled_numbers_at_line_starts_are_numbering_not_a_crash() -> None:
    report = check("一、组织建设\n①开展活动。\n③新建妇女微家。\n", 2025)
    assert any("③" in f.message or f.rule.startswith("numbering") for f in report.findings)
