"""Before text goes to a model service off this machine and off the declared intranet: find personal data, offer to
anonymise it."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from assistant.checks import check
from assistant.errors import InputError
from assistant.llm.settings import ModelSettings

RULES = ["personal.id_number", "personal.mobile", "personal.named_sensitive"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


class PersonalDataError(InputError):
    """Personal data would leave for a remote service; the front end says how to anonymise or confirm."""


def _hosts(text: str) -> set[str]:
    return {h.strip().lower() for h in re.split(r"[,，\s]+", text) if h.strip()}


def is_local(settings: ModelSettings, intranet: str = "") -> bool:
    """Whether the endpoint is this machine, a preset marked local, or a host declared as intranet (by the user
    or in FULIAN_INTRANET)."""
    r = settings.resolved()
    preset = r.preset()
    host = (urlparse(r.base_url or "").hostname or "").lower()
    declared = _hosts(intranet) | _hosts(settings.intranet)
    return host in LOOPBACK or host in declared or bool(preset and preset.local and not settings.base_url)


def personal_data(text: str) -> list[str]:
    """The personal data the checker finds in text."""
    return [text[f.start:f.end] for f in check(text, rules=RULES).findings]


def guard(text: str, settings: ModelSettings, intranet: str, allowed: bool) -> None:
    """Refuse to send personal data to a remote service unless the user said it may go."""
    if allowed or is_local(settings, intranet):
        return
    found = personal_data(text)
    if found:
        shown = "、".join(dict.fromkeys(found))[:60]
        where = settings.resolved().base_url
        raise PersonalDataError(f"内容里有个人信息（{shown}），而模型服务 {where} 不在本机或内网，没有发送。"
                                "请先匿名化，或确认这些内容可以发给这个服务")


def anonymise(text: str) -> str:
    """Names become 王某, ID numbers and phone numbers are blanked."""
    findings = sorted(check(text, rules=RULES).findings, key=lambda f: f.start, reverse=True)
    for f in findings:
        span = text[f.start:f.end]
        if f.rule == "personal.named_sensitive":
            new = span[0] + "某"
        elif f.rule == "personal.id_number":
            new = "（身份证号已删）"
        else:
            new = "（电话已删）"
        text = text[: f.start] + new + text[f.end:]
    return text
