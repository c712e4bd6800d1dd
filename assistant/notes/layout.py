"""Pass one: what each notes line is — a header field, a title, a group heading, an item, prose, or noise.

Headings are recognised by their shape (a short line without figures that ends in ：, stands in 【】, follows
#/##, is bold, or carries 一、/（一）/1. and heads deeper lines), not by a keyword list. Nothing here decides what an
item means; that is pass two (meaning.py).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from assistant.items import analyse
from assistant.notes.chat import Chat, ChatLine, read_chat
from assistant.notes.edits import read_edit
from assistant.notes.fill import fill_in
from assistant.notes.labels import part_of_label
from assistant.notes.legend import marked_part, read_legend
from assistant.notes.lines import Layout, Line
from assistant.notes.noise import (
    CHAT_NAME,
    DATE_ONLY,
    FILLED_MARK,
    INLINE_REMARK,
    LEAD_CHATTER,
    PARENS,
    SIGNATURE,
    TRAILING_REMARK,
    about_work,
    chatter,
    clauses,
    correct_typos,
    counts,
    greeting_pattern,
    has_problem_word,
    is_empty_answer,
    is_person,
    log_noise,
    meta_clause,
    meta_pattern,
    review_mark,
    self_corrected,
    slide_words,
    strip_decorations,
    system_message,
    without_instruction,
)
from assistant.notes.pasted import is_page_number, join_wrapped, unspaced
from assistant.notes.table import (
    Header,
    column_roles,
    glued_header,
    glued_row,
    join_cells,
    table_lines,
    table_row,
)
from assistant.notes.title import organizations, title_facts
from assistant.numbers import counted, find_figures
from assistant.prompts import notes_vocab
from assistant.textnorm import normalize, strip_end_punct
from assistant.vocab import CN_NUM, Y

# numbering mark → rank; a lower rank is a higher level (一、 above （一） above 1. above （1） above ① above 一是)
MARKS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(rf"^第?[{CN_NUM}]+[、.．]\s*"), 0),
    (re.compile(rf"^[（(][{CN_NUM}]+[)）]\s*"), 1),
    (re.compile(r"^\d{1,2}(?:[.．](?!\d)|[、)）])\s*"), 2),
    (re.compile(rf"^[{CN_NUM}]{{1,2}}[ \t\u3000]+(?=[\u4e00-\u9fff“\"])"), 0),  # 一 庭院这块 (dictated, no 、)
    (re.compile(r"^\d{1,2}[ \t\u3000]+(?=[\u4e00-\u9fff“\"])(?![个人户场次期名起件元份篇所处万千百岁多余])"), 2),
    (re.compile(r"^[（(]\d{1,2}[)）]\s*"), 3),
    (re.compile(r"^\d{1,2}\.\d{1,2}[ \t\u3000]+(?=\S)"), 3),  # 1.1 组建县级巾帼宣讲团 (a decimal outline)
    (re.compile(r"^[①-⑳]\s*"), 4),
    (re.compile(r"^(?:[-*+•·●○◆◇■□▪▫►▶➤→–—※★☆❖➢◎]|[Øü§¨](?=[\s\u3000])|\u2022)+\s*"), 6),  # Ø ü: Word's Wingdings
]


MD_HEADING = re.compile(r"^(#{1,6})\s*")


BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<body>.+?)(?:\*\*|__)[：:]?$")


BOLD = re.compile(r"\*\*|__")


BRACKET_LINE = re.compile(r"^[【\[〔](?P<body>[^】\]〕]{1,30})[】\]〕][：:]?$")


DASH_LINE = re.compile(r"^[—\-=*#~～]{2,}\s*(?P<body>[^—\-=*#~～]{1,20}?)\s*[—\-=*#~～]{2,}[：:]?$")  # ——宣传部——
PAREN_LINE = re.compile(r"^[（(](?P<body>.+)[)）]$")


SENTENCE_END = re.compile(r"(?<=[。！？!?])")


MAX_HEADING = 20


MAX_LABEL = 14


MAX_PLAIN_HEADING = 12
RUN_IN = 10  # （一）理论学习。依托……: a first sentence this short, without a verb, heads the rest


@cache
def _header_keys() -> dict[str, str]:
    """Header word → Facts field ('-' for fields that are not written into the draft)."""
    v = notes_vocab()
    keys = {w: name for name, words in v.headers.items() for w in words}
    keys.update({w: "-" for w in v.meta_headers if w not in keys})
    return keys


@cache
def _header_pattern() -> re.Pattern[str]:
    keys = "|".join(sorted(map(re.escape, _header_keys()), key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s；;，,\u4e00-\u9fff\dxX）)]))(?P<key>{keys})\s*[：:]")  # glued: …妇联填报日期：


def header_fields(line: str) -> dict[str, str] | None:
    """'单位：某县妇联　　年份：2027' → {'organization': '某县妇联', 'year': '2027'}; None when not a header line."""
    matches = list(_header_pattern().finditer(line))
    if not matches or matches[0].start() != 0:
        return None
    out: dict[str, str] = {}
    for m, nxt in zip(matches, [*matches[1:], None], strict=False):
        value = line[m.end(): nxt.start() if nxt else len(line)].strip(" \t\u3000；;，,")
        name = _header_keys()[m.group("key")]
        if name == "-" and value:
            out.setdefault("-", "")
            out["-"] += ("；" if out["-"] else "") + f"{m.group('key')}：{value}"
        elif value:
            if not _plausible(name, value):
                return None
            out[name] = value
    return out


def _plausible(name: str, value: str) -> bool:
    """A header value that fits its field: 组织：256个村执委培训全覆盖 is an item with a label, not a unit."""
    if name == "organization":
        return bool(re.search(r"妇联|妇女联合会|[村镇乡县区市]$|社区|街道", value)) and not counted(value)
    if name == "doc_type":
        from assistant.notes.title import doc_type_of
        return bool(doc_type_of(value)) or len(value) <= 6
    return True


def _dictated(text: str, unpunctuated: bool) -> str:
    """Voice input with spaces for pauses and no punctuation: the pauses become commas (one pause is enough
    when the whole of the notes is written without punctuation)."""
    lead = re.match(rf"^\s*(?:[{CN_NUM}]{{1,2}}|\d{{1,2}})[ \t\u3000]+(?=\S)", text)  # 一 庭院这块: a mark, not a pause
    if lead:
        return text[: lead.end()] + _dictated(text[lead.end():], unpunctuated)
    gaps = len(re.findall(r"(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])", text))
    marks = len(re.findall(r"[，。；！？,.;!?]", text))
    if (gaps >= 3 and gaps > marks) or (gaps >= 2 and not marks) or (unpunctuated and gaps and not marks):
        return re.sub(r"(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])", "，", text)
    return text


def mark_of(text: str) -> tuple[int | None, str]:
    """The numbering rank of a line and the line without its mark."""
    for pattern, rank in MARKS:
        m = pattern.match(text)
        if m and text[m.end():].strip():
            return rank, text[m.end():].strip()
    return None, text


def _is_heading_shape(body: str, paired: bool = False) -> bool:
    """Short, no figures, no sentence punctuation inside (with `paired`, two short phrases may stand either side
    of one comma: 聚焦自身建设，激发组织活力)."""
    bare = strip_end_punct(body.rstrip("：:"))
    if paired and bare.count("，") == 1 and all(2 <= len(h) <= 10 for h in bare.split("，")):
        bare = bare.replace("，", "")
    return 0 < len(bare) <= MAX_HEADING and not counted(bare) and not re.search(r"[，。；,;！？]", bare)


def read_layout(text: str) -> Layout:
    """Lay out every line of the notes."""
    raw_lines, joined = join_cells(text.split("\n"))
    cells = dict(joined)
    chat, chat_lines = read_chat(raw_lines)
    if not chat.is_chat:  # a chat's messages are lines of their own
        raw_lines = join_wrapped(raw_lines, joined)
        chat, chat_lines = read_chat(raw_lines)
    tables = table_lines(raw_lines)
    lines: list[Line] = []
    header: Header | None = None
    legend: dict[str, str] = {}
    decimal = _decimal_outline(raw_lines)
    hanzi = len(re.findall(r"[\u4e00-\u9fff]", text))
    unpunctuated = len(re.findall(r"[，。；！？,;!?]", text)) * 100 < hanzi  # voice notes, no punctuation at all
    for i, (raw, cl) in enumerate(zip(raw_lines, chat_lines, strict=True)):
        no = i + 1
        if i in joined:
            why = f"并入第{joined[i] + 1}行（" + ("表格里同一格的换行）" if i in cells else "同一句话折到了下一行）")
            lines.append(Line(no, text.split("\n")[i], "joined", reason=why))
            continue
        if is_page_number(raw):
            lines.append(Line(no, raw, "noise", reason="页码"))
            continue
        if not raw.strip():
            header = None
            continue
        if cl.wrapper and not cl.text.strip():
            lines.append(Line(no, raw, "noise", reason=cl.wrapper))
            continue
        if i in tables:
            row = [c.strip() for c in raw.split("\t")]
            found = column_roles(row)
            if found:
                header = found
                lines.append(Line(no, raw, "noise", reason="表格的表头"))
                continue
            for unit in table_row(no, raw, row, header):
                unit.text, unit.fixes = correct_typos(unit.text)
                unit.label = correct_typos(unit.label)[0]
                lines.append(unit)
            continue
        glued = glued_header(raw) if "\t" not in raw else None
        if glued:
            header = glued
            lines.append(Line(no, raw, "noise", reason="表格的表头（各列粘在一起）"))
            continue
        units = glued_row(no, raw, header) if header and "\t" not in raw else None
        if units:
            for unit in units:
                unit.text, unit.fixes = correct_typos(unit.text)
            lines.extend(units)
            continue
        found_legend = read_legend(cl.text)
        if found_legend:
            legend.update(found_legend)
            lines.append(Line(no, raw, "noise", text=cl.text.strip(), reason="符号说明"))
            continue
        lines += _text_line(no, raw, cl, legend, chat, dated=not decimal, unpunctuated=unpunctuated)
    _number_runs(lines)
    _quoted_mail(lines)
    for ln in lines:
        _settle_noise(ln, chat)
    _contents(lines)
    _asker(lines, chat)
    _settle_title(lines)
    _settle_headings(lines)
    return Layout(lines, chat, legend)


def _text_line(no: int, raw: str, cl: ChatLine, legend: dict[str, str], chat: Chat, dated: bool,
               unpunctuated: bool) -> list[Line]:
    """An ordinary line of text (not a table row or a wrapper): cleaned, corrected, and classified."""
    part, text_line = marked_part(cl.text, legend)
    body, removed = strip_decorations(FORWARD_TAG.sub("", unspaced(text_line)), chat.is_chat)
    if removed and not re.search(r"[\u4e00-\u9fff]", body):  # [语音] 32": what is left of a placeholder
        return [Line(no, raw, "noise", reason=f"只有{removed or '符号'}")]
    indent = len(cl.text) - len(cl.text.lstrip(" \t\u3000"))
    if chat.is_chat:
        body = LEAD_CHATTER.sub("", body) or body
    body, fixed = correct_typos(self_corrected(body))
    body, filled = fill_in(body)
    fixed += [(before, after + FILLED_MARK) for before, after in filled]
    when = DATE_TAG.match(body) if dated else None
    if when:  # 3.26 县农技站来村里讲…: a diary date, not part of the work
        body = body[when.end():]
    spoken = _dictated(body, unpunctuated)
    units = _classify(no, raw, spoken, indent, cl.speaker)
    for unit in units:
        unit.fixes, unit.dictated = fixed, spoken != body
        unit.when = when.group(1) if when else ""
        unit.marked_part = part
    return units



def _classify(no: int, raw: str, text: str, indent: int, speaker: str) -> list[Line]:
    """One line of notes (chat wrapping already removed) as one or more laid-out units."""
    v = notes_vocab()
    if re.fullmatch(rf"#(?:{'|'.join(map(re.escape, v.hashtags))})#?\s*", text):
        return [Line(no, raw, "noise", text=text, reason="接龙、话题标记")]
    if re.match(rf"(?:{'|'.join(map(re.escape, v.example_labels))})[：:]", text):
        return [Line(no, raw, "noise", text=text, reason="示例格式")]
    md = MD_HEADING.match(text)
    md_level = len(md.group(1)) if md else 0
    text = text[md.end():] if md else text
    bold = BOLD_LINE.match(text)
    if bold:
        text = bold.group("body")
    fields = None if md else header_fields(BOLD.sub("", text).strip())
    if fields is not None:
        return [Line(no, raw, "header", fields={k: normalize(v) for k, v in fields.items()}, speaker=speaker)]
    marked_text = BOLD.sub("", text).strip()
    text = normalize(marked_text)
    if not text:
        return [Line(no, raw, "noise", reason="只有标记符号")]
    if md_level:
        return [Line(no, raw, "heading", text=mark_of(text)[1], level=float(md_level), speaker=speaker, marked=True)]
    if bold:
        return [Line(no, raw, "heading", text=mark_of(text)[1], level=7.5, speaker=speaker, marked=True)]
    bracket = BRACKET_LINE.match(text) or DASH_LINE.match(text)
    if bracket:
        return [Line(no, raw, "heading", text=bracket.group("body").strip(), level=7.0, speaker=speaker, marked=True)]
    paren = PAREN_LINE.match(text)
    if paren and not mark_of(text)[0]:
        inner = paren.group("body")
        if counted(inner) and about_work(inner):  # （11月还有几张没导出，是重阳节……来了40来个人）
            return _classify(no, raw, inner, indent, speaker)
        return [Line(no, raw, "noise", text=text, reason="括号里的说明")]
    if BARE_MARK.fullmatch(marked_text):  # 四 on its own: a new group the speaker did not name
        return [Line(no, raw, "heading", text="", level=10.0, speaker=speaker, marked=True)]
    rank, body = mark_of(marked_text)
    body = normalize(body)
    level = 10.0 + rank if rank is not None and rank < 6 else 16.0 + indent / 2 if rank is not None else 30.0 + indent
    base = Line(no, raw, "item", text=body, level=level, speaker=speaker, marked=rank is not None, indent=indent,
                number=_number(marked_text) if rank in (0, 2) else None)
    if body.endswith(("：", ":")) and (_is_heading_shape(body) or not counted(body)):
        base.kind = "heading"
        base.text = body.rstrip("：:")
        base.level = level if rank is not None else 8.0
        return [base]
    sentences = [s for s in SENTENCE_END.split(body) if strip_end_punct(s)]
    head = strip_end_punct(sentences[0]) if sentences else ""
    yishi = YISHI_HEAD.match(head)
    if yishi and len(sentences) >= 2 and _is_heading_shape(head[yishi.end():]) \
            and len(head) - yishi.end() <= MAX_PLAIN_HEADING + 2:  # 一是抓思想引领。全年组织……
        rest = "".join(sentences[1:]).strip()
        return [Line(no, raw, "heading", text=head[yishi.end():], level=12.5, speaker=speaker, marked=True),
                *_classify(no, raw, "- " + rest, indent + 1, speaker)]
    if rank is not None and len(sentences) >= 2 and len(head) <= RUN_IN and _is_heading_shape(head) \
            and (len(head) <= 4 or not analyse(head).action) and not sentences[1].lstrip().startswith(("——", "--")):
        rest = "".join(sentences[1:]).strip()  # （一）理论学习。依托……: a run-in heading, then its work
        return [Line(no, raw, "heading", text=head, level=level, speaker=speaker, marked=rank is not None,
                     indent=indent),
                *_classify(no, raw, "- " + rest, indent + 1, speaker)]
    if len(sentences) >= 2 or (len(body) > 90 and "，" in body):
        return [Line(no, raw, "prose", text=s.strip(), level=level, speaker=speaker, marked=rank is not None,
                     indent=indent) for s in sentences]
    return [base]


def _decimal_outline(lines: list[str]) -> bool:
    """1.1 / 1.2 / 2.1 in front of lines: an outline numbered with decimals, not dates."""
    found = [m.groups() for x in lines if (m := re.match(r"^\s*(\d{1,2})\.(\d{1,2})\s", x))]
    return len(found) >= 3 and sum(1 for _, minor in found if minor == "1") >= 2


def _number(marked: str) -> int | None:
    """The number a list item is marked with (3. / 三、), for corrections that name it (第3条改成…)."""
    m = re.match(rf"^(\d{{1,2}}|[{CN_NUM}]{{1,3}})", marked)
    if not m:
        return None
    word = m.group(1)
    return int(word) if word.isdecimal() else (CN_NUM.index(word) + 1 if len(word) == 1 else None)


def _settle_headings(lines: list[Line]) -> None:
    """A short marked line without figures that heads deeper lines is a group heading, not an item."""
    content = [ln for ln in lines if ln.kind in ("item", "prose", "heading")]
    for cur, nxt in pairwise(content):
        if cur.kind != "item" or not _is_heading_shape(cur.text, paired=cur.marked and nxt.marked):
            continue
        deeper = nxt.level > cur.level and (nxt.marked or not cur.marked or nxt.indent > cur.indent
                                            or nxt.level >= 30)
        over_heading = nxt.kind == "heading" and nxt.level > cur.level  # 二、各部室重点任务 over 【宣传部】
        if cur.marked and ((deeper and nxt.kind in ("item", "prose")) or over_heading):
            cur.kind = "heading"
        elif not cur.marked and nxt.marked and nxt.kind == "item" and cur.indent <= nxt.indent \
                and len(cur.text) <= MAX_PLAIN_HEADING:
            cur.kind, cur.level = "heading", 9.0
        elif not cur.marked and not nxt.marked and nxt.indent > cur.indent and len(cur.text) <= MAX_PLAIN_HEADING:
            cur.kind, cur.level = "heading", 20.0 + cur.indent  # an outline indented with tabs (PPT, WPS)
        elif not cur.marked and len(cur.text) <= MAX_PLAIN_HEADING and part_of_label(cur.text)[0] not in ("", "year"):
            cur.kind, cur.level = "heading", 8.0  # 问题和不足 on a line of its own


def _speaker(bare: str) -> bool:
    """青禾镇妇联周红: a unit and a person's name heading what she wrote."""
    for pos, org in organizations(bare):
        rest = bare[:pos] + bare[pos + len(org):]
        if rest and is_person(rest):
            return True
    return False


