"""The checker's word lists and formulation timeline, loaded from prompts/checks/ (data, not Python)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, cached_property

from assistant.prompts import load_model
from assistant.resources import prompts_dir
from assistant.schemas import Severity, Strict, Tier


class Formulation(Strict):
    """A formulation that is outdated from a date on."""

    id: str
    pattern: str
    since: dt.date
    severity: Severity
    message: str
    suggestion: str = ""
    source: str
    unless: list[str] = []
    near: list[str] = []  # report only with one of these close by
    unless_until: int | None = None  # the unless words exempt only up to this year
    plan_only: bool = False
    replace: dict[str, str] = {}
    tier: Tier = "法律/时政"  # or 惯例: a change of usage with no document behind it

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern."""
        return re.compile(self.pattern)


class Timeline(Strict):
    """prompts/checks/formulations.yaml."""

    entries: list[Formulation]


class Confusion(Strict):
    """A word that is often written wrong."""

    wrong: str
    right: str
    safe: bool = False
    severity: Severity | None = None  # the rule's (error) unless said
    message: str = ""  # what to say instead of “wrong”应为“right”


class Colloquial(Strict):
    """A spoken word with a written equivalent."""

    word: str
    better: str
    severity: Severity = "warning"


class Wording(Strict):
    """prompts/checks/wording.yaml."""

    confusions: list[Confusion]
    colloquial: list[Colloquial]


class Junk(Strict):
    """One kind of scraped-web debris."""

    pattern: str
    what: str


class Leftovers(Strict):
    """prompts/checks/leftovers.yaml."""

    junk: list[Junk]


class Personal(Strict):
    """prompts/checks/personal.yaml."""

    sensitive: list[str]
    roles: list[str]


@cache
def timeline() -> Timeline:
    """Outdated formulations."""
    return load_model(prompts_dir() / "checks" / "formulations.yaml", Timeline)


@cache
def wording() -> Wording:
    """Confusion list and colloquialisms."""
    return load_model(prompts_dir() / "checks" / "wording.yaml", Wording)


@cache
def leftovers() -> Leftovers:
    """Web debris patterns."""
    return load_model(prompts_dir() / "checks" / "leftovers.yaml", Leftovers)


@cache
def personal() -> Personal:
    """Sensitive contexts and role words."""
    return load_model(prompts_dir() / "checks" / "personal.yaml", Personal)
