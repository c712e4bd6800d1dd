"""Numbers (GB/T 15835—2011): one style per document, well-formed ranges, full years, totals that add up."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.checks.base import Context, Hit, rule
from assistant.numbers import find_figures
from assistant.vocab import Y

CN_DIGIT = "零〇一二两三四五六七八九十百千万亿"
APPROX_ARABIC = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:万|亿)?(?=余|多)")
APPROX_CHINESE = re.compile(rf"(?<![\d{CN_DIGIT}第])[一二两三四五六七八九]?[十百千万][{CN_DIGIT}]*(?=余|多)")
HYPHEN_YEARS = re.compile(rf"(?<!\d)({Y})[-－–](?:{Y})(?=年)")
HYPHEN_RANGE = re.compile(r"(?<![\d-])(\d+(?:\.\d+)?)[-－–~](\d+(?:\.\d+)?)(?=[年月日天个场人次户名期%％万元]|[^\d])")
RANGE_UNIT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([～~—])(\d+(?:\.\d+)?)(万元|亿元|万|亿|%|％)")
SHORT_YEAR = re.compile(r"(?<![\d年])([0-9]{2})年(?=[0-9]{1,2}月)")
PADDED_DATE = re.compile(r"(?<=年)0(\d)月|(?<=月)0(\d)日")
ZERO_YEAR = re.compile(r"[一二][零〇][一二三四五六七八九零〇][一二三四五六七八九零〇](?=年)")
FULLWIDTH_DIGITS = re.compile(r"[０-９]+")
APPROX_DUNHAO = re.compile(r"(?<![\d一二三四五六七八九十])([一二三四五六七八九]|\d)、([一二三四五六七八九]|\d)"
                           r"(?=[个场次名户人天年月期批])")
PERCENT_CN = re.compile(r"百分之[一二三四五六七八九十零点]+")
TOTAL = re.compile(r"(?:共|累计|总计|合计)[^，。；]{0,12}?(\d+(?:\.\d+)?)(万)?([户人名场次个期家项元]+)"
                   r"[^。；]{0,6}?其中([^。；]+)")


@rule("numbers.mixed_forms", "numbers", "warning", "标准", "GB/T 15835—2011：同一文件数字写法保持一致",
      "概数写法不一")
def mixed_forms(ctx: Context) -> Iterator[Hit]:
    """二百余场 and 200余场 in one document: flag the less common form."""
    arabic = list(APPROX_ARABIC.finditer(ctx.text))
    chinese = list(APPROX_CHINESE.finditer(ctx.text))
    if arabic and chinese:
        minority = chinese if len(chinese) <= len(arabic) else arabic
        style = "汉字" if minority is chinese else "阿拉伯数字"
        for m in minority:
            yield Hit(m.start(), m.end(), f"同一文件里概数既用阿拉伯数字又用汉字，此处用了{style}，请统一")


@rule("numbers.range", "numbers", "error", "标准", "GB/T 15834—2011 4.13、GB/T 15835—2011：数值范围的写法",
      "数值范围写法", safe=True)
def ranges(ctx: Context) -> Iterator[Hit]:
    """2023-2025年 → 2023—2025年; 3-5年 → 3～5年; 13～17万元 → 13万～17万元; 15～30% → 15%～30%."""
    seen: set[int] = set()
    for m in HYPHEN_YEARS.finditer(ctx.text):
        dash = m.start() + 4
        seen.add(dash)
        yield Hit(dash, dash + 1, "起止年份之间用一字线“—”", "—")
    for m in HYPHEN_RANGE.finditer(ctx.text):
        dash = m.end(1)
        if dash not in seen and not _looks_like_date_or_code(ctx.text, m.start(), m.end()):
            yield Hit(dash, dash + 1, "数值范围用浪纹线“～”", "～")
    for m in RANGE_UNIT.finditer(ctx.text):
        unit = m.group(4)
        lead = unit[:-1] if unit in ("万元", "亿元") else unit
        fixed = f"{m.group(1)}{lead}{m.group(2)}{m.group(3)}{unit}"
        yield Hit(m.start(), m.end(), f"数值范围前一个数也要写单位，写作“{fixed}”", fixed)


def _looks_like_date_or_code(text: str, start: int, end: int) -> bool:
    """2025-03-08, phone numbers, document numbers: not ranges."""
    around = text[max(0, start - 1): end + 3]
    return bool(re.search(r"\d-\d+-\d|\d{5,}", around))


@rule("numbers.short_year", "numbers", "error", "惯例", "年份写全称，不简写", "年份简写")
def short_year(ctx: Context) -> Iterator[Hit]:
    """25年3月."""
    for m in SHORT_YEAR.finditer(ctx.text):
        yield Hit(m.start(), m.end(), f"年份“{m.group()}”不要简写，应写全称", f"20{m.group(1)}年")


@rule("numbers.padded_date", "numbers", "error", "国标", "GB/T 9704—2012 §7.3.5：月、日不编虚位（1 不编为 01）",
      "月日编虚位", safe=True)
def padded_date(ctx: Context) -> Iterator[Hit]:
    """2025年03月08日."""
    for m in PADDED_DATE.finditer(ctx.text):
        digit = m.group(1) or m.group(2)
        yield Hit(m.start(), m.start() + 2, f"“0{digit}”不编虚位，写作“{digit}”", digit)


@rule("numbers.zero_in_year", "numbers", "error", "标准", "GB/T 15835—2011：年份中的零写作“〇”", "年份用“零”",
      safe=True)
def zero_in_year(ctx: Context) -> Iterator[Hit]:
    """二零二五年 → 二〇二五年."""
    for m in ZERO_YEAR.finditer(ctx.text):
        if "零" in m.group():
            yield Hit(m.start(), m.end(), "汉字年份中的零写作“〇”", m.group().replace("零", "〇"))


@rule("numbers.fullwidth_digits", "numbers", "warning", "惯例", "阿拉伯数字用半角", "全角数字", safe=True)
def fullwidth_digits(ctx: Context) -> Iterator[Hit]:
    """２０２５ → 2025."""
    for m in FULLWIDTH_DIGITS.finditer(ctx.text):
        half = "".join(chr(ord(c) - 0xFEE0) for c in m.group())
        yield Hit(m.start(), m.end(), f"全角数字“{m.group()}”应为半角", half)


@rule("numbers.approx_dunhao", "numbers", "error", "标准", "GB/T 15835—2011：相邻两数连用表示概数时不用顿号，用汉字",
      "概数加顿号", safe=True)
def approx_dunhao(ctx: Context) -> Iterator[Hit]:
    """三、四场 / 3、4场 → 三四场."""
    for m in APPROX_DUNHAO.finditer(ctx.text):
        a, b = (str(_cn(x)) for x in (m.group(1), m.group(2)))
        if _value(a) + 1 == _value(b):
            yield Hit(m.start(), m.end(), f"概数“{m.group()}”不加顿号，写作“{a}{b}”", a + b)


def _cn(token: str) -> str:
    return "一二三四五六七八九"[int(token) - 1] if token.isdecimal() else token


def _value(token: str) -> int:
    return "一二三四五六七八九".index(token) + 1


@rule("numbers.percent_in_words", "numbers", "warning", "惯例", "统计数据中的百分比用阿拉伯数字", "百分比用汉字")
def percent_in_words(ctx: Context) -> Iterator[Hit]:
    """百分之三十 → 30%."""
    for m in PERCENT_CN.finditer(ctx.text):
        yield Hit(m.start(), m.end(), f"“{m.group()}”宜写作阿拉伯数字加“%”")


@rule("numbers.total_parts", "numbers", "warning", "惯例", "合计与分项应能对上", "合计小于分项")
def total_parts(ctx: Context) -> Iterator[Hit]:
    """共创建2860户，其中示范户2860户、精品户1120户."""
    for m in TOTAL.finditer(ctx.text):
        total = float(m.group(1)) * (10000 if m.group(2) else 1)
        unit = m.group(3)
        parts = [f for f in find_figures(m.group(4)) if f.kind == "number" and f.unit == unit and f.number]
        if len(parts) >= 2 and sum(f.number or 0 for f in parts) > total:
            yield Hit(m.start(), m.end(), f"合计{m.group(1)}{m.group(2) or ''}{unit}小于各分项之和"
                      f"{sum(f.number or 0 for f in parts):g}{unit}，请核对（如分项有交叉请忽略）")
