"""Understand one work item: its tense, its verb, its object and its figures, keeping the user's wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from assistant.numbers import find_figures
from assistant.prompts import Topic, actions, taxonomy
from assistant.schemas import Item, Metric, Status
from assistant.textnorm import normalize, strip_end_punct
from assistant.topics import evidence


@dataclass(frozen=True)
class Parsed:
    """What analyse() learns from an item's text."""

    text: str
    status: Status | None
    action: str
    object: str
    form: str
    metrics: list[Metric]


def _longest_first(words: list[str]) -> list[str]:
    """Words sorted so the longest match is tried first."""
    return sorted(set(words), key=len, reverse=True)


@cache
def verbs() -> list[str]:
    """Every verb in the lexicon, longest first."""
    return _longest_first([v for c in actions().classes for v in c.verbs])


@cache
def _nouns() -> set[str]:
    """Words that are verbs but also name an activity (宣讲, 培训, 筛查): never read as a trailing verb."""
    return {n for c in actions().classes for n in c.nouns}


@cache
def _lead_pattern() -> re.Pattern[str]:
    """Manner words then a verb at the start of a clause."""
    a = actions()
    manners = "|".join(map(re.escape, _longest_first(a.manners)))
    verb_list = "|".join(map(re.escape, verbs()))
    return re.compile(rf"^(?P<action>(?:(?:{manners}))*(?:{verb_list}))")


def _strip_prefixes(text: str) -> tuple[str, Status | None]:
    """Remove words that only mark tense (将, 已, 全年共 …) when a verb follows; report the tense."""
    a = actions()
    groups: list[tuple[list[str], Status | None]] = [
        (a.planned_prefixes, "planned"), (a.done_prefixes, "done"), (a.neutral_prefixes, None)]
    status: Status | None = None
    changed = True
    while changed:
        changed = False
        for words, st in groups:
            for w in _longest_first(words):
                rest = text[len(w):].lstrip("，,")
                if text.startswith(w) and rest and (_lead_pattern().match(rest) or rest[0].isdecimal()):
                    text, changed = rest, True
                    if st:
                        status = st
                    elif w in ("明年", "下一步", "下年度"):
                        status = "planned"
                    break
            if changed:
                break
    if status is None and re.search(r"[^为]了|已经|完成了", text):
        status = "done"
    return text, status


def has_verb(text: str) -> bool:
    """Whether a phrase already contains an action (so no verb should be added in front of it)."""
    nouns = _nouns()
    return any(v in text and v not in nouns for v in verbs())


def _is_clause(head: str) -> bool:
    """A head that is already a clause (帮6户姐妹开了网店, 评了示范户): it gets no verb in front."""
    return bool(re.search(r"[了过扩到再搞给帮把向在办]|[评做开修送卖请增]$", head)) or len(head) < 2 \
        or head[0] in actions().clause_starts or head[0] in "全各每" \
        or bool(re.match(r"(?:年底|年初|年内|年中|上半年|下半年|\d+月|[一二三四五六七八九十]+月|每)", head))


def _is_build(verb: str) -> bool:
    """Verbs that read better in front of their object (示范户新增80户 → 新增示范户80户)."""
    cls = actions().verb_class(verb)
    return cls is not None and cls.id == "build"


def metrics_of(text: str) -> list[Metric]:
    """The count figures in a text, in order."""
    return [Metric(text=f.text, value=f.value, number=f.number, unit=f.unit, approx=f.approx)
            for f in find_figures(text) if f.kind == "number"]


