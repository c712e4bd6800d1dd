"""Numbers the writer left blank and filled in later: 【此处补数字】场，——补：26场 → 26场; 【135】户 → 135户.

A blank with no bare figure supplied after it becomes a visible 【待补：数字】, never a guess."""

from __future__ import annotations

import re

from assistant.numbers import find_figures

FILLED = re.compile(r"【\s*(?:补[：:]?\s*)?(\d[\d.,，]*)\s*】")  # 【135】, 【补：3】
BLANK = re.compile(r"【[^】\d]{0,8}(?:补|待|填|数字|数据|核)[^】\d]{0,8}】|【\s*】"
                   r"|[（(](?:待补|补数字|数字待补|待填|待核)[)）]|(?<![xX×])[xX×]{2,}+(?=[个人户场次期名起件万元])")
# (a run of ×× is tried once, from its start: linear on a line of them)
# what follows a blank and supplies its figure: →87人 / ——补：26场 / （问了小周：累计412户） / （县妇幼保健院说1920人）
SUPPLY = re.compile(r"^\s*(?:→|->|=>|——|—|--)?\s*(?:补[：:]|补充[：:])?\s*(?:约|共|累计)?\s*"
                    r"(?P<fig>\d[\d.]*)(?P<unit>[^\d，。；、）)\s]{1,3})"
                    r"|^\s*[（(][^（）()]{0,12}?(?:[：:]|说|讲|报)\s*(?:约|共|累计)?\s*"
                    r"(?P<pfig>\d[\d.]*)(?P<punit>[^\d，。；、）)]{1,3})[)）]")
HOLE = "【待补：数字】"


def fill_in(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The line with blanks filled from what the writer added after them, and what was filled."""
    done: list[tuple[str, str]] = []
    text = FILLED.sub(lambda m: _note(done, m.group(), m.group(1)), text)
    out, pos = [], 0
    for m in BLANK.finditer(text):
        out.append(text[pos: m.start()])
        unit = _unit_after(text, m.end())
        rest = text[m.end() + len(unit): m.end() + len(unit) + 80]  # what supplies a figure follows it closely
        supply = _supply(rest, unit)
        if supply:
            figure, length = supply
            out.append(figure + unit)
            done.append((m.group() + unit, figure + unit))
            pos = m.end() + len(unit) + length
        else:
            out.append(HOLE)
            done.append((m.group(), HOLE))
            pos = m.end()
    out.append(text[pos:])
    text = re.sub(r"(?<=[，,；;。])\s*(?:——|—|--)?\s*补(?:充)?[：:]\s*", "", "".join(out))  # ，补：调处成功41起
    return re.sub(r"[，,]\s*(?=[，。；,]|$)", "", text), done


def _note(done: list[tuple[str, str]], before: str, figure: str) -> str:
    done.append((before, figure))
    return figure


def _unit_after(text: str, at: int) -> str:
    """The measure word right after a blank (【此处补数字】场 → 场), '' when none."""
    m = re.match(r"[个人户场次期名起件元份册篇支所处家](?:次)?|万元|人次", text[at:])
    return m.group() if m else ""


def _supply(rest: str, unit: str) -> tuple[str, int] | None:
    """The bare figure the writer supplied right after a blank, and how much text that supply took."""
    lead = re.match(r"^[，,]\s*(?=——|—|--|→|补)", rest)  # 场，——补：26场
    skip = lead.end() if lead else 0
    m = SUPPLY.match(rest[skip:])
    if not m:
        return None
    figure, said_unit = (m.group("fig"), m.group("unit")) if m.group("fig") else (m.group("pfig"), m.group("punit"))
    if unit and not said_unit.startswith(unit) and not unit.startswith(said_unit):
        return None
    if not find_figures(figure + said_unit):
        return None
    taken = skip + m.end()
    if not unit:  # 【此处补数字】→87人: the supply carries the unit
        return figure + said_unit, taken
    return figure, taken