def _asker(lines: list[Line], chat: Chat) -> None:
    """In a chat where one person asks and another answers, what the asker says besides questions (你们辖区快递外卖
    多, 那就不写) is asking too, not work done."""
    if not chat.is_chat:
        return
    asked: dict[str, int] = {}
    said: dict[str, int] = {}
    for ln in lines:
        if ln.speaker and ln.kind in ("item", "prose", "noise", "heading") and (ln.text or ln.raw.strip()):
            said[ln.speaker] = said.get(ln.speaker, 0) + 1
            asked[ln.speaker] = asked.get(ln.speaker, 0) + (ln.reason == "提问")
    askers = {s for s, n in asked.items() if n >= 3 and n * 2 >= said[s]}
    for ln in lines:
        if ln.speaker in askers and ln.kind in ("item", "prose", "heading") and not counts(ln.text):
            ln.kind, ln.reason = "noise", "提问"
            hint = part_hint(ln.text)
            ln.label = "问题" if hint == "problems" else "明年" if hint == "planned" else "提问"


def _contents(lines: list[Line]) -> None:
    """A 目录 line and its entries: the lines indented below it, or the short ones that come back later as
    headings."""
    words = {re.sub(r"\s", "", w).lower() for w in notes_vocab().contents_words}
    content = [ln for ln in lines if ln.kind in ("item", "prose", "heading")]
    for n, ln in enumerate(content):
        if re.sub(r"[\s：:]", "", ln.text).lower() not in words:
            continue
        ln.kind, ln.reason = "noise", "目录"
        later = " ".join(x.text for x in content[n + 1:])
        for x in content[n + 1:]:
            indented = x.indent > ln.indent
            again = not x.indent and _is_heading_shape(x.text) and later.count(mark_of(x.text)[1]) >= 2
            if not (indented or again) or counted(x.text):
                break
            x.kind, x.reason = "noise", "目录里的条目"
        return


