"""Turn one fact into a clause in 公文 register, keeping the user's object and figures verbatim."""

from __future__ import annotations

import re
from functools import cache

import cn2an

from assistant.items import topic_of
from assistant.numbers import find_figures
from assistant.prompts import Tense, Topic, VerbClass, actions, frames, taxonomy, topics
from assistant.schemas import Item, Metric
from assistant.writers.context import DraftContext


def ordinal(n: int) -> str:
    """1 → 一, 12 → 十二 (for 一是 and numbering)."""
    return str(cn2an.an2cn(n))


@cache
def _quote_terms() -> list[str]:
    """Brand terms to put in quotation marks, longest first."""
    return sorted(topics().quote, key=len, reverse=True)


def quote_terms(text: str) -> str:
    """Put 巾帼大宣讲, 美丽庭院 … in “” unless the user already quoted them."""
    for term in _quote_terms():
        out, pos = [], 0
        for m in re.finditer(re.escape(term), text):
            inside = text[: m.start()].count("“") > text[: m.start()].count("”")
            if inside or text[max(m.start() - 1, 0): m.start()] == "”":
                continue
            out.append(text[pos: m.start()] + f"“{term}”")
            pos = m.end()
        text = "".join(out) + text[pos:]
    return text


def unit_kind(unit: str) -> str:
    """people | households | money | other, for choosing how to attach a second figure."""
    a = actions()
    base = unit.removeprefix("万").removeprefix("亿")
    if base in a.people_units or unit in a.people_units:
        return "people"
    if base in a.household_units or unit in a.household_units:
        return "households"
    if unit in a.money_units or base in a.money_units:
        return "money"
    return "other"


def _class_for(item: Item, verb: str) -> VerbClass | None:
    """The verb class that decides how figures attach."""
    a = actions()
    by_noun = next((c for c in a.classes if any(item.object.endswith(n) for n in c.nouns)), None)
    return by_noun or a.verb_class(verb)


def _attach(ctx: DraftContext, key: str, cls: VerbClass | None, metric: Metric) -> str:
    """A second figure joined with a fitting verb: 培训学员200人次, 惠及1200余人次."""
    kind = unit_kind(metric.unit)
    options = getattr(cls, kind, []) if cls else []
    pattern = ctx.picker.order(key, options)[0] if options else "{m}"
    return pattern.format(m=metric.text)


def core_clause(ctx: DraftContext, item: Item) -> str:
    """Verb + object + figures, from the user's own words (never adds a figure)."""
    topic = topic_of(item.text)
    if item.form == "verb_object":
        return item.action + item.object
    if item.form == "object_verb":
        rest = item.text[len(item.object) + len(item.action):]
        return item.action + item.object + rest
    if item.form == "object":
        cls = _class_for(item, "")
        verb = (topic.verb if topic and topic.verb else "") or (cls.default_verb if cls else "") \
            or actions().default_verb
        lead = topic.lead if topic else ""
        first, *more = item.metrics
        if item.text != item.object + "，".join(m.text for m in item.metrics) \
                and item.text != item.object + "".join(m.text for m in item.metrics):
            return f"{lead}{verb}{item.text}"  # the user's own continuation after the first figure
        clause = f"{lead}{verb}{item.object}{first.text}"
        cls = _class_for(item, verb)
        for m in more:
            clause += "，" + _attach(ctx, f"attach-{item.id}", cls, m)
        return clause
    return item.text


def clause(ctx: DraftContext, item: Item, tense: Tense) -> str:
    """The full clause for an item: optional time word, core, and its sub-points."""
    core = core_clause(ctx, item)
    prefix = ""
    if item.metrics and item.form != "verbatim" and not core.startswith(("全年", "年内", "共", "累计", "力争")):
        prefix = ctx.picker.pick(f"prefix-{tense}", frames().clause_prefix.get(tense))
    text = prefix + core
    if item.details:
        joiner = ctx.picker.order(f"details-{item.id}", frames().details_joiner)[0]
        text += joiner + "，".join(item.details)
    return quote_terms(text)


def phrase_pools(item: Item, area_id: str, tense: Tense) -> dict[str, list[str]]:
    """Method, purpose and effect phrases for an item: its topic's first, then its area's."""
    topic: Topic | None = topic_of(item.text)
    area = taxonomy().area(area_id)
    pools: dict[str, list[str]] = {}
    for slot in ("method", "purpose", "effect"):
        own = getattr(topic, slot + "s").get(tense) if topic else []
        general = getattr(area, slot + "s").get(tense) if area else []
        pools[slot] = [*own, *general]
    return pools


def heading_for(ctx: DraftContext, item: Item, tense: Tense) -> str:
    """A short run-in heading for one item: the topic's heading, or adverb + verb + object without figures."""
    topic = topic_of(item.text)
    if topic:
        chosen = ctx.picker.pick(f"topic-heading-{topic.id}", topic.headings.get(tense), fresh=True)
        if chosen:
            return quote_terms(chosen)
    obj = item.object if item.form != "verbatim" else item.text
    for f in sorted(find_figures(obj), key=lambda f: f.start, reverse=True):
        obj = obj[: f.start] + obj[f.end:]
    obj = re.split(r"[，；、]", obj)[0].strip("，、 ")
    verb = item.action or (topic.verb if topic and topic.verb else actions().default_verb)
    for manner in sorted(actions().manners, key=len, reverse=True):
        verb = verb.removeprefix(manner)
    adverb = ctx.picker.pick("heading-adverb", actions().heading_adverbs)
    if not obj or len(obj) > 14:
        return ""
    return quote_terms(adverb + verb + obj)
