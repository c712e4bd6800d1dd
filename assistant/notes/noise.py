"""What in the notes is not about the work: chat talk, messages to the reader, deadlines, greetings,
signatures, emoji; and the known typos and spoken words corrected on the way."""

from __future__ import annotations

import re
from functools import cache

from assistant.numbers import counted, find_figures
from assistant.prompts import names, notes_vocab, taxonomy
from assistant.textnorm import simplified, strip_end_punct
from assistant.vocab import Y

EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u20E3\u3030\u303D]")


INVISIBLE = re.compile("[\ufeff\u200b\u200c\u2060]")


CHAT_TAG = re.compile(r"\[([\u4e00-\u9fffA-Za-z]{1,5})\]")


FILE_NAME = re.compile(r"^[\w\-.（）()]+\.(?:jpe?g|png|heic|gif|bmp|webp|mp4|mov|docx?|xlsx?|pptx?|pdf|wps)(?=\s|$)\s*",
                       re.I)  # IMG_20250308_0931.jpg  三八节……: a photo's caption
MENTION = re.compile(r"@(?:所有人|全体成员|[\u4e00-\u9fffA-Za-z]{1,8})\s+")  # @所有人 明年计划也接一下
BRACKET_ONLY = re.compile(r"[【\[][^】\]]{1,30}[】\]][：:]?")


@cache
def _emphasis() -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(notes_vocab().emphasis_tags, key=len, reverse=True)))
    return re.compile(rf"[【\[〔](?:{words})[】\]〕]\s*")


QUOTE = re.compile(r"^>\s*|^-\s*\[[ xX]\]\s*")


PARENS = re.compile(r"[（(][^（）()]*[)）]")


INLINE_REMARK = re.compile(r"[（(]([^（）()]{2,20})[)）]")
TRAILING_REMARK = re.compile(r"[（(]([^（）()]{2,60})[)）]$")


CHAT_NAME = re.compile(r"(?:工作群|执委群|群聊|微信群|聊天记录|消息记录|QQ群|群)$")


DATE_ONLY = re.compile(rf"(?:{Y}[年\-/.])?\d{{1,2}}[月\-/.]\d{{1,2}}日?(?:星期|周)?[一二三四五六日天]?")


SIGNATURE = re.compile(r"(?:——|—)+[\u4e00-\u9fff]{0,16}"
                       r"|[\u4e00-\u9fff]{2,12}(?:办公室|部|科)(?:小[\u4e00-\u9fff]|[\u4e00-\u9fff]{2,3})?")


STAMP = re.compile(rf"{Y}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\d{{1,2}}:\d{{2}}(?::\d{{2}})?")  # 2025-03-08 17:42
LENGTH = re.compile(r"控制在\s*\d+\s*(?:分钟|字|页|个字)(?:以内|之内|内|左右)?")  # 述职控制在8分钟内
INDEFINITE = {"一个", "一下", "一点", "一些", "一遍", "一并", "一条", "两条", "一句"}  # 从一个模板里: “a”, not a figure
# 我是卫生服务站的黄医生哈: who is speaking
SELF_INTRO = re.compile(r"^我是[\u4e00-\u9fff（）()]{0,14}?的?[\u4e00-\u9fff]{1,4}[哈呀啊]?$")
CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")
SPOKEN = "\u0000口语"  # marks a colloquial word made written, as opposed to a typo
TRADITIONAL = "\u0000繁体"  # marks traditional characters written in simplified ones
FILLED_MARK = "\u0000后补"  # marks a blank filled with the figure the writer added after it


# 收到，… / 评了，社区评了8户…: a reply word before the answer
LEAD_CHATTER = re.compile(r"^(?:好的|好滴|好嘞|收到|嗯嗯|嗯|对|是的|哈哈|有的|有|[\u4e00-\u9fff]了)[\s，,！!。~～]+")


@cache
def _typos() -> list[tuple[str, str]]:
    from assistant.checks.data import wording
    spoken = [(c.word, c.better + SPOKEN) for c in wording().colloquial if c.severity == "warning"
              and c.word.startswith("搞")]
    return [(c.wrong, c.right) for c in wording().confusions if c.safe] + spoken


