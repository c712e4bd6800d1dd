"""Parse a cleaned old document into the one Document model: title, preamble, numbered sections, sign-off."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from assistant.prompts import doctype_named
from assistant.rewrite.clean import Cleaned
from assistant.rewrite.data import words
from assistant.schemas import Document, Paragraph, Role, Section
from assistant.vocab import DATE_LINE, Y, level_of_mark

TITLE_WORDS = re.compile(r"总结|计划|要点|报告|打算|安排|思路")  # and any doc type's name or alias
YEAR = re.compile(rf"({Y})年?")
ORG_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,24}(?:妇联|妇女联合会|妇代会|委员会|办公室)$")
END = "。；！？：:;"
ROLES: list[tuple[re.Pattern[str], Role]] = [
    (re.compile(r"存在的?(?:问题|不足|短板)|问题(?:和|与|及)不足|不足之处|(?:差距|短板)和不足|意见建议"), "problems"),
    (re.compile(r"打算|下一步|工作思路|展望|明年|下年|^(?:\d{4}年)?(?:工作)?(?:计划|安排)$"), "next_steps"),
    (re.compile(r"^(?:主要|工作|保障|具体|改进)?措施$|保障措施"), "measures"),
]
PART = re.compile(r"^第[一二三四五六七八九十]+部分[\s、，,：:．.]*")  # 第一部分 主要工作: a level above 一、
CLOSING = re.compile(r"^(?:新的一年|今后|总之|展望|站在新的起点)")


@dataclass
class _Open:
    """A section being filled, with its level."""

    level: int
    section: Section
    children: list[_Open] = field(default_factory=list)


def _mark(line: str) -> tuple[int, str] | None:
    """(level, text after the mark) for a numbered line."""
    found = level_of_mark(line)
    if found and len(line) > found[2]:
        return found[0], line[found[2]:]
    return None


def _split_heading(rest: str) -> tuple[str, str]:
    """A numbered line's heading and the text that runs on after it."""
    for name in sorted(words().section_names, key=len, reverse=True):
        if rest.startswith(name) and len(rest) > len(name) + 4:
            return name, rest[len(name):].lstrip("：:，。 ")
    if not re.search(r"[。！？]", rest) and len(rest) <= 80:
        return rest, ""
    yishi = rest.find("一是")
    if 2 <= yishi <= 12:
        return rest[:yishi].rstrip("：:，"), rest[yishi:]
    m = re.search(r"[。！？]", rest)
    if m and m.start() <= 40:
        return rest[: m.start()], rest[m.end():].strip()
    if len(rest) <= 40 and rest[-1:] not in END:
        return rest, ""
    head = re.split(r"[，；]", rest, maxsplit=1)[0]
    return (head, rest[len(head) + 1:].strip()) if len(head) <= 20 else ("", rest)


def _short_line(line: str) -> bool:
    """4–24 characters, no sentence end, no figures (a year may be there: 2018年工作计划)."""
    return 4 <= len(line) <= 24 and line[-1] not in END and "。" not in line \
        and not re.search(r"\d", YEAR.sub("", line))


def _is_bare_heading(line: str, following: str | None) -> bool:
    """A short unnumbered line followed by prose reads like a heading (开展多样活动，凝聚妇女力量)."""
    return _short_line(line) and following is not None and not _short_line(following) \
        and _mark(following) is None and len(following) > 30


def _role(heading: str) -> Role:
    return next((role for pattern, role in ROLES if pattern.search(heading)), "work")


def is_title(line: str) -> bool:
    """A first line that is the document's title (石桥镇妇联2025年工作总结)."""
    return len(line) <= 40 and "。" not in line and bool(TITLE_WORDS.search(line) or doctype_named(line))


def frame(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """(title, body lines, sign-off lines): the title if the first line is one, the unit and date at the end."""
    lines = [ln for ln in lines if ln.strip()]
    title = ""
    if lines and is_title(lines[0]):
        title, lines = lines[0], lines[1:]
    signoff: list[str] = []
    while lines and (DATE_LINE.match(lines[-1]) or ORG_LINE.match(lines[-1])) and len(signoff) < 3:
        signoff.insert(0, lines.pop())
    return title, lines, signoff


def parse_lines(lines: list[str]) -> Document:
    """One article's lines → Document (origin 'import' on every paragraph)."""
    title, lines, signoff = frame(lines)
    year_match = YEAR.search(title)
    doc = Document(title=title or "（无标题）", doc_type=(spec.name if (spec := doctype_named(title)) else None),
                   year=int(year_match.group(1)) if year_match else None, signoff=signoff, writer="import")
    parts = any((m := PART.match(ln)) is not None and len(ln) > m.end() for ln in lines)
    numbered_top = parts or any((_mark(ln) or (0, ""))[0] == 1 for ln in lines)
    stack: list[_Open] = []
    counter = {"p": 0, "s": 0}

    def para(text: str) -> Paragraph:
        counter["p"] += 1
        return Paragraph(id=f"p{counter['p']}", text=text, origin="import")

    def open_section(level: int, heading: str, run_in: bool) -> Section:
        counter["s"] += 1
        section = Section(id=f"s{counter['s']}", heading=heading, run_in=run_in, role=_role(heading))
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].section.children if stack else doc.sections).append(section)
        stack.append(_Open(level, section))
        return section

    for n, line in enumerate(lines):
        part = PART.match(line) if parts else None
        if part and len(line) > part.end():
            open_section(1, line[part.end():], False)
            continue
        marked = _mark(line)
        if marked:
            level, rest = marked
            level += 1 if parts else 0
            heading, body = _split_heading(rest)
            if heading:
                section = open_section(level, heading, bool(body) and level >= 2)  # 一、 headings stand alone
                if body:
                    section.paragraphs.append(para(body))
                continue
        elif _is_bare_heading(line, lines[n + 1] if n + 1 < len(lines) else None):
            own_part = _role(line) != "work"  # 存在的不足, 2027年工作计划: a part of the document, not a subsection
            open_section(2 if numbered_top and not own_part else 1, line, False)
            continue
        target = stack[-1].section.paragraphs if stack else doc.preamble
        target.append(para(line))
    if doc.sections:
        last = doc.sections[-1]
        while last.children:
            last = last.children[-1]
        if last.paragraphs and CLOSING.match(last.paragraphs[-1].text) and len(last.paragraphs) > 1:
            doc.closing.append(last.paragraphs.pop())
    return doc


def parse(cleaned: Cleaned) -> list[Document]:
    """Every article in a cleaned text (范文 collections hold several)."""
    lines = cleaned.text.split("\n")
    bounds = [*cleaned.articles, len(lines)]
    docs = [d for d in (parse_lines(lines[a:b]) for a, b in itertools.pairwise(bounds)) if d.paragraphs() or d.sections]
    bodies = [d for d in docs if d.sections or len(d.preamble) > 1]  # a collection's own heading is no article
    return bodies or docs
