"""Time and peak memory of the worst inputs (tests/hostile/inputs.py) through every job: check and fix, polish,
draft, rewrite on 200 000 / 50 000 characters of each shape, and a zip-bomb .docx. Prints one line per job with
the slowest shape; each job runs in its own process so the peak memory is its own. Then the CLI matrix
(tests/hostile/cli_matrix.py): every command on every hostile file as a user runs it, with its exit code, seconds
and peak memory against the envelope of 5 s and 300 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

JOB = r'''
import json, resource, sys, time
sys.path.insert(0, "tests")
from hostile.inputs import shapes, zip_bomb
from assistant.errors import InputError
job, size = sys.argv[1], int(sys.argv[2])
worst = (0.0, "")
def run(name, fn):
    global worst
    start = time.perf_counter()
    try:
        fn()
    except InputError:
        pass
    took = time.perf_counter() - start
    worst = max(worst, (took, name))
if job == "bomb":
    from assistant.ingest import docx_text
    data = zip_bomb(1024)
    run("1 GiB document.xml in a 1 MB .docx", lambda: docx_text(data, "bomb.docx"))
else:
    from assistant.checks import check, fix
    from assistant.polish import polish_text
    from assistant.service.drafting import Notes, draft
    from assistant.service.rewriting import OldDocument, rewrite
    from assistant.choices import Mode
    jobs = {"check+fix": lambda t: (check(t, 2025), fix(t, 2025)), "polish": lambda t: polish_text(t, 2025),
            "draft": lambda t: draft(Notes(text="石桥镇妇联2026年工作计划\n" + t)),
            "rewrite": lambda t: rewrite(OldDocument("石桥镇妇联2025年工作总结\n" + t), 2026, Mode.summary, {}, None)}
    for name, text in shapes(size):
        run(name, lambda: jobs[job](text))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"job": job, "size": size, "worst_s": round(worst[0], 2), "worst": worst[1], "peak_mb": round(peak)}))
'''


def main() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from hostile.inputs import shapes

    count = len(list(shapes(1)))
    for job, size in (("check+fix", 200_000), ("polish", 200_000), ("draft", 49_000), ("rewrite", 49_000),
                      ("bomb", 0)):
        proc = subprocess.run([sys.executable, "-c", JOB, job, str(size)], cwd=ROOT, capture_output=True, text=True,
                              timeout=1800, check=True)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        size_note = f"{r['size']} 字 × {count} shapes" if size else "one file"
        print(f"{r['job']:10s} {size_note:22s} slowest {r['worst_s']:6.2f} s ({r['worst']}), peak {r['peak_mb']} MB")
    cli_matrix()


def cli_matrix() -> None:
    """Each command line on each hostile file in its own process: exit code, wall seconds, peak resident MB."""
    from hostile.cli_matrix import commands, write_inputs

    folder = Path(tempfile.mkdtemp(prefix="fulian-matrix-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FULIAN_", "OPENAI_"))}
    runs = []
    for name in write_inputs(folder):
        for command in commands(name):
            start = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "assistant", *command], cwd=folder, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            runs.append((time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
                         " ".join(command)))
    over = [r for r in runs if r[0] > 5 or r[1] > 300]
    codes = sorted({r[2] for r in runs})
    slow, heavy = max(runs), max(runs, key=lambda r: r[1])
    print(f"CLI matrix {len(runs)} runs, exit codes {codes}: slowest {slow[0]:.2f} s ({slow[3]}), "
          f"heaviest {heavy[1]:.0f} MB ({heavy[3]}); over 5 s or 300 MB: {len(over)}")
    for r in over:
        print(f"  over: {r[0]:.2f} s {r[1]:.0f} MB  fulian {r[3]}")


if __name__ == "__main__":
    main()
