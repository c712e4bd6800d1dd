"""The words staff put around an item: labels (维权：, 组织建设这块，), attributions (主席交代：), dictation
fillers (嗯, 然后那个), inline enumerations (一是……二是……) and where a run-on moves to the next thing."""

from __future__ import annotations

import re
from functools import cache

from assistant.items import analyse, area_for_label, has_verb
from assistant.numbers import counted
from assistant.prompts import PartName, names, notes_vocab
from assistant.textnorm import strip_end_punct
from assistant.topics import names_topic
from assistant.vocab import CN_NUM, Y

INLINE_ENUM = re.compile(rf"(?:^|[；;。，,]\s*)[{CN_NUM}]+是")


LEADING_ENUM = re.compile(rf"^\s*[{CN_NUM}]+是[，,：:]?")


# 维权：…, 青石村——美丽庭院新评42户, （乡里）调处家庭纠纷11起
LABEL = re.compile(r"^(?P<label>[^：:，。；]{1,14}?)[：:]\s*(?P<rest>.+)$"
                   r"|^(?P<dashed>[^：:，。；—\-]{1,10}?)\s*(?:——|--|—)\s*(?P<after>[^—\-].*)$"
                   r"|^[（(](?P<tag>[^）)\d一二三四五六七八九十]{1,4})[）)]\s*(?P<tagged>.+)$")


PROBLEM_LEAD = re.compile(r"^(?:存在的?|主要的?)?(?:问题|不足|短板|困难)(?:主要)?(?:是|有)(?:呢|啊)?[，,：:]?")


MONTH = re.compile(r"^(?:\d{1,2}(?:[.．月]\d{0,2}日?|月份?)(?:上旬|中旬|下旬|初|底)?|[一二三四五六七八九十]{1,3}月份?)")


MAX_LABEL = 14
TIME_AND_MEASURE = re.compile(r"\d+[-—～~]?\d*月|全年|年内|每期|每次|每月|每季度|每年|每周|约|左右|以上|不少于"
                              r"|共计|累计|共|再|又|还|都|已|将")
SAID = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:部|科|室|办|组|主席|书记|主任|领导)(?:的)?"
                  r"(?:想法|意见|意思|打算|建议)(?:是|为)[，,：:]?")
PART_NAMES = {"skip": "日报里的次日安排", "aims": "总体思路和目标", "problems": "存在的问题",
              "planned": "下一步/明年", "done": "已做的工作", "measures": "保障措施", "mixed": "问题和打算",
              "year": "按年份分的部分"}


SEPARATELY = {"另外", "此外", "还有", "补充", "另", "再补充", "补充一条", "差点忘了"}


PLANNED_LEAD = re.compile(r"^(?:明年|下一步|下步|来年|下年|接下来|今后|新的一年"
                          rf"|{Y}年(?:将|要|计划|打算|重点))")


def _vocab_words(kind: PartName) -> list[str]:
    return sorted(notes_vocab().parts[kind], key=len, reverse=True)


def part_of_label(label: str) -> tuple[str, int | None]:
    """Which part a heading or label names (problems/planned/done/measures/mixed or ''), and a year in it."""
    v = notes_vocab()
    year_m = re.search(rf"({Y})\s*年?(?:度)?", label)
    year = int(year_m.group(1)) if year_m else None
    rest = re.sub(rf"{Y}\s*年?度?|[（(][^）)]*[)）]", "", label)  # 存在不足（自评说明栏）
    found: list[str] = []
    for kind in ("skip", "aims", "problems", "measures", "planned", "done"):
        for w in _vocab_words(kind):
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


def is_plan_label(label: str) -> bool:
    """A next-year heading that names a plan with its own targets (2026年工作计划, 明年目标), not just 下一步."""
    return bool(re.search(rf"计划|目标|要点|安排|{Y}", label))  # 明年想法 counts by its targets


@cache
def attribution_labels() -> list[str]:
    return sorted(notes_vocab().attribution_labels, key=len, reverse=True)


