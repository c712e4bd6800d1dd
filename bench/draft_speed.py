"""Print how long parse + draft and DOCX export take for each bundled example (median of several runs)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from assistant.export.docx import write_docx
from assistant.ingest import read_source
from assistant.notes import parse_notes
from assistant.pipeline import draft
from assistant.prompts import clear_caches
from assistant.resources import examples_dir

RUNS = 20


def _median_ms(fn) -> float:  # type: ignore[no-untyped-def]
    """Median wall time of fn() in milliseconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print one line per example."""
    clear_caches()
    start = time.perf_counter()
    parse_notes("- 开展读书会6场")
    print(f"首次加载提示词库：{(time.perf_counter() - start) * 1000:.1f} ms")
    print(f"{'示例':<34}{'解析+起草':>10}{'导出DOCX':>10}{'字数':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for notes in sorted(examples_dir().glob("*.txt")):
            text = read_source(notes)
            doc = draft(parse_notes(text))
            t_draft = _median_ms(lambda text=text: draft(parse_notes(text)))
            t_docx = _median_ms(lambda doc=doc: write_docx(doc, Path(tmp) / "x.docx"))
            chars = sum(len(p.text) for p in doc.paragraphs())
            print(f"{notes.stem:<36}{t_draft:>8.1f} ms{t_docx:>8.1f} ms{chars:>6}")


if __name__ == "__main__":
    main()
