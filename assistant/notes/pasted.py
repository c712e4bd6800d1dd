"""Text copied out of Word or a PDF: letter-spaced headings, page numbers, sentences wrapped at the page edge."""

from __future__ import annotations

import re

GAP = r"[ \t\u3000]+"
PAGE = re.compile(r"[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,3}\s*页)?"
                  r"|\d{1,3}\s*/\s*\d{1,3}|共\s*\d{1,3}\s*页")
BULLET = re.compile(r"^[ \t\u3000]*(?:[-*+•·●○◆◇■□▪►▶➤※★☆❖➢◎Øü§¨]|[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）])")
END = "。；！？：:;!?）)”"
INDENT = re.compile(r"^(?:\u3000{2}|[ ]{2,4}\u3000?|\t)(?=\S)")


def unspaced(text: str) -> str:
    """滨湖区妇联 2025 年 工 作 总 结 → 滨湖区妇联2025年工作总结: a line whose characters stand one by one."""
    tokens = [t for t in re.split(GAP, text.strip()) if t]
    singles = sum(1 for t in tokens if len(t) == 1 and re.match(r"[\u4e00-\u9fff]", t))
    if len(tokens) >= 4 and singles >= 3 and singles * 2 >= len(tokens):
        return re.sub(rf"(?<=\S){GAP}(?=\S)", "", text.strip())
    return text


def is_page_number(text: str) -> bool:
    """- 1 -, 第 2 页 共 2 页: the page furniture of a printed document."""
    return bool(PAGE.fullmatch(text.strip()))


def join_wrapped(lines: list[str], joined: dict[int, int]) -> list[str]:
    """Lines a sentence runs over onto (同比增 / 长 12 %) joined to the line it started on; every line swallowed
    is recorded in `joined` with the line it went into."""
    out = list(lines)
    i = 0
    while i < len(out) - 1:
        cur = out[i]
        j = i + 1
        while j < len(out) and _continues(cur, out[j], started=out[i]):
            cur = cur.rstrip() + out[j].strip()
            joined[j] = i
            out[j] = ""
            j += 1
        out[i] = cur
        i = j
    return out


def _continues(cur: str, nxt: str, started: str) -> bool:
    """Whether `nxt` is the rest of the sentence `cur` breaks off: `cur` is a long bullet or an indented paragraph
    line ending mid-sentence, `nxt` starts flush left with no bullet or number of its own."""
    body = cur.strip()
    if not body or not nxt.strip() or body[-1] in END or "\t" in body or BULLET.match(nxt) or INDENT.match(nxt):
        return False
    if re.match(r"^[^\s：:，。]{1,8}[：:]|^\d{1,4}[-/.:：年月]|^[【\[〔#*>（(]|^[-—=]{2}", nxt.strip()) \
            or is_page_number(nxt):
        return False
    long_enough = len(re.sub(GAP, "", body)) >= 25 and re.search(r"[，、；]", body)
    return bool(long_enough and (BULLET.match(started) or INDENT.match(started)))