QUOTED = re.compile(r"^[-—_=\s]*(?:原始邮件|Original Message|转发邮件|以下为转发|Forwarded message)[-—_=\s]*$", re.I)
BARE_MARK = re.compile(rf"(?:第?[{CN_NUM}]{{1,3}}|[（(][{CN_NUM}]{{1,3}}[)）])[、.．]?")
YISHI_HEAD = re.compile(r"^[一二三四五六七八九十]{1,2}是")
FORM_TITLE = re.compile(r"[\u4e00-\u9fff（）()]{2,30}(?:分解表|统计表|登记表|报送表|一览表|汇总表|明细表|任务表|清单)")
QUESTION = re.compile(r"[？?]\s*$|(?:吗|呢|没有|多少[人场次户个名]?|几[次场个期户]|咋样|怎么样)\s*$|有没有"
                      r"|(?:这块|那块|方面|这边)呢")
COMPILED = re.compile(r"[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}[日号](?:整理|汇总|制表|编制|编)")  # 办公室12月10日整理
WROTE = re.compile(r"^(?:在|于)?\s*.{0,90}(?:写道|wrote)\s*[：:]\s*$|^On .{0,80} wrote:\s*$", re.I)
SIGNATURE_LINES = 4  # a signature below “--”: name, post, phone, address at most
FORWARDED = re.compile(r"转发|Forwarded", re.I)


