"""Render every bundled example's DOCX with LibreOffice and print what a ruler would show: characters on the
full body lines, lines on each page, pages, and how long the rendering took; the first page of each as a PNG.

    python bench/page_layout.py [--out out/pages]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pdf_layout import BODY_PT, RIGHT, pages  # noqa: E402

from assistant.export.docx import LINE_PT, write_docx  # noqa: E402
from assistant.export.pdf import can_render, docx_to_pdf, page_images  # noqa: E402
from assistant.ingest import read_source  # noqa: E402
from assistant.notes import parse_notes  # noqa: E402
from assistant.pipeline import draft  # noqa: E402


def main() -> None:
    """Print one row per example."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "pages")
    args = parser.parse_args()
    if not can_render():
        sys.exit("需要 LibreOffice（soffice）：apt install libreoffice-writer-nogui poppler-utils fonts-noto-cjk")
    print(f"{'示例':<32}{'页数':>4}{'满行字数（最少/中位/最多）':>18}{'各页行数':>16}{'渲染秒':>8}  第一页")
    for notes in sorted((ROOT / "examples").glob("*.txt")):
        folder = args.out / notes.stem
        start = time.perf_counter()
        pdf = docx_to_pdf(write_docx(draft(parse_notes(read_source(notes))), folder / "文稿.docx"),
                          folder / "文稿.pdf")
        took = time.perf_counter() - start
        first = page_images(pdf, folder, dpi=80)[0]
        laid = pages(pdf)
        full = [ln.width_in_chars + round(ln.indent_chars) for page in laid for ln in page
                if ln.x1 >= RIGHT - BODY_PT / 2 and ln.y1 - ln.y0 < 1.5 * BODY_PT]
        slots = [round((pg[-2].y0 - pg[0].y0) / LINE_PT) + 1 for pg in laid]  # the last line is the page number
        print(f"{notes.stem:<32}{len(laid):>4}{min(full):>10g}/{statistics.median(full):g}/{max(full):g}"
              f"{' '.join(map(str, slots)):>16}{took:>8.2f}  {first}")


if __name__ == "__main__":
    main()
