"""Turn the notes staff type — header lines, bullets of any style, group labels, free prose — into Facts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.errors import InputError
from assistant.items import area_for_label, enrich, to_item
from assistant.numbers import find_figures
from assistant.prompts import doctype, levels, notes_vocab
from assistant.schemas import DOC_TYPES, Facts, Item, Status
from assistant.textnorm import normalize, strip_end_punct

CN_NUM = "一二三四五六七八九十"
# marker pattern → rank; a lower rank is a higher level (一、 above （一） above 1. above （1） above ①)
MARKERS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(rf"^[{CN_NUM}]+[、.．]\s*"), 0),
    (re.compile(rf"^[（(][{CN_NUM}]+[)）]\s*"), 1),
    (re.compile(r"^\d{1,2}(?:[.．](?!\d)|[、)）])\s*"), 2),
    (re.compile(r"^[（(]\d{1,2}[)）]\s*"), 3),
    (re.compile(r"^[①-⑳]\s*"), 4),
    (re.compile(rf"^[{CN_NUM}]+是[，,：:]?\s*"), 5),
    (re.compile(r"^(?:[-*+•·●○◆◇■□▪–—]|\u2022)\s*"), 6),
    (re.compile(r"^#{1,6}\s+"), -1),
]
HEADER = re.compile(r"^(?P<key>[^：:]{1,8})[：:]\s*(?P<value>.*)$")
TITLE_LINE = re.compile(r"^(?P<org>[^\d，。；：]{2,30}?妇联)(?P<year>(?:19|20)\d{2})年(?P<rest>[^，。；]*)$")
PROSE_INTRO = re.compile(
    r"^(?:(?P<year>(?:19|20)\d{2})年(?:以来|度|，|,)?\s*)?(?:[，,]?\s*)?(?P<org>[^\d，。；：]{2,24}?妇联)?"
)
INLINE_ENUM = re.compile(rf"(?:^|[；;。，,]\s*)[{CN_NUM}]+是")
LEADING_ENUM = re.compile(rf"^\s*[{CN_NUM}]+是[，,：:]?")
MAX_LABEL = 16


@dataclass
class _Group:
    """The group label currently in force: which part of the document, and which area."""

    kind: str = ""  # problems | planned | done | measures | ""
    area: str = ""
    label: str = ""


@dataclass
class _Raw:
    """One point as found in the notes, before analysis."""

    text: str
    kind: str
    area: str
    label: str
    line: int
    details: list[str] = field(default_factory=list)


@dataclass
class _State:
    """Parser state while walking the lines."""

    facts: dict[str, object] = field(default_factory=dict)
    items: list[_Raw] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    group: _Group = field(default_factory=_Group)
    top_rank: int | None = None
    top_indent: int = 0


def _marker(line: str) -> tuple[int | None, str]:
    """The bullet rank of a line and the line without its marker."""
    for pattern, rank in MARKERS:
        m = pattern.match(line)
        if m and line[m.end():].strip():
            return rank, line[m.end():].strip()
    return None, line.strip()


def _header_field(key: str) -> str:
    """The Facts field a header word names, or ''."""
    key = key.strip()
    for name, words in notes_vocab().headers.items():
        if key in words:
            return name
    return ""


def _group_kind(label: str) -> str:
    """Which part of the document a group label names (problems, planned …), or ''."""
    label = strip_end_punct(label).strip("【】[]#").strip()
    for kind, words in notes_vocab().groups.items():
        if label in words:
            return kind
    return ""


def _set_header(st: _State, name: str, value: str) -> None:
    """Store a header value with light validation."""
    value = strip_end_punct(normalize(value))
    if not value:
        return
    if name == "year":
        m = re.search(r"(19|20)\d{2}", value)
        if not m:
            raise InputError(f"年度“{value}”看不懂，请写成四位数字，如 2026")
        st.facts["year"] = int(m.group())
    elif name == "doc_type":
        st.facts["doc_type"] = doctype(value).name
    else:
        st.facts[name] = value


def _is_label(text: str) -> bool:
    """A short line without figures that introduces a group of bullets (存在问题：, 【组织建设】, 一、思想引领)."""
    bare = text.strip("【】[]#").strip()
    return 0 < len(bare) <= MAX_LABEL and not find_figures(bare) and bool(
        text.endswith(("：", ":")) or _group_kind(bare) or area_for_label(bare)
        or (text.startswith(("【", "[")) and text.endswith(("】", "]")))
    )


def _apply_label(st: _State, label: str) -> None:
    """Switch the current group."""
    bare = strip_end_punct(label.strip("【】[]#").strip().rstrip("：:"))
    kind, area = _group_kind(bare), area_for_label(bare)
    st.group = _Group(kind=kind or st.group.kind, area=area, label="" if (kind or area) else bare)
    st.top_rank = None


def _split_inline(text: str) -> list[str]:
    """Split '一是…；二是…' and '…；…' runs into separate points."""
    if len(INLINE_ENUM.findall(text)) >= 2:
        parts = re.split(rf"[；;。，,]?\s*[{CN_NUM}]+是[，,：:]?", text)
    else:
        parts = text.split("；")
    return [p for p in (strip_end_punct(LEADING_ENUM.sub("", x)) for x in parts) if p]


def _add(st: _State, text: str, lineno: int, indent: int, rank: int | None) -> None:
    """Add a point as a new item, or as a detail of the previous item when it is nested."""
    text = normalize(text)
    if not strip_end_punct(text):
        return
    nested = (
        st.items and rank is not None and st.top_rank is not None
        and (indent > st.top_indent or (0 <= st.top_rank < rank < 5))
    )
    if nested:
        st.items[-1].details.append(text)
        return
    if rank is not None and st.top_rank is None:
        st.top_rank, st.top_indent = rank, indent
    for part in _split_inline(text):
        st.items.append(_Raw(part, st.group.kind, st.group.area, st.group.label, lineno))


def _prose(st: _State, line: str, lineno: int) -> None:
    """A free sentence: the scene-setting opening feeds year and unit, the rest become items."""
    for sentence in (s for s in re.split(r"(?<=[。！？])", normalize(line)) if s.strip()):
        m = PROSE_INTRO.match(sentence)
        if m and m.group("year") and "year" not in st.facts:
            st.facts["year"] = int(m.group("year"))
        if m and m.group("org") and "organization" not in st.facts:
            st.facts["organization"] = m.group("org").strip("，, ")
        if not [f for f in find_figures(sentence) if f.kind in ("number", "title", "date")] and m and m.group(0):
            st.context.append(strip_end_punct(sentence))
            continue
        if m and m.group(0) and "，" in sentence[m.end():m.end() + 1]:
            sentence = sentence[m.end():]
        _add(st, sentence, lineno, 0, None)


def parse_notes(text: str, doc_type: str | None = None) -> Facts:
    """Parse notes into Facts; nothing the user wrote is dropped."""
    st = _State()
    first_content = True
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip(" \t\u3000"))
        line = normalize(raw)
        h = HEADER.match(line)
        if h and (name := _header_field(h.group("key"))):
            _set_header(st, name, h.group("value"))
            continue
        t = TITLE_LINE.match(line.lstrip("#").strip())
        if first_content and t:
            st.facts.setdefault("organization", t.group("org"))
            st.facts.setdefault("year", int(t.group("year")))
            rest = t.group("rest")
            for name, words in notes_vocab().doc_type_words.items():
                if any(w in rest for w in words):
                    st.facts.setdefault("doc_type", name)
                    break
            first_content = False
            continue
        first_content = False
        rank, body = _marker(line)
        if rank == -1 or _is_label(body):
            label, _, inline = body.partition("：") if "：" in body else (body, "", "")
            _apply_label(st, label)
            if inline.strip():
                _add(st, inline, lineno, indent, None)
            continue
        if rank is None:
            head, sep, rest = body.partition("：")
            if sep and rest and len(head) <= MAX_LABEL and not find_figures(head) and (
                    _group_kind(head) or area_for_label(head)):
                _apply_label(st, head)
                _add(st, rest, lineno, indent, None)
            elif st.items and indent > st.top_indent and st.top_rank is not None:
                _add(st, body, lineno, indent, 6)
            else:
                _prose(st, body, lineno)
            continue
        _add(st, body, lineno, indent, rank)
    return _facts(st, doc_type)


def _facts(st: _State, doc_type: str | None) -> Facts:
    """Assemble Facts, infer the doc type and level, and fail clearly when there is nothing to write."""
    if not st.items:
        raise InputError("笔记里没有找到工作事项，请每行写一条，如“- 开展巾帼大宣讲30场”")
    kinds = {r.kind for r in st.items}
    name = doctype(doc_type).name if doc_type else st.facts.get("doc_type")
    if not name:
        name = "工作总结" if kinds & {"done", "problems"} else "工作计划"
    tense_default: Status = "planned" if doctype(str(name)).tense == "plan" else "done"
    items: list[Item] = []
    problems: list[Item] = []
    measures: list[Item] = []
    for r in st.items:
        if r.kind == "problems":
            problems.append(to_item(f"p{len(problems) + 1}", r.text, "done", "problems", r.details, r.line))
        elif r.kind == "measures":
            measures.append(to_item(f"m{len(measures) + 1}", r.text, "planned", "measures", r.details, r.line))
        else:
            status: Status | None = "planned" if r.kind == "planned" else "done" if r.kind == "done" else None
            area = r.area or (f"custom:{r.label}" if r.label else "")
            items.append(to_item(f"i{len(items) + 1}", r.text, status, area, r.details, r.line, tense_default))
    if not items:
        raise InputError("笔记里只有问题或保障措施，没有工作事项，请至少写一条工作内容")
    data = {**st.facts, "doc_type": name, "items": items, "problems": problems, "measures": measures,
            "context": st.context}
    if data.get("organization") and not data.get("level"):
        data["level"] = level_of(str(data["organization"]))
    return Facts.model_validate(data)


def level_of(organization: str) -> str:
    """The level (乡镇（街道）, 县（区）…) an organisation name implies, or ''."""
    return levels().match(organization).level


def load_facts(path: Path, text: str) -> Facts:
    """Load a hand-written facts file (.json/.yaml) and fill in what it leaves out."""
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
        facts = Facts.model_validate(data)
    except (json.JSONDecodeError, yaml.YAMLError) as e:
        raise InputError(f"{path.name} 格式有误：{str(e).splitlines()[0]}") from e
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise InputError(f"{path.name} 的字段“{where}”有误：{err['msg']}") from e
    if facts.doc_type not in (None, *DOC_TYPES):
        raise InputError(f"{path.name}：不支持的文稿类型“{facts.doc_type}”")
    if not facts.items:
        raise InputError(f"{path.name} 里没有工作事项（items 为空）")
    update: dict[str, object] = {
        "items": [enrich(i) for i in facts.items],
        "problems": [enrich(i).model_copy(update={"area": "problems"}) for i in facts.problems],
        "measures": [enrich(i).model_copy(update={"area": "measures"}) for i in facts.measures],
    }
    if facts.organization and not facts.level:
        update["level"] = level_of(facts.organization)
    return facts.model_copy(update=update)
