"""Private people named in sensitive matters (家暴, 救助, 离婚, 纠纷 …): find them and write them as 王某某.

People named in an honour (刘桂芝家庭被评为“最美家庭”) stay as they are: only a sentence about a sensitive
matter makes a name private."""

from __future__ import annotations

import re
from functools import cache

from assistant.checks.data import personal
from assistant.prompts import names

SENTENCE = re.compile(r"[^。！？；\n]+")
PLACE_AFTER = set("村镇乡街社路县区市组屯庄湾坪岭队号栋楼")
ADDRESS_BEFORE = re.compile(r"\d+\s*(?:号楼|栋|幢|单元|组|号)\s*$")
ADDRESS_AFTER = re.compile(r"^[（(][^）)]{0,10}(?:号楼|栋|幢|单元|室|组|号)[^）)]{0,4}[)）]")
EXTRA_SENSITIVE = ["遭受", "殴打", "被打", "告诫书", "保护令", "婆媳", "矛盾", "调解", "丧偶", "患病", "求助", "困难"]


@cache
def _name_pattern() -> re.Pattern[str]:
    n = names()
    return re.compile(f"[{n.surnames}][{n.given}]{{1,2}}")


def _sensitive(sentence: str) -> str:
    """The sensitive word a sentence is about, or ''."""
    return next((w for w in [*personal().sensitive, *EXTRA_SENSITIVE] if w in sentence), "")


def private_names(text: str) -> list[str]:
    """Full names of private people in sentences about sensitive matters."""
    n = names()
    found: list[str] = []
    for m in SENTENCE.finditer(text):
        sentence = m.group()
        if not _sensitive(sentence):
            continue
        for cand in _name_pattern().finditer(sentence):
            name, end = cand.group(), cand.end()
            if len(name) == 3 and (name[:2] in n.not_given_words or sentence[end:end + 1] in PLACE_AFTER):
                name, end = name[:2], end - 1
            if name in n.not_given_words or sentence[end:end + 1] in PLACE_AFTER or "某" in name:
                continue
            before = sentence[max(0, cand.start() - 1): cand.start()]
            if before and re.match(r"[\u4e00-\u9fff]", before) and before + name[0] in n.not_given_words:
                continue
            if len(name) >= 2 and name not in found:
                found.append(name)
    return found


def anonymise(text: str, people: list[str]) -> str:
    """Write each person as 姓＋某某, and drop a house number next to them."""
    for name in people:
        anon = name[0] + "某某"
        out, pos = [], 0
        for m in re.finditer(re.escape(name), text):
            head = text[pos: m.start()]
            head = ADDRESS_BEFORE.sub("", head)
            out.append(head + anon)
            pos = m.end()
            after = ADDRESS_AFTER.match(text[pos:])
            if after:
                pos += after.end()
        text = "".join(out) + text[pos:]
    return text