def correct_typos(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Traditional characters made simplified (婦聯→妇联) and known misspellings (the checker's safe confusions:
    筛察→筛查, 纠分→纠纷) corrected, and which ones."""
    fixed = []
    simple = simplified(text)
    if simple != text:  # the characters that changed, as one Change per line
        pairs = [(a, b) for a, b in zip(text, simple, strict=True) if a != b]
        fixed.append(("".join(a for a, _ in pairs), "".join(b for _, b in pairs) + TRADITIONAL))
        text = simple
    text = text.translate(CORNER_QUOTES)
    for wrong, right in _typos():
        if wrong in text:
            text = text.replace(wrong, right.removesuffix(SPOKEN))
            fixed.append((wrong, right))
    return text, fixed


def strip_decorations(text: str, chat: bool) -> tuple[str, str]:
    """Remove emoji, chat tags ([图片] [强]), markdown quote marks and invisible characters; say what went."""
    removed = []
    text = INVISIBLE.sub("", text)
    if EMOJI.search(text):
        text = EMOJI.sub("", text)
        removed.append("表情符号")
    places = set(notes_vocab().chat_placeholders)

    def tag(m: re.Match[str]) -> str:
        if m.group(1) in places or chat:
            removed.append(f"[{m.group(1)}]")
            return ""
        return m.group()

    text = CHAT_TAG.sub(tag, text)
    text = QUOTE.sub("", text.strip())
    emphasis = _emphasis().sub("", text) if not BRACKET_ONLY.fullmatch(text.strip()) else text
    if emphasis != text:
        text = emphasis.strip()
        removed.append("强调标记")
    if MENTION.search(text):
        text = MENTION.sub("", text)
        removed.append("@提到的人")
    if FILE_NAME.match(text):
        text = FILE_NAME.sub("", text)
        removed.append("文件名")
    return text.strip(), "、".join(removed)


@cache
def slide_words() -> set[str]:
    return {re.sub(r"\s", "", w).lower() for w in notes_vocab().slide_furniture}


@cache
def chatter() -> set[str]:
    return set(notes_vocab().chatter)


@cache
def meta_pattern() -> re.Pattern[str]:
    words = sorted(notes_vocab().meta_words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def deadline_pattern() -> re.Pattern[str]:
    v = notes_vocab()
    verbs = "|".join(sorted(map(re.escape, v.deadline_verbs), key=len, reverse=True))
    times = "|".join(map(re.escape, v.deadline_times))
    when = (r"(?:\d{1,2}月(?:\d{1,2}[日号]|底|中旬|上旬|下旬|初)?|\d{1,2}[日号]|月底|年底|年前|本周|下周"
            r"|周[一二三四五六日]|今天|明天|后天|月初)")
    return re.compile(rf"{when}\s*(?:{times})\s*(?:要|必须|务必|统一|请|再)?\s*(?:{verbs})"
                      rf"|要{when}(?:{times})的稿子"
                      rf"|^{when}?\s*(?:下班|中午|上午|下午|晚上)?(?:{times})$")  # 周三下班前


@cache
def greeting_pattern() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, notes_vocab().greetings), key=len, reverse=True))
    titles = "|".join(map(re.escape, names().titles))
    people = r"(?:主席|领导|同事|同志|执委|姐妹|书记|主任|部长|老师)"
    return re.compile(rf"^(?:(?:{words})(?:[、和](?:{words}))*|[{names().surnames}](?:{titles})"
                      rf"|各位?[^：:，,。]{{0,12}}{people})(?:[：:，,！!]|$)")


def clauses(text: str) -> list[str]:
    """Text cut at commas, colons, semicolons and sentence ends, keeping each clause's punctuation."""
    return [c for c in re.split(r"(?<=[，；。！？：,;!?:])", text) if c.strip()]


def meta_clause(clause: str) -> bool:
    """A clause written to a person (请审阅, 先按这个写, 11月28日前报县妇联), not about the work."""
    bare = strip_end_punct(clause)
    if bare in chatter() or deadline_pattern().search(bare) or LENGTH.search(bare) or SELF_INTRO.match(bare):
        return True
    rest = meta_pattern().sub("", bare)
    return bool(meta_pattern().search(bare)) and not [f for f in find_figures(rest)
                                                     if f.kind == "number" and f.text not in INDEFINITE]


def about_work(text: str) -> bool:
    """Whether a clause names some 妇联 work (a topic keyword or a work verb), rather than talking about notes."""
    from assistant.items import classify, has_verb
    return classify(text) != taxonomy().fallback or has_verb(text)


def has_problem_word(text: str) -> bool:
    return any(w in text for w in notes_vocab().problem_words)


def is_person(text: str) -> bool:
    """A line that is only a person's name or how she is called (a signature, a greeting): 刘敏, 小郑, 邓老师."""
    n = names()
    titles = "|".join(map(re.escape, n.titles))
    return bool(re.fullmatch(f"[{n.surnames}][{n.given}]{{1,2}}|小[{n.surnames}]|[{n.surnames}](?:{titles})", text)) \
        and text not in n.not_given_words


@cache
def log_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A work-log entry's header (【日志】周晓岚 提交的 日报 …), its read receipts, a comment under it."""
    v = notes_vocab().log_export
    reports = "|".join(map(re.escape, sorted(v.reports, key=len, reverse=True)))
    receipts = "|".join(map(re.escape, v.receipts))
    comments = "|".join(map(re.escape, v.comments))
    header = re.compile(rf"^【(?:{reports})】|提交(?:的|了)?\s*(?:{reports})")
    receipt = re.compile(rf"^(?:(?:{receipts})\s*\d*\s*人?\s*[/／|｜,，、]?\s*)+$")
    comment = re.compile(rf"^(?:{comments})\s*(?P<who>[^\s:：]{{1,10}})\s*[:：]")
    return header, receipt, comment


def log_noise(text: str) -> str:
    """Why a line of a work-log export is not work ('' when it is)."""
    header, receipt, comment = log_patterns()
    if header.search(text) and not counted(STAMP.sub("", text)):
        return "日志抬头（提交人、日期）"
    if receipt.fullmatch(text.strip()):
        return "日志的已读未读"
    m = comment.match(text)
    if m and (is_person(m.group("who")) or any(t in m.group("who") for t in names().titles)):
        return "日志下面的评论"
    return ""


def is_empty_answer(text: str) -> bool:
    """无, 继续, 同上: a field left empty in words."""
    return strip_end_punct(text).strip() in notes_vocab().empty_answers


@cache
def _review_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    v = notes_vocab()
    review = "|".join(map(re.escape, sorted(v.review_tags, key=len, reverse=True)))
    deleted = "|".join(map(re.escape, sorted(v.deleted_tags, key=len, reverse=True)))
    return (re.compile(rf"^[\[【〔(（](?:{review})[^\]】〕)）]{{0,12}}[\]】〕)）]"),
            re.compile(rf"^[\[【〔(（](?:{deleted})[\]】〕)）]"))


def review_mark(text: str) -> str:
    """Why a line is the reviewer's, not the work: a comment ([批注1 分管副主席]：…) or a line marked 【删除】."""
    comment, deleted = _review_patterns()
    if comment.match(text):
        return "审稿人的批注"
    if deleted.match(text):
        return "笔记里标了删除"
    return ""


NUMERAL_CHARS = "0123456789一二三四五六七八九十百千万两几"
CLAUSE_END = "，,。；;"
MARKER = re.compile(r"[，,]\s*(?:不对|不是|说错了|错了)[，,]\s*(?:是|应该是)?")
RIGHT = re.compile(rf"[{NUMERAL_CHARS}]++[^{CLAUSE_END}\d]{{0,3}}(?=[{CLAUSE_END}]|$)")


def _wrong_start(clause: str) -> int | None:
    """Where the figure the speaker took back starts: the earliest run of numerals that, with at most three other
    characters after it, ends the clause (十八户, 120人次); None when the clause does not end so."""
    end, starts = len(clause), []
    for tail in range(min(3, end - 1) + 1):
        p = end - tail - 1
        if any(c.isascii() and c.isdecimal() for c in clause[p + 1:]):
            break
        if clause[p] in NUMERAL_CHARS:
            while p > 0 and clause[p - 1] in NUMERAL_CHARS:
                p -= 1
            starts.append(p)
    return min(starts, default=None)


def self_corrected(text: str) -> str:
    """示范户是十八户，不对，是二十户 → 示范户是二十户: a figure the speaker corrected on the spot (in one pass)."""
    out, done = [], 0
    for m in MARKER.finditer(text):
        if m.start() < done:
            continue
        start = max(text.rfind(c, done, m.start()) for c in CLAUSE_END) + 1 or done
        start = max(start, done)
        wrong = _wrong_start(text[start:m.start()])
        right = RIGHT.match(text, m.end())
        if wrong is None or right is None:
            continue
        out.append(text[done:start + wrong] + right.group())
        done = right.end()
    return "".join(out) + text[done:]


def counts(text: str) -> bool:
    """Whether text carries a count that means something (30场), not 一条一条 or 一个 said in passing."""
    return any(f.kind == "number" and f.text not in INDEFINITE for f in find_figures(text))


def system_message(text: str) -> bool:
    """某某撤回了一条消息: what the chat app wrote into the record."""
    return any(w in text for w in notes_vocab().system_messages)


INSTRUCTION_TAIL = re.compile(r"(?:这个|这条|这块)?(?:也|要|得|一定要|都)?(?:写上|写进去|写进|加上|放进去|带上)$")


def without_instruction(clause: str) -> str:
    """反家暴宣传要写上 → 反家暴宣传: the work, without the request to include it."""
    bare = strip_end_punct(clause)
    rest = INSTRUCTION_TAIL.sub("", bare)
    return clause.replace(bare, rest) if rest and rest != bare and about_work(rest) else clause
