"""What became of the notes: the lines left out of the draft and why, and what the reader changed on the way."""

from __future__ import annotations

from assistant.schemas import Facts

WRAPPERS = ("聊天记录的时间和发言人", "聊天记录的日期", "聊天记录的发言人", "只有")


def left_out(facts: Facts) -> list[str]:
    """One line per notes line (or part of one) that is not in the draft: 第3行：收到（聊天用语）; lines that
    only wrap the notes (a chat timestamp, a row of ===) are listed together."""
    out: list[str] = []
    wrapped: dict[str, list[str]] = {}
    for o in sorted(facts.omitted, key=lambda o: o.line):
        if o.reason.startswith(WRAPPERS):
            wrapped.setdefault(o.reason, []).append(str(o.line))
        else:
            out.append(f"第{o.line}行：{o.text}（{o.reason}）")
    return out + [f"第{'、'.join(lines)}行：{reason}" for reason, lines in wrapped.items()]


def changed(facts: Facts) -> list[str]:
    """One line per kind of change the reader made: typos corrected, private names written as 某某."""
    typos = list(dict.fromkeys(f"{c.before}→{c.after}" for c in facts.changes if c.reason.startswith("笔记里的错别字")))
    spoken = list(dict.fromkeys(f"{c.before}→{c.after}" for c in facts.changes if c.reason.startswith("口语")))
    people = list(dict.fromkeys(c.after for c in facts.changes if c.reason.startswith("敏感事项")))
    out = []
    if typos:
        out.append("已更正笔记里的错别字：" + "，".join(typos))
    if spoken:
        out.append("口语已改为书面语：" + "，".join(spoken))
    if people:
        out.append(f"涉及家暴、救助等敏感事项的个人姓名已写作“{people[0][0]}某某”式：" + "、".join(people) +
                   "（荣誉表彰中的人名照写）")
    return out
