"""Every checker rule fires on its examples and stays quiet on its counter-examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.checks import RULES, check

CASES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "data" / "rule_cases.yaml").read_text("utf-8"))


def _cases() -> list[tuple[str, str, int | None, bool]]:
    out = []
    for rule_id, spec in CASES.items():
        out += [(rule_id, t, None, True) for t in spec.get("fires", [])]
        out += [(rule_id, t, None, False) for t in spec.get("passes", [])]
        out += [(rule_id, c["text"], c.get("year"), c["fires"]) for c in spec.get("cases", [])]
    return out


def test_every_rule_has_a_firing_and_a_quiet_example() -> None:
    assert set(CASES) == set(RULES)
    for rule_id, _, _, _ in _cases():
        kinds = {fires for r, _, _, fires in _cases() if r == rule_id}
        assert kinds == {True, False}, rule_id


@pytest.mark.parametrize("rule_id, text, year, fires", _cases(), ids=lambda v: str(v)[:24])
def test_rule_example(rule_id: str, text: str, year: int | None, fires: bool) -> None:
    found = [f for f in check(text, year).findings if f.rule == rule_id]
    assert bool(found) == fires, [(f.rule, text[f.start:f.end], f.message) for f in found]
    for f in found:
        assert 0 <= f.start <= f.end <= len(text) and f.message and f.source


def test_tiers_and_wording_of_sources() -> None:
    for r in RULES.values():
        if r.tier not in ("国标", "标准"):
            assert "规定" not in r.source, r.id  # only a standard's own text is a 规定
        if any(w in r.source for w in ("一般", "通常", "可以")):
            assert r.severity != "error", r.id  # what a standard words as 一般/可以 is never an error
        if r.tier in ("国标", "标准"):
            assert r.source.startswith("GB/T"), r.id
