"""Tables pasted from WPS or Excel (tab-separated): the header row says what each column holds."""

from __future__ import annotations

import re

from assistant.items import analyse
from assistant.notes.lines import Line
from assistant.numbers import counted
from assistant.prompts import notes_vocab
from assistant.textnorm import normalize, strip_end_punct


def table_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that belong to a tab-separated table (two or more such lines in a row)."""
    tabbed = [("\t" in x and len([c for c in x.split("\t") if c.strip()]) >= 2) for x in lines]
    out: set[int] = set()
    for i, is_tab in enumerate(tabbed):
        if is_tab and ((i > 0 and tabbed[i - 1]) or (i + 1 < len(tabbed) and tabbed[i + 1])):
            out.add(i)
    return out


DATE_CELL = re.compile(r"(?:19|20)?\d{2,4}[.\-/年]\d{1,2}(?:[.\-/月]\d{1,2}日?)?|\d{1,2}月(?:\d{1,2}日|上旬|中旬|下旬)?")
LONG_LABEL = 8


def column_roles(cells: list[str]) -> list[str] | None:
    """The role of each column when this row is a table's header row, else None."""
    cols = notes_vocab().table_columns
    names = {"index": cols.index, "label": cols.label, "content": cols.content, "remark": cols.remark,
             "meta": cols.meta}
    roles = []
    for c in cells:
        role = next((r for r, words in names.items() if c in words), "")
        roles.append(role)
    known = sum(1 for r in roles if r)
    if known < max(2, (len([c for c in cells if c]) + 1) // 2):
        return None
    if "label" in roles and "content" not in roles:
        roles[roles.index("label")] = "content"
    return roles


def _remark_says_something(cell: str) -> bool:
    """A remark cell that reports something (县级验收通过, 与农业站联办), not just a place or a tag (乡卫生院)."""
    return counted(cell) or bool(analyse(cell).action) or bool(re.search(r"通过|联办|合办|完成|获得|被评|入选", cell))


def table_row(no: int, raw: str, cells: list[str], roles: list[str] | None) -> Line:
    """A table row as an item: the label column is its hint, content and remark columns its text."""
    if roles is None:  # a table without a header row: a number or a date first, then a label if short, the text
        first = cells[0] or "0"
        roles = ["index" if re.fullmatch(r"\d{1,3}", first) else "meta" if DATE_CELL.fullmatch(first) else "label"]
        roles += ["content"] * (len(cells) - 1)
        if roles[0] in ("index", "meta") and len(cells) > 2:
            roles[1] = "label"
    label, parts, meta = "", [], []
    for c, role in zip(cells, roles + ["content"] * (len(cells) - len(roles)), strict=False):
        c = c.strip()
        if c.startswith('"') and c.endswith('"') and c.count('"') == 2:
            c = c[1:-1]  # a cell the spreadsheet quoted
        c = normalize(c)
        if not c:
            continue
        if role == "label" and (len(c) > LONG_LABEL or analyse(c).action):
            parts.append(strip_end_punct(c))  # “寒冬送暖”走访困难妇女家庭: the work itself, not a name for it
        elif role == "label":
            label = c
        elif role == "content" or (role == "remark" and _remark_says_something(c)):
            parts.append(strip_end_punct(c))
        elif role == "remark" or role == "meta":
            meta.append(c)
    text = "，".join(parts) if parts else label
    line = Line(no, raw, "item", text=text, level=30.0, label=label if parts else "", marked=True)
    if meta:
        line.reason = "表格里的" + "、".join(meta) + "未写入正文"
    return line
