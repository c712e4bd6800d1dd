"""The outline as an editable table (the workbench grid, or a .csv for the CLI): rename, reorder and add sections,
move items between them."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.files import write_atomic
from assistant.prompts import taxonomy
from assistant.schemas import Facts, Outline, OutlineSection

AUTO = "（按板块自动拟写）"
HEADERS = ["部分序号", "部分标题", "事项编号", "事项内容"]


def to_rows(outline: Outline, facts: Facts) -> list[list[Any]]:
    """One row per work item; the 部分序号 says which section it is in and in what order."""
    if any(s.role == "part" for s in outline.sections):
        raise InputError(f"“{outline.doc_type}”的大纲分上下两部分，暂不能在表格里调整，请直接生成")
    rows: list[list[Any]] = []
    for n, s in enumerate((s for s in outline.sections if s.role == "work"), 1):
        area = taxonomy().area(s.area)
        title = s.title or f"{AUTO}{area.name if area else ''}"
        for item_id in s.item_ids:
            rows.append([n, title, item_id, facts.item(item_id).text])
    return rows


def from_rows(outline: Outline, facts: Facts, rows: list[list[Any]]) -> Outline:
    """The outline the user arranged; sections without items are dropped, problems and measures stay."""
    work = [s for s in outline.sections if s.role == "work"]
    known = {i.id for i in facts.items}
    groups: dict[int, list[list[Any]]] = {}
    for row in rows:
        if len(row) < 3 or str(row[2]).strip() == "":
            continue
        try:
            order = int(float(row[0]))
        except (TypeError, ValueError) as e:
            raise InputError(f"“部分序号”要写数字：{row[0]!r}") from e
        if str(row[2]) not in known:
            raise InputError(f"大纲里的事项 {row[2]} 在笔记里找不到，请重新生成大纲")
        groups.setdefault(order, []).append(row)
    sections: list[OutlineSection] = []
    for n, order in enumerate(sorted(groups), 1):
        members = groups[order]
        ids = [str(r[2]) for r in members]
        title = next((str(r[1]).strip() for r in members if str(r[1]).strip()), "")
        area = Counter(facts.item(i).area for i in ids).most_common(1)[0][0]
        base = next((s for s in work if s.item_ids and s.item_ids[0] in ids), None)
        sections.append(OutlineSection(
            key=base.key if base and base.key not in {s.key for s in sections} else f"w{n}", role="work",
            area=area, status=base.status if base else None, item_ids=ids,
            title="" if title.startswith(AUTO) else title))
    if not sections:
        raise InputError("大纲里没有任何事项")
    rest = [s for s in outline.sections if s.role != "work"]
    return outline.model_copy(update={"sections": sections + rest})


def write_csv(rows: list[list[Any]], path: Path) -> None:
    """The rows as a UTF-8 .csv with a BOM, so WPS and Excel open it with the Chinese intact."""
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([HEADERS, *rows])

    write_atomic(path, write)


def read_csv(path: Path) -> list[list[Any]]:
    """Rows from an outline .csv (its header row skipped)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except UnicodeDecodeError as e:
        raise InputError(f"大纲文件 {path.name} 不是 UTF-8 编码的 .csv，请用 fulian outline -o 写出的文件") from e
    return [r for r in rows if r and r != HEADERS]