def _quoted_mail(lines: list[Line]) -> None:
    """Below -----原始邮件----- and a mail header (发件人：…) is the mail being answered, not these notes; a
    forwarded mail (-----转发邮件-----) is the notes themselves, and so is material right under a separator."""
    for n, ln in enumerate(lines):
        if WROTE.search(ln.raw.strip()):  # 在 2025年12月3日 …，省妇联办公室 <…> 写道： and the quoted mail below it
            for x in lines[n:]:
                x.kind, x.reason = "noise", "引用的原邮件"
            return
        if ln.raw.strip() in ("--", "-- ", "——") and n + 1 < len(lines):  # a mail signature: name, post, phone
            for x in lines[n:]:
                if x.no > ln.no + SIGNATURE_LINES or WROTE.search(x.raw):
                    break
                x.kind, x.reason = "noise", "邮件签名"
            continue
        if QUOTED.match(ln.raw.strip()):
            ln.kind, ln.reason = "noise", "邮件分隔线"
            if not FORWARDED.search(ln.raw) and any(x.kind == "header" for x in lines[n + 1: n + 4]):
                for x in lines[n + 1:]:
                    x.kind, x.reason = "noise", "引用的原邮件"
            return


def part_hint(text: str) -> str:
    """The part of the document a line mentions anywhere in it (计划, 存在的问题 …), or ''."""
    for kind in ("problems", "planned"):
        if any(w in text for w in notes_vocab().parts[kind] if len(w) >= 2):
            return kind
    return ""


