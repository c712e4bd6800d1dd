"""Hostile and unlucky inputs, generated (not committed): long lines with no sentence end, runs of one character,
numbering marks of every kind, control characters, lone surrogates, deep nesting, unbalanced brackets."""

from __future__ import annotations

import random
from collections.abc import Iterator

N = 200_000  # characters: four times the notes limit, twice the checker's


# name → the run repeated to fill the text (a prefix before it where one is given)
RUNS: dict[str, str] = {
    "no sentence end": "开展巾帼宣讲活动，覆盖妇女群众",
    "one character": "妇",
    "digits": "1234567890",
    "digits and units": "12场3人次4万元5户",
    "chinese numerals": "一二三四五六七八九十百千万",
    "approx chinese": "三十余",
    "totals": "共累计总计合计",
    "total then parts": "共开展活动12场其中",
    "brackets": "（（（（",
    "quotes": "“开展",
    "book titles": "《中国妇女",
    "spaces": "开展 活动 ",
    "latin": "abcdefghij",
    "underscores": "_",
    "x marks": "××",
    "years": "2025年",
    "dates": "2025年12月",
    "pinyin": "妇（fù",
    "numbering marks": "（一）1.（1）①一是",
    "circled at line starts": "①开展活动\n",
    "many short lines": "开展活动。\n",
    "names and titles": "王秀兰主席",
    "id-like digits": "11010519491231002X",
    "phone-like digits": "13800138000",
    "formulations": "十九大十九届",
    "colons": "：",
    "semicolons": "；",
    "commas": "，",
    "dashes": "—",
    "percent": "百分之九十九点",
    "unclosed placeholder": "开展活动",
    "one long line of a document": "加强组织建设，",
}
PREFIX = {"unclosed placeholder": "【待补", "one long line of a document": "一、"}


def shapes(n: int = N) -> Iterator[tuple[str, str]]:
    """(name, text) pairs that have made regex-based text handling slow or made it crash."""
    for name, run in RUNS.items():
        yield name, PREFIX.get(name, "") + (run * (n // len(run) + 1))[:n]
    pick = random.Random(7).choice
    yield "mixed random", "".join(pick("开展妇女活动12场，。；：“”（）《》①一、\n ") for _ in range(n))


def control_and_surrogates() -> str:
    """Notes with control characters (below the 5 % the reader allows) and a lone surrogate."""
    return ("石桥镇妇联2026年工作计划\n- 开展巾帼宣讲\x0b30场\x07，覆盖\x1b妇女1000人次\n- 新建妇女微家\ud8005个\n"
            "- 举办家庭教育讲座12期，覆盖家长600人次\n- 组织适龄妇女两癌筛查800人\n- 评选最美家庭20户\n")


def nested_json(depth: int = 10_000) -> str:
    """A facts file nested far deeper than any real one."""
    return "[" * depth + "]" * depth


def nested_yaml(depth: int = 10_000) -> str:
    """The same in YAML flow style."""
    return "a: " + "[" * depth + "]" * depth + "\n"


def zip_bomb(megabytes: int = 300) -> bytes:
    """A 'docx' of about 300 KB whose word/document.xml unpacks to `megabytes` MB of spaces."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            for _ in range(megabytes):
                f.write(b" " * (1 << 20))
    return buf.getvalue()


PIECES = ["开展巾帼宣讲", "30场", "，覆盖妇女", "1000人次", "①", "②", "（一）", "1.", "一是", "\x0b", "\x07", "\ud800",
          "\u200b", "【待补", "】", "××", "2025年", "12月", "“", "”", "《", "》", "（", "）", "；", "。", "\n", "- ",
          "  ", "\t", "百分之九十", "近万人", "第一名", "王秀兰", "家暴", "110105194912310021", "13800138000",
          "十九大", "一、", "二、", "存在问题", "下一步", "石桥镇妇联", "工作计划", "工作总结", "#", "|", ":", "·"]


def fuzz_notes(seed: int) -> str:
    """Random notes from pieces that have broken readers before (marks, controls, surrogates, names, IDs)."""
    rnd = random.Random(seed)
    lines = ["石桥镇妇联2026年工作计划" if rnd.random() < 0.7 else ""]
    for _ in range(rnd.randint(1, 30)):
        lines.append("".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 12))))
    if rnd.random() < 0.1:
        lines.append("（" * rnd.randint(50, 400) + "开展活动")
    if rnd.random() < 0.1:
        lines.append("开展活动，" * rnd.randint(200, 2000))
    return "\n".join(lines)
