"""Corrections to a numbered list said afterwards (第1条是14场 / 第3条改成：… / 第6条删掉 / 第9条加上：…)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.numbers import find_figures
from assistant.vocab import CN_NUM, cn_int

EDIT = re.compile(rf"^(?:对了|还有|另外|再就是)?[，,\s]*第\s*(?P<n>\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*条\s*(?P<rest>.*)$")
DELETE = re.compile(r"^[，,\s]*(?:删掉|删除|删了|删去|去掉|拿掉|不要了?|不写了?)")
REPLACE = re.compile(r"(?:改成|改为|换成|应该是|写具体|写成)[：:]\s*(?P<text>.+)$")
APPEND = re.compile(r"^[，,\s]*(?:后面)?(?:加一句|加上|补上|补一句|再加|加)[：:，,]?\s*(?P<text>.+)$")
FIGURE = re.compile(r"^[，,\s]*(?:是|应该是|改成|改为)\s*(?P<new>[^，,。；]*?\d[^，,。；]*?)"
                    r"(?:[，,]?\s*不是\s*(?P<old>[^，,。；]+))?(?=[，,。；]|$)")


@dataclass
class Edit:
    """One correction: which item, what to do, the new words, and any remark said with it."""

    number: int
    kind: str  # delete | replace | append | figure
    text: str = ""
    old: str = ""
    remark: str = ""


def read_edit(text: str) -> Edit | None:
    """The correction a line makes to item N of the list above, or None."""
    m = EDIT.match(text.strip())
    if not m:
        return None
    n = int(m.group("n")) if m.group("n").isdecimal() else cn_int(m.group("n"))
    rest = m.group("rest")
    if DELETE.match(rest):
        return Edit(n, "delete", remark=DELETE.sub("", rest).strip("，, "))
    replace = REPLACE.search(rest)
    if replace:
        return Edit(n, "replace", replace.group("text"), remark=rest[: replace.start()].strip("，, "))
    append = APPEND.match(rest)
    if append:
        return Edit(n, "append", append.group("text"))
    figure = FIGURE.match(rest)
    if figure and find_figures(figure.group("new")):
        return Edit(n, "figure", figure.group("new"), figure.group("old") or "",
                    remark=rest[figure.end():].strip("，, "))
    return None


def corrected(text: str, edit: Edit) -> str | None:
    """An item's text with a figure correction applied (暑期儿童托管班覆盖3个社区 + 4个社区不是3个), or None when
    the figure to change is not in it."""
    new = find_figures(edit.text)[0]
    olds = find_figures(edit.old) if edit.old else [f for f in find_figures(text) if f.unit == new.unit]
    for old in olds:
        if old.text in text:
            return text.replace(old.text, new.text, 1)
    return None