def _settle_title(lines: list[Line]) -> None:
    """The first content lines may be a title (石门县妇联2026年工作要点（初稿）); it gives unit, year and type."""
    seen = 0
    for ln in lines:
        if ln.kind in ("header", "noise"):
            continue
        seen += 1
        bare = re.split(r"——|--", PARENS.sub("", ln.text))[0]  # …工作计划（讨论稿）——各部室报送汇总
        if ln.raw.rstrip().endswith(("：", ":")):  # 青禾镇妇联 周红：, a speaker before what she says
            continue
        if seen > 3 or ln.kind == "prose" or counted(bare) or len(bare) > 40 or meta_pattern().search(bare):
            return
        facts = title_facts(ln.text)
        only_unit = facts.organization and len(bare) <= len(facts.organization) + 8 and not ln.marked
        if (facts.doc_type and (facts.organization or facts.year)) or (facts.organization and facts.year) \
                or (ln.level == 1.0 and facts.doc_type) or only_unit:
            ln.kind = "title"
            ln.fields = {k: str(v) for k, v in (("organization", facts.organization), ("year", facts.year or ""),
                                                 ("doc_type", facts.doc_type)) if v}
            return
        if ln.kind == "item" and not ln.marked and len(ln.text) <= 30:
            continue
        return


