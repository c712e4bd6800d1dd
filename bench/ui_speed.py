"""Workbench timings in headless Chromium: click 生成 → full draft visible, offline and through the test server
(1.0 s per model call); the editor for the largest notes the workbench accepts (vocab.MAX_NOTES_CHARS); then the
server process's memory. Needs Debian's chromium."""

from __future__ import annotations

import re
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fake_openai import FakeOpenAI, grounded  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402

from assistant.resources import examples_dir  # noqa: E402
from assistant.store import Store  # noqa: E402
from assistant.ui.app import serve  # noqa: E402

NOTES = (examples_dir() / "town_plan_2026.txt").read_text(encoding="utf-8")


def rss_mb() -> float:
    """Resident memory of this process (the server runs in it) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def draft_once(page: Page, expect_paragraphs: int | None = None) -> float:
    """Seconds from clicking 生成 to every paragraph box of the new draft being on the page."""
    page.get_by_role("tab", name="起草").click()
    page.fill("#notes textarea", NOTES)
    found = re.search(r"文稿编号 (\d+)", page.locator("#status").inner_text())
    last = int(found.group(1)) if found else 0
    start = time.perf_counter()
    page.click("#draft-btn")
    page.wait_for_function("n => { const m = document.querySelector('#status').innerText.match(/文稿编号 (\\d+)/); "
                           "return m && Number(m[1]) > n; }", arg=last, timeout=120_000)
    page.get_by_role("tab", name="编辑").click()
    page.wait_for_selector(".para textarea", timeout=60_000)
    took = time.perf_counter() - start
    if expect_paragraphs:
        assert page.locator(".para textarea").count() == expect_paragraphs
    return took


def largest_notes() -> str:
    """Notes just under the size limit: a title and distinct items (so nothing is dropped as a repeat)."""
    from assistant.vocab import MAX_NOTES_CHARS

    lines = ["石桥镇妇联2026年工作计划"]
    n = 0
    while sum(map(len, lines)) + len(lines) < MAX_NOTES_CHARS - 40:
        n += 1
        lines.append(f"- 在第{n}个村开展巾帼宣讲{n % 9 + 2}场，覆盖妇女{n * 7 + 30}人次")
    return "\n".join(lines)


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("需要 Debian 的 chromium：apt-get install chromium fonts-noto-cjk")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = FakeOpenAI(grounded, latency=1.0).start()
    demo = serve("127.0.0.1", port, None, Store(Path(tempfile.mkdtemp()) / "bench.sqlite3"), block=False)
    start_rss = rss_mb()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("#notes textarea", timeout=60_000)
            offline = [draft_once(page) for _ in range(5)]
            print(f"offline: click 生成 → draft visible, median {sorted(offline)[2]:.2f} s "
                  f"(min {min(offline):.2f}, max {max(offline):.2f}) over 5 drafts")
            page.locator("#settings").get_by_text("设置").first.click()
            page.get_by_label("OpenAI 兼容模型服务").check()
            page.get_by_label("服务地址（可不填，用预设）").fill(server.url)
            page.get_by_label("模型名（可不填，用预设）").fill("test-model")
            calls = len(server.requests)
            model = [draft_once(page) for _ in range(5)]
            per = (len(server.requests) - calls) / 5
            print(f"test server (1.0 s per call, {per:.0f} calls per draft, concurrency 4): median "
                  f"{sorted(model)[2]:.2f} s (min {min(model):.2f}, max {max(model):.2f}) over 5 drafts")
            page.get_by_label("内置模板写作器（离线）").check()
            big = largest_notes()
            global NOTES
            NOTES = big
            took = draft_once(page)
            boxes = page.locator(".para textarea").count()
            print(f"largest notes accepted ({len(big)} 字): click 生成 → editor with {boxes} paragraphs, {took:.2f} s")
            print(f"server process memory: {start_rss:.0f} MB at start, {rss_mb():.0f} MB after 11 drafts")
            browser.close()
    finally:
        demo.close()
        server.stop()


if __name__ == "__main__":
    main()
