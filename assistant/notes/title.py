"""Unit, year and document type from wherever notes state them: a header, a title line, a sentence, a message."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.prompts import doctype_for, doctype_named, names, notes_vocab
from assistant.vocab import Y

LEVEL_WORDS = "村|社区|镇|乡|街道|县|区|市|旗|州|盟"
ORG_END = re.compile(rf"(?:{LEVEL_WORDS})妇联")
STOP_CHARS = set("报交写成把将是给在与及对由的了我们这个按要请经从到现汇总于等让帮替全各本每该此其年月日")
HARD_STOP = set("各全本每该此我其这那报交向给")
YEAR = re.compile(rf"(?<!\d)({Y})\s*年")
NEXT_YEAR_NOTE = re.compile(rf"(?:明年|下年|来年|下一年)\s*[（(]\s*({Y})\s*年?\s*[)）]")
SUMMARY_AND_PLAN = re.compile(rf"总结\s*[+＋和及与加暨]\s*(?:明年|下年|来年|{Y}年)?(?:的)?(?:工作)?"
                              r"(?:计划|打算|安排)")
NOT_A_PLACE = re.compile(r"[今去明全当每本上下]年|年度|各个|我们|咱们")
PARENS = re.compile(r"[（(][^（）()]*[)）]")


@dataclass
class TitleFacts:
    """What a title-like line says."""

    organization: str = ""
    year: int | None = None
    doc_type: str = ""


def organizations(text: str) -> list[tuple[int, str]]:
    """Unit names (青石岭村妇联, 梧桐街道妇联) in text, with their positions; references like 报县妇联 are not names."""
    out = []
    for m in ORG_END.finditer(text):
        before = text[max(0, m.start() - 6): m.start()]
        best = ""
        for n in range(2, len(before) + 1):
            cand = before[-n:]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", cand):
                break
            if not STOP_CHARS & set(cand):
                best = cand
        if not best:
            start = m.start() - 2
            if start >= 0 and (start == 0 or not re.match(r"[\u4e00-\u9fff]", text[start - 1])) \
                    and re.fullmatch(r"[\u4e00-\u9fff]{2}", text[start: m.start()]) and text[start] not in HARD_STOP \
                    and not NOT_A_PLACE.fullmatch(text[start: m.start()]):  # 今年村妇联 names no village
                best = text[start: m.start()]
        titles = "|".join(sorted(names().titles, key=len, reverse=True))
        best = re.split(titles, best)[-1] if best else ""  # 周主席石碾沟村妇联: the person's title ends before it
        if len(best) >= 2:
            out.append((m.start() - len(best), best + m.group()))
    return out


def doc_type_of(text: str) -> str:
    """The document type a title or 类型 field names ('' when it names none); （要点） and other remarks aside."""
    bare = PARENS.sub("", text)
    if SUMMARY_AND_PLAN.search(bare):  # 街道总结+明年计划, 工作总结和2026年打算
        return doctype_for("mixed").name
    if re.search(r"总结的?要点", bare):  # 工作总结的要点: the points of a 总结
        return doctype_for("summary").name
    for name, words in notes_vocab().doc_type_words.items():
        if any(w in bare for w in words):
            return name
    spec = doctype_named(bare)  # a type added in prompts/doctypes/
    return spec.name if spec else ""


def title_facts(text: str) -> TitleFacts:
    """Unit, year and type from a title-like line (石门县妇联2026年工作要点（初稿）)."""
    orgs = organizations(text)
    year = next(iter(years(PARENS.sub("", text)) or years(text)), None)
    return TitleFacts(orgs[0][1] if orgs else "", year, doc_type_of(text))


def next_year_note(text: str) -> int | None:
    """The year written after 明年, as in 明年（2027年）."""
    m = NEXT_YEAR_NOTE.search(text)
    return int(m.group(1)) if m else None


CN_YEAR = re.compile(r"([一二][零〇○一二三四五六七八九]{3})年")
CN_DIGIT = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}


def years(text: str) -> list[int]:
    """Every year written with 年: 2026年, and 二〇二六年 / 二零二六年 as said aloud."""
    found = [(m.start(), int(m.group(1))) for m in YEAR.finditer(text)]
    found += [(m.start(), int("".join(CN_DIGIT[c] for c in m.group(1)))) for m in CN_YEAR.finditer(text)]
    return [y for _, y in sorted(found) if 1900 <= y <= 2099]
