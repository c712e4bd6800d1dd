"""Property tests: the checker never raises on any text, spans stay inside it, and --fix reaches a fixed point."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.checks import check, fix

PIECES = ["妇联", "开展", "活动", "二百", "200", "余场", "，", ",", "。", "、", "“", "\"", "（", "(", ")", "）", "《",
          "》", "一、", "（一）", "1、", "1.", "一是", "二是", "四是", "XX", "20__", "十九大", "2025年", "03月", "08日",
          "3-5", "～", "万元", "%", "婦聯", "(lián)", "乡镇乡镇", "20212021", "法律意思", "挺好", "困境儿童王小明",
          "13812345678", "\n", " ", "共", "其中", "户", "二零二五年", "３", "：", ":", ";", "!", "?", "。。"]
CHINESE_ISH = st.lists(st.sampled_from(PIECES), max_size=400).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=50_000), CHINESE_ISH)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ANY_TEXT)
def test_never_raises_and_spans_are_inside(text: str) -> None:
    report = check(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.severity in ("error", "warning", "hint") and f.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ANY_TEXT)
def test_fix_leaves_nothing_safe_to_fix(text: str) -> None:
    fixed, _ = fix(text)
    left = [f for f in check(fixed).findings if f.safe and f.suggestion is not None]
    assert not left, [(f.rule, fixed[f.start:f.end], f.suggestion) for f in left]


def test_fifty_thousand_characters() -> None:
    import random

    rng = random.Random(7)
    text = "".join(rng.choice(PIECES) for _ in range(30_000))[:50_000]
    assert len(text) == 50_000
    report = check(text)
    assert report.findings and all(0 <= f.start <= f.end <= len(text) for f in report.findings)
    fixed, applied = fix(text)
    assert applied and not [f for f in check(fixed).findings if f.safe and f.suggestion is not None]
