"""Rewrite every old document in tests/data/old_docs to 2026 in both modes and print the defects per file.

    python bench/old_docs.py [--part dev|holdout|all] [--show NAME]

--show prints one document's two rewrites in full, to read as an office director would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from old_docs_scorer import CATEGORIES, SHORT, cases, run  # noqa: E402

from assistant.choices import Mode  # noqa: E402
from assistant.export.markdown import to_markdown  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="dev", choices=["dev", "holdout", "all"])
    parser.add_argument("--show", default="")
    args = parser.parse_args()
    head = f"{'文件':44s}{'方式':6s}" + "".join(f"{SHORT[c]:>6s}" for c in CATEGORIES)
    print(head)
    totals = dict.fromkeys(CATEGORIES, 0)
    clean = count = 0
    examples: list[str] = []
    for case in cases(args.part):
        for mode in (Mode.summary, Mode.plan):
            done, s = run(case, mode)
            count += 1
            clean += s.total == 0
            print(f"{case.name:44s}{mode.value:6s}" + "".join(f"{len(s.found[c]):6d}" for c in CATEGORIES))
            for c in CATEGORIES:
                totals[c] += len(s.found[c])
                examples += [f"  {case.name} {mode.value} {SHORT[c]}：{x}" for x in s.found[c][:3]]
            if args.show and args.show in case.name and done is not None:
                print(to_markdown(done.document))
                print(done.verify_note())
    print(f"{'合计':44s}{'':6s}" + "".join(f"{totals[c]:6d}" for c in CATEGORIES))
    print(f"{count} 份改写，{clean} 份没有缺陷")
    print("\n".join(examples[:80]))


if __name__ == "__main__":
    main()
