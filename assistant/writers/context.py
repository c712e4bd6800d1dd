"""What every writer needs to draft one document: facts, doc type, year context, level wording, a phrase picker."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from assistant.prompts import DocTypeSpec, LevelProfile, Tense, YearContext, bank, levels, spec_of, year_context
from assistant.schemas import Facts, Item, Status
from assistant.writers.fit import Fit


def stable_seed(text: str) -> int:
    """A seed derived from text, the same on every machine and run."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big")


@dataclass
class Picker:
    """Chooses phrases so none repeats within a document while any remain; ties are broken by the seed."""

    seed: int
    used: Counter[str] = field(default_factory=Counter)

    def order(self, key: str, options: list[str]) -> list[str]:
        """Options from most to least preferred: least used first, then a seeded shuffle."""
        def rank(opt: str) -> tuple[int, str]:
            h = hashlib.sha256(f"{self.seed}|{key}|{opt}".encode()).hexdigest()
            return (self.used[opt], h)
        return sorted(dict.fromkeys(options), key=rank)

    def pick(self, key: str, options: list[str], *, fresh: bool = False) -> str:
        """Pick one option and record it; '' when there is none (or, with fresh, none unused)."""
        ranked = self.order(key, options)
        if not ranked or (fresh and self.used[ranked[0]]):
            return ""
        self.used[ranked[0]] += 1
        return ranked[0]

    def unused(self, options: list[str]) -> list[str]:
        """Options not yet used in this document."""
        return [o for o in options if not self.used[o]]


def profile_for(facts: Facts) -> LevelProfile:
    """How this organisation refers to itself, its leaders and its sub-units."""
    return levels().match(facts.organization or "")


@dataclass
class DraftContext:
    """Everything a writer needs for one document."""

    facts: Facts
    spec: DocTypeSpec
    seed: int
    picker: Picker
    profile: LevelProfile
    year_ctx: YearContext | None
    fit: Fit
    _by_id: dict[str, Item] = field(default_factory=dict, repr=False)

    @classmethod
    def create(cls, facts: Facts, seed: int) -> DraftContext:
        """Build the context for drafting these facts."""
        spec = spec_of(facts.doc_type)
        ctx = year_context(facts.year) if facts.year else None
        return cls(facts, spec, seed, Picker(seed), profile_for(facts), ctx, Fit.of(facts))

    def items(self, ids: list[str]) -> list[Item]:
        """The facts behind a section."""
        if len(self._by_id) != len(self.facts.all_items()):  # the facts are fixed while one document is drafted
            self._by_id = {i.id: i for i in self.facts.all_items()}
        return [self._by_id[i] if i in self._by_id else self.facts.item(i) for i in ids]

    def tense(self, status: Status | None) -> Tense:
        """Plan (future) or summary (past) wording for a section."""
        if status == "planned":
            return "plan"
        if status == "done":
            return "summary"
        return self.spec.tense

    def slots(self) -> dict[str, str]:
        """The values for {slot}s in phrase banks."""
        f, p = self.facts, self.profile
        holes = bank().placeholders
        year = str(f.year) if f.year else holes["year"]
        next_year = str(f.year + 1) if f.year else holes["year"]
        theme = self.year_ctx.theme if self.year_ctx and self.year_ctx.theme else ""
        opening_key = f"{self.spec.tense}_theme" if theme and f.year else "plain"
        opening = bank().openings[opening_key].format(year=year, theme=theme)
        forms = (self.year_ctx.plan if self.spec.tense == "plan" else self.year_ctx.summary) if self.year_ctx else None
        study = "，".join([forms.study, *forms.extras]) if forms and forms.study else holes["study"]
        return {
            "self_full": f.organization or holes["organization"],
            "self": p.self_name if f.organization else "我们",
            "scope": p.scope, "our": p.our, "party": f.party_committee or p.party,
            "superior": f.superior or p.superior, "sub": p.sub, "people": p.people,
            "year": year, "next_year": next_year, "opening": opening, "study": study,
            "function": self.picker.pick("function", bank().functions),
            "mission": self.picker.pick(f"mission-{self.spec.tense}",
                                        self.fit.texts(bank().missions.get(self.spec.tense))),
        }

    def fill(self, text: str, **extra: str) -> str:
        """Fill a phrase's slots (a slot value may itself use slots, as missions use {people})."""
        values = _Slots({**self._slots, **extra})
        for _ in range(3):
            if "{" not in text:
                break
            text = text.format_map(values)
        return text

    def __post_init__(self) -> None:
        """Compute the slot values once per document."""
        self._slots = self.slots()
        self.written = ""  # what the current section says so far: no phrase may say it again

    def said(self, phrase: str) -> bool:
        """Whether the current section already says (four characters of) this phrase."""
        return any(phrase[i:i + 4] in self.written for i in range(len(phrase) - 3))


class _Slots(dict[str, str]):
    """Slot values; an unknown slot stays visible rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