def _settle_noise(ln: Line, chat: Chat) -> None:
    """Lines that are not about the work: chat talk, messages to the reader, deadlines, greetings, signatures."""
    if ln.kind not in ("item", "prose", "heading"):
        return
    text = ln.text
    if read_edit(text):  # 第6条删掉，……: a correction to the list above, read by the reader
        ln.kind = "item"
        return
    bare = re.sub(r"[\s，。；：！？,.;:!?~～…]+", "", text)
    if not re.search(r"[\u4e00-\u9fff\d]", bare):
        ln.kind, ln.reason = "noise", "只有符号"
    elif bare.lower() in slide_words():
        ln.kind, ln.reason = "noise", "幻灯片上的固定字样"
    elif review_mark(mark_of(ln.raw.strip())[1]):  # the whole line, every sentence of it
        ln.kind, ln.reason = "noise", review_mark(mark_of(ln.raw.strip())[1])
    elif COMPILED.fullmatch(bare):
        ln.kind, ln.reason = "noise", "整理人和日期"
    elif FORM_TITLE.fullmatch(bare) and not counted(bare) and not ln.marked:
        ln.kind, ln.reason = "noise", "表格或清单的名称"
    elif log_noise(ln.raw.strip()):
        ln.kind, ln.reason = "noise", log_noise(ln.raw.strip())
    elif is_empty_answer(text) and ln.kind != "heading":
        ln.kind, ln.reason = "noise", "没写内容（无、继续、同上）"
    elif bare in chatter() or (chat.is_chat and len(bare) <= 4 and not counted(bare) and ln.kind != "heading"
                               and not ln.marked and not about_work(bare)):
        ln.kind, ln.reason = "noise", "聊天用语"
    elif CHAT_NAME.search(bare) and not counted(bare):
        ln.kind, ln.reason = "noise", "聊天群名称"
    elif DATE_ONLY.fullmatch(bare):
        ln.kind, ln.reason = "noise", "日期"
    elif system_message(text):
        ln.kind, ln.reason = "noise", "聊天软件的提示"
    elif chat.is_chat and not counts(text) and all(QUESTION.search(strip_end_punct(c)) or meta_clause(c)
                                                   for c in clauses(text)):  # 两癌筛查多少人？ / 明年打算呢
        ln.kind, ln.reason = "noise", "提问"
        hint = part_hint(text)
        ln.label = "问题" if hint == "problems" else "明年" if hint == "planned" else "提问"
    elif bare[:2] in chatter() and is_person(bare[2:]):  # 好的邓老师
        ln.kind, ln.reason = "noise", "聊天用语"
    elif greeting_pattern().match(text) and (not counts(text) or sum(map(meta_clause, clauses(text))) >= 2):
        ln.kind, ln.reason = "noise", "称呼和写给读者的话"
    elif ln.kind in ("item", "prose") and not ln.marked and (is_person(bare) or SIGNATURE.fullmatch(bare)):
        ln.kind, ln.reason = "noise", "署名"
    elif ln.kind == "heading" and _speaker(bare):
        ln.kind, ln.reason = "noise", "说话人（单位和姓名）"
    elif ln.kind == "item" and not ln.marked and _speaker(bare):
        ln.kind, ln.reason = "noise", "署名（单位和姓名）"
    else:
        _messages_to_people(ln)

