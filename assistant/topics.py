"""Which kind of work an item is, by evidence: every lexicon word in its text and label counts, longer words more."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from assistant.prompts import Topic, taxonomy, topics

LABEL_WEIGHT = 2.0
# what may be left of a label beyond lexicon words for it still to name just a kind of work (美丽庭院创建)
GENERIC_REST = {"工作", "服务", "活动", "建设", "方面", "关爱", "工程", "创建", "化解", "评选", "帮扶", "救助",
                "培训", "宣传", "提升", "管理", "情况"}
WEAK_WEIGHT = 0.5


@dataclass(frozen=True)
class Evidence:
    """The best topic and area for a text, and how strong the evidence was."""

    topic: Topic | None
    area: str
    score: float


@cache
def _words() -> list[tuple[str, str, str, float]]:
    """(word, topic id or '', area id, weight) for every lexicon word."""
    out = []
    for t in topics().topics:
        out += [(w, t.id, t.area, -1.0 if t.needs else 1.0) for w in t.keywords]
        out += [(w, t.id, t.area, WEAK_WEIGHT) for w in t.weak]
    for a in taxonomy().areas:
        out += [(w, "", a.id, 1.0) for w in a.keywords]
    return sorted(out, key=lambda x: len(x[0]), reverse=True)


@cache
def _by_first() -> dict[str, list[tuple[int, str, str, str, float]]]:
    """The lexicon words by their first character, each with its place in _words() (longest first)."""
    out: dict[str, list[tuple[int, str, str, str, float]]] = {}
    for n, (word, topic, area, w) in enumerate(_words()):
        out.setdefault(word[0], []).append((n, word, topic, area, w))
    return out


def _candidates(source: str) -> list[tuple[int, str, str, str, float]]:
    """The words that can occur in a text (their first character does), longest first as in _words()."""
    index = _by_first()
    return sorted(x for c in set(source) for x in index.get(c, ()))


def _score(text: str, label: str, details: str = "", context: str = "") -> tuple[dict[str, float], dict[str, float]]:
    """Scores per topic and per area; a word inside a longer matched word is not counted again."""
    by_topic: dict[str, float] = {}
    by_area: dict[str, float] = {}
    for source, weight in ((text, 1.0), (label, LABEL_WEIGHT), (details, WEAK_WEIGHT), (context, 1.0)):
        reach = [0] * (len(source) + 1)  # for each position, the furthest end of a matched word covering it
        for _, word, topic, area, w in _candidates(source):
            start = source.find(word)
            while start >= 0:
                end = start + len(word)
                if reach[start] < end:  # not inside a longer word matched before (words come longest first)
                    for i in range(start, end):
                        reach[i] = max(reach[i], end)
                    if w < 0:  # counts in full only next to the words its topic needs (新建 before 妇女之家)
                        w = 1.0 if any(n in source for n in _topic(topic).needs) else WEAK_WEIGHT
                    gain = len(word) * w * weight
                    if topic:
                        by_topic[topic] = by_topic.get(topic, 0.0) + gain
                    by_area[area] = by_area.get(area, 0.0) + gain
                start = source.find(word, end)
    return by_topic, by_area


@lru_cache(maxsize=8192)
def evidence(text: str, label: str = "", details: str = "", context: str = "") -> Evidence:
    """The topic and area an item's words point to (its label counts double, its sub-points half, the name of
    the group it is in once); the fallback area when nothing matches."""
    by_topic, by_area = _score(text, label, details, context)
    tax = taxonomy()
    order = [a.id for a in tax.areas]
    if not by_area:
        return Evidence(None, tax.fallback, 0.0)
    area = max(by_area, key=lambda a: (by_area[a], -order.index(a) if a in order else 0))
    own, _ = _score(text, "")
    in_area = {t: s for t, s in own.items() if _topic(t).area == area} or \
        {t: s for t, s in by_topic.items() if _topic(t).area == area}
    topic = _topic(max(in_area, key=lambda t: in_area[t])) if in_area else None
    if topic is None and own and max(own.values()) >= 4:  # 美丽庭院 filed by the user under 家庭建设: still 庭院
        topic = _topic(max(own, key=lambda t: own[t]))
    return Evidence(topic, area, by_area[area])


@cache
def _topic(topic_id: str) -> Topic:
    return next(t for t in topics().topics if t.id == topic_id)


def topic_by_id(topic_id: str) -> Topic | None:
    """A topic by id, or None."""
    return next((t for t in topics().topics if t.id == topic_id), None)


def topic_of_word(word: str) -> str:
    """The topic a lexicon word belongs to, or ''."""
    return next((topic for w, topic, _, _ in _words() if w == word and topic), "")


def keywords_of(topic_id: str) -> list[str]:
    """A topic's keywords."""
    t = topic_by_id(topic_id)
    return [*t.keywords, *t.weak] if t else []


def topics_in(text: str) -> set[str]:
    """Every topic an item's words show plainly (a mixed item has several)."""
    by_topic, _ = _score(text, "")
    top = max(by_topic.values(), default=0.0)
    return {t for t, s in by_topic.items() if s >= 4 and s >= 0.6 * top}


def mixed(text: str) -> bool:
    """Whether an item is about two kinds of work at once (最美家庭… 家庭教育指导服务站…): no topic phrase fits it."""
    by_topic, _ = _score(text, "")
    ranked = sorted(by_topic.values(), reverse=True)
    return len(ranked) >= 2 and ranked[1] >= 0.6 * ranked[0] and ranked[1] >= 4


def lexicon_words(topics_only: bool = False) -> list[str]:
    """Every lexicon word (or only the topic words), longest first."""
    return [w for w, topic, _, _ in _words() if topic or not topics_only]


@lru_cache(maxsize=4096)  # asked again for every line under the same label
def names_topic(label: str) -> bool:
    """Whether a label is just a name for a kind of work (电商, 两癌筛查, 儿童托管), not a group the user named.

    A label that says more than the lexicon knows (护苗成长, 凝心铸魂, 巾帼共富) names the user's own group."""
    label = label.strip("“”\" ")
    if not label:
        return False
    covered = [False] * len(label)
    for _, word, _, _, _ in _candidates(label):
        start = label.find(word)
        while start >= 0:
            for i in range(start, start + len(word)):
                covered[i] = True
            start = label.find(word, start + 1)
    rest = "".join(c for c, hit in zip(label, covered, strict=True) if not hit)
    return len(rest) <= 1 or rest in GENERIC_REST