@cache
def _fillers() -> re.Pattern[str]:
    plain = [*notes_vocab().fillers, "我这边", "我们这边", "我这里", "我们", "俺们", "咱们", "我"]
    ours = "(?:我们|咱们|俺们|我)(?:村|社区|镇|乡|县|区|市|街道)的?"
    words = "|".join([ours, *map(re.escape, sorted(plain, key=len, reverse=True))])
    nth = r"第[一二三四五六七八九十]+(?:个(?:呢|是|就是)?|块(?:呢|是|就是)|(?:呢|是|就是))"
    return re.compile(rf"^(?:(?:{words}|{nth})[，,]?\s*)+")


@cache
def _breaks() -> re.Pattern[str]:
    v = notes_vocab()
    words = "|".join(map(re.escape, sorted(v.item_breaks, key=len, reverse=True)))
    ahead = "|".join(map(re.escape, [w for w in v.planned_words if "{" not in w]))
    return re.compile(rf"[，,]\s*(?=(?:{words})|(?:{ahead})|(?:19|20)\d{{2}}年(?:将|要|计划|打算)|存在的问题"
                      rf"|[^，。；,]{{1,10}}(?:这块|这一块|这方面)|[^，。；,]{{1,8}}方面[，,]|[\u4e00-\u9fff]{{1,3}}节[\u4e00-\u9fff])")


@cache
def _frames(verbs: bool = True) -> list[re.Pattern[str]]:
    v = notes_vocab()
    out = []
    for f in v.label_frames + (v.verb_frames if verbs else []):
        head, _, tail = f.partition("{x}")
        after = "[，,：:]?" if tail in ("这块", "这一块") else "[，,：:]"
        not_verb = f"(?![{''.join(v.verb_complements)}])" if f in v.verb_frames else ""  # 抓好…: a verb, no label
        out.append(re.compile(rf"^{re.escape(head)}{not_verb}(?P<x>[^，。；：,:]{{1,12}}?){re.escape(tail)}{after}"
                              rf"\s*(?P<rest>.+)$"))
    return out


@cache
def naming_patterns() -> list[re.Pattern[str]]:
    out = []
    for f in notes_vocab().naming_frames:
        head, _, tail = f.partition("{x}")
        out.append(re.compile(rf"(?:第[一二三四五六七八九十]+(?=块|个))?{re.escape(head)}(?P<x>[\u4e00-\u9fff“”\"]{{2,12}}?)"
                              rf"{re.escape(tail)}(?=[，。,；]|$)"))
    return out


