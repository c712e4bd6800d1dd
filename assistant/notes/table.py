"""Tables pasted from WPS or Excel (tab-separated): the header row says what each column holds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.items import analyse, area_for_label
from assistant.notes.lines import Line
from assistant.numbers import counted
from assistant.prompts import notes_vocab
from assistant.textnorm import normalize, strip_end_punct
from assistant.topics import names_topic
from assistant.vocab import Y


def join_cells(lines: list[str]) -> tuple[list[str], dict[int, int]]:
    """Rows whose quoted cell holds line breaks (WPS puts "…" round such a cell) as one line each, and for every
    line swallowed that way the line it went into."""
    out, joined = list(lines), {}
    i = 0
    while i < len(out):
        if "\t" in out[i] and out[i].count('"') % 2:
            j = i + 1
            while j < len(out) and j - i <= MAX_CELL_LINES and sum(x.count('"') for x in out[i:j]) % 2:
                j += 1
            if sum(x.count('"') for x in out[i:j]) % 2 == 0:
                out[i] = "\u2028".join(out[i:j])
                for k in range(i + 1, j):
                    out[k], joined[k] = "", i
                i = j
                continue
        i += 1
    return out, joined


def unquote(cell: str) -> str:
    """A cell as typed: the spreadsheet's outer quotes and doubled inner quotes go, its line breaks become ；."""
    if len(cell) >= 2 and cell[0] == cell[-1] == '"' and '"' not in cell[1:-1].replace('""', ""):
        cell = cell[1:-1].replace('""', '"')
    return re.sub(r"\s*\u2028\s*", "；", cell.replace('""', '"')).strip("；")


def table_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that belong to a tab-separated table: two or more such lines, a group row between them
    (一、政治引领（20分）) allowed."""
    tabbed = [i for i, x in enumerate(lines) if "\t" in x and len([c for c in x.split("\t") if c.strip()]) >= 2]
    return {i for i in tabbed if any(0 < abs(i - j) <= 2 for j in tabbed)}


DATE_CELL = re.compile(r"(?:19|20)?\d{2,4}[.\-/年]\d{1,2}(?:[.\-/月]\d{1,2}日?)?"
                       r"|\d{1,2}月(?:\d{1,2}日|上旬|中旬|下旬)?")
LONG_LABEL = 8
REPORTS = re.compile(r"通过|联办|合办|完成|获得|获评|荣获|被评|评为|入选")  # a remark that reports a result
MAX_CELL_LINES = 6


PERIOD = re.compile(r"第?[一二三四1-4]季度|[上下]半年|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?|Q[1-4]|年[初中底末]")
EMPTY_CELL = re.compile(r"[—–\-－/／、.。]+|无|暂无|[√✓✔×✗✘○●☑☐□■]+")  # —— in a cell: nothing that period


@dataclass
class Header:
    """A table's header row: its cells and what each column holds."""

    cells: list[str]
    roles: list[str]


