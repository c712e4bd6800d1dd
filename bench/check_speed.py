"""How long `fulian check` takes on 100 000 characters of mixed text (target: under 1 s on this machine)."""

from __future__ import annotations

import random
import statistics
import time

from assistant.checks import check, fix
from assistant.checks.base import RULES
from assistant.resources import examples_dir

SIZE = 100_000
RUNS = 5


def corpus() -> str:
    """The bundled example drafts plus planted-error sentences, shuffled into 100 000 characters."""
    clean = [p.read_text("utf-8") for p in sorted(examples_dir().glob("*.md"))]
    dirty = ["开展活动,参与妇女300人次;", "1、加强组织建设", "深入学习贯彻党的十九大精神。", "XX镇妇联",
             "婦聯(lián)工作", "共创建2860户，其中示范户2860户、精品户1120户。", "为困境儿童王小明送去学习用品。",
             "2023-2025年"]
    rng = random.Random(1)
    parts: list[str] = []
    while sum(map(len, parts)) < SIZE:
        parts.append(rng.choice(clean) if rng.random() < 0.7 else rng.choice(dirty) + "\n")
    return "".join(parts)[:SIZE]


def main() -> None:
    text = corpus()
    check(text)  # load data files and compile patterns once
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        report = check(text)
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    _, applied = fix(text)
    fix_time = time.perf_counter() - start
    print(f"{len(text)} characters, {len(RULES)} rules: check median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}); {len(report.findings)} findings, "
          f"{len(report.errors)} errors")
    print(f"--fix until nothing safe is left: {fix_time:.3f} s, {len(applied)} fixes")


if __name__ == "__main__":
    main()
