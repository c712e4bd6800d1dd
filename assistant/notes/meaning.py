"""Pass two: what each laid-out line means — its part (work done, next year, problem, measure), its group,
its hint label — and the document's unit, year and type. The result is Facts plus an account of every line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.errors import InputError
from assistant.headings import bare_label
from assistant.items import analyse, area_for_label, to_item
from assistant.notes.layout import SPOKEN, Layout, Line, counted, mark_of, meta_clause, read_layout
from assistant.notes.title import doc_type_of, next_year_note, organizations, title_facts, years
from assistant.personal import anonymise, private_names
from assistant.prompts import PartName, doctype, levels, names, notes_vocab
from assistant.schemas import Change, Facts, Group, Item, Omission, Status
from assistant.textnorm import strip_end_punct
from assistant.topics import names_topic

CN_NUM = "一二三四五六七八九十"
INLINE_ENUM = re.compile(rf"(?:^|[；;。，,]\s*)[{CN_NUM}]+是")
LEADING_ENUM = re.compile(rf"^\s*[{CN_NUM}]+是[，,：:]?")
LABEL = re.compile(r"^(?P<label>[^：:，。；]{1,14}?)[：:]\s*(?P<rest>.+)$")
PROBLEM_LEAD = re.compile(r"^(?:存在的?|主要的?)?(?:问题|不足|短板|困难)(?:主要)?(?:是|有)(?:呢|啊)?[，,：:]?")
MONTH = re.compile(r"^(?:\d{1,2}(?:[.．月]\d{0,2}日?|月份?)(?:上旬|中旬|下旬|初|底)?|[一二三四五六七八九十]{1,3}月份?)")
MAX_LABEL = 14
NAMED_LEVEL = 29.5  # a group named in dictation (第一块我们叫它…) lasts until the next heading or naming
SEPARATELY = {"另外", "此外", "还有", "补充", "另", "再补充", "补充一条", "差点忘了"}
PLANNED_LEAD = re.compile(r"^(?:明年|下一步|下步|来年|下年|接下来|今后|新的一年|(?:19|20)\d{2}年(?:将|要|计划|打算|重点))")
CONTEXT = re.compile(r"(?:重点|主要)(?:还是|就是|是)?(?:围绕|抓)|围绕.{1,24}(?:来做|开展工作|做工作|这块)")
INTRO = re.compile(r"^(?:(?:19|20)\d{2}年(?:以来|，|,)?)?[^，。]{0,16}?妇联(?:在|坚持|紧紧|认真|始终)[^。]*(?:领导|指导|围绕|中心工作)")


@dataclass
class Point:
    """One thing the notes say, before it becomes an Item."""

    text: str
    line: int
    part: str = ""  # problems | planned | done | measures | mixed | '' (not said)
    explicit: bool = False
    label: str = ""
    group: str = ""
    details: list[str] = field(default_factory=list)
    year: int | None = None


@dataclass
class LineNote:
    """What one notes line became, for `fulian draft --explain`."""

    line: int
    text: str
    became: list[str] = field(default_factory=list)


@dataclass
class _Frame:
    """An open heading: a part of the document, a time span or a group the user named."""

    level: float
    kind: str  # part | group | time
    part: str = ""
    year: int | None = None
    group: str = ""
    plan_label: bool = False


@dataclass
class _Reader:
    """State while reading the laid-out lines."""

    layout: Layout
    fields: dict[str, str] = field(default_factory=dict)
    title_fields: list[dict[str, str]] = field(default_factory=list)
    harvested: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    omitted: list[Omission] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    notes: dict[int, LineNote] = field(default_factory=dict)
    running: str = ""
    running_line: int = 0
    last_item_line: Line | None = None
    plan_labels: int = 0
    part_years: list[tuple[str, int]] = field(default_factory=list)
    framed: tuple[int, str] = (0, "")

    def note(self, ln: Line, what: str) -> None:
        """Record what a line became."""
        self.notes.setdefault(ln.no, LineNote(ln.no, ln.raw.strip())).became.append(what)

    # ----- where we are -----------------------------------------------------------------------------

    def part(self) -> tuple[str, bool, int | None]:
        """The part the innermost open part heading names, whether a heading said so, and its year."""
        for f in reversed(self.stack):
            if f.kind == "part":
                return f.part, True, f.year
        return self.running, False, None

    def group(self) -> str:
        """The innermost open user group."""
        return next((f.group for f in reversed(self.stack) if f.kind == "group"), "")

    def pop_to(self, level: float) -> None:
        """Close every open heading at this level or deeper."""
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()


def _vocab_words(kind: PartName) -> list[str]:
    return sorted(notes_vocab().parts[kind], key=len, reverse=True)


def part_of_label(label: str) -> tuple[str, int | None]:
    """Which part a heading or label names (problems/planned/done/measures/mixed or ''), and a year in it."""
    v = notes_vocab()
    year_m = re.search(r"((?:19|20)\d{2})\s*年?(?:度)?", label)
    year = int(year_m.group(1)) if year_m else None
    rest = re.sub(r"(?:19|20)\d{2}\s*年?度?", "", label)
    found: list[str] = []
    for kind in ("problems", "measures", "planned", "done"):
        for w in _vocab_words(kind):  # type: ignore[arg-type]
            if w in rest:
                found.append(kind)
                rest = rest.replace(w, "")
    for w in sorted(v.part_filler, key=len, reverse=True):
        rest = rest.replace(w, "")
    rest = re.sub(r"[\s：:，,、“”\"（）()【】\[\]#*·—\-.。]|[一二三四五六七八九十两几]", "", rest)
    if len(rest) > 2 or (not found and year is None):
        return "", None
    if not found:
        return "year", year
    kinds = list(dict.fromkeys(found))
    if "problems" in kinds and "planned" in kinds:
        return "mixed", year
    return kinds[0], year


def _is_plan_label(label: str) -> bool:
    """A next-year heading that names a plan with its own targets (2026年工作计划, 明年目标), not just 下一步."""
    return bool(re.search(r"计划|目标|要点|安排|(?:19|20)\d{2}", label))


@cache
def _attribution() -> list[str]:
    return sorted(notes_vocab().attribution_labels, key=len, reverse=True)


@cache
def _fillers() -> re.Pattern[str]:
    words = "|".join(["(?:我们|咱们|俺们|我)(?:村|社区)的?", *map(re.escape, sorted(
        [*notes_vocab().fillers, "我这边", "我们这边", "我这里", "我们", "俺们", "咱们", "我"], key=len, reverse=True))])
    return re.compile(rf"^(?:(?:{words}|第[一二三四五六七八九十]+个?(?:呢|是|就是)?)[，,]?\s*)+")


@cache
def _breaks() -> re.Pattern[str]:
    v = notes_vocab()
    words = "|".join(map(re.escape, sorted(v.item_breaks, key=len, reverse=True)))
    ahead = "|".join(map(re.escape, [w for w in v.planned_words if "{" not in w]))
    return re.compile(rf"[，,]\s*(?=(?:{words})|(?:{ahead})|(?:19|20)\d{{2}}年(?:将|要|计划|打算)|存在的问题"
                      rf"|[^，。；,]{{1,10}}(?:这块|这一块|这方面)|[^，。；,]{{1,8}}方面[，,])")


@cache
def _frames() -> list[re.Pattern[str]]:
    out = []
    for f in notes_vocab().label_frames:
        head, _, tail = f.partition("{x}")
        after = "[，,：:]?" if tail in ("这块", "这一块") else "[，,：:]"
        out.append(re.compile(rf"^{re.escape(head)}(?P<x>[^，。；：,:]{{1,12}}?){re.escape(tail)}{after}\s*(?P<rest>.+)$"))
    return out


@cache
def _naming() -> list[re.Pattern[str]]:
    out = []
    for f in notes_vocab().naming_frames:
        head, _, tail = f.partition("{x}")
        out.append(re.compile(rf"(?:第[一二三四五六七八九十]+(?=块|个))?{re.escape(head)}(?P<x>[\u4e00-\u9fff“”\"]{{2,12}}?)"
                              rf"{re.escape(tail)}(?=[，。,；]|$)"))
    return out


def _spoken(text: str) -> str:
    """Dictation tidied: 茶艺啊电商直播啊 → 茶艺、电商直播; 留守儿童呢暑假… → 留守儿童暑假…; fillers after commas."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])[啊呀](?=[\u4e00-\u9fff])", "、", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])[呢嘛](?=[\u4e00-\u9fff])", "", text)
    text = re.sub(r"、(?=[，,。；]|$)", "", text)
    return "，".join(_strip_fillers(c) for c in re.split(r"[，,]", text) if _strip_fillers(c))


