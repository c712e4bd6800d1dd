"""Turn one fact into a clause in 公文 register, keeping the user's object and figures verbatim."""

from __future__ import annotations

import re
from functools import cache

from assistant.items import analyse, leading_place, topic_of
from assistant.numbers import find_figures
from assistant.prompts import Tense, Topic, VerbClass, actions, frames, topics
from assistant.schemas import Item, Metric
from assistant.topics import mixed, topic_by_id
from assistant.writers.context import DraftContext
from assistant.writers.fit import echoes


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


STACKED = ("全年", "年内", "力争", "争取", "累计", "共", "努力", "着力", "全力", "预计", "计划", "每年", "每月",
           "每季度")


def item_topic(item: Item) -> Topic | None:
    """The topic an item was given when its notes were read (or, for hand-made facts, by its words)."""
    return topic_by_id(item.topic) if item.topic else topic_of(item.text, item.label)


def _plain_object(obj: str) -> bool:
    """A noun phrase a verb can go in front of (巾帼大宣讲, 家庭教育讲座), not a clause (宣讲队进村入户宣讲)."""
    return not re.search(r"[进到去来走入下]|[，、；：]", obj[:-1]) and len(obj) <= 14


@cache
def _head_nouns() -> list[str]:
    """Nouns a generated heading may end on: the activity nouns of the verb lexicon and the topic keywords."""
    return [*(n for c in actions().classes for n in c.nouns), *(k for t in topics().topics for k in t.keywords)]


def core_clause(ctx: DraftContext, item: Item) -> str:
    """Verb + object + figures, from the user's own words (never adds a figure)."""
    topic = item_topic(item)
    if item.form == "verb_object":
        return item.action + item.object
    if item.form == "object_verb":
        rest = item.text[len(item.object) + len(item.action):]
        return item.action + item.object + rest
    if item.form == "object" and _plain_object(item.object):
        cls = _class_for(item, "")
        verb = (topic.verb if topic and topic.verb else "") or (cls.default_verb if cls else "") \
            or actions().default_verb
        lead = topic.lead if topic and topic.lead and topic.lead[-2:] not in item.text \
            and (not topic.lead_when or item.object.endswith(tuple(topic.lead_when))) else ""
        first, *more = item.metrics
        if item.text != item.object + "，".join(m.text for m in item.metrics) \
                and item.text != item.object + "".join(m.text for m in item.metrics):
            after = item.text[len(item.object) + len(first.text):] if item.text.startswith(item.object + first.text) \
                else "x"
            if after and after[0] not in "，、；":  # 两癌检查35到64岁的都动员去: the figure is inside a phrase
                return item.text
            return f"{lead}{verb}{item.text}"  # the user's own continuation after the first figure
        clause = f"{lead}{verb}{item.object}{first.text}"
        cls = _class_for(item, verb)
        for m in more:
            clause += "，" + _attach(ctx, f"attach-{item.id}", cls, m)
        return clause
    return item.text


def clause(ctx: DraftContext, item: Item, tense: Tense) -> str:
    """The full clause for an item: optional time word, core, and its sub-points; a village or community it
    opens with stays in front (锦绣社区全年举办……, not 全年举办锦绣社区……)."""
    place = leading_place(item.object if item.form in ("object", "object_verb") else "")
    if place:
        item = item.model_copy(update={"object": item.object[len(place):], "text": item.text[len(place):]})
    core = core_clause(ctx, item)
    prefix = ""
    plain = item.form == "verb_object" or (item.form == "object" and _plain_object(item.object) and core != item.text)
    if item.metrics and plain and not any(w in core for w in STACKED):
        prefix = ctx.picker.pick(f"prefix-{tense}", frames().clause_prefix.texts(tense))
    text = place + prefix + core
    if item.details:
        own = [m.unit for m in item.metrics[:1]]
        sub_units = [m.unit for m in analyse(item.details[0]).metrics[:1]]
        joiner = "，其中" if own and own == sub_units else "，"  # 其中 only for a breakdown of the same count
        text += joiner + "，".join(item.details)
    return quote_terms(text)


def phrase_pools(ctx: DraftContext, item: Item, tense: Tense) -> dict[str, list[str]]:
    """Method, purpose and effect phrases that fit this item: its topic's, checked against the notes.

    A 总结 reports what was done, so it takes no method phrase the notes do not state."""
    topic = item_topic(item)
    if topic and (mixed(item.text) or topic_of(item.text, item.label) is not topic):
        topic = None  # the item's own words do not show its topic plainly: no phrase is sure to fit
    pools: dict[str, list[str]] = {}
    for slot in ("method", "purpose", "effect"):
        if not topic or (slot == "method" and tense == "summary"):
            pools[slot] = []
            continue
        phrases = getattr(topic, slot + "s").get(tense)
        pools[slot] = [t for t in ctx.fit.texts(phrases) if not echoes(t, item.text)]
    return pools


def heading_for(ctx: DraftContext, item: Item, tense: Tense) -> str:
    """A short run-in heading for one item: the topic's heading, or adverb + verb + object without figures."""
    topic = item_topic(item)
    if topic:
        chosen = ctx.picker.pick(f"topic-heading-{topic.id}", ctx.fit.texts(topic.headings.get(tense)), fresh=True)
        if chosen:
            return quote_terms(chosen)
    obj = item.object if item.form != "verbatim" else item.text
    for f in sorted(find_figures(obj), key=lambda f: f.start, reverse=True):
        obj = obj[: f.start] + obj[f.end:]
    obj = re.split(r"[，；、]", obj)[0].strip("，、 ")
    if item.form != "verb_object" or not obj or len(obj) > 8 or not _plain_object(obj) \
            or not any(obj.endswith(n) for n in _head_nouns()):
        return ""  # no sure heading: the item stands as a plain paragraph
    verb = item.action
    for manner in sorted(actions().manners, key=len, reverse=True):
        verb = verb.removeprefix(manner)
    adverb = ctx.picker.pick("heading-adverb", actions().heading_adverbs)
    return quote_terms(adverb + verb + obj)