def tidy_dictation(text: str) -> str:
    """Dictation tidied: 茶艺啊电商直播啊 → 茶艺、电商直播; 留守儿童呢暑假… → 留守儿童暑假…; fillers after commas."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])[啊呀](?=[\u4e00-\u9fff])", "、", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff])[呢嘛](?=[\u4e00-\u9fff])", "", text)
    text = re.sub(r"、(?=[，,。；]|$)", "", text)
    return "，".join(strip_fillers(c) for c in re.split(r"[，,]", text) if strip_fillers(c))


def strip_fillers(text: str) -> str:
    """嗯/然后/那个 and a leading 我们 (or 我们村: which one is not said) at the start; trailing 呢/啊/吧."""
    text = text.strip(" ，,")
    while True:
        bare = _fillers().sub("", re.sub(r"^(?:我们|咱们|俺们|我)(?:村|社区|这里|这边)(?:的)?", "", text))
        if bare == text:
            break
        text = bare
    text = re.sub(r"^(?:就)?是(.{2,}?)那(?:次|回|场|天)(?=[，,]|$)", r"\1", text)  # 是重阳节包饺子那次 → 重阳节包饺子
    text = re.sub(r"^(明年|今年|下一步|问题|然后)[嘛呢吧啊]", r"\1", text)  # 明年嘛 → 明年
    text = re.sub(r"(?<=[\u4e00-\u9fff])[嘛呢吧啊呀](?=[，,；;]|$)", "", text)  # 调解家庭矛盾五六起吧，… → 五六起，…
    text = re.sub(r"(?<=[\u4e00-\u9fff])这个(?=要|是|呢|的话|就)", "", text)  # 草帽这个要再办两期 → 草帽要再办两期
    return re.sub(r"[呢啊吧哈呀嘛]+$", "", text).strip(" ，,")


def strip_attribution(text: str) -> str:
    """主席说/主席还说/书记交代/家儿部的想法是 at the start of a point."""
    said = SAID.match(text)
    if said and len(text) > said.end() + 2:
        return text[said.end():]
    for w in attribution_labels():
        if text.startswith(w) and len(text) > len(w) + 2:
            return text[len(w):].lstrip("：:，, 的")
    return text


def is_subunit(label: str) -> bool:
    """上塘村 / 下岙村的: a place under the unit, the subject of the item."""
    return bool(subunit_of(label))


def subunit_of(label: str) -> str:
    """The place a label names (江滨社区（沈）补一条 → 江滨社区; 锦绣社区-阿芳 → 锦绣社区), or ''."""
    bare = re.sub(r"(?:补一条|补充|补)$", "", label.removesuffix("的")).strip()
    bare = re.sub(r"(?:[（(][^（）()]{1,4}[)）]|[-—·\s]\s*[\u4e00-\u9fff]{1,3})$", "", bare).strip()  # who posted it
    ends = tuple(s.removesuffix("的") for s in notes_vocab().subunit_suffixes)
    return bare if 2 <= len(bare) <= 8 and bare.endswith(ends) and not names_topic(bare) else ""


def is_department(label: str) -> bool:
    """发展部 / 权益部 / 办公室: which office reported it, not what it is about."""
    label = re.sub(r"[（(][^）)]{0,6}[)）]$", "", label)  # 组织部（宋）
    return label in notes_vocab().departments or (
        bool(re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:部|科|室|处|办|办公室)", label)) and not names_topic(label))


def is_addressee(label: str) -> bool:
    """王主席 / 各位领导: who the line is written to, not a topic."""
    titles = names().titles
    return label in notes_vocab().greetings or label.endswith(("注意", "您好", "你好", "大家好")) \
        or (label.startswith(("各位", "各村", "各社区", "各乡镇")) and not names_topic(label)) \
        or (len(label) <= 4 and label[:1] in names().surnames and any(label.endswith(t) for t in titles))


def is_time(label: str) -> bool:
    """1月 / 3月份 / 上半年 / 暑假: a time tag, not a topic."""
    return bool(MONTH.fullmatch(label)) or label in notes_vocab().month_words or is_festival(label)


def is_festival(label: str) -> bool:
    """三八节 / 重阳节: a day the work was done on; it stays in the sentence (三八节组织……)."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{1,3}节|六一|三八|元旦", label))


def split_inline(text: str) -> list[str]:
    """'一是…；二是…' and '…；…' runs as separate points; what leads into 一是 (2026年重点是) is not one."""
    if len(INLINE_ENUM.findall(text)) >= 2:
        parts = re.split(rf"[；;。，,]?\s*[{CN_NUM}]+是[，,：:]?", text)
        if parts and not counted(parts[0]) and re.search(r"[是为：:]$|重点|主要", strip_end_punct(parts[0]) or "是"):
            parts = parts[1:]
    else:
        parts = re.split(r"[；;]", text)
    return [p for p in (strip_end_punct(LEADING_ENUM.sub("", x)).strip("，, ") for x in parts) if p]


def split_run(text: str) -> list[str]:
    """A dictated or pasted run-on cut where the speaker moves to the next thing (然后/还有/另外 …); a piece that
    does nothing by itself (小区老人多，明年再办…) stays with what follows it."""
    pieces = [c.strip("，, ") for c in _breaks().split(text) if c.strip("，, ")]
    out: list[str] = []
    carry = ""
    for piece in pieces:
        if carry:
            piece, carry = f"{carry}，{piece}", ""
        if piece is not pieces[-1] and not counted(piece) and not analyse(piece).action and len(piece) <= 12 \
                and not split_label(piece + "，x")[2] and not PROBLEM_LEAD.match(piece):
            carry = piece
            continue
        out.append(piece)
    return out + ([carry] if carry else [])


def unwrap(label: str) -> str:
    """A label without the quotes round all of it (“巾帼心向党”：); quotes round part of it (“红色领航”工程) stay,
    and a stray one at either end goes."""
    label = label.strip()
    inner = label[1:-1]
    if len(label) > 2 and label[0] in "“\"" and label[-1] in "”\"" and not re.search("[“”\"]", inner):
        return inner
    opens, closes = label.count("“"), label.count("”")
    if opens > closes and (label.endswith("“") or label.startswith("“")):
        label = label.rstrip("“") if label.endswith("“") else label[1:]
    if closes > opens and (label.endswith("”") or label.startswith("”")):
        label = label[1:] if label.startswith("”") else label[:-1]
    return label.strip("\" ")


