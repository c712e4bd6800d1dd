"""Clean an imported document: 繁→简, web debris removed (and reported), punctuation normalised."""

from __future__ import annotations

import re
from functools import cache

from assistant.checks.leftovers import web_debris
from assistant.rewrite.data import words
from assistant.schemas import Strict
from assistant.textnorm import normalize, simplified
from assistant.vocab import DATE_LINE


class Removed(Strict):
    """One thing taken out, and why."""

    line: int
    text: str
    why: str


class Cleaned(Strict):
    """The cleaned text, where each article of a 范文 collection starts (line index), and what changed."""

    text: str
    articles: list[int] = [0]
    removed: list[Removed] = []
    traditional: int = 0


MARKDOWN = re.compile(r"^#{1,6}\s*|^\*\*(.+)\*\*$|^<p[^>]*>(.*)</p>$")  # our .md: # 标题, ## 一、…, <p align=…>落款
ARTICLE = re.compile(r"\s*篇\s*[一二三四五六七八九十\d]+\s*[:：]?\s*$|^\s*篇\s*[一二三四五六七八九十\d]+\s*[:：]\s*")


COLUMNS = re.compile(r"\t+|\s{2,}")  # the gaps between the cells of a table pasted from WPS or Excel


def _table_row(line: str) -> str | None:
    """A pasted table row as a sentence, cells joined by “，” and the row number (序号) dropped, so that
    “7  家庭教育讲座  12场” does not become “7家庭教育讲座12场”; None for a header row (no figure in it); the
    line itself when it is not a row of three cells or more."""
    cells = [c.strip() for c in COLUMNS.split(line.strip()) if c.strip()]
    if len(cells) < 3:
        return line
    if re.fullmatch(r"\d{1,3}[.、]?", cells[0]):
        cells = cells[1:]
    return "，".join(cells) + "。" if any(re.search(r"\d", c) for c in cells) else None


@cache
def _junk_lines() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in words().junk_lines]


def clean(raw: str) -> Cleaned:
    """Cleaned text: each kept line normalised; removed lines and fragments are listed."""
    simple = simplified(raw)
    converted = sum(1 for a, b in zip(raw, simple, strict=True) if a != b)
    removed: list[Removed] = []
    kept: list[str] = []
    articles: list[int] = []
    previous = ""
    for n, line in enumerate(simple.splitlines(), 1):
        row = _table_row(line)
        if row is None:
            removed.append(Removed(line=n, text=line.strip()[:60], why="表格的表头（各列的名称）"))
            continue
        line = row
        stripped = MARKDOWN.sub(lambda m: m.group(1) or m.group(2) or "", line.strip(" \t\u3000\xa0")).strip()
        if not stripped:
            continue
        if ARTICLE.search(stripped):
            articles.append(len(kept))
            removed.append(Removed(line=n, text=stripped[:60], why="范文合集的“篇N”标记（另起一篇）"))
            stripped = ARTICLE.sub("", stripped)
            if not stripped:
                continue
        if any(p.search(stripped) for p in _junk_lines()):
            removed.append(Removed(line=n, text=stripped[:60], why="网页或文库的栏目、提示文字"))
            continue
        for pattern, what in web_debris():
            for m in list(pattern.finditer(stripped)):
                removed.append(Removed(line=n, text=m.group()[:60], why=what))
            stripped = pattern.sub("", stripped)
        stripped = normalize(stripped)
        if not re.search(r"[\u4e00-\u9fff]{2}", stripped) and not DATE_LINE.match(stripped):
            if stripped:
                removed.append(Removed(line=n, text=stripped[:60], why="不含正文的残行"))
            continue
        if stripped == previous:
            removed.append(Removed(line=n, text=stripped[:60], why="与上一行重复"))
            continue
        kept.append(stripped)
        previous = stripped
    lead = _before_title(kept[: (articles[0] if articles and articles[0] > 0 else 8)])
    for line in kept[:lead]:  # the note, chat or page path above the title: not the document
        removed.append(Removed(line=0, text=line[:60], why="标题前的附言、聊天或网页信息"))
    kept, articles = kept[lead:], [a - lead for a in articles]
    starts = sorted({0, *(a for a in articles if 0 <= a < len(kept))})
    return Cleaned(text="\n".join(kept), articles=starts, removed=removed, traditional=converted)


def _before_title(head: list[str]) -> int:
    """How many of the first lines come before the first line that looks like the title (0 when none does)."""
    title = re.compile(words().title_like)
    return next((n for n, line in enumerate(head) if title.match(line)), 0)
