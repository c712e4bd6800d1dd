"""Time and peak memory of the worst inputs (tests/hostile/inputs.py) through every job: check and fix, polish,
draft, rewrite on 200 000 / 50 000 characters of each shape, and a zip-bomb .docx. Prints one line per job with
the slowest shape; each job runs in its own process so the peak memory is its own."""

from __future__ import annotations

import json
import subprocess
import sys
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


if __name__ == "__main__":
    main()
