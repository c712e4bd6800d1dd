"""Whether a bank phrase fits this document: its topics, the unit's level and 城/乡 setting, and the notes.

A phrase that names a programme, carrier or method (prompts/claims.yaml) fits only when the notes name it too;
a phrase in village wording does not go into an urban document, nor the other way round (prompts/register.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from assistant.prompts import Phrase, claims, register
from assistant.schemas import Facts

Setting = Literal["乡", "城", "混合"]
LEVEL_OF_SUFFIX = [("社区妇联", "社区"), ("街道妇联", "街道"), ("村妇联", "村"), ("镇妇联", "乡镇"), ("乡妇联", "乡镇"),
                   ("县妇联", "县"), ("区妇联", "区"), ("市妇联", "市")]
STOP_BIGRAMS = {"妇女", "工作", "群众", "妇联", "开展", "进一步", "不断", "活动", "服务", "全面", "持续", "推进",
                "推动"}


def level_key(organization: str | None) -> str:
    """村 / 社区 / 乡镇 / 街道 / 县 / 区 / 市 from the unit's name ('' when unknown)."""
    return next((key for suffix, key in LEVEL_OF_SUFFIX if (organization or "").endswith(suffix)), "")


def setting_of(organization: str | None, notes: str) -> Setting:
    """乡 for villages and townships, 城 for communities and streets; counties, cities (and districts with
    villages in their notes) are 混合."""
    reg = register()
    org = organization or ""
    if org.endswith(tuple(reg.rural_units)):
        return "乡"
    if org.endswith(tuple(reg.urban_units)):
        return "城"
    rural = sum(notes.count(w) for w in [*reg.rural, "村", "乡镇"])
    urban = sum(notes.count(w) for w in [*reg.urban, "社区", "街道"])
    if org.endswith("区妇联"):
        return "混合" if rural > urban else "城"
    if org.endswith(tuple(reg.mixed_units)):
        return "混合"
    return "乡" if rural > urban * 2 else "城" if urban > rural * 2 else "混合"


def notes_text(facts: Facts) -> str:
    """Everything the user wrote that a phrase may echo: items, details, labels, group names, context, unit."""
    parts = [facts.organization or "", *facts.context, *(g.label for g in facts.groups)]
    for it in facts.all_items():
        parts += [it.text, *it.details, it.label]
    return "\n".join(parts)


@dataclass
class Fit:
    """The checks every phrase passes before the writer uses it."""

    notes: str
    setting: Setting
    level: str

    @classmethod
    def of(cls, facts: Facts) -> Fit:
        """The fit for one document."""
        notes = notes_text(facts)
        return cls(notes, facts.setting or setting_of(facts.organization, notes), level_key(facts.organization))

    def ok(self, phrase: Phrase | str, topics: set[str] | None = None) -> bool:
        """Whether the phrase may be used here (over a section whose items have these topics)."""
        p = Phrase(text=phrase) if isinstance(phrase, str) else phrase
        if p.setting and self.setting != "混合" and p.setting != self.setting:
            return False
        if p.levels and self.level and self.level not in p.levels:
            return False
        if p.topics and topics is not None and not topics <= set(p.topics):
            return False
        return self.claims_ok(p.text) and self.register_ok(p.text)

    def claims_ok(self, text: str) -> bool:
        """No programme, carrier or method the notes do not name."""
        return all(name not in text or name in self.notes for name in _claims())

    def register_ok(self, text: str) -> bool:
        """No village wording in urban work, no urban wording in village work (unless the notes use it)."""
        reg = register()
        other = reg.rural if self.setting == "城" else reg.urban if self.setting == "乡" else []
        return all(w not in text or w in self.notes for w in other)

    def texts(self, phrases: list[Phrase], topics: set[str] | None = None) -> list[str]:
        """The texts of the phrases that fit."""
        return [p.text for p in phrases if self.ok(p, topics)]


@cache
def _claims() -> list[str]:
    return sorted(claims().names, key=len, reverse=True)


def claimed_names(text: str) -> list[str]:
    """The claims-list names a text mentions (the longest, when one name contains another)."""
    found: list[str] = []
    for name in _claims():
        if name in text and not any(name in f for f in found):
            found.append(name)
    return found


def echoes(phrase: str, clause: str) -> bool:
    """Whether a phrase repeats a word of the clause it would stand next to (示范创建 … 示范户)."""
    words = {phrase[i:i + 2] for i in range(len(phrase) - 1)} - STOP_BIGRAMS
    return any(re.fullmatch(r"[\u4e00-\u9fff]{2}", w) and w in clause for w in words)
