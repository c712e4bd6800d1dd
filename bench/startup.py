"""Print how long `fulian` takes to start for the quick jobs (median wall time of fresh processes, as a user runs
them), and which heavy stacks each job imports. Target: `fulian --help` and `fulian check` under 0.5 s; the model
stack (langchain, openai) and the UI stack (gradio) imported only by the jobs that use them.

Run with the bytecode cache allowed (the normal case after `pip install`): PYTHONDONTWRITEBYTECODE is dropped for
the measured processes, and one warm-up run fills the cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "石桥镇妇联2025年工作总结\n\n一、组织建设\n\n全年开展宣讲46场,覆盖妇女1800人次。\n"
STACKS = ("langchain_core", "openai", "gradio", "cn2an", "docx", "pydantic_settings")
PROBE = """
import runpy, sys
sys.argv = ["fulian", *sys.argv[1:]]
try:
    runpy.run_module("assistant", run_name="__main__")
except SystemExit:
    pass
print("STACKS", *[m for m in {stacks} if m in sys.modules], file=sys.stderr)
"""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("FULIAN_")}
    return env | {"COLUMNS": "100"}


def _median(args: list[str], cwd: Path, runs: int) -> float:
    """Median seconds of `python -m assistant ARGS` in fresh processes (after one warm-up run)."""
    times = []
    for n in range(runs + 1):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, env=_env(), capture_output=True,
                       check=False)
        if n:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def _stacks(args: list[str], cwd: Path) -> str:
    """The heavy packages a job imports."""
    code = PROBE.format(stacks=STACKS)
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=_env(), capture_output=True, text=True,
                          check=False)
    line = next((ln for ln in proc.stderr.splitlines() if ln.startswith("STACKS")), "STACKS ?")
    return " ".join(line.split()[1:]) or "（无）"


def main() -> None:
    """Print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    runs = ap.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        (cwd / "a.txt").write_text(SAMPLE, encoding="utf-8")
        notes = ROOT / "examples" / "town_plan_2026.txt"
        jobs = {"fulian --help": ["--help"], "fulian check a.txt": ["check", "a.txt"],
                "fulian draft （离线，.md）": ["draft", str(notes), "-b", "template", "-o", "a.md"],
                "fulian draft （离线，.docx）": ["draft", str(notes), "-b", "template", "-o", "a.docx"]}
        bare = statistics.median(_once([sys.executable, "-c", "pass"]) for _ in range(runs))
        print(f"Python 本身启动：{bare:.2f} s（本机基线）")
        print(f"{'命令':<28}{'中位数':>8}  导入的重型依赖")
        for name, args in jobs.items():
            print(f"{name:<28}{_median(args, cwd, runs):>7.2f}s  {_stacks(args, cwd)}")


def _once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=_env(), capture_output=True, check=False)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
