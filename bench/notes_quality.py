"""Draft every notes file in tests/data/notes_corpus (no --type) and print the defects per file.

    python bench/notes_quality.py [--part dev|holdout|fresh|blind|all] [--backend template|llm] [--show N]
                                  [--draft NAME]

--backend llm drafts through whatever model is configured (FULIAN_* settings), so a unit that deploys a
model can measure it on the same table as the offline writer.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from notes_scorer import CATEGORIES, PARTS, Case, Score, cases, score  # noqa: E402

from assistant.errors import InputError  # noqa: E402
from assistant.export.markdown import to_markdown  # noqa: E402
from assistant.schemas import Document  # noqa: E402
from assistant.service.drafting import Notes, draft  # noqa: E402
from assistant.service.model import TEMPLATE, using  # noqa: E402

if TYPE_CHECKING:
    from assistant.llm.writer import LLMWriter

SHORT = {"title": "标题", "label": "标签", "noise": "噪声", "programme": "编造", "register": "语域", "part": "缺部分",
         "missing": "缺项", "misplaced": "错位", "private": "隐私", "repeat": "重复", "garbled": "乱码"}


def run(case: Case, model: LLMWriter | None) -> tuple[Document, Score, float]:
    """Draft one case and score it."""
    start = time.perf_counter()
    try:
        doc = draft(Notes(source=case.notes_path), choice=using(model) if model else TEMPLATE).document
    except InputError as e:  # a refused file is one defect per gold item: nothing was drafted
        doc = Document(title=f"（未起草：{e}）")
    return doc, score(doc, case), time.perf_counter() - start


def main() -> None:
    """Print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", default="dev", choices=[*PARTS, "all"])
    ap.add_argument("--backend", default="template", choices=["template", "llm"])
    ap.add_argument("--show", type=int, default=3, help="evidence lines per file")
    ap.add_argument("--draft", default="", help="print the whole draft of files whose name contains this")
    args = ap.parse_args()
    model = None
    if args.backend == "llm":
        from assistant.llm.writer import LLMWriter
        model = LLMWriter()
    rows = cases(args.part)
    head = f"{'文件':<40}" + "".join(f"{SHORT[c]:>5}" for c in CATEGORIES) + f"{'合计':>6}{'秒':>7}"
    print(head)
    totals = dict.fromkeys(CATEGORIES, 0)
    clean = 0
    for case in rows:
        doc, s, secs = run(case, model)
        counts = {c: len(v) for c, v in s.defects.items()}
        for c in CATEGORIES:
            totals[c] += counts[c]
        clean += s.total == 0
        print(f"{case.name:<40}" + "".join(f"{counts[c]:>6}" for c in CATEGORIES) + f"{s.total:>7}{secs:>7.2f}")
        shown = [f"{c}: {e}" for c, v in s.defects.items() for e in v][: args.show]
        for line in shown:
            print(f"    {line}")
        if args.draft and args.draft in case.name:
            print(to_markdown(doc))
    print(f"{'合计':<38}" + "".join(f"{totals[c]:>6}" for c in CATEGORIES) + f"{sum(totals.values()):>7}")
    print(f"{len(rows)} 份笔记，{clean} 份没有缺陷")


if __name__ == "__main__":
    main()