def _messages_to_people(ln: Line) -> None:
    """A work line that also talks to someone (（语音转的）, 先列了个框架, 报送要求): keep only the work."""
    text = ln.text
    inline = [m for m in INLINE_REMARK.finditer(text) if meta_clause(m.group(1))]
    for m in reversed(inline):  # 明年嘛（语音转的）我想的是…: a remark in passing
        text = text[: m.start()] + text[m.end():]
    if inline:
        ln.text = text
        ln.reason = ln.reason or f"删去了括号里的说明：{inline[0].group()}"
    remark = TRAILING_REMARK.search(text)
    if remark and any(w in remark.group() for w in notes_vocab().excluded_words):
        ln.excluded = True  # 需市委市政府支持的事项（单独报，不写进计划正文）
    if remark and (ln.excluded or meta_clause(remark.group(1)) or meta_pattern().search(remark.group(1))
                   or SCORE.fullmatch(remark.group(1))):  # …工作总结（提纲）, 一、政治引领（20分）
        ln.text = text = text[: remark.start()].strip()
        ln.reason = f"删去了括号里的说明：{remark.group()}"
    parts = [without_instruction(c) for c in clauses(text)]
    kept = [c for c in parts if not meta_clause(c)]
    if len(kept) == len(parts):
        return
    rest = "".join(kept)
    hint = part_hint(text)
    if ln.kind == "heading" and hint in ("planned", "problems"):  # 2026年的计划我先列了个框架：
        year = re.search(rf"{Y}年", text)
        ln.text = (year.group() if year else "") + ("计划" if hint == "planned" else "存在的问题")
        ln.reason = "删去了写给人的话：" + text
        return
    if not rest or ln.kind == "heading" or not (counted(rest) or has_problem_word(rest) or about_work(rest)):
        ln.kind, ln.reason = "noise", "写给整理人或领导的话、报送要求"
    else:
        ln.text = mark_of(strip_end_punct(rest.lstrip("，,；;")))[1]
        ln.reason = "删去了写给人的话：" + "".join(c for c in parts if c not in kept)
    removed = "".join(c for c in parts if c not in kept)
    if any(w in removed for w in notes_vocab().parts["problems"]):
        ln.label = ln.label or "问题"
    elif part_hint(removed) == "planned" and not any(w in removed for w in notes_vocab().parts["done"]
                                                     if len(w) > 1):
        ln.label = ln.label or "明年"


