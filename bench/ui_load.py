"""The workbench under hostile load, as `fulian ui` runs for staff: one session pastes 200 000 characters (refused)
and drafts from the worst-shaped 49 000-character notes while another drafts a short plan (target: the short
draft in under 3 s); three 1 GiB zip-bomb .docx uploads at once (target: the server and its workers under
600 MB at peak). Prints the figures (the bombs first, so the peak is theirs)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from gradio_client import Client, handle_file  # noqa: E402
from gradio_client.utils import Status  # noqa: E402
from hostile.inputs import shapes, zip_bomb  # noqa: E402
from hostile.test_ui_load import SMALL, draft_args  # noqa: E402


def peak_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children, added up, in MB."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total / 1024


def children(pid: int) -> list[int]:
    """The process's children (its worker processes)."""
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in found.read_text().split()] if found.exists() else []


def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = Path(tempfile.mkdtemp(prefix="fulian-load-"))
    env = {**os.environ, "FULIAN_DATA_DIR": str(data)}
    server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "ui", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        print(f"server started: {peak_mb(server.pid):.0f} MB (server + {len(children(server.pid))} processes)")
        bomb = data / "总结.docx"
        bomb.write_bytes(zip_bomb(1024))
        start = time.perf_counter()
        threads = [threading.Thread(target=lambda: Client(url, verbose=False).predict(
            handle_file(str(bomb)), "", api_name="/check")) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"three zip bombs at once refused in {time.perf_counter() - start:.2f} s; peak memory of the server "
              f"and its workers {peak_mb(server.pid):.0f} MB (target < 600 MB)")

        heavy, light = Client(url, verbose=False), Client(url, verbose=False)
        start = time.perf_counter()
        heavy.predict(None, "开展巾帼宣讲活动，覆盖妇女群众" * 14_000, api_name="/check")
        print(f"200 000-character paste refused in {time.perf_counter() - start:.2f} s")
        job = heavy.submit(*draft_args("石桥镇妇联2026年工作计划\n" + dict(shapes(49_000))["mixed random"]),
                           api_name="/draft")
        start = time.perf_counter()
        while job.status().code not in (Status.PROCESSING, Status.ITERATING):
            time.sleep(0.02)
        begun = time.perf_counter()
        light.predict(*draft_args(SMALL), api_name="/draft")
        short = time.perf_counter() - begun
        job.result(timeout=600)
        print(f"short draft while the long one runs: {short:.2f} s (target < 3 s); "
              f"the long one {time.perf_counter() - start:.1f} s")
        print(f"peak memory after everything: {peak_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
