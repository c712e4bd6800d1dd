"""Find figures in Chinese text: 30场, 200余人次, 近5万元, 三十余名, 95%, 2026年, 3月8日, 《…》."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from assistant.prompts import units
from assistant.vocab import Y

CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"


@dataclass(frozen=True)
class Figure:
    """A figure found in text, with its span."""

    start: int
    end: int
    text: str
    value: str
    number: float | None
    unit: str
    approx: str
    kind: str  # number | year | date | title


def _alt(words: list[str]) -> str:
    """A regex alternation, longest words first so 人次 wins over 人."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled patterns for Arabic figures, Chinese-numeral figures and idioms."""
    u = units()
    pre, suf, post, unit = _alt(u.approx_prefix), _alt(u.approx_suffix), _alt(u.approx_post), _alt(u.units)
    arabic = re.compile(
        rf"(?P<pre>{pre})?(?P<num>\d+(?:[.,]\d+)*)(?P<mul>万|亿)?(?P<suf>{suf})?"
        rf"(?P<unit>{unit})?(?P<post>{post})?"
    )
    chinese = re.compile(
        rf"(?P<pre>{pre})?(?<![{CN_DIGITS}])(?P<num>[{CN_DIGITS}]+)(?P<suf>{suf})?(?P<unit>{unit})(?P<post>{post})?"
    )  # a number starts only where a run of numerals starts: one try per run, linear on 一二三四…
    idioms = re.compile(_alt(u.idioms))
    return arabic, chinese, idioms


DAY_NAME = re.compile(r"(?<![\d.])\d{1,2}·\d{1,2}(?![\d.])")  # “12·4”国家宪法日, “3·8”: a day's name, not a count
DATE = re.compile(
    rf"(?:(?P<y>{Y})年)?(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])日)?"
)
YEAR = re.compile(rf"(?<!\d)(?P<y>{Y})(?:(?:—|-|－|至|~|～)(?P<y2>{Y}))?年")
TITLE = re.compile(r"《[^《》\n]{1,60}》")


def cn_value(num: str) -> float | None:
    """Convert Chinese numerals (三十, 两千五) to a number, or None when it is not a number."""
    import cn2an  # ~0.2 s to import: only when a figure is written in Chinese numerals

    try:
        return float(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace spans with a neutral character so later patterns skip them but offsets stay."""
    chars = list(text)
    for s, e in spans:
        chars[s:e] = "□" * (e - s)
    return "".join(chars)


def find_figures(text: str) -> list[Figure]:
    """Every figure in text, in order: titles, dates, years, then counts with their units."""
    return list(_figures(text))


@lru_cache(maxsize=16384)  # the same item text is read for its figures at every step of a draft
def _figures(text: str) -> tuple[Figure, ...]:
    arabic, chinese, idioms = _patterns()
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for m in TITLE.finditer(text):
        found.append(Figure(m.start(), m.end(), m.group(), m.group()[1:-1], None, "", "", "title"))
        taken.append(m.span())
    work = _masked(text, taken)
    for m in DATE.finditer(work):
        found.append(Figure(m.start(), m.end(), m.group(), m.group(), None, "", "", "date"))
        taken.append(m.span())
    work = _masked(text, taken)
    for m in YEAR.finditer(work):
        found.append(Figure(m.start(), m.end(), m.group(), m.group("y"), float(m.group("y")), "年", "", "year"))
        taken.append(m.span())
    taken.extend(m.span() for m in idioms.finditer(text))
    taken.extend(m.span() for m in DAY_NAME.finditer(text))
    work = _masked(text, taken)
    for m in arabic.finditer(work):
        digits = m.group("num").replace(",", "")
        try:
            number = float(digits)
        except ValueError:
            number = None
        if number is not None and m.group("mul"):
            number *= 10_000 if m.group("mul") == "万" else 100_000_000
        unit = (m.group("mul") or "") + (m.group("unit") or "")
        found.append(_figure(m, number, unit))
        taken.append(m.span())
    work = _masked(text, taken)
    for m in chinese.finditer(work):
        number = cn_value(m.group("num"))
        if number is None:
            continue
        found.append(_figure(m, number, m.group("unit")))
    found.sort(key=lambda f: f.start)
    return tuple(found)


def _figure(m: re.Match[str], number: float | None, unit: str) -> Figure:
    """Build a count figure from a match."""
    approx = "".join(g for g in (m.group("pre"), m.group("suf"), m.group("post")) if g)
    return Figure(m.start(), m.end(), m.group(), m.group("num"), number, unit, approx, "number")


def same_unit(a: str, b: str) -> bool:
    """Whether two units count the same thing (场 = 场次, 人 = 名)."""
    if a == b:
        return True
    base_a, base_b = a.lstrip("万亿"), b.lstrip("万亿")
    if base_a == base_b:
        return True
    return any(base_a in group and base_b in group for group in units().same_unit)


def has_figure(text: str) -> bool:
    """Whether text carries any figure, year, date or title."""
    return bool(find_figures(text))


def counted(text: str) -> bool:
    """Whether text carries a count figure (30场, 5万元, 三十余人), not just a date or a year."""
    return any(f.kind == "number" for f in find_figures(text))
