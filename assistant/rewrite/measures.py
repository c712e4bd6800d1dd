"""A problem of last year's 总结 as a measure in this year's 计划, built from the problem's own words: what it
says is lacking names what the plan will do (活动形式比较单一 → 丰富活动形式); plainly when nothing fits."""

from __future__ import annotations

import difflib
import re
from functools import cache

from assistant.rewrite.data import words


@cache
def _actions() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(f"(?:{pattern})"), action) for pattern, action in words().problem_actions]


def _core(text: str) -> str:
    """The thing a problem is about, without quantifiers and hedges around it."""
    trims = sorted(words().core_trim, key=len, reverse=True)
    changed = True
    while changed and text:
        changed = False
        for t in trims:
            if text.startswith(t) and len(text) > len(t) + 1:
                text, changed = text[len(t):], True
            if text.endswith(t) and len(text) > len(t) + 1:
                text, changed = text[: -len(t)], True
    return text.strip("，、；：“”")


def _said(action: str, named: str) -> str:
    """The measure sentence; when the action already holds nearly all of the problem's words (加强运用新媒体联系妇女的
    能力 for “运用新媒体联系妇女的能力还不强”), the action alone, not the problem said twice."""
    w = words()
    same = difflib.SequenceMatcher(None, action, named, autojunk=False).find_longest_match()
    if same.size >= w.measure_alone_min and len(named) - same.size <= w.measure_alone_slack:
        return w.measure_alone.format(action=action)
    return w.measure_sentence.format(action=action, problem=named)


def measure(problem: str) -> str:
    """One measure sentence for one problem (its text without the ending punctuation); a problem that carries a
    figure or a 【待补】 is named once, plainly, so that its figure is not written twice."""
    w = words()
    named = problem.replace("，", "、")  # inside “着力解决……的问题” the problem's own commas become 、
    if "【" in problem or re.search(r"\d", problem):
        return w.problem_to_measure.format(problem=named)
    for clause in re.split(r"[，、]", problem):
        lack = next((x for x in w.problem_lacks if clause.startswith(x)), "")
        if lack:
            core = _core(clause[len(lack):])
            if len(core) >= 2:
                return _said(w.lack_action.format(core=core), named)
        for pattern, action in _actions():
            m = pattern.search(clause)
            if m and m.start() >= 2:
                core = _core(clause[: m.start()])
                if len(core) >= 2:
                    return _said(action.format(core=core), named)
    return w.problem_to_measure.format(problem=named)