def column_roles(cells: list[str]) -> Header | None:
    """The header of a table when this row is one, else None. Columns named for periods (一季度 …) hold a
    row's steps; a first column named for time (季度) over unknown names makes those names the topics."""
    cols = notes_vocab().table_columns
    names = {"index": cols.index, "group": cols.group, "label": cols.label, "content": cols.content,
             "remark": cols.remark, "meta": cols.meta}
    roles = []
    for c in cells:
        role = next((r for r, words in names.items() if c in words), "")
        roles.append("period" if not role and PERIOD.fullmatch(c) else role)
    filled = [c for c in cells if c]
    if cells and cells[0] in cols.when and len(filled) >= 3 and not any(roles[1:]):
        return Header(cells, ["when"] + ["topic"] * (len(cells) - 1))  # 季度 | 思想引领 | 美丽庭院 …
    known = sum(1 for r in roles if r)
    if known < max(2, (len(filled) + 1) // 2):
        return None
    if "label" in roles and "content" not in roles:
        roles[roles.index("label")] = "content"
    if "group" in roles and "label" not in roles and "content" not in roles:
        roles[roles.index("group")] = "content"
    return Header(cells, roles)


def _remark_says_something(cell: str) -> bool:
    """A remark cell that reports something (县级验收通过, 与农业站联办), not just a place, a tag (乡卫生院) or a
    status (已完成)."""
    if strip_end_punct(cell) in notes_vocab().table_columns.status:
        return False
    return counted(cell) or bool(analyse(cell).action) or bool(REPORTS.search(cell))


def table_row(no: int, raw: str, cells: list[str], header: Header | None) -> list[Line]:
    """A table row as items: the label column is the hint, content, remark and period columns the text; in a
    table of topics by period each cell is an item of its column's topic."""
    if header and header.roles[0] == "when":
        return _topic_cells(no, raw, cells, header)
    roles = header.roles if header else None
    headless = roles is None
    if roles is None:  # a table without a header row: a number or a date first, then a label if short, the text
        first = cells[0] or "0"
        roles = ["index" if re.fullmatch(r"\d{1,3}", first) else "meta" if DATE_CELL.fullmatch(first) else "label"]
        roles += ["content"] * (len(cells) - 1)
        if roles[0] in ("index", "meta") and len(cells) > 2:
            roles[1] = "label"
    label, parts, meta = "", [], []
    grouped = "group" in roles
    heads = header.cells if header else []
    for n, (c, role) in enumerate(zip(cells, roles + ["content"] * (len(cells) - len(roles)), strict=False)):
        c = normalize(unquote(c.strip()))
        if not c or EMPTY_CELL.fullmatch(c):  # a tick says done, not what was done
            continue
        if role == "period":  # 一季度 | 启动报名: the step, with its period
            parts.append(heads[n] + strip_end_punct(c))
            continue
        if role in ("label", "group"):
            c = re.sub(r"^\d{1,2}[.．、]\s*", "", c)  # 1.理论学习
        if role == "group":
            label = c  # 党建引领 above 妇女议事会: the column that groups the rows names the heading
        elif role == "content" and parts and grouped and len(parts) == 1 and re.match(r"\d", c):
            parts[0] += strip_end_punct(c)  # 家庭教育讲座 | 8场 → 家庭教育讲座8场
        elif role == "label" and (grouped or len(c) > LONG_LABEL or analyse(c).action):
            parts.append(strip_end_punct(c))  # “寒冬送暖”走访困难妇女家庭: the work itself, not a name for it
        elif role == "label":
            label = c
        elif role == "content" or (role == "remark" and _remark_says_something(c)):
            parts.append(strip_end_punct(c))
        elif role == "remark" or role == "meta":
            meta.append(c)
    if label in ("合计", "总计", "小计") or (label and not parts and not analyse(label).action and meta):
        return [Line(no, raw, "noise", text=label, reason="表格的合计行或只有分值的行")]
    steps = [p for p in parts if PERIOD.match(p)]
    if steps:  # 家庭教育指导师培训：一季度启动报名；二季度集中培训两期，一百六十人；……
        name = "，".join([label, *(p for p in parts if p not in steps)] if label else
                        [p for p in parts if p not in steps])
        text, label = (f"{name}：" if name else "") + "；".join(steps), ""
    elif headless and label and parts and not says_label(parts[0], label):  # 巾帼宣讲 | 12场 → 巾帼宣讲12场
        text = label + ("" if re.match(r"[\d一二三四五六七八九十]", parts[0]) else "，") + "，".join(parts)
    else:
        text = "，".join(parts) if parts else label
    line = Line(no, raw, "item", text=text, level=30.0, label=label if parts else "", marked=True, row=True)
    if meta:
        line.reason = "表格里的" + "、".join(meta) + "未写入正文"
    return [line]


def says_label(text: str, label: str) -> bool:
    """Whether a cell already names what its row's label names."""
    return label in text or text.startswith(label[:2])


def _topic_cells(no: int, raw: str, cells: list[str], header: Header) -> list[Line]:
    """一季度 | 三八节妇女座谈会1场 | —— | 清理房前屋后60户: one item per filled cell, labelled with its column."""
    out = []
    for c, head in zip(cells[1:], header.cells[1:], strict=False):
        c = normalize(unquote(c.strip()))
        if c and not EMPTY_CELL.fullmatch(c):
            out.append(Line(no, raw, "item", text=strip_end_punct(c), level=30.0, label=head, marked=True,
                            when=cells[0].strip(), row=True))
    return out or [Line(no, raw, "noise", text=cells[0], reason="表格里这一行是空的")]


# ----- a table copied with its cells glued together (OA pages): 序号工作任务具体措施及目标责任单位… -------------

DEADLINE = re.compile(rf"(?P<when>(?:{Y}年)?\d{{1,2}}月(?:底|中旬|上旬|下旬|\d{{1,2}}日)?(?:前|之前|以前)?"
                      r"|全年|每月|每季度|每周|长期|常态化|年底前|年内)(?P<remark>[\u4e00-\u9fff]{0,6})$")
OWN_UNIT = re.compile(r"(?:镇|乡|县|区|市|街道)妇联")
LEADS = ("在", "联合", "配合", "对", "向", "与", "和", "为", "按", "以", "通过", "围绕", "结合", "依托")


def glued_header(line: str) -> Header | None:
    """A header row whose column names run together, cut into the names (连词 及/和/与 joins two into one)."""
    cols = notes_vocab().table_columns
    names = {"index": cols.index, "group": cols.group, "label": cols.label, "content": cols.content,
             "remark": cols.remark, "meta": cols.meta}
    vocab = sorted(((w, r) for r, words in names.items() for w in words if len(w) >= 2 or r == "index"),
                   key=lambda x: -len(x[0]))
    text, cells, roles = line.strip(), list[str](), list[str]()
    while text:
        if text[0] in "及和与" and cells:
            hit = next(((w, r) for w, r in vocab if text[1:].startswith(w)), None)
            if hit:
                cells[-1] += text[0] + hit[0]
                text = text[1 + len(hit[0]):]
                continue
        hit = next(((w, r) for w, r in vocab if text.startswith(w)), None)
        if not hit:
            return None
        cells.append(hit[0])
        roles.append(hit[1])
        text = text[len(hit[0]):]
    return Header(cells, roles) if len(cells) >= 4 and roles[0] == "index" else None


def glued_row(no: int, raw: str, header: Header) -> list[Line] | None:
    """1美丽庭院提质扩面新创建…80户…镇妇联各村妇联农办2026年10月底前: the index, the task and what is to be
    done, the units and the deadline peeled off the end; None when the line is not such a row."""
    m = re.match(r"^\s*(\d{1,2})(?=[\u4e00-\u9fff“\"])", raw)
    if not m:
        return None
    text = normalize(raw[m.end():].strip())
    meta = []
    deadline = DEADLINE.search(text) if any(r == "meta" for r in header.roles) else None
    if deadline:
        meta.append(deadline.group())
        text = text[: deadline.start()]
    units = [u for u in OWN_UNIT.finditer(text) if u.start() >= 6 and not counted(text[u.start():])]
    if units:
        meta.append(text[units[-1].start():])
        text = text[: units[-1].start()]
    label, content = "", text
    if "label" in header.roles:
        for k in range(min(10, len(text) - 6), 1, -1):
            head, rest = text[:k], text[k:]
            verb = analyse(rest).action
            inside = verb and len(analyse(head[-2:] + rest).action) > len(verb)  # 阵地建设提升|改造: inside a verb
            if (names_topic(head) or area_for_label(head)) and (verb or rest.startswith(LEADS)) and not inside:
                label, content = head, rest
                break
    line = Line(no, raw, "item", text=strip_end_punct(content), level=30.0, label=label, marked=True, row=True)
    if meta:
        line.reason = "表格里的" + "、".join(meta) + "未写入正文"
    return [line]