@cache
def _ordinal() -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(notes_vocab().ordinal_prefixes, key=len, reverse=True)))
    num = "[一二三四五六七八九十]{1,3}|\\d{1,2}"
    return re.compile(rf"^(?:第(?:{num})(?:{words})?|(?:{words})(?:{num}))\s*[：:、.．\s]\s*(?=\S)")


def without_ordinal(label: str) -> str:
    """行动一：巾帼共富行动 → 巾帼共富行动; 第三部分：工作打算 → 工作打算."""
    return _ordinal().sub("", label)


def split_label(text: str) -> tuple[str, str, bool]:
    """'维权：开展…' / '组织建设这块，…' → (label, rest, framed); framed labels (X这块、X方面) head a group."""
    text = re.sub(r"^(\d{1,2}月份?)(?=[\u4e00-\u9fff]{2,8}[：:])", "", text)  # 9月维权：… → 维权：…
    m = LABEL.match(text)
    said, rest = (m.group("label") or m.group("dashed") or m.group("tag"),
                  m.group("rest") or m.group("after") or m.group("tagged")) if m else ("", "")
    core = re.sub(r"(?:再|还)?补?[一两几]条$", "", said)  # 江滨社区（沈）补一条：…
    if m and len(said) <= MAX_LABEL and (not counted(core) or part_of_label(said)[0] in PART_NAMES):
        label = unwrap(said)
        for p in _frames(verbs=False):  # 楼栋那块我自己写：… → 楼栋
            f = p.match(label + "，x")
            if f and not counted(f.group("x")):
                return unwrap(f.group("x")), rest.strip(), True
        return label, rest.strip(), False
    for p in _frames():
        m = p.match(text)
        if m and not counted(m.group("x")) and not re.match(r"针对|为了?|对|围绕|根据|按照|结合|通过", m.group("x")):
            return unwrap(m.group("x")), m.group("rest").strip(), True
    head, sep, rest = text.partition("，")
    if sep and rest and len(head) <= 6 and not counted(head) and names_topic(head):
        if not analyse(head).action:
            return head, text, True  # 儿童托管，暑期爱心托管班……: a topic said first (dictation); it stays in the text
        if analyse(head).action == head and (has_verb(rest) or counted(rest)) and len(rest) >= 8:
            return head, rest, True  # 培训，请县农技站的老师来讲了两期: the topic named, then what was done
    return "", text, False


def place_label(label: str, text: str) -> str:
    """Put a label back in as the object when the text has none of its own (暑期托管班：7-8月办两期 …)."""
    p = analyse(text)
    if p.form == "verb_object" and not own_words(p.object):
        head = re.match(r"[\u4e00-\u9fff]*", p.object).group()  # type: ignore[union-attr]
        obj = p.object[len(head):] if head and label.endswith(head) else p.object  # 完成筛查412人 + 两癌筛查
        return p.text[: len(p.text) - len(p.object)] + label + obj
    if not own_words(text):
        return label + text
    return text


def specific_word(label: str) -> str:
    """The longest lexicon word of three or more characters in a label (两癌筛查, 四点半课堂), or ''."""
    from assistant.topics import lexicon_words

    if area_for_label(label):  # 思想引领：… names an area, which the heading says
        return ""
    return next((w for w in lexicon_words(topics_only=True) if len(w) >= 3 and w in label), "")


def says(text: str, word: str) -> bool:
    """Whether text already names what `word` names: the word itself or a longer keyword holding it (筛查 does
    not say 两癌筛查)."""
    from assistant.topics import keywords_of, topic_of_word

    topic = topic_of_word(word)
    return word in text or bool(topic and any(word in k and k in text for k in keywords_of(topic)))


def own_words(text: str) -> bool:
    """Whether text names what it is about, beyond figures and time words (7-8月办两期 does not; 开办培训班4期 does)."""
    from assistant.numbers import find_figures

    rest = text
    for f in sorted(find_figures(text), key=lambda f: f.start, reverse=True):
        rest = rest[: f.start] + rest[f.end:]
    rest = TIME_AND_MEASURE.sub("", rest)
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 3
