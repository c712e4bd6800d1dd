"""Normalise what staff type: full-width digits, half-width punctuation among Chinese, stray spaces."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import opencc

CJK = r"\u3400-\u9fff\uf900-\ufaff"
_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ％．]")
_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_NEAR_CJK = re.compile(rf"(?<=[{CJK}）”])\s*([,;:!?])|([,;:!?])\s*(?=[{CJK}“（])")
_PARENS = re.compile(rf"\(([^()\n]*[{CJK}][^()\n]*)\)")
_QUOTES = re.compile(r"\"([^\"\n]+)\"")
_FIGURE_GAP = re.compile(r"(\d[^\s\d，。；]{0,3})[ \t\u3000]+(?=\d)")
_MARKS = "，。；：、！？“”（）《》"
_SPACE_CJK = re.compile(rf"(?<=[{CJK}{_MARKS}])[ \t\u3000]+|[ \t\u3000]+(?=[{CJK}{_MARKS}])")


def normalize(text: str) -> str:
    """Half-width digits, full-width punctuation between Chinese characters, no spaces around Chinese."""
    text = re.sub(r"(?<=\d)[ \t\u3000]+(?=[%％])", "", text)  # 12 % → 12%
    text = _FULLWIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _PARENS.sub(r"（\1）", text)
    text = _QUOTES.sub(r"“\1”", text)
    text = _NEAR_CJK.sub(lambda m: _PUNCT[m.group(1) or m.group(2)], text)
    text = _FIGURE_GAP.sub(r"\1，", text)
    text = _SPACE_CJK.sub("", text)
    return text.strip()


def strip_end_punct(text: str) -> str:
    """Drop trailing sentence punctuation so a clause can be embedded in a sentence."""
    return text.rstrip("。；;，,、.！!？? \t")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text in simplified characters, character for character where OpenCC allows."""
    simple = _t2s().convert(text)
    if len(simple) != len(text):
        simple = "".join(_t2s().convert(ch) for ch in text)
    return simple
