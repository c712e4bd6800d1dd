"""Score a draft against a notes-corpus gold file: count what a 妇联 office director would mark wrong.

Used by tests/test_notes_quality.py and bench/notes_quality.py. It reads only the Document's structure and
text, the notes and the gold, never the parser's internals, and keeps its own word lists.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import opencc
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.schemas import Document, Section

T2S = opencc.OpenCC("t2s")
CORPUS = Path(__file__).parent / "data" / "notes_corpus"
PARTS = ("dev", "holdout", "fresh", "blind")  # written in this order; each was unseen until the one before passed
CATEGORIES = ("title", "label", "noise", "programme", "register", "part", "missing", "misplaced", "private",
              "repeat", "garbled")

# Programmes, activities and carriers a draft may name only when the notes do (the scorer's own list).
PROGRAMMES = [
    "换届", "爱心妈妈", "社会妈妈", "巾帼大宣讲", "巾帼心向党", "妇女微家", "妇女之家", "美丽庭院", "精致农家",
    "春蕾计划", "最美家庭", "家长学校", "儿童之家", "巾帼文明岗", "巾帼志愿者", "新时代文明实践", "党群服务中心",
    "网格员", "宣讲员", "法律工作者", "维权服务站", "四点半课堂", "母亲安康", "家庭教育指导师", "一对一",
    "结对", "三八红旗", "议事会", "巾帼驿站", "微信群", "宣传栏", "公众号", "视频号", "妇女小组", "巾帼林长",
    "清廉家庭", "文明实践站", "巾帼红", "乡村振兴巾帼行动", "家庭教育宣传周", "国家宪法日", "维权周",
]
# Words that belong to village and township work, and to community and street work.
RURAL = ["乡村振兴", "乡村全面振兴", "田间地头", "进村入户", "庭院", "村民", "农家", "农户", "村组", "乡风",
         "和美乡村", "农村", "农产品", "村落"]
URBAN = ["居民", "小区", "楼栋", "楼宇", "物业", "商圈", "业委会", "写字楼"]
STACKED = [["力争", "争取", "努力", "着力", "全力", "尽力"], ["不断", "持续", "进一步", "继续"],
           ["全年", "年内", "年度内", "一年来"], ["累计", "共计"]]
ADVERBS = ["力争", "争取", "努力", "着力", "全力", "不断", "持续", "进一步", "继续", "切实", "积极"]
# Words the writer adds (not the user): three in one clause-run is a repeat (用好…用好…用好).
WRITER_WORDS = ["用好", "坚持", "推动", "围绕", "着力", "不断", "持续", "深化", "加强", "提升", "积极", "扎实", "引导",
                "助力", "聚焦", "依托", "推进", "强化", "切实", "有效", "进一步", "全面", "实现", "确保"]
DOUBLED_OK = {"扎实", "实在", "仔细", "认真", "清楚", "明白", "干净", "整齐"}
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]")
TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
MARKUP = re.compile(r"#{1,6}|\*\*|：[，。；]|[，；]{2}|【\s*】")
PLACEHOLDER = "【待补"


class GoldItem(BaseModel):
    """One thing the notes say, and where the draft must put it."""

    model_config = ConfigDict(extra="forbid")
    anchor: list[str]
    part: Literal["work", "next", "problem", "measure", "aims"]
    headings: list[str] = []

    @field_validator("headings", mode="before")
    @classmethod
    def _years_as_text(cls, v: list[object]) -> list[str]:
        """A bare year in YAML (2026) is a heading word too."""
        return [str(x) for x in v or []]


class Gold(BaseModel):
    """What a correct draft of one notes file must and must not contain."""

    model_config = ConfigDict(extra="forbid")
    persona: str = ""
    styles: list[str] = []
    encoding: Literal["utf-8", "gbk"] = "utf-8"
    type: Literal["工作计划", "工作总结", "工作要点", "总结+计划"]
    unit: str | None
    year: int | None
    level: Literal["村", "社区", "乡镇", "街道", "县", "区", "市"]
    setting: Literal["乡", "城", "混合"]
    has_problems: bool = False
    has_next: bool = False
    items: list[GoldItem]
    labels: list[str] = []
    noise: list[str] = []
    absent_programmes: list[str] = []
    private_names: list[str] = []
    honour_names: list[str] = []
    typos: dict[str, str] = {}
    once: list[list[str]] = Field(default=[])


@dataclass
class Case:
    """A notes file and its gold."""

    name: str
    notes_path: Path
    gold: Gold

    @property
    def notes(self) -> str:
        """The notes as text."""
        return self.notes_path.read_bytes().decode("gbk" if self.gold.encoding == "gbk" else "utf-8")


def cases(part: str) -> list[Case]:
    """The corpus files in dev/, holdout/, fresh/ or blind/ (or all of them with 'all')."""
    folders = list(PARTS) if part == "all" else [part]
    out = []
    for folder in folders:
        for gold_path in sorted((CORPUS / folder).glob("*.gold.yaml")):
            gold = Gold.model_validate(yaml.safe_load(gold_path.read_text(encoding="utf-8")))
            notes = gold_path.with_name(gold_path.name.removesuffix(".gold.yaml") + ".txt")
            out.append(Case(f"{folder}/{notes.stem}", notes, gold))
    return out


@dataclass
class Block:
    """A paragraph with the headings above it and the part of the document it sits in."""

    text: str
    headings: list[str]
    part: str


@dataclass
class Score:
    """Defects found in one draft, by category, with a line of evidence each."""

    defects: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})

    def add(self, category: str, evidence: str) -> None:
        """Record one defect."""
        self.defects[category].append(evidence)

    @property
    def total(self) -> int:
        """All defects."""
        return sum(len(v) for v in self.defects.values())


def flat(text: str) -> str:
    """Text without spaces and quotation marks, for matching fragments."""
    return re.sub(r"[\s“”‘’\"]", "", text)


def _blocks(doc: Document) -> list[Block]:
    """Every paragraph of the body, in order, with its heading chain and part."""
    out = [Block(p.text, [], "preamble") for p in doc.preamble]

    def walk(section: Section, chain: list[str], part: str) -> None:
        chain = [*chain, section.heading]
        role = section.role
        if role == "part":
            part = "next" if re.search(r"计划|打算|安排", section.heading) else "work"
        elif role == "problems":
            part = "problem"
        elif role == "next_steps":
            part = "next"
        elif role == "measures":
            part = "measure"
        alone = len(section.paragraphs) == 1 and not section.children
        for p in section.paragraphs:
            lead = section.heading + "。" if section.run_in or alone else ""  # read with the one paragraph under it
            out.append(Block(lead + p.text, chain, part))
        for child in section.children:
            walk(child, chain, part)

    for s in doc.sections:
        walk(s, [], "work")
    out += [Block(p.text, [], "closing") for p in doc.closing]
    return out


def _all_text(doc: Document) -> str:
    """Title, headings and paragraphs."""
    heads: list[str] = []

    def walk(s: Section) -> None:
        heads.append(s.heading)
        for c in s.children:
            walk(c)

    for s in doc.sections:
        walk(s)
    return "\n".join([doc.title, *heads, *(p.text for p in doc.paragraphs()), *doc.signoff])


def _title(doc: Document, gold: Gold, score: Score) -> None:
    words = {"工作计划": r"工作计划$", "工作总结": r"工作总结$", "工作要点": r"工作要点$",
             "总结+计划": r"工作总结(?:及|和|暨|与).*计划$"}
    if doc.doc_type != gold.type or not re.search(words[gold.type], doc.title):
        score.add("title", f"文种：{doc.doc_type}（{doc.title}），应为 {gold.type}")
    unit = gold.unit or "【待补：单位名称】"
    if not doc.title.startswith(unit):
        score.add("title", f"单位：{doc.title}，应为 {unit}")
    year = f"{gold.year}年" if gold.year else "【待补：年度】"
    if year not in doc.title:
        score.add("title", f"年度：{doc.title}，应有 {year}")


def _leaks(doc: Document, case: Case, score: Score) -> None:
    text = _all_text(doc)
    body = text.split("\n", 1)[1] if "\n" in text else ""
    notes = flat(T2S.convert(case.notes))  # a programme the notes name in traditional characters is named
    for wrong, right in case.gold.typos.items():  # …or with a typo (美丽亭院)
        notes = notes.replace(flat(wrong), flat(right))
    for label in case.gold.labels:
        if _leaked(label, case.notes, body):
            score.add("label", label)
    for m in MARKUP.finditer(body):
        score.add("label", f"标记“{m.group()}”：…{body[max(0, m.start() - 12): m.end() + 8]}…")
    for noise in case.gold.noise:
        if (flat(noise) in flat(text)) if flat(noise) else (noise in text):
            score.add("noise", noise)
    for m in [*EMOJI.finditer(text), *TIME_OF_DAY.finditer(text)]:
        score.add("noise", m.group())
    for name in dict.fromkeys([*case.gold.absent_programmes, *PROGRAMMES]):
        if name in flat(text) and name not in notes:
            score.add("programme", name)
    if case.gold.setting != "混合":
        for word in RURAL if case.gold.setting == "城" else URBAN:
            if word in text and word not in notes:
                score.add("register", word)
    for name in case.gold.private_names:
        if name in text:
            score.add("private", name)


def _leaked(label: str, notes: str, body: str) -> bool:
    """A label leaks when it shows up in the draft still glued to what followed it in the notes (维权：开展…);
    the same word standing in a sentence of its own is no leak."""
    key = flat(label)
    if not key:
        return False
    body = flat(body)
    followers = [flat(line)[flat(line).find(key) + len(key):][:4] for line in notes.splitlines() if key in flat(line)]
    followers = [f for f in followers if f]
    if not followers:
        return key in body
    return any(key + f in body for f in followers)


def _parts(doc: Document, gold: Gold, score: Score) -> None:
    def holds(role: str) -> bool:
        found = [s for s in _walk(doc.sections) if s.role == role or (role == "next" and _is_next_part(s))]
        return any(p.origin != "placeholder" for s in found for p in _paragraphs(s))

    if gold.has_problems and not holds("problems"):
        score.add("part", "笔记写了问题，稿中没有（或只有【待补】）")
    if gold.has_next and gold.type in ("工作总结", "总结+计划") and not (holds("next_steps") or holds("next")):
        score.add("part", "笔记写了下一步/明年工作，稿中没有（或只有【待补】）")


def _walk(sections: list[Section]) -> list[Section]:
    return [x for s in sections for x in (s, *_walk(s.children))]


def _paragraphs(s: Section) -> list:  # type: ignore[type-arg]
    return [*s.paragraphs, *(p for c in s.children for p in _paragraphs(c))]


def _is_next_part(s: Section) -> bool:
    return s.role == "part" and bool(re.search(r"计划|打算|安排", s.heading))


def _items(doc: Document, gold: Gold, score: Score) -> None:
    blocks = _blocks(doc)
    for it in gold.items:
        frags = [flat(f) for f in it.anchor]
        where = [b for b in blocks if all(f in flat(b.text) for f in frags)]
        label = "+".join(it.anchor)
        if not where:
            score.add("missing", label)
            continue
        if not any(_placed(b, it) for b in where):
            b = where[0]
            score.add("misplaced", f"{label} → {b.part}｜{' / '.join(h for h in b.headings if h) or '（无标题）'}")
    for frags in gold.once:
        n = sum(1 for b in blocks if all(flat(f) in flat(b.text) for f in frags))
        if n > 1:
            score.add("repeat", f"重复的事项出现了 {n} 次：{'+'.join(frags)}")
    for name in gold.honour_names:
        if name not in "\n".join(b.text for b in blocks):
            score.add("missing", f"荣誉中的人名 {name}")


def _placed(block: Block, it: GoldItem) -> bool:
    """Whether a paragraph sits in the part, and under a heading, the gold accepts."""
    if it.part == "problem":
        return block.part == "problem"
    if it.part == "measure":
        return block.part == "measure"
    if it.part == "aims":  # a plan's 总体思路 and targets: the opening, or a work section
        return block.part in ("preamble", "work")
    if it.part == "work" and block.part == "measure" and any(w in ("保障", "措施") for w in it.headings):
        return True  # the gold put it under a 保障措施 heading; the draft's 保障措施 part is that heading
    if block.part == it.part and not it.headings:
        return True  # no heading named: anywhere in its part
    if it.part == "next" and block.part == "next" and not any(block.headings[1:]):
        return True  # the 下一步 section of a 总结: one list, no topic headings
    if block.part != it.part:
        return False
    return any(w in h for w in it.headings for h in block.headings)


def _repeats(doc: Document, notes: str, score: Score) -> None:
    lines = [flat(x) for x in notes.splitlines()]

    def in_notes(*words: str) -> bool:
        return any(all(w in line for w in words) for line in lines)

    def in_notes_count(word: str, n: int) -> bool:
        return any(line.count(word) >= n for line in lines)

    for p in doc.paragraphs():
        for sentence in re.split(r"[。！？；]", p.text):
            for clause in re.split(r"[，；：]", sentence):
                for m in re.finditer("(" + "|".join(ADVERBS) + ")(" + "|".join(ADVERBS) + ")", clause):
                    if not in_notes(m.group()):
                        score.add("repeat", f"{m.group()}：{clause}")
                for group in STACKED:
                    found = [w for w in group if w in clause]
                    found = [w for w in found if not any(w != o and w in o for o in found)]
                    if len(found) >= 2 and not in_notes(*found):
                        score.add("repeat", f"{'、'.join(found)}：{clause}")
                for g, n in Counter(clause[i:i + 4] for i in range(len(clause) - 3)).items():
                    if n >= 2 and re.fullmatch(r"[\u4e00-\u9fff]{4}", g) and not in_notes_count(g, 2):
                        score.add("repeat", f"{g}×{n}：{clause}")
        for segment in re.split(r"[。！？；]", p.text):
            for word in WRITER_WORDS:
                n = segment.count(word)
                if n >= 3 and not in_notes_count(word, n):
                    score.add("repeat", f"{word}×{n}：{segment[:40]}")
            m = re.search(r"([\u4e00-\u9fff]{2})\1", segment)
            if m and not in_notes_count(m.group(), 1) and m.group(1) not in DOUBLED_OK:
                score.add("repeat", f"{m.group()}：{segment[:40]}")


def score(doc: Document, case: Case) -> Score:
    """Every defect of one draft."""
    s = Score()
    _title(doc, case.gold, s)
    _leaks(doc, case, s)
    _parts(doc, case.gold, s)
    _items(doc, case.gold, s)
    _repeats(doc, case.notes, s)
    _garbled(doc, s)
    return s


# Text no reader would pass: characters standing one by one (思，想，引，领), a number glued to the front of a
# clause (1“美丽庭院”提质扩面…), a page number, a space before %.
GARBLED = [re.compile(r"(?:^|[，、。；])(?:[\u4e00-\u9fff][，、]){3,}"),
           re.compile(r"(?:^|[。；：，）])\d{1,2}(?=[“\u4e00-\u9fff])(?![个人户场次期名起件元份篇所处家万千百年月日号支条栋天周批位项种岁多余来几级星届套斤株亩])"),
           re.compile(r"第\s*\d+\s*页|[-—]\s*\d{1,3}\s*[-—](?!\d)|\d\s+%")]


def _garbled(doc: Document, score: Score) -> None:
    for p in doc.paragraphs():
        for pattern in GARBLED:
            for m in pattern.finditer(p.text):
                score.add("garbled", f"…{p.text[max(0, m.start() - 8): m.end() + 8]}…")
