"""Pass two: what each laid-out line means — its part (work done, next year, problem, measure), its group,
its hint label — and the document's unit, year and type. The result is Facts plus an account of every line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.errors import InputError
from assistant.headings import bare_label
from assistant.items import area_for_label, has_verb, to_item
from assistant.notes.document import decide, status_of, without_next_year_words
from assistant.notes.edits import Edit, corrected, read_edit
from assistant.notes.fill import HOLE
from assistant.notes.labels import (
    MONTH,
    PART_NAMES,
    PLANNED_LEAD,
    PROBLEM_LEAD,
    SEPARATELY,
    attribution_labels,
    is_addressee,
    is_department,
    is_festival,
    is_plan_label,
    is_subunit,
    is_time,
    naming_patterns,
    part_of_label,
    place_label,
    says,
    specific_word,
    split_inline,
    split_label,
    split_run,
    strip_attribution,
    strip_fillers,
    subunit_of,
    tidy_dictation,
    unwrap,
    without_ordinal,
)
from assistant.notes.layout import mark_of, read_layout
from assistant.notes.lines import Layout, Line, Point
from assistant.notes.noise import FILLED_MARK, SPOKEN, TRADITIONAL, clauses, is_empty_answer, meta_clause
from assistant.notes.revisions import also, new_figures, remark, revising, revision
from assistant.notes.title import title_facts
from assistant.numbers import counted
from assistant.personal import anonymise, private_names
from assistant.prompts import doctype, levels, notes_vocab, spec_of
from assistant.schemas import Change, Facts, Group, Item, Omission, Status
from assistant.textnorm import strip_end_punct
from assistant.topics import evidence, names_topic
from assistant.vocab import Y

REWORD = re.compile(r"^(?:就)?(?:写成|写为|改成|改为|写)[“\"]([^”\"]{2,16})[”\"]$")
CONTINUED = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}[：:])?(?:还有一条|另外一条|再补一条|还有一个)")
MAX_HEADING_WORDS = 20
NAMED_LEVEL = 29.5  # a group named in dictation (第一块我们叫它…) lasts until the next heading or naming
CONTEXT = re.compile(r"(?:重点|主要)(?:还是|就是|是)?(?:围绕|抓)|围绕.{1,24}(?:来做|开展工作|做工作|这块)")
INTRO = re.compile(rf"^(?:{Y}年(?:以来|，|,)?)?[^，。]{{0,16}}?妇联(?:在|坚持|紧紧|认真|始终)"
                   r"[^。]*(?:领导|指导|围绕|中心工作)")


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
    kind: str  # part | group | time | place
    part: str = ""
    year: int | None = None
    group: str = ""
    reason: str = ""  # why a skipped part is left out


@dataclass
class NotesReader:
    """Reads laid-out lines into points, groups and an account of every line."""

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
    next_headings: int = 0
    part_years: list[tuple[str, int]] = field(default_factory=list)
    framed: tuple[int, str] = (0, "")
    rewordings: list[tuple[int, str]] = field(default_factory=list)
    inline_groups: set[str] = field(default_factory=set)
    numbered: dict[int, int] = field(default_factory=dict)  # list number → point, for 第N条… corrections
    revising: bool = False  # last year's text with this year's changes under each paragraph
    asked: str = ""  # the part the last question in a chat asked about (困难和问题有没有？)
    old_points: list[int] = field(default_factory=list)
    edits: list[Change] = field(default_factory=list)  # groups named by a label on an item line (维权：…)

    def note(self, ln: Line, what: str) -> None:
        """Record what a line became (once: a table row's cells share one line)."""
        became = self.notes.setdefault(ln.no, LineNote(ln.no, ln.raw.strip())).became
        if what not in became:
            became.append(what)

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

    # ----- lines ------------------------------------------------------------------------------------

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
            elif ln.kind == "joined":
                self.note(ln, ln.reason)
            elif ln.kind == "heading":
                self._heading(ln)
            elif ln.excluded:  # 妇女议事会示范点10个（不写了）
                self.note(ln, f"未写入：{EXCLUDED}")
                self.omitted.append(Omission(line=ln.no, text=ln.text, reason=EXCLUDED))
            else:
                self._item(ln)

    def _header(self, ln: Line) -> None:
        for k, v in ln.fields.items():
            if k == "-":
                self.harvested.append(v)  # 群聊：白沙铺镇妇联工作群 still tells the unit
                self.omitted.append(Omission(line=ln.no, text=v, reason="填报、报送或邮件信息，不写进正文"))
                self.note(ln, "未写入：填报、报送或邮件信息")
            else:
                self.fields.setdefault(k, v)
                self.note(ln, f"表头：{k}={v}")
        if not ln.fields:
            self.note(ln, "表头（没有内容）")

    def _noise(self, ln: Line) -> None:
        if ln.reason.startswith("聊天记录的时间"):  # a new message: headings in the one before do not carry on
            self.stack = [f for f in self.stack if f.kind == "part"]
            self.running, self.last_item_line = self.asked, None  # an answer is in the part its question asked
        self.omitted.append(Omission(line=ln.no, text=ln.text or ln.raw.strip(), reason=ln.reason))
        self.note(ln, f"未写入：{ln.reason}")
        if ln.text:
            self.harvested.append(ln.text)
        if ln.label in ("问题", "明年"):  # 问题也写上： / @所有人 明年计划也接一下: what follows is that part
            self.running, self.running_line = ("problems" if ln.label == "问题" else "planned"), ln.no
            self.asked = self.running if ln.reason == "提问" else ""
        elif ln.label == "提问":  # 儿童这块呢: the answers after it are about that, not the part asked before
            self.running = self.asked = ""

    def _heading(self, ln: Line) -> None:
        label = without_ordinal(unwrap(strip_end_punct(ln.text)))
        part, year = part_of_label(label)
        self.pop_to(ln.level)
        self.last_item_line, self.running = None, ""
        if not label:  # 四 on its own line
            self.note(ln, "只有序号的分组（没有名称）")
            return
        if ln.excluded:  # 需市委市政府支持的事项（单独报，不写进计划正文）
            self.stack.append(_Frame(ln.level, "part", part="skip", reason=EXCLUDED))
            self.note(ln, f"未写入：{EXCLUDED}（这一部分）")
            self.omitted.append(Omission(line=ln.no, text=label, reason=EXCLUDED))
            return
        if part:  # 存在问题：/ 明年打算：: a part of the document, outside every group above it
            self.stack = [f for f in self.stack if f.level < ln.level and f.kind == "part"]
            plan = part == "planned" and is_plan_label(label)
            self.plan_labels += plan
            self.next_headings += part == "planned" and not plan and not re.search(r"明年|下年|来年", label)
            self.stack.append(_Frame(ln.level, "part", part=part, year=year))
            if year:
                self.part_years.append((part, year))
            self.note(ln, f"部分标题：{PART_NAMES.get(part, part)}")
            return
        if is_subunit(label):  # 桃源村：, then that village's items: the village is their subject
            self.stack.append(_Frame(ln.level, "place", group=subunit_of(label)))
            self.note(ln, f"下级单位“{label}”（写进其下各条）")
            return
        if is_time(label):
            self.stack.append(_Frame(ln.level, "time"))
            self.note(ln, f"时间分组“{label}”（事项按内容归入各部分，时间不写入）")
            return
        if (len(label) > MAX_HEADING_WORDS or label.startswith(tuple(notes_vocab().lead_in_starts))) and not part:
            # 今年全市妇联系统主要在三件事上发力，按板块列： / 这一块把几个条线放在一起：
            self.note(ln, "引出下文的话（未写入）")
            self.omitted.append(Omission(line=ln.no, text=label, reason="引出下文的话"))
            return
        if label in attribution_labels() or meta_clause(label) or is_department(label):
            self.note(ln, "未写入：说明性的标题（部室名称、备注等）")
            self.omitted.append(Omission(line=ln.no, text=label, reason="说明性的标题（部室名称、备注等）"))
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
            detail = strip_end_punct(strip_fillers(ln.text))
            self.points[-1].details.append(detail)
            self.note(ln, "上一条的细项")
            return
        edit = read_edit(ln.text) if self.numbered else None
        if edit and edit.number in self.numbered:
            self._correct(ln, edit)
            self.last_item_line = None  # bullets after a correction are new items, not sub-points of item N
            return
        if self.revising and self._revise(ln):
            return
        self.last_item_line = ln
        if ln.when:
            self.note(ln, f"时间“{ln.when}”未写入")
        if ln.marked:  # a bullet at the level of an open subgroup heading is its sibling, not its child
            self.pop_to(ln.level)
        if ln.reason:
            removed = ln.reason.partition("：")[2]
            self.omitted.append(Omission(line=ln.no, text=removed or ln.reason, reason=ln.reason.partition("：")[0]))
            self.harvested.append(removed)  # 你们帮我整理成区妇联的年度总结: still says what the document is
        text = strip_attribution(strip_fillers(ln.text))
        asked = REWORD.match(text)
        if asked and self.layout.chat.is_chat:  # 名字不要写，写“一名困境家庭女童”: how the group wants it said
            self.rewordings.append((ln.no, asked.group(1)))
            self.omitted.append(Omission(line=ln.no, text=text, reason="群里要求的写法，已用于上一条"))
            self.note(ln, f"群里要求写作“{asked.group(1)}”")
            return
        label = ln.label if ln.label and ln.label != "问题" else ""
        if ln.label == "问题" and not label:
            self.running, self.running_line = "problems", ln.no
        framed = False
        if not label and not ln.row:
            label, text, framed = split_label(text)
            text = mark_of(text)[1]
        run = ln.kind == "prose" or ln.dictated or len(text) > 60 or (len(text) > 30 and RUN_ON.search(text))
        chunks = [text] if ln.row else split_run(text) if run else [text]
        for n, chunk in enumerate(chunks):
            self._chunk(ln, chunk, label if n == 0 else "", framed and n == 0)

    def _chunk(self, ln: Line, text: str, label: str, framed: bool = False) -> None:
        """One thing said in a line (a whole item, or one piece of a dictated run) as points."""
        text = strip_attribution(tidy_dictation(text) if ln.dictated else strip_fillers(text))
        if not label and not ln.row:
            label, text, framed = split_label(text)
            text = strip_fillers(mark_of(text)[1])
        text = self._switches(ln, self._named(ln, text))
        if not text or (not label and self._frames_the_year(ln, text)):
            return
        said_label = label
        text, label, part, explicit = self._hint(ln, text, label)
        year = None
        if part in ("planned", "done") and self.part()[0] == "aims":  # 总体思路 › 全年力争：…: still the aims
            part, label = "", said_label
        if not part and ln.marked_part:  # ✔ / ☐ / ✘ through the legend
            part, explicit = ln.marked_part, True
        if not part and CONTINUED.match(ln.text) and self.points:  # 还有一条，……: one more of the same
            part, explicit = self.points[-1].part, self.points[-1].explicit
        if not part:
            part, explicit, year = self.part()
        same = SAME_AS_ABOVE.match(text)
        if same and self.points:  # 同上，给示范户挂牌: the same event as the line before
            rest = strip_end_punct(text[same.end():])
            if rest:
                self.points[-1].details.append(rest)
                self.note(ln, f"并入上一条（同上）：{rest}")
            else:
                self.note(ln, "未写入：同上")
                self.omitted.append(Omission(line=ln.no, text=text, reason="同上"))
            return
        if is_empty_answer(text):  # 需协调与帮助：无
            self.note(ln, "未写入：没写内容（无）")
            self.omitted.append(Omission(line=ln.no, text=text, reason="没写内容（无）"))
            return
        if part == "skip":  # 明日计划：整理活动照片
            why = next((f.reason for f in reversed(self.stack) if f.kind == "part"), "") or SKIPPED
            self.omitted.append(Omission(line=ln.no, text=text, reason=why))
            self.note(ln, f"未写入：{why}")
            return
        follows = ln.no == self.running_line + 1 and not ln.marked  # the paragraph goes on on the next line
        if self.running and not explicit and (ln.no == self.running_line or self.layout.chat.is_chat
                                              or ln.kind == "prose" or follows):
            part = self.running
            self.running_line = ln.no
        elif explicit and said_label and part in ("problems", "planned") and not ln.marked:
            self.running, self.running_line = part, ln.no  # 下一步打算：一是……（next line: 本人也会……）
        group = ""
        if label and not self.group() and not self.layout.chat.is_chat:
            group = self._new_group(label, ln.no)  # a label the user put before items names a section
            self.inline_groups.add(group)
            if framed:  # 组织建设这块，…：what follows in the same sentence belongs to it
                self.framed = (id(ln), group)
        elif self.framed[0] == id(ln) and self._fits_group(self.framed[1], text):
            group = self.framed[1]
        self._add_pieces(ln, text, label, part, explicit, year, group)

    def _add_pieces(self, ln: Line, text: str, label: str, part: str, explicit: bool, year: int | None,
                    group: str) -> None:
        """The points of one chunk: each piece of an inline list (一是…；二是…) under its label, place and group."""
        pieces = [text] if ln.row else split_inline(text)
        for piece in pieces:
            piece, own_group = strip_fillers(mark_of(piece)[1] if len(pieces) > 1 else piece), group  # ；2.部分……
            if not label and len(pieces) > 1:  # 一是抓组织，…；二是抓增收，…
                sub_label, rest, sub_framed = split_label(piece)
                if sub_label and rest:
                    piece = rest
                    if sub_framed or not names_topic(sub_label):
                        own_group = self._new_group(sub_label, ln.no)
            if not piece or (not counted(piece) and self._is_title(piece)):
                continue
            if not counted(piece) and (area_for_label(piece) or (names_topic(piece) and not has_verb(piece))):
                self.omitted.append(Omission(line=ln.no, text=piece, reason="只有工作名称，没有具体事项"))
                self.note(ln, "未写入：只有工作名称，没有具体事项")
                continue
            place = next((f.group for f in reversed(self.stack) if f.kind == "place"), "")
            if place and not piece.startswith(place):
                piece = place + piece
            if label:
                piece = place_label(label, piece)
                if specific_word(label) and not says(piece, specific_word(label)):
                    piece = f"{label}，{piece}"  # 两癌筛查：协调卫生院为适龄妇女筛查1850人
            self.points.append(Point(piece, ln.no, part, explicit, label, own_group or self.group(), year=year))
            self.note(ln, f"#{len(self.points) - 1}")
            if self.revising and not revision(ln.text):
                self.old_points.append(len(self.points) - 1)
            if ln.number and ln.number not in self.numbered.values():
                if ln.number == 1:
                    self.numbered = {}
                self.numbered.setdefault(ln.number, len(self.points) - 1)

    def _named(self, ln: Line, text: str) -> str:
        """第一块我们叫它巾帼兴村行动: a group named in dictation opens here; the naming is not text."""
        for p in naming_patterns():
            m = p.search(text)
            if m:
                self.pop_to(NAMED_LEVEL)
                gid = self._new_group(unwrap(m.group("x")), ln.no)
                self.stack.append(_Frame(NAMED_LEVEL, "group", group=gid))
                text = re.sub(r"[，,]{2,}", "，", text[: m.start()] + text[m.end():]).strip("，, ")
                self.note(ln, f"口述中的分组名“{m.group('x')}”")
        return text

    def _switches(self, ln: Line, text: str) -> str:
        """存在的问题是…… / 明年……: prose and chat move on to the problems or to next year here."""
        lead = PROBLEM_LEAD.match(text)
        if lead:
            self.running, self.running_line = "problems", ln.no
            return text[lead.end():].strip("，, ")
        if PLANNED_LEAD.match(text):  # the rest of this line (and of prose or a chat after it) is next year's
            self.running, self.running_line = "planned", ln.no
        return text

    def _is_title(self, text: str) -> bool:
        """A title said in passing (枫林乡妇联明年（2026年）工作计划): unit, year and type, not an item."""
        found = title_facts(text)
        if found.doc_type and (found.organization or found.year):
            self.harvested.append(text)
            return True
        return False

    def _frames_the_year(self, ln: Line, text: str) -> bool:
        """A sentence that frames the year (a title, 今年主要围绕……来做) rather than reporting work."""
        if counted(text):
            return False
        if self._is_title(text):
            self.note(ln, "标题信息：" + text)
            return True
        if INTRO.match(text) or (CONTEXT.search(text) and not PLANNED_LEAD.match(text)):
            self.harvested.append(text)
            self.context.append(text)
            self.omitted.append(Omission(line=ln.no, text=text, reason="概括全年思路的话，稿子导语已有概括"))
            self.note(ln, "背景（写进导语的依据，不单列为事项）")
            return True
        if CONTEXT.search(text):
            self.harvested.append(text)
        return False

    def _hint(self, ln: Line, text: str, label: str) -> tuple[str, str, str, bool]:
        """What a label says: a part (问题：), nothing (主席交代：, 1月：), a place (上塘村：) or a topic."""
        part, explicit = "", False
        if label:
            label = label.removeprefix("关于").strip()
            lpart, _ = part_of_label(label)
            if lpart and lpart != "year":
                part, explicit = lpart, True
                self.plan_labels += lpart == "planned" and is_plan_label(label)
                label = ""
            elif label in attribution_labels() or meta_clause(label) or is_addressee(label) or is_department(label):
                if label in SEPARATELY and not ln.marked and not ln.indent:
                    self.stack = [f for f in self.stack if f.kind != "group"]  # 另外：…: outside the groups above
                label = ""
            elif is_festival(label):
                text, label = (text if text.startswith(label) else label + text), ""
            elif is_time(label):
                self.note(ln, f"时间“{label}”未写入")
                label = ""
            elif is_subunit(label) or label in notes_vocab().setting_labels:  # 上塘村：… / 城市：…
                text, label = (subunit_of(label) or label) + text, ""
        m = MONTH.match(text)
        if m and m.end() < len(text) and not counted(m.group()) and not re.match(r"[日号]", text[m.end():]):
            self.note(ln, f"时间“{m.group()}”未写入")
            text = text[m.end():].lstrip("，, ")
        return text, label, part, explicit

    def _revise(self, ln: Line) -> bool:
        """A line of this year's changes under last year's text; False when the line is last year's text."""
        text = strip_end_punct(ln.text)
        kind, kept, said = remark(text)
        old = [i for i in self.old_points if not self.points[i].deleted]
        if kind == "drop":  # ——这条今年没做，删 / 换届是去年的事，今年不写
            if not kept:
                for i in old:
                    self.points[i].deleted = f"按第{ln.no}行的说明删去"
            self.note(ln, "未写入：笔记注明今年不写")
            self.omitted.append(Omission(line=ln.no, text=text, reason="笔记注明今年不写"))
            return True
        if kind == "keep" and not kept:  # ——今年还是这样，保留（再加一句：……）
            extra = also(said)
            if extra and old:
                self.points[old[-1]].details.append(strip_end_punct(ALSO_WRITE.sub("", extra)))
            self.note(ln, f"保留上一条{('，补上：' + extra) if extra else ''}")
            return True
        change = revision(kept)
        if change is None:
            self.old_points = []
            ln.text = re.sub(rf"^{Y}年[，,]\s*", "", kept)  # 2024年，市妇联组建……: last year's date
            return False
        if change.kind == "replace" and old:
            texts, leftover = new_figures([self.points[i].text for i in old], change.text)
            if texts == [self.points[i].text for i in old]:  # nothing to replace: the change stands instead
                for i in old:
                    self.points[i].deleted = f"按第{ln.no}行的今年情况替换"
                leftover = [change.text]
            for i, new in zip(old, texts, strict=True):
                if new != self.points[i].text:
                    self.edits.append(Change(line=self.points[i].line, before=self.points[i].text, after=new,
                                             reason=f"按第{ln.no}行换成今年的数字"))
                    self.points[i].text = new
            self.note(ln, "今年的数字已换进上一段")
        else:
            leftover = [change.text]
        for piece in leftover:
            self._chunk(ln, ALSO_WRITE.sub("", strip_end_punct(piece)), "")
        return True

    def _correct(self, ln: Line, edit: Edit) -> None:
        """Apply 第N条… to the point numbered N in the list above."""
        p = self.points[self.numbered[edit.number]]
        kept = [ALSO_WRITE.sub("", strip_end_punct(c)) for c in clauses(edit.text)]  # 夏天送清凉那次也写上
        said = "，".join(c for c in kept if c and not meta_clause(c))
        said = strip_end_punct(strip_fillers(said))
        before = p.text
        if edit.kind == "delete":
            p.deleted = f"按第{ln.no}行的修改意见删去"
        elif edit.kind == "replace" and said:
            p.text = said
        elif edit.kind == "append" and said:
            p.details.append(said)
        elif edit.kind == "figure":
            p.text = corrected(p.text, edit) or p.text
        if p.text != before:
            self.edits.append(Change(line=p.line, before=before, after=p.text, reason=f"按第{ln.no}行的修改意见改"))
        done = {"delete": "删去", "replace": "改写", "append": "补充", "figure": "改数字"}[edit.kind]
        changed = p.deleted or p.text != before or edit.kind == "append"
        self.note(ln, f"按这条修改意见{done}了第{edit.number}条（第{p.line}行）" if changed else
                  "未写入：修改意见没找到要改的内容")
        if not changed or edit.remark:
            self.omitted.append(Omission(line=ln.no, text=edit.remark or ln.text,
                                         reason="修改意见里的说明" if changed else "修改意见没找到要改的内容"))

    def _fits_group(self, group_id: str, text: str) -> bool:
        """Whether an unlabelled piece of a dictated run still belongs to the topic said before it."""
        group = next(g for g in self.groups if g.id == group_id)
        said = evidence(group.label, group.label).area
        found = evidence(text)
        return found.score == 0 or found.area == said



def build_facts(r: NotesReader, doc_type: str | None) -> Facts:
    """Assemble Facts, placing every point, and fail clearly when there is nothing to write."""
    org, year, name = decide(r, doc_type)
    if not r.points:
        raise InputError("笔记里没有找到工作事项，请每行写一条，如“- 开展巾帼大宣讲30场”")
    for p in r.points:  # a year heading (【2025年】/【2026年】) names the part by comparing with the document's year
        if p.part == "year":
            p.part = "planned" if year and p.year and p.year > year else "done"
    for gid in r.inline_groups:  # 入户调解：… alone among unlabelled lines: a hint of its topic, not a section
        members = [p for p in r.points if p.group == gid]
        label = next(g.label for g in r.groups if g.id == gid)
        if len(members) == 1 and (evidence(label).score > 0 or area_for_label(bare_label(label))) \
                and len(r.inline_groups) * 3 < len(r.points):
            members[0].group = next(g.parent for g in r.groups if g.id == gid)
    for g in r.groups:
        if g.status is None and year:
            first = next((p for p in r.points if p.group == g.id), None)
            if first and first.year:
                g.status = "planned" if first.year > year else "done"
    items: list[Item] = []
    problems: list[Item] = []
    measures: list[Item] = []
    aims: list[Item] = []
    seen: dict[str, int] = {}
    changes = r.edits + _clean_points(r) + _third_person(r, org)
    for p in r.points:
        if p.details:  # 培训20期、1000人次，其中： and the breakdown under it
            p.text = re.sub(r"[，,]?(?:其中|包括|具体有|分别是)[：:]?$", "", p.text) or p.text
        if p.deleted:
            r.omitted.append(Omission(line=p.line, text=p.text, reason=p.deleted))
            continue
        key = re.sub(r"[\s，。；、“”]", "", p.text)
        if key in seen:
            r.omitted.append(Omission(line=p.line, text=p.text, reason=f"与第 {seen[key]} 行重复"))
            continue
        seen[key] = p.line
        status = status_of(p, name, year)
        if status == "aims":
            aims.append(to_item(f"a{len(aims) + 1}", p.text, "planned", "aims", p.details, p.line, label=p.label))
            continue
        if doctype(name).tense == "plan" and CONTEXT.search(p.text) and not counted(p.text):
            r.context.append(p.text)
            r.omitted.append(Omission(line=p.line, text=p.text, reason="概括全年思路的话，稿子导语已有概括"))
            continue
        if status == "planned":
            p.text = strip_fillers(without_next_year_words(p.text, year)) or p.text
        if status == "problems":
            problems.append(to_item(f"p{len(problems) + 1}", p.text, "done", "problems", p.details, p.line))
        elif status == "measures":
            measures.append(to_item(f"m{len(measures) + 1}", p.text, "planned", "measures", p.details, p.line,
                                    label=p.label))
        else:
            tense: Status = "planned" if status == "planned" else "done"
            item = to_item(f"i{len(items) + 1}", p.text, tense, _named_area(r, p.group), p.details,
                           p.line, label=p.label, context=_group_label(r, p.group))
            items.append(item.model_copy(update={"group": p.group}))
    if not items:
        raise InputError("笔记里只有问题或保障措施，没有工作事项，请至少写一条工作内容")
    used = {i.group for i in items} | {g.parent for g in r.groups}
    groups = [g for g in r.groups if g.id in used]
    data: dict[str, object] = {
        "organization": org, "year": year, "doc_type": name, "items": items, "problems": problems,
        "measures": measures, "aims": aims, "groups": groups, "omitted": r.omitted, "context": r.context,
        "changes": changes,
        **{k: v for k, v in r.fields.items() if k in ("superior", "party_committee", "period", "date", "level")},
    }
    if org and not data.get("level"):
        data["level"] = levels().match(org).level
    return Facts.model_validate(data)


def _group_label(r: NotesReader, group_id: str) -> str:
    """The name of the group an item sits in (evidence of what it is about)."""
    return next((g.label for g in r.groups if g.id == group_id), "")


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


RUN_ON = re.compile(r"[，,]\s*(?:然后|还有就是|还有|另外)")  # …，然后李子要上直播: the next thing said
ALSO_WRITE = re.compile(r"[，,]?(?:那次|那回|那个|这个)?也(?:要)?(?:写上|写进去|写一下|写|加上)$")
SAME_AS_ABOVE = re.compile(r"^同上[，,。；\s]*")
REPORT_BY = re.compile(r"(?P<post>主席|副主席|主任|专干|专职副主席)[^，。]{0,10}述职")  # 桐子坪村妇联主席2025年述职
FIRST_PERSON = re.compile(r"(?:^|(?<=[，,；;]))本人(?:也|还)?")
SKIPPED = "日报里第二天的安排，不是全年工作"
EXCLUDED = "笔记注明这部分不写进正文"
def _third_person(r: NotesReader, org: str | None) -> list[Change]:
    """A 述职 written as 本人……: in the unit's summary the speaker is named by post (村妇联主席), or not at all."""
    said = next((m for ln in r.layout.lines[:4] if (m := REPORT_BY.search(ln.raw))), None)
    if not said:
        return []
    post = (levels().match(org or "").self_name if org else "") + said.group("post")
    changes = []
    for p in r.points:
        if FIRST_PERSON.search(p.text):
            before = p.text
            p.text = FIRST_PERSON.sub("" if said.group("post") in p.text else post, p.text)
            changes.append(Change(line=p.line, before=before, after=p.text, reason="述职里的“本人”，稿中写作职务"))
    return changes


def _why_changed(marked: str) -> str:
    """Why the reader changed a word, from the mark on its replacement."""
    if marked.endswith(SPOKEN):
        return "口语，稿中改为书面语"
    if marked.endswith(TRADITIONAL):
        return "繁体字，稿中改为简体"
    if marked.endswith(FILLED_MARK):
        return "笔记里空着没填的数字" if HOLE in marked else "笔记里后补的数字，已填入"
    return "笔记里的错别字，稿中已更正"


KIN = r"(?:家的?|的)?(?:女儿|儿子|孩子|媳妇|丈夫|男人|婆婆|公公|老人)?"


def _clean_points(r: NotesReader) -> list[Change]:
    """Say which typos were corrected, and write private people in sensitive matters as 王某某."""
    changes = [Change(line=ln.no, before=w, after=c.split("\u0000")[0], reason=_why_changed(c))
               for ln in r.layout.lines for w, c in dict.fromkeys(ln.fixes)]
    changes = list({(c.line, c.before): c for c in changes}.values())
    people: list[str] = []
    for p in r.points:
        for x in [p.text, *p.details]:
            people += [n for n in private_names(x) if n not in people]
    for line, wording in r.rewordings:  # the group said how to write the person in the message before
        before = [p for p in r.points if p.line < line and any(n in p.text for n in people)]
        if before and line - before[-1].line <= 6:
            p = before[-1]
            for name in [n for n in people if n in p.text]:
                p.text = re.sub(re.escape(name) + KIN, wording, p.text)
                changes.append(Change(line=p.line, before=name, after=wording,
                                      reason="敏感事项中的个人姓名，按群里的要求改写"))
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
    reader = NotesReader(read_layout(text), revising=revising(text.split("\n")))
    reader.read()
    facts = build_facts(reader, doc_type)
    return facts, _explain(reader, facts)


def _explain(r: NotesReader, facts: Facts) -> list[LineNote]:
    """Replace point numbers in the account with the ids the facts gave them."""
    by_line: dict[int, list[str]] = {}
    for it in facts.all_items():
        if it.line is not None:
            kind = "问题" if it.area == "problems" else "保障措施" if it.area == "measures" else \
                "总体思路" if it.area == "aims" else \
                "下一步" if it.status == "planned" and spec_of(facts.doc_type).scope != "plan" else "事项"
            by_line.setdefault(it.line, []).append(f"{kind} {it.id}：{it.text}")
    repeats: dict[int, list[str]] = {}
    for o in facts.omitted:
        if o.reason.startswith(("与第", "按第")):
            repeats.setdefault(o.line, []).append(f"未写入：{o.reason}")
    out = []
    for no in sorted(r.notes):
        n = r.notes[no]
        became = [b for b in n.became if not b.startswith("#")]
        if any(b.startswith("#") for b in n.became):
            became = by_line.get(no, []) + became
        became += repeats.get(no, [])
        out.append(LineNote(no, n.text, became or ["未写入"]))
    return out
