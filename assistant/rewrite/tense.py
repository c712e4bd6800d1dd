"""A 总结 paragraph as 计划 wording, sentence by sentence: clauses that judge results are dropped (a plan has no
results yet), completion markers become intentions, and the aspect 了 after a verb goes."""

from __future__ import annotations

import re
from functools import cache

from assistant.items import verbs
from assistant.numbers import find_figures
from assistant.rewrite.data import words
from assistant.vocab import masked

FUTURE = re.compile(r"将|要|力争|计划|拟|继续|持续|新的一年")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    t = words().plan_tense
    evaluation = re.compile("|".join(f"(?:{p})" for p in t.evaluation))
    done = re.compile(rf"已经?(?![{''.join(t.done_keep)}])(?=[\u4e00-\u9fff])")
    keep = "|".join(re.escape(k) for k in t.keep_le)
    aspect = re.compile(rf"(?:{keep})|(?<=[\u4e00-\u9fff])了")
    one_off = re.compile("|".join(f"(?:{p})" for p in t.one_off))
    return evaluation, done, aspect, one_off


def _clauses(sentence: str) -> list[str]:
    return [c for c in re.split(r"(?<=，)", sentence) if c]


def _without_evaluation(sentence: str) -> str:
    """The sentence without its clauses that judge results ('' when it is nothing but judgement); a clause that
    carries a figure stays, so that its figure keeps its place."""
    evaluation, *_ = _patterns()
    kept = [c for c in _clauses(sentence) if not evaluation.search(c) or find_figures(c)]
    if not kept:
        return ""
    out = "".join(kept)
    if kept[0] != _clauses(sentence)[0]:  # the judgement went: a 但/同时 that tied on to it goes too
        out = re.sub(r"^(?:但是|但|同时|并且|而且|也)", "", out)
    end = sentence[-1] if sentence[-1] in "。；！？" else ""
    return out.rstrip("，") + (end if end and not out.endswith(end) else "")


def as_plan(text: str, prose: bool = True) -> str:
    """One paragraph (prose) or heading in plan wording."""
    for old, new in words().to_plan:
        text = text.replace(old, new)
    _, done, aspect, one_off = _patterns()
    text = done.sub("力争", text)
    text = aspect.sub(lambda m: m.group() if m.group() != "了" else "", text)
    if not prose:
        return text
    out: list[str] = []
    for sentence in re.split(r"(?<=[。；！？])", text):
        if not sentence.strip():
            continue
        sentence = _without_evaluation(sentence)
        opens = not out or out[-1].endswith(("。", "！", "？"))  # one 将 a sentence, not one after every ；
        plain = masked(sentence)
        hit = one_off.search(plain)
        if hit:  # the mark goes before the clause that tells of last year's event, not before the whole sentence
            at = max(plain.rfind(c, 0, hit.start()) for c in "，；：") + 1
            sentence = sentence[:at] + words().plan_tense.one_off_mark + sentence[at:]
        elif (sentence and opens and not FUTURE.search(sentence[:12])
              and any(sentence.startswith(v) for v in verbs())):
            sentence = "将" + sentence
        out.append(sentence)
    return "".join(out)