def analyse(raw: str) -> Parsed:
    """Clean an item and work out its form: 动宾 (新建微家4个), 宾动 (示范户新增80户), 名词+数字, or verbatim."""
    text = strip_end_punct(normalize(raw))
    core, status = _strip_prefixes(text)
    metrics = metrics_of(core)
    numbers = [f for f in find_figures(core) if f.kind == "number"]
    m = _lead_pattern().match(core)
    if m:
        return Parsed(core, status, m.group("action"), core[m.end():], "verb_object", metrics)
    head = core[: numbers[0].start].rstrip("、，") if numbers else ""
    if head.endswith("第"):  # 家长学堂第4期结束: an ordinal, not a count of something done
        return Parsed(core, status, "", core, "verbatim", metrics)
    if numbers and "，" not in head and "；" not in core:
        tail = core[numbers[-1].end:]
        between_ok = all(core[a.end:b.start] in ("", "、", "，") for a, b in pairwise(numbers))
        if not tail and between_ok and head:
            verb = next((v for v in verbs() if head.endswith(v) and v not in _nouns()), "")
            obj = head[: -len(verb)] if verb else head
            manner = next((w for w in _longest_first(actions().manners) if verb and obj.endswith(w)), "")
            obj = obj[: len(obj) - len(manner)]
            if obj and not has_verb(obj) and not _is_clause(obj):
                if not verb:
                    return Parsed(core, status, "", obj, "object", metrics)
                if _is_build(verb):
                    return Parsed(core, status, manner + verb, obj, "object_verb", metrics)
        if head and not has_verb(core) and not re.search(r"[，、]", head) and not _is_clause(head):
            return Parsed(core, status, "", head, "object", metrics)  # 巾帼大宣讲40场，其中……
    return Parsed(core, status, "", core, "verbatim", metrics)


def to_item(item_id: str, raw: str, status: Status | None, area: str = "", details: list[str] | None = None,
            line: int | None = None, default_status: Status = "done", label: str = "", context: str = "") -> Item:
    """Build an Item from a line of notes; its area and topic come from its words, its label and the names of
    the groups it is in (`context`)."""
    p = analyse(raw)
    clean_details = [strip_end_punct(normalize(d)) for d in details or []]
    found = evidence(p.text, label, "，".join(clean_details), context)
    return Item(
        id=item_id, text=p.text, area=area or found.area, topic=found.topic.id if found.topic else "",
        status=status or p.status or default_status,
        metrics=p.metrics + [m for d in clean_details for m in metrics_of(d)],
        action=p.action, object=p.object, form=p.form,  # type: ignore[arg-type]
        details=clean_details, line=line, label=label,
    )


def enrich(item: Item) -> Item:
    """Fill in what a hand-written facts file left out (area, topic, form, metrics)."""
    p = analyse(item.text)
    found = evidence(item.text, item.label, "，".join(item.details))
    update: dict[str, object] = {}
    if not item.area:
        update["area"] = found.area
    if not item.topic and found.topic:
        update["topic"] = found.topic.id
    if not item.metrics:
        update["metrics"] = p.metrics + [m for d in item.details for m in metrics_of(d)]
    if item.form == "verbatim" and not item.action and not item.object:
        update |= {"text": p.text, "action": p.action, "object": p.object, "form": p.form}
    return item.model_copy(update=update)


def classify(text: str) -> str:
    """The work area an item belongs to, by the evidence of its words; the fallback area otherwise."""
    return evidence(text).area


def area_for_label(label: str) -> str:
    """The area a group heading in the notes names (思想引领, 组织建设 …), or '' when none."""
    label = strip_end_punct(label).strip("【】[]“”\" ")
    for a in taxonomy().areas:
        if label in (a.name, a.short, *a.aliases):
            return a.id
    return ""


def topic_of(text: str, label: str = "") -> Topic | None:
    """The phrase topic for an item, by evidence."""
    return evidence(text, label).topic


def leading_place(text: str) -> str:
    """The village or community an item opens with (锦绣社区家庭教育“父母课堂”10期 → 锦绣社区), or ''."""
    from assistant.prompts import notes_vocab
    from assistant.topics import names_topic

    ends = "|".join(sorted((s for s in notes_vocab().subunit_suffixes if not s.endswith("的")), key=len, reverse=True))
    m = re.match(rf"^[\u4e00-\u9fff]{{2,6}}?(?:{ends})(?=[\u4e00-\u9fff“\"])", text)
    return m.group() if m and not names_topic(m.group()) and len(text) > m.end() + 2 else ""