def _strip_fillers(text: str) -> str:
    """嗯/然后/那个 and a leading 我们 (or 我们村: which one is not said) at the start; trailing 呢/啊/吧."""
    text = text.strip(" ，,")
    while True:
        bare = _fillers().sub("", re.sub(r"^(?:我们|咱们|俺们|我)(?:村|社区|这里|这边)(?:的)?", "", text))
        if bare == text:
            break
        text = bare
    return re.sub(r"[呢啊吧哈呀嘛]+$", "", text).strip(" ，,")


def _strip_attribution(text: str) -> str:
    """主席说/主席还说/书记交代 at the start of a point."""
    for w in _attribution():
        if text.startswith(w) and len(text) > len(w) + 2:
            return text[len(w):].lstrip("：:，, 的")
    return text


def _is_subunit(label: str) -> bool:
    """上塘村 / 下岙村的: a place under the unit, the subject of the item."""
    bare = label.removesuffix("的")
    ends = tuple(s.removesuffix("的") for s in notes_vocab().subunit_suffixes)
    return 2 <= len(bare) <= 8 and bare.endswith(ends) and not names_topic(bare)


def _is_department(label: str) -> bool:
    """发展部 / 权益部 / 办公室: which office reported it, not what it is about."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:部|科|室|处|办|办公室|中心)", label)) and not names_topic(label)


def _is_addressee(label: str) -> bool:
    """王主席 / 各位领导: who the line is written to, not a topic."""
    titles = names().titles
    return label in notes_vocab().greetings or (len(label) <= 4 and label[:1] in names().surnames
                                                 and any(label.endswith(t) for t in titles))


def _is_time(label: str) -> bool:
    """1月 / 3月份 / 上半年 / 暑假: a time tag, not a topic."""
    return bool(MONTH.fullmatch(label)) or label in notes_vocab().month_words


def _split_inline(text: str) -> list[str]:
    """'一是…；二是…' and '…；…' runs as separate points."""
    if len(INLINE_ENUM.findall(text)) >= 2:
        parts = re.split(rf"[；;。，,]?\s*[{CN_NUM}]+是[，,：:]?", text)
    else:
        parts = re.split(r"[；;]", text)
    return [p for p in (strip_end_punct(LEADING_ENUM.sub("", x)).strip("，, ") for x in parts) if p]


def _chunks(text: str) -> list[str]:
    """A dictated or pasted run-on cut where the speaker moves to the next thing (然后/还有/另外 …); a piece that
    does nothing by itself (小区老人多，明年再办…) stays with what follows it."""
    pieces = [c.strip("，, ") for c in _breaks().split(text) if c.strip("，, ")]
    out: list[str] = []
    carry = ""
    for piece in pieces:
        if carry:
            piece, carry = f"{carry}，{piece}", ""
        if piece is not pieces[-1] and not counted(piece) and not analyse(piece).action and len(piece) <= 12 \
                and not _split_label(piece + "，x")[2] and not PROBLEM_LEAD.match(piece):
            carry = piece
            continue
        out.append(piece)
    return out + ([carry] if carry else [])


def _split_label(text: str) -> tuple[str, str, bool]:
    """'维权：开展…' / '组织建设这块，…' → (label, rest, framed); framed labels (X这块、X方面) head a group."""
    m = LABEL.match(text)
    if m and len(m.group("label")) <= MAX_LABEL and (not counted(m.group("label"))
                                                     or part_of_label(m.group("label"))[0] in _PART_NAMES):
        label = m.group("label").strip("“”\" ")
        for p in _frames():  # 楼栋那块我自己写：… → 楼栋
            f = p.match(label + "，x")
            if f and not counted(f.group("x")):
                return f.group("x").strip("“”\" "), m.group("rest").strip(), True
        return label, m.group("rest").strip(), False
    for p in _frames():
        m = p.match(text)
        if m and not counted(m.group("x")) and not re.match(r"针对|为了?|对|围绕|根据|按照|结合|通过", m.group("x")):
            return m.group("x").strip("“”\" "), m.group("rest").strip(), True
    head, sep, rest = text.partition("，")
    if sep and rest and len(head) <= 6 and not counted(head) and names_topic(head) and not analyse(head).action:
        return head, rest.strip(), True  # 儿童托管，暑期爱心托管班……: a topic said before the work (dictation)
    return "", text, False


def _place_label(label: str, text: str) -> str:
    """Put a label back in as the object when the text has none of its own (暑期托管班：7-8月办两期 …)."""
    p = analyse(text)
    if p.form == "verb_object" and not _own_words(p.object):
        head = re.match(r"[\u4e00-\u9fff]*", p.object).group()  # type: ignore[union-attr]
        obj = p.object[len(head):] if head and label.endswith(head) else p.object  # 完成筛查412人 + 两癌筛查
        return p.text[: len(p.text) - len(p.object)] + label + obj
    if not _own_words(text):
        return label + text
    return text


def _specific(label: str) -> str:
    """The longest lexicon word of three or more characters in a label (两癌筛查, 四点半课堂), or ''."""
    from assistant.topics import lexicon_words  # noqa: PLC0415

    if area_for_label(label):  # 思想引领：… names an area, which the heading says
        return ""
    return next((w for w in lexicon_words(topics_only=True) if len(w) >= 3 and w in label), "")


def _says(text: str, word: str) -> bool:
    """Whether text already names what `word` names, as precisely (妇女儿童发展规划 for 妇儿规划; 筛查 is not 两癌筛查)."""
    from assistant.topics import keywords_of, topic_of_word  # noqa: PLC0415

    topic = topic_of_word(word)
    return word in text or bool(topic and any(word in k and k in text for k in keywords_of(topic)))


def _own_words(text: str) -> bool:
    """Whether text names what it is about, beyond figures and time words (7-8月办两期 does not; 开办培训班4期 does)."""
    from assistant.numbers import find_figures  # noqa: PLC0415

    rest = text
    for f in sorted(find_figures(text), key=lambda f: f.start, reverse=True):
        rest = rest[: f.start] + rest[f.end:]
    rest = re.sub(r"\d+[-—～~]?\d*月|全年|年内|每期|每次|每月|每季度|每年|每周|约|左右|以上|不少于|共计|累计|共|再|又|还|都|已|将", "",
                  rest)
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 3


class NotesReader(_Reader):
    """Reads laid-out lines into points, groups and an account of every line."""

    def read(self) -> None:
        """Walk every line."""
        for ln in self.layout.lines:
            if ln.kind == "header":
                self._header(ln)
            elif ln.kind == "title":
                self.title_fields.append(ln.fields)
                self.note(ln, "标题：" + "，".join(f"{k}={v}" for k, v in ln.fields.items()))
            elif ln.kind == "noise":
                self._noise(ln)
            elif ln.kind == "heading":
                self._heading(ln)
            else:
                self._item(ln)

    def _header(self, ln: Line) -> None:
        for k, v in ln.fields.items():
            if k == "-":
                self.omitted.append(Omission(line=ln.no, text=v, reason="填报、报送或邮件信息，不写进正文"))
                self.note(ln, "未写入：填报、报送或邮件信息")
            else:
                self.fields.setdefault(k, v)
                self.note(ln, f"表头：{k}={v}")
        if not ln.fields:
            self.note(ln, "表头（没有内容）")

    def _noise(self, ln: Line) -> None:
        self.omitted.append(Omission(line=ln.no, text=ln.text or ln.raw.strip(), reason=ln.reason))
        self.note(ln, f"未写入：{ln.reason}")
        if ln.text:
            self.harvested.append(ln.text)
        if ln.label == "问题":
            self.running, self.running_line = "problems", ln.no

    def _heading(self, ln: Line) -> None:
        label = strip_end_punct(ln.text).strip("“”\" ")
        part, year = part_of_label(label)
        self.pop_to(ln.level)
        self.last_item_line = None
        if part:
            plan = part == "planned" and _is_plan_label(label)
            self.plan_labels += plan
            self.stack.append(_Frame(ln.level, "part", part=part, year=year, plan_label=plan))
            if year:
                self.part_years.append((part, year))
            self.note(ln, f"部分标题：{_PART_NAMES.get(part, part)}")
            return
        if _is_time(label):
            self.stack.append(_Frame(ln.level, "time"))
            self.note(ln, f"时间分组“{label}”（事项按内容归入各部分，时间不写入）")
            return
        if label in _attribution() or meta_clause(label):
            self.note(ln, "未写入：说明性的标题")
            self.omitted.append(Omission(line=ln.no, text=label, reason="说明性的标题"))
            return
        gid = self._new_group(label, ln.no)
        self.stack.append(_Frame(ln.level, "group", group=gid))
        self.note(ln, f"分组标题“{label}”（稿中一节）")

    def _new_group(self, label: str, line: int) -> str:
        parent = self.group()
        for g in self.groups:
            if g.label == label and g.parent == parent:
                return g.id
        gid = f"g{len(self.groups) + 1}"
        status: Status | None = None
        part, _, _ = self.part()
        if part in ("done", "planned"):
            status = part  # type: ignore[assignment]
        self.groups.append(Group(id=gid, label=label, parent=parent, status=status, line=line))
        return gid

    def _item(self, ln: Line) -> None:
        prev = self.last_item_line
        if prev is not None and self.points and ln.kind == "item" and ln.level > prev.level \
                and (ln.marked or ln.indent > prev.indent) and ln.level < 30 + ln.indent:
            detail = strip_end_punct(_strip_fillers(ln.text))
            self.points[-1].details.append(detail)
            self.note(ln, "上一条的细项")
            return
        self.last_item_line = ln
        if ln.marked:  # a bullet at the level of an open subgroup heading is its sibling, not its child
            self.pop_to(ln.level)
        if ln.reason:
            self.omitted.append(Omission(line=ln.no, text=ln.reason.partition("：")[2] or ln.reason,
                                         reason=ln.reason.partition("：")[0]))
        text = _strip_attribution(_strip_fillers(ln.text))
        label = ln.label if ln.label and ln.label != "问题" else ""
        if ln.label == "问题" and not label:
            self.running, self.running_line = "problems", ln.no
        framed = False
        if not label:
            label, text, framed = _split_label(text)
            text = mark_of(text)[1]
        chunks = _chunks(text) if ln.kind == "prose" or ln.dictated or len(text) > 60 else [text]
        for n, chunk in enumerate(chunks):
            self._chunk(ln, chunk, label if n == 0 else "", framed and n == 0)

    def _chunk(self, ln: Line, text: str, label: str, framed: bool = False) -> None:
        text = _strip_attribution(_spoken(text) if ln.dictated else _strip_fillers(text))
        if not label:
            label, text, framed = _split_label(text)
            text = _strip_fillers(mark_of(text)[1])
        for p in _naming():
            m = p.search(text)
            if m:
                self.pop_to(NAMED_LEVEL)
                gid = self._new_group(m.group("x").strip("“”\""), ln.no)
                self.stack.append(_Frame(NAMED_LEVEL, "group", group=gid))
                text = re.sub(r"[，,]{2,}", "，", text[: m.start()] + text[m.end():]).strip("，, ")
                self.note(ln, f"口述中的分组名“{m.group('x')}”")
        lead = PROBLEM_LEAD.match(text)
        if lead:
            self.running, self.running_line = "problems", ln.no
            text = text[lead.end():].strip("，, ")
        elif (ln.kind == "prose" or self.layout.chat.is_chat) and PLANNED_LEAD.match(text):
            self.running, self.running_line = "planned", ln.no
        if not text:
            return
        if not counted(text) and not label:
            found = title_facts(text)
            if found.doc_type and (found.organization or found.year):
                self.harvested.append(text)
                self.note(ln, "标题信息：" + text)
                return
            if INTRO.match(text) or (CONTEXT.search(text) and not PLANNED_LEAD.match(text)):
                self.harvested.append(text)
                self.context.append(text)
                self.omitted.append(Omission(line=ln.no, text=text, reason="概括全年思路的话，稿子导语已有概括"))
                self.note(ln, "背景（写进导语的依据，不单列为事项）")
                return
            if CONTEXT.search(text):
                self.harvested.append(text)
        part, explicit, group = "", False, ""
        if label:
            label = label.removeprefix("关于").strip()
            lpart, _ = part_of_label(label)
            if lpart and lpart != "year":
                part, explicit = lpart, True
                self.plan_labels += lpart == "planned" and _is_plan_label(label)
                label = ""
            elif label in _attribution() or meta_clause(label) or _is_addressee(label) or _is_department(label):
                if label in SEPARATELY and not ln.marked and not ln.indent:
                    self.stack = [f for f in self.stack if f.kind != "group"]  # 另外：…: outside the groups above
                label = ""
            elif _is_time(label):
                self.note(ln, f"时间“{label}”未写入")
                label = ""
            elif _is_subunit(label):
                text = label.removesuffix("的") + text
                label = ""
        m = MONTH.match(text)
        if m and m.end() < len(text) and not counted(m.group()) and not re.match(r"[日号]", text[m.end():]):
            self.note(ln, f"时间“{m.group()}”未写入")
            text = text[m.end():].lstrip("，, ")
        year = None
        if not part:
            part, explicit, year = self.part()
        if self.running and not explicit and (ln.no == self.running_line or self.layout.chat.is_chat
                                              or ln.kind == "prose"):
            part = self.running
        if label and not self.group() and not self.layout.chat.is_chat:
            group = self._label_group(label, ln.no)  # a label the user put before items names a section
            if framed:  # 组织建设这块，…：what follows in the same sentence belongs to it
                self.framed = (id(ln), group)
        elif self.framed[0] == id(ln) and self._fits_group(self.framed[1], text):
            group = self.framed[1]
        for piece in _split_inline(text):
            piece = _strip_fillers(piece)
            own_group = group
            if not label and len(_split_inline(text)) > 1:  # 一是抓组织，…；二是抓增收，…
                sub_label, rest, sub_framed = _split_label(piece)
                if sub_label and rest:
                    piece = rest
                    if sub_framed or not names_topic(sub_label):
                        own_group = self._label_group(sub_label, ln.no)
            if not piece:
                continue
            found = title_facts(piece)
            if not counted(piece) and found.doc_type and (found.organization or found.year):
                self.harvested.append(piece)  # 枫林乡妇联明年（2026年）工作计划，一是……
                continue
            if label:
                piece = _place_label(label, piece)
                if _specific(label) and not _says(piece, _specific(label)):
                    piece = f"{label}，{piece}"  # 两癌筛查：协调卫生院为适龄妇女筛查1850人
            self.points.append(Point(piece, ln.no, part, explicit, label, own_group or self.group(), year=year))
            self.note(ln, f"#{len(self.points) - 1}")

    def _fits_group(self, group_id: str, text: str) -> bool:
        """Whether an unlabelled piece of a dictated run still belongs to the topic said before it."""
        from assistant.topics import evidence  # noqa: PLC0415

        group = next(g for g in self.groups if g.id == group_id)
        said = evidence(group.label, group.label).area
        found = evidence(text)
        return found.score == 0 or found.area == said

    def _label_group(self, label: str, line: int) -> str:
        """An unknown label (巾帼共富：…) names a group of its own, inside the group it is written in."""
        return self._new_group(label, line)


_PART_NAMES = {"problems": "存在的问题", "planned": "下一步/明年", "done": "已做的工作", "measures": "保障措施",
               "mixed": "问题和打算", "year": "按年份分的部分"}


# ----- the document: unit, year, type ----------------------------------------------------------------------

def _decide(r: NotesReader, doc_type: str | None) -> tuple[str | None, int | None, str]:
    """Unit, year and doc type from everything the notes say."""
    fields = r.fields
    titles = [*r.title_fields, *([title_facts(fields["title"]).__dict__] if "title" in fields else [])]
    org = fields.get("organization") or next((t["organization"] for t in titles if t.get("organization")), "")
    if not org:
        for text in [*r.harvested, *(p.text for p in r.points)]:
            found = organizations(text)
            if found:
                org = found[0][1]
                break
    name = ""
    if doc_type:
        name = doctype(doc_type).name
    elif "doc_type" in fields:
        name = doc_type_of(fields["doc_type"]) or doctype(strip_end_punct(fields["doc_type"])).name
    else:
        name = next((t["doc_type"] for t in titles if t.get("doc_type")), "")
        if not name:
            name = next((d for d in (doc_type_of(h) for h in r.harvested) if d), "")
    year = _year(r, fields, titles)
    if len({y for part, y in r.part_years if part == "year"}) >= 2:
        r.plan_labels += 1  # 【2025年】……【2026年】……: this year's work and next year's plan
    if not name:
        plan_hint = any(next_year_note(h) or re.search(r"明年.{0,12}(?:要做|打算|计划|工作|任务)", h) for h in r.harvested)
        name = "工作计划" if plan_hint and not any(p.explicit and p.part == "done" for p in r.points) \
            else _type_by_content(r)
    elif name == "工作总结" and r.plan_labels and any(p.part == "planned" for p in r.points):
        name = "总结+计划"
    return org or None, _plan_year(r, year, name), name


def _year(r: NotesReader, fields: dict[str, str], titles: list[dict[str, str]]) -> int | None:
    """The year the notes are about, as written (a plan's own year when a header or title says it)."""
    for source in (fields.get("year", ""), fields.get("doc_type", "")):
        found = years(source) or [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", source)]
        if found:
            return found[0]
        if source and "year" in fields and source == fields["year"]:
            raise InputError(f"年度“{source}”看不懂，请写成四位数字，如 2026")
    for t in titles:
        if t.get("year"):
            return int(t["year"])
    return None


def _plan_year(r: NotesReader, year: int | None, name: str) -> int | None:
    """Fill in the year from 明年（2027年）, part headings, harvested sentences and chat timestamps."""
    if year:
        return year
    texts = [*r.harvested, *(p.text for p in r.points)]
    noted = next((y for y in (next_year_note(t) for t in texts) if y), None)
    plan = doctype(name).tense == "plan" if name else False
    if noted:
        return noted if plan else noted - 1
    if r.part_years:  # 【2025年】/【2026年】, 2026年工作计划：…
        done = [y for part, y in r.part_years if part != "planned"]
        planned = [y for part, y in r.part_years if part == "planned"]
        if plan:
            return max(planned or done)
        return min(done) if done else min(planned) - 1
    for t in r.harvested:
        found = years(t)
        if found:
            return found[0]
    stamps = r.layout.chat.years
    if stamps:
        y = max(set(stamps), key=stamps.count)
        return y + 1 if plan else y
    for p in r.points:
        found = years(p.text)
        if found:
            return found[0] - 1 if plan and doc_plan_word(p.text) else found[0]
    return None


def doc_plan_word(text: str) -> bool:
    """Whether a sentence looks back on a year (2025年以来 …)."""
    return bool(re.search(r"(?:19|20)\d{2}年(?:以来|全年|共|，)", text))


def _type_by_content(r: NotesReader) -> str:
    """No type named: results only → 总结; future only → 计划; results plus a next-year plan → 总结+计划."""
    years_seen = [p.year for p in r.points if p.part == "year" and p.year]
    later = max(years_seen) if len(set(years_seen)) >= 2 else None
    parts = ["planned" if p.part == "year" and later and p.year == later else p.part for p in r.points]
    planned = [p for p, part in zip(r.points, parts, strict=True) if part == "planned"]
    done = any(x in ("done", "problems", "mixed", "year") for x in parts) or any(
        _done_tense(p.text) for p in r.points if not p.part)
    if planned and done:
        targets = sum(1 for p in planned if counted(p.text))
        return "总结+计划" if r.plan_labels or (targets >= 2 and not _next_only(r)) else "工作总结"
    if done:
        return "工作总结"
    return "工作计划"


def _next_only(r: NotesReader) -> bool:
    """The next-year part is headed 下一步/打算, the usual closing list of a 总结."""
    return any(f.kind == "part" and f.part == "planned" and not f.plan_label for f in r.stack)


def _done_tense(text: str) -> bool:
    """Words that report work already done (已, 完成, 累计, 办了两期)."""
    return bool(re.search(r"已经|已|完成了|共计|累计|先后|全年共|[了过][\d一二三四五六七八九十两几]", text))


# ----- points → items --------------------------------------------------------------------------------------

def _status(p: Point, name: str, year: int | None) -> str:
    """problems | measures | planned | done for one point in a document of this type."""
    tense = doctype(name).tense
    if p.part in ("problems", "measures"):
        return p.part
    if p.part == "mixed":
        return "planned" if _planned_words(p.text, year) else "problems"
    if tense == "plan":
        return "planned"
    if p.part in ("planned", "done"):
        return p.part
    if p.part == "year":
        return "done"
    if _planned_words(p.text, year) or analyse(p.text).status == "planned":
        return "planned"
    if not counted(p.text) and any(w in p.text for w in notes_vocab().problem_words) and not _done_tense(p.text):
        return "problems"
    return "done"


def _without_next_year_words(text: str, year: int | None) -> str:
    """明年打算在…增加 → 在…增加: the part of the document already says it is next year's work."""
    words = [w for w in notes_vocab().planned_words if "{" not in w] + ([f"{year + 1}年"] if year else [])
    lead = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    text = re.sub(rf"(^|[，,])(?:{lead})(?:我们|我)?(?:将|要|打算|想要|想|计划|准备|还要|重点)?[，,]?", r"\1", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff”])明年(?=[\u4e00-\u9fff])", "", text)
    return re.sub(r"^(?:要|想|还要)(?=[\u4e00-\u9fff]{2})", "", text)


def _planned_words(text: str, year: int | None) -> bool:
    """Whether a point speaks of next year (明年…, 下一步…, 2026年将…)."""
    words = [w for w in notes_vocab().planned_words if "{" not in w]
    if year:
        words.append(f"{year + 1}年")
    return any(w in text[: len(w) + 8] for w in words)


def build_facts(r: NotesReader, doc_type: str | None) -> Facts:
    """Assemble Facts, placing every point, and fail clearly when there is nothing to write."""
    org, year, name = _decide(r, doc_type)
    if not r.points:
        raise InputError("笔记里没有找到工作事项，请每行写一条，如“- 开展巾帼大宣讲30场”")
    for p in r.points:  # a year heading (【2025年】/【2026年】) names the part by comparing with the document's year
        if p.part == "year":
            p.part = "planned" if year and p.year and p.year > year else "done"
    for g in r.groups:
        if g.status is None and year:
            first = next((p for p in r.points if p.group == g.id), None)
            if first and first.year:
                g.status = "planned" if first.year > year else "done"
    items: list[Item] = []
    problems: list[Item] = []
    measures: list[Item] = []
    seen: dict[str, int] = {}
    changes = _clean_points(r)
    for p in r.points:
        key = re.sub(r"[\s，。；、“”]", "", p.text)
        if key in seen:
            r.omitted.append(Omission(line=p.line, text=p.text, reason=f"与第 {seen[key]} 行重复"))
            continue
        seen[key] = p.line
        status = _status(p, name, year)
        if doctype(name).tense == "plan" and CONTEXT.search(p.text) and not counted(p.text):
            r.context.append(p.text)
            r.omitted.append(Omission(line=p.line, text=p.text, reason="概括全年思路的话，稿子导语已有概括"))
            continue
        if status == "planned":
            p.text = _without_next_year_words(p.text, year) or p.text
        if status == "problems":
            problems.append(to_item(f"p{len(problems) + 1}", p.text, "done", "problems", p.details, p.line))
        elif status == "measures":
            measures.append(to_item(f"m{len(measures) + 1}", p.text, "planned", "measures", p.details, p.line))
        else:
            item = to_item(f"i{len(items) + 1}", p.text, status, _named_area(r, p.group), p.details,
                           p.line, label=p.label, context=_group_labels(r, p.group))  # type: ignore[arg-type]
            items.append(item.model_copy(update={"group": p.group}))
    if not items:
        raise InputError("笔记里只有问题或保障措施，没有工作事项，请至少写一条工作内容")
    used = {i.group for i in items} | {g.parent for g in r.groups}
    groups = [g for g in r.groups if g.id in used]
    data: dict[str, object] = {
        "organization": org, "year": year, "doc_type": name, "items": items, "problems": problems,
        "measures": measures, "groups": groups, "omitted": r.omitted, "context": r.context, "changes": changes,
        **{k: v for k, v in r.fields.items() if k in ("superior", "party_committee", "period", "date", "level")},
    }
    if org and not data.get("level"):
        data["level"] = levels().match(org).level
    return Facts.model_validate(data)


def _group_labels(r: NotesReader, group_id: str) -> str:
    """The names of the groups an item sits in, innermost first (evidence of what it is about)."""
    groups = {g.id: g for g in r.groups}
    out, seen = [], set()
    while group_id in groups and group_id not in seen:
        seen.add(group_id)
        out.append(groups[group_id].label)
        group_id = groups[group_id].parent
    return " ".join(out[:1])


def _named_area(r: NotesReader, group_id: str) -> str:
    """The work area the nearest enclosing group's label names (维权关爱：…), '' when none does."""
    groups = {g.id: g for g in r.groups}
    seen = set()
    while group_id in groups and group_id not in seen:
        seen.add(group_id)
        area = area_for_label(bare_label(groups[group_id].label))
        if area:
            return area
        group_id = groups[group_id].parent
    return ""


def _clean_points(r: NotesReader) -> list[Change]:
    """Say which typos were corrected, and write private people in sensitive matters as 王某某."""
    changes = [Change(line=ln.no, before=w, after=c.removesuffix(SPOKEN),
                      reason="口语，稿中改为书面语" if c.endswith(SPOKEN) else "笔记里的错别字，稿中已更正")
               for ln in r.layout.lines for w, c in dict.fromkeys(ln.fixes)]
    changes = list({(c.line, c.before): c for c in changes}.values())
    people: list[str] = []
    for p in r.points:
        for x in [p.text, *p.details]:
            people += [n for n in private_names(x) if n not in people]
    for p in r.points:
        texts = [p.text, *p.details]
        for n, x in enumerate(texts):
            hidden = [name for name in people if name in x]
            if hidden:
                texts[n] = anonymise(x, hidden)
                changes += [Change(line=p.line, before=name, after=name[0] + "某某",
                                   reason="敏感事项中的个人姓名，稿中已隐去") for name in hidden]
        p.text, p.details = texts[0], texts[1:]
    return changes


def read_notes(text: str, doc_type: str | None = None) -> tuple[Facts, list[LineNote]]:
    """Parse notes into Facts, with an account of what every line became."""
    reader = NotesReader(read_layout(text))
    reader.read()
    facts = build_facts(reader, doc_type)
    return facts, _explain(reader, facts)


def _explain(r: NotesReader, facts: Facts) -> list[LineNote]:
    """Replace point numbers in the account with the ids the facts gave them."""
    by_line: dict[int, list[str]] = {}
    for it in facts.all_items():
        if it.line is not None:
            kind = "问题" if it.area == "problems" else "保障措施" if it.area == "measures" else \
                "下一步" if it.status == "planned" and facts.doc_type in ("工作总结", "总结+计划") else "事项"
            by_line.setdefault(it.line, []).append(f"{kind} {it.id}：{it.text}")
    out = []
    for no in sorted(r.notes):
        n = r.notes[no]
        became = [b for b in n.became if not b.startswith("#")]
        if any(b.startswith("#") for b in n.became):
            became = by_line.get(no, []) + became
        dup = [o for o in facts.omitted if o.line == no and o.reason.startswith("与第")]
        became += [f"未写入：{o.reason}" for o in dup]
        out.append(LineNote(no, n.text, became or ["未写入"]))
    return out