SCORE = re.compile(r"\d+(?:\.\d+)?分")
FORWARD_TAG = re.compile(r"^\s*[【\[](?:转发|转|引用|原文|语音转文字|语音)[】\]]\s*")
DATE_TAG = re.compile(r"^(\d{1,2}[.．/]\d{1,2}|\d{1,2}月\d{1,2}[日号]"
                      rf"|{Y}[.\-/年]\d{{1,2}}[.\-/月]\d{{1,2}}日?)\s+")
NUMBERED = re.compile(r"^(\d{1,2})[.．、]")


def _number_runs(lines: list[Line]) -> None:
    """'5.23名执委…' after items 1–4 is item 5 with 23名, not the figure 5.23名."""
    last = 0
    for ln in lines:
        if ln.kind not in ("item", "prose"):
            continue
        m = NUMBERED.match(ln.text)
        rest = ln.text[m.end():] if m else ""
        if m and int(m.group(1)) == last + 1 and any(f.start == 0 and f.kind == "number" for f in find_figures(rest)):
            ln.text, ln.marked = ln.text[m.end():], True
            last += 1
            continue
        mark = re.match(r"^(\d{1,2})[.．、]", ln.raw.strip()[-len(ln.text) - 4:] if ln.text else "")
        if ln.marked and mark:
            last = int(mark.group(1))
        elif ln.marked and re.search(r"(?:^|[：:\s])(\d{1,2})[.．、]", ln.raw):
            last = int(re.search(r"(?:^|[：:\s])(\d{1,2})[.．、]", ln.raw).group(1))  # type: ignore[union-attr]
