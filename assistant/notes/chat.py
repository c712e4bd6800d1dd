"""Chat-group exports (WeChat, QQ, 钉钉): find the messages, and keep speakers and timestamps out of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.vocab import Y

NAME = r"[\u4e00-\u9fffA-Za-z0-9_·•\-（）()]{1,12}?(?:\s[\u4e00-\u9fffA-Za-z0-9_·•]{1,8}?)?"  # 镇妇联 戴琳
TIME = r"(?:(?:上午|下午|晚上|中午|早上|凌晨)\s*)?\d{1,2}:\d{2}(?::\d{2})?"
DATE = rf"(?:{Y}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?|\d{{1,2}}[-/.月]\d{{1,2}}日?)"
INLINE = re.compile(rf"^\[?(?:{DATE}\s*)?{TIME}\]?\s+(?P<name>{NAME})\s*[：:]\s*(?P<msg>.+)$")
HEAD_TIME_FIRST = re.compile(rf"^\[?(?:{DATE}\s*)?{TIME}\]?\s+(?P<name>{NAME})\s*[：:]?$")
HEAD_NAME_FIRST = re.compile(rf"^(?P<name>{NAME})\s+(?:{DATE}\s*)?{TIME}\s*[：:]?$")
DATE_LINE = re.compile(rf"^[—\-=\s]*(?:{DATE}(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*{TIME})?)[—\-=\s]*$")
MENTION = re.compile(r"@(?:全体成员|所有人|[\u4e00-\u9fffA-Za-z0-9_]{1,8})\s*")
YEAR = re.compile(rf"(?<!\d)({Y})(?=[-/.年])")


@dataclass
class ChatLine:
    """One line of notes after the chat wrapping is taken off."""

    text: str
    speaker: str = ""
    wrapper: str = ""  # what was taken off (a timestamp, a speaker), or why the whole line is not a message


@dataclass
class Chat:
    """What a chat export says apart from its messages."""

    is_chat: bool = False
    speakers: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def _speaker_ok(name: str) -> bool:
    """A speaker is a short name or nickname, not a sentence."""
    return bool(name) and len(name) <= 20 and not re.search(r"[，。；！？]", name)


def read_chat(lines: list[str]) -> tuple[Chat, list[ChatLine]]:
    """Strip timestamps and speakers from a chat export; other notes come back unchanged."""
    hits = sum(1 for x in lines if _match(x.strip()))
    chat = Chat(is_chat=hits >= 2)
    if not chat.is_chat:
        return chat, [ChatLine(x) for x in lines]
    out: list[ChatLine] = []
    speaker = ""
    for raw in lines:
        line = raw.strip()
        chat.years += [int(y) for y in YEAR.findall(line)] if _match(line) or DATE_LINE.match(line) else []
        m = INLINE.match(line)
        if m and _speaker_ok(m.group("name")):
            speaker = m.group("name")
            _remember(chat, speaker)
            out.append(ChatLine(MENTION.sub("", m.group("msg")), speaker, "聊天记录的时间和发言人"))
            continue
        m = HEAD_TIME_FIRST.match(line) or HEAD_NAME_FIRST.match(line)
        if m and _speaker_ok(m.group("name")):
            speaker = m.group("name")
            _remember(chat, speaker)
            out.append(ChatLine("", speaker, "聊天记录的时间和发言人"))
            continue
        if line and DATE_LINE.match(line):
            out.append(ChatLine("", "", "聊天记录的日期"))
            continue
        name, sep, msg = line.partition("：") if "：" in line else line.partition(":")
        if sep and name in chat.speakers and msg.strip():
            out.append(ChatLine(MENTION.sub("", msg.strip()), name, "聊天记录的发言人"))
            continue
        out.append(ChatLine(MENTION.sub("", raw), speaker))
    return chat, out


def _match(line: str) -> bool:
    """Whether a line carries a chat timestamp with a speaker."""
    for pattern in (INLINE, HEAD_TIME_FIRST, HEAD_NAME_FIRST):
        m = pattern.match(line)
        if m and _speaker_ok(m.group("name")):
            return True
    return False


def _remember(chat: Chat, speaker: str) -> None:
    if speaker not in chat.speakers:
        chat.speakers.append(speaker)
