"""汇总 speed: 20 township 总结 (the test corpus, with renamed copies to make up the number) → table + county
draft offline; prints the time of each stage (aim: under 3 s in all).

    python bench/rollup_speed.py [--files 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.export.markdown import to_markdown  # noqa: E402
from assistant.service.rollup import read_sources, rollup, write_table  # noqa: E402

DATA = ROOT / "tests" / "data" / "rollup"
RENAMED = "甲乙丙丁戊己庚辛壬癸"


def corpus(folder: Path, count: int) -> list[Path]:
    """count files: every test document, then copies whose unit is renamed (甲镇, 乙镇 …)."""
    originals = sorted(p for part in ("dev", "holdout") for p in (DATA / part).glob("*") if p.suffix in (".txt",
                                                                                                       ".docx"))
    out = list(originals)
    n = 0
    while len(out) < count:
        src = originals[n % len(originals)]
        if src.suffix == ".txt":
            raw = src.read_bytes()
            encoding = "gbk" if "gbk" in src.name else "utf-8"
            text = raw.decode(encoding)
            name = src.stem.split("_")[1][:-1] if "_" in src.stem else src.stem
            copy = folder / f"{RENAMED[n % len(RENAMED)]}{n}_{src.name}"
            copy.write_bytes(text.replace(name, RENAMED[n % len(RENAMED)] + str(n)).encode(encoding))
            out.append(copy)
        n += 1
    return out[:count]


def main() -> None:
    """Time reading, tabulating and drafting."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = corpus(Path(tmp), args.files)
        start = time.perf_counter()
        sources = read_sources(files)  # type: ignore[arg-type]
        read_s = time.perf_counter() - start
        done = rollup([], "某县妇联", None, None, sources)
        draft_s = time.perf_counter() - start - read_s
        write_table(done.table, Path(tmp) / "汇总表.xlsx")
        table_s = time.perf_counter() - start - read_s - draft_s
        text = to_markdown(done.document)
    total = time.perf_counter() - start
    figures = sum(len(s.readings) for s in sources)
    print(f"{len(files)} 份总结，{figures} 个数字，{len(done.table.totals)} 项指标，{len(done.table.flags)} 条需核对，"
          f"汇总稿 {len(text)} 字")
    print(f"读取 {read_s:.2f} s  汇总+起草 {draft_s:.2f} s  写 .xlsx {table_s:.2f} s  合计 {total:.2f} s"
          f"（目标 3 s 以内：{'达到' if total < 3 else '未达到'}）")


if __name__ == "__main__":
    main()
