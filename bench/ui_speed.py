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
    return sum(draft_timed(page, expect_paragraphs))


def draft_timed(page: Page, expect_paragraphs: int | None = None) -> tuple[float, float]:
    """Seconds from clicking 生成 to the status saying the draft is saved, and from opening 编辑 to every paragraph
    box of the new draft being on the page."""
    page.get_by_role("tab", name="起草").click()
    page.fill("#notes textarea", NOTES)
    found = re.search(r"文稿编号 (\d+)", page.locator("#status").inner_text())
    last = int(found.group(1)) if found else 0
    start = time.perf_counter()
    page.click("#draft-btn")
    page.wait_for_function("n => { const m = document.querySelector('#status').innerText.match(/文稿编号 (\\d+)/); "
                           "return m && Number(m[1]) > n; }", arg=last, timeout=120_000)
    drafted = time.perf_counter()
    page.get_by_role("tab", name="编辑").click()
    shown = editor_shown(page)
    if expect_paragraphs:
        assert page.locator(".para textarea").count() == expect_paragraphs
    return drafted - start, shown - drafted


def editor_shown(page: Page) -> float:
    """When the editor shows the newest document (not the one before it) with its paragraph boxes."""
    doc = page.evaluate("() => document.querySelector('#status').innerText.match(/文稿编号 (\\d+)/)?.[1]")
    page.wait_for_function("doc => { const r = document.querySelector('span.rendered'); return r && "
                           "(!doc || r.dataset.doc === doc) && document.querySelectorAll('.para textarea').length; }",
                           arg=doc, timeout=300_000)
    return time.perf_counter()


def largest_notes() -> str:
    """Notes just under the size limit: a title, then the bundled examples' items village by village (distinct, so
    nothing is dropped as a repeat, and on every kind of work, so they spread over all the sections)."""
    from assistant.vocab import MAX_NOTES_CHARS

    items = [ln.strip().lstrip("-•· ").strip() for p in sorted(examples_dir().glob("*.txt"))
             for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip().startswith(("-", "•"))]
    lines = ["石桥镇妇联2026年工作计划"]
    n = 0
    while sum(map(len, lines)) + len(lines) < MAX_NOTES_CHARS - 80:
        lines.append(f"- 第{n // len(items) + 1}片区：{items[n % len(items)]}")
        n += 1
    return "\n".join(lines)


def largest_old_document() -> str:
    """An old 总结 just under the size limit: the bundled examples' paragraphs, one numbered part each."""
    from assistant.vocab import MAX_NOTES_CHARS, mark

    paragraphs = [ln for p in sorted(examples_dir().glob("*.md")) for ln in p.read_text(encoding="utf-8").splitlines()
                  if ln.strip() and not ln.startswith("#") and len(ln) > 30]
    lines = ["石桥镇妇联2025年工作总结"]
    n = 0
    while sum(map(len, lines)) + len(lines) < MAX_NOTES_CHARS - 400:
        if n % 6 == 0:
            lines.append(f"{mark(1, n // 6 + 1)}第{n // 6 + 1}项工作")
        lines.append(paragraphs[n % len(paragraphs)])
        n += 1
    return "\n".join([*lines, "石桥镇妇联", "2025年12月18日"])


def rewrite_timed(page: Page, old: str) -> tuple[float, float]:
    """Seconds from clicking 改写 to the status saying it is saved, and from opening 编辑 to the editor."""
    page.get_by_role("tab", name="改写").click()
    page.locator("#old-text textarea").evaluate(
        "(el, text) => { el.value = text; el.dispatchEvent(new Event('input', {bubbles: true})); }", old)
    start = time.perf_counter()
    page.click("#rewrite-btn")
    page.wait_for_function("() => document.querySelector('#status').innerText.includes('已改写并保存')",
                           timeout=300_000)
    rewritten = time.perf_counter()
    page.get_by_role("tab", name="编辑").click()
    return rewritten - start, editor_shown(page) - rewritten


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
            drafting, editor = draft_timed(page)
            boxes = page.locator(".para textarea").count()
            print(f"largest notes accepted ({len(big)} 字): drafting {drafting:.2f} s; 编辑 → editor with {boxes} "
                  f"paragraphs {editor:.2f} s")
            old = largest_old_document()
            rewriting, editor = rewrite_timed(page, old)
            boxes = page.locator(".para textarea").count()
            pages = page.locator("#editor-pages input[type=radio]").count()
            print(f"largest old document accepted ({len(old)} 字): 改写 {rewriting:.2f} s; 编辑 → editor, page 1 of "
                  f"{pages} with {boxes} paragraphs, {editor:.2f} s")
            start = time.perf_counter()
            page.locator("#editor-pages label").last.click()
            page.wait_for_function("n => document.querySelectorAll('.para textarea').length > 0 && "
                                   "document.querySelector('#editor-pages input:checked')?.value == n",
                                   arg=str(pages - 1), timeout=60_000)
            print(f"  turning to the last page: {time.perf_counter() - start:.2f} s")
            print(f"server process memory: {start_rss:.0f} MB at start, {rss_mb():.0f} MB after 11 drafts and a "
                  "rewrite")
            browser.close()
    finally:
        demo.close()
        server.stop()


if __name__ == "__main__":
    main()
