"""The workbench in a real headless Chromium (Debian's, driven by Playwright): the paragraph loop end to end."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EXAMPLES
from fake_openai import FakeOpenAI

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::ResourceWarning")]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:  # .ci/run installs it; a developer machine without it gets a clear reason
    pytest.fail("浏览器测试需要 Debian 的 chromium（apt-get install chromium fonts-noto-cjk）", pytrace=False)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from assistant.store import Store  # noqa: E402
from assistant.ui.app import serve  # noqa: E402

NOTES = EXAMPLES[-1].read_text(encoding="utf-8")  # town_summary_2025


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    store = Store(tmp_path_factory.mktemp("ui") / "ui.sqlite3")
    port = _free_port()
    demo = serve("127.0.0.1", port, None, store, block=False)
    yield f"http://127.0.0.1:{port}/", store
    demo.close()


@pytest.fixture
def page(ui: tuple[str, Store]) -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True, locale="zh-CN", viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.goto(ui[0])
        pg.wait_for_selector("#notes textarea", timeout=60_000)
        yield pg
        browser.close()


@pytest.fixture(autouse=True)
def clean_server_log(capfd: pytest.CaptureFixture[str]) -> Iterator[None]:
    """The server runs in this process: whatever it prints during a test must hold no traceback and no warning
    about an event's output count."""
    yield
    out, err = capfd.readouterr()
    log = out + err
    assert "Traceback" not in log and "output values" not in log, log[-3000:]


def _shot(page: Page, artifacts: Path, name: str) -> None:
    folder = artifacts / "screens"
    folder.mkdir(exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _draft(page: Page) -> None:
    page.fill("#notes textarea", NOTES)
    page.click("#draft-btn")
    expect(page.locator("#status")).to_contain_text("已生成并保存", timeout=30_000)
    page.get_by_role("tab", name="编辑").click()
    page.wait_for_selector(".para textarea", timeout=30_000)


def _status(page: Page, text: str) -> None:
    expect(page.locator("#status")).to_contain_text(text, timeout=30_000)


def _saved(page: Page, action: object) -> None:
    """Do something and wait until the status line reports one more saved version."""
    found = re.search(r"共 (\d+) 个版本", page.locator("#status").inner_text())
    count = int(found.group(1)) if found else 1
    action()  # type: ignore[operator]
    _status(page, f"共 {count + 1} 个版本")
    # the editor has re-rendered with that version (typing into a box that is being replaced would be lost)
    page.wait_for_selector(f'span.rendered[data-version="{count + 1}"]', state="attached", timeout=30_000)


def _type(page: Page, pid: str, text: str) -> None:
    """Replace a paragraph's text; it is saved as it is typed (one more version), without redrawing the editor."""
    found = re.search(r"共 (\d+) 个版本", page.locator("#status").inner_text())
    count = int(found.group(1)) if found else 1
    page.locator(f"#para-{pid} textarea").fill(text)
    _status(page, f"已自动保存（共 {count + 1} 个版本）")


def test_draft_edit_regenerate_polish_check_download_reload(page: Page, ui: tuple[str, Store], artifacts: Path,
                                                            tmp_path: Path) -> None:
    store = ui[1]
    _shot(page, artifacts, "1-起草")
    _draft(page)
    _shot(page, artifacts, "2-编辑")
    boxes = page.locator(".para textarea")
    assert boxes.count() >= 5
    # edit a paragraph: saved when the box loses focus
    _type(page, "preamble-p1", "这是工作人员亲手改写的开头，含数字30场。")
    doc_id = _newest(store)
    assert store.latest(doc_id).preamble[0].text == "这是工作人员亲手改写的开头，含数字30场。"
    # regenerate another paragraph offline: new wording, same facts
    target = page.locator(".para textarea").nth(1)
    pid = (target.evaluate("el => el.closest('.para').id")).removeprefix("para-")
    before = store.latest(doc_id).model_dump_json()
    _saved(page, lambda: page.click(f"#regen-{pid}"))
    # polish with a diff, then accept
    _type(page, "preamble-p1", "今年活动搞得挺好,效果明显。")
    page.click("#polish-preamble-p1")
    expect(page.locator("#diff-preamble-p1")).to_contain_text("较", timeout=30_000)
    _shot(page, artifacts, "3-润色")
    page.click("#accept-preamble-p1")
    expect(page.locator("#para-preamble-p1 textarea")).to_have_value("今年活动搞得较好，效果明显。", timeout=30_000)
    # checker findings and a fix
    _type(page, "preamble-p1", "今年开展活动,效果明显。")
    page.click("#check-doc")
    expect(page.locator("#findings")).to_contain_text("半角", timeout=30_000)
    page.locator("#findings").get_by_text("中文里用了半角").first.click()  # a finding jumps to its paragraph
    expect(page.locator("#para-preamble-p1 textarea")).to_be_focused(timeout=30_000)
    page.click("#fix-all")
    expect(page.locator("#para-preamble-p1 textarea")).to_have_value("今年开展活动，效果明显。", timeout=30_000)
    # download the .docx and open it
    with page.expect_download() as dl:
        page.click("#download-docx")
    saved = tmp_path / "draft.docx"
    dl.value.save_as(saved)
    from docx import Document as open_docx

    assert any("今年开展活动，效果明显。" in p.text for p in open_docx(str(saved)).paragraphs)
    assert store.latest(doc_id).model_dump_json() != before
    versions = len(store.versions(doc_id))
    assert versions >= 6
    # reload: the document and its versions are still there
    _reload_and_open(page)
    page.get_by_role("tab", name="编辑").click()
    expect(page.locator("#para-preamble-p1 textarea")).to_have_value("今年开展活动，效果明显。", timeout=30_000)
    assert len(store.versions(doc_id)) == versions


def _reload_and_open(page: Page) -> None:
    """Reload the page (a new session) and open the most recent document."""
    page.reload()
    page.wait_for_selector("#notes textarea", timeout=60_000)
    page.get_by_label("最近的文稿").click()
    page.get_by_role("option").first.click()
    page.get_by_role("button", name="打开").click()
    _status(page, "已打开")


def _newest(store: Store) -> int:
    import sqlite3

    with sqlite3.connect(store.path) as db:
        return int(db.execute("SELECT max(id) FROM documents").fetchone()[0])


def _give_key(page: Page, key: str) -> None:
    """Type the key into 设置 and leave the field: the session keeps it, the field is emptied."""
    field = page.get_by_label("API 密钥（只在本次会话使用，不保存）")
    field.fill(key)
    field.blur()
    _status(page, "API 密钥已记在本次会话")
    expect(field).to_have_value("")


def test_regenerate_through_the_test_llm_server(page: Page, ui: tuple[str, Store], llm_server: FakeOpenAI) -> None:
    _draft(page)
    page.locator("#settings").get_by_text("设置").first.click()
    page.get_by_label("OpenAI 兼容模型服务").check()
    page.get_by_label("服务地址（可不填，用预设）").fill(llm_server.url)
    page.get_by_label("模型名（可不填，用预设）").fill("test-model")
    _give_key(page, "sk-browser")
    target = page.locator(".para textarea").nth(1)
    pid = target.evaluate("el => el.closest('.para').id").removeprefix("para-")
    _saved(page, lambda: page.click(f"#regen-{pid}"))
    expect(page.locator(f"#para-{pid} textarea")).to_have_value(re.compile("^我们认真"), timeout=30_000)
    assert llm_server.requests and "sk-browser" not in page.content()
    sent = {k.lower(): v for k, v in llm_server.headers[0].items()}
    assert sent["authorization"] == "Bearer sk-browser"  # the session key reached the model, not the page


def test_rewrite_tab(page: Page, artifacts: Path) -> None:
    fixture = Path(__file__).parent / "data" / "rewrite" / "shiqiao_summary_2025.txt"
    page.get_by_role("tab", name="改写").click()
    page.fill("#old-text textarea", fixture.read_text(encoding="utf-8"))
    page.click("#analyse-btn")
    expect(page.locator("#figures")).to_contain_text("785名", timeout=30_000)
    _shot(page, artifacts, "4-改写")
    page.click("#rewrite-btn")
    _status(page, "）：石桥镇妇联2026年工作总结")
    page.get_by_role("tab", name="编辑").click()
    expect(page.locator("#preview")).to_contain_text("【待补：原为785名】", timeout=30_000)


def test_check_tab(page: Page, artifacts: Path) -> None:
    page.get_by_role("tab", name="校对").click()
    page.fill("#check-text textarea", "石桥镇妇联2025年工作总结\n1、开展活动,深入学习贯彻党的十九大精神。\n")
    page.click("#check-btn")
    expect(page.locator("#raw-findings")).to_contain_text("十九大", timeout=30_000)
    expect(page.locator("#fixed-text textarea")).to_have_value(
        "石桥镇妇联2025年工作总结\n1.开展活动，深入学习贯彻党的十九大精神。\n", timeout=30_000)
    _shot(page, artifacts, "5-校对")


def test_outline_table_and_streamed_progress(page: Page, llm_server: FakeOpenAI) -> None:
    page.fill("#notes textarea", NOTES)
    page.click("#outline-btn")
    expect(page.locator("#outline")).to_contain_text("事项编号", timeout=30_000)
    expect(page.locator("#outline")).to_contain_text("i1", timeout=30_000)
    llm_server.latency = 0.5
    page.locator("#settings").get_by_text("设置").first.click()
    page.get_by_label("OpenAI 兼容模型服务").check()
    page.get_by_label("服务地址（可不填，用预设）").fill(llm_server.url)
    page.get_by_label("模型名（可不填，用预设）").fill("test-model")
    page.click("#draft-btn")
    expect(page.locator("#progress")).to_contain_text("起草中", timeout=30_000)  # parts show while they run
    _status(page, "已生成并保存")
    expect(page.locator("#progress")).to_contain_text("完成", timeout=30_000)


def test_section_regenerate_and_facts_form(page: Page) -> None:
    page.locator("#facts-form").get_by_text("按表单填写").first.click()
    page.fill("#form-org textarea, #form-org input", "云溪镇妇联")
    page.fill("#form-year input", "2026")
    page.fill("#form-items textarea", "开展巾帼大宣讲40场\n新建妇女微家5个\n举办家庭教育讲座12场")
    page.click("#form-btn")
    expect(page.locator("#notes textarea")).to_have_value(re.compile("单位：云溪镇妇联"), timeout=30_000)
    page.click("#draft-btn")
    _status(page, "已生成并保存")
    page.get_by_role("tab", name="编辑").click()
    page.wait_for_selector(".para textarea", timeout=30_000)
    page.locator("#section-pick input").click()
    page.get_by_role("option").first.click()
    _saved(page, lambda: page.click("#regen-section"))
    page.locator("#section-pick input").click()
    page.get_by_role("option").first.click()
    _saved(page, lambda: page.click("#lock-section"))
    expect(page.locator(".para textarea").nth(1)).to_be_disabled(timeout=30_000)


def _storage(page: Page) -> str:
    return str(page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"))


def test_nothing_private_stays_in_the_browser(page: Page, llm_server: FakeOpenAI) -> None:
    """Neither the key nor a notes sentence is left in localStorage/sessionStorage after any kind of event."""
    sentence = "调处婚姻家庭纠纷18起"
    assert sentence in NOTES

    def clean(after: str) -> None:
        kept = _storage(page)
        assert "sk-private" not in kept and sentence not in kept and "run-history" not in kept, (after, kept[:500])

    _draft(page)
    clean("draft")
    page.locator("#settings").get_by_text("设置").first.click()
    page.get_by_label("OpenAI 兼容模型服务").check()
    page.get_by_label("服务地址（可不填，用预设）").fill(llm_server.url)
    page.get_by_label("模型名（可不填，用预设）").fill("test-model")
    page.locator("#allow-personal input").check()
    _give_key(page, "sk-private")
    clean("settings")
    pid = page.locator(".para textarea").nth(1).evaluate("el => el.closest('.para').id").removeprefix("para-")
    _saved(page, lambda: page.click(f"#regen-{pid}"))
    clean("regenerate")
    page.click(f"#polish-{pid}")
    page.wait_for_selector(f"#diff-{pid}", timeout=30_000)
    clean("polish")
    assert {k.lower(): v for k, v in llm_server.headers[-1].items()}["authorization"] == "Bearer sk-private"
    footer = page.locator("footer").inner_text() if page.locator("footer").count() else ""
    assert not re.search(r"API|Settings|Runs|设置|运行记录", footer), footer


def _download_docx(page: Page, path: Path) -> list[str]:
    with page.expect_download() as dl:
        page.click("#download-docx")
    dl.value.save_as(path)
    from docx import Document as open_docx

    return [p.text for p in open_docx(str(path)).paragraphs]


def test_fix_one_finding_shows_everywhere_and_stays(page: Page, ui: tuple[str, Store], tmp_path: Path) -> None:
    _draft(page)
    _type(page, "preamble-p1", "今年开展活动,效果明显。")
    page.click("#check-doc")
    expect(page.locator("#findings")).to_contain_text("半角", timeout=30_000)
    rows = page.locator("#findings [role=row]").all_inner_texts()
    number = next(r.split()[0] for r in rows if "中文里用了半角" in r)
    assert number.isdigit() and int(number) >= 1 and rows[1].split()[0] == "1", rows
    page.fill("#fix-index input", "999")
    page.click("#fix-one")
    _status(page, "没有第 999 条问题")
    page.fill("#fix-index input", number)
    page.click("#fix-one")
    _status(page, f"修正了第 {number} 条")
    fixed = "今年开展活动，效果明显。"
    expect(page.locator("#para-preamble-p1 textarea")).to_have_value(fixed, timeout=30_000)
    expect(page.locator("#preview")).to_contain_text(fixed, timeout=30_000)
    assert fixed in _download_docx(page, tmp_path / "a.docx")
    page.locator("#para-preamble-p1 textarea").click()  # into the box and out again keeps the fix
    page.locator("#preview").click()
    page.wait_for_timeout(1500)
    assert ui[1].latest(_newest(ui[1])).preamble[0].text == fixed


def test_an_unreachable_model_says_so_and_keeps_the_text(page: Page, ui: tuple[str, Store]) -> None:
    _draft(page)
    target = page.locator(".para textarea").nth(1)
    pid = target.evaluate("el => el.closest('.para').id").removeprefix("para-")
    before = target.input_value()
    page.locator("#settings").get_by_text("设置").first.click()
    page.get_by_label("OpenAI 兼容模型服务").check()
    page.get_by_label("服务地址（可不填，用预设）").fill(f"http://127.0.0.1:{_free_port()}/v1")
    page.get_by_label("模型名（可不填，用预设）").fill("test-model")
    page.click(f"#regen-{pid}")
    _status(page, "模型没有写成")
    expect(page.locator("#status")).to_contain_text("保留原来的文字")
    expect(page.locator(f"#para-{pid} textarea")).to_have_value(before)


def test_reopen_brings_back_the_notes_and_regenerate_works(page: Page) -> None:
    _draft(page)
    _reload_and_open(page)
    expect(page.locator("#notes textarea")).to_have_value(NOTES.replace("\r\n", "\n"), timeout=30_000)
    page.get_by_role("tab", name="编辑").click()
    page.wait_for_selector(".para textarea", timeout=30_000)
    pid = page.locator(".para textarea").nth(1).evaluate("el => el.closest('.para').id").removeprefix("para-")
    page.click(f"#regen-{pid}")
    _status(page, "重新生成了 1 段")


def test_a_huge_paste_is_refused_at_once(page: Page) -> None:
    import time

    huge = ("- 开展巾帼大宣讲30场，覆盖妇女1000人次\n" * 15_000)[:300_000]
    page.locator("#notes textarea").evaluate(  # a paste, not 300 000 key presses
        "(el, text) => { el.value = text; el.dispatchEvent(new Event('input', {bubbles: true})); }", huge)
    start = time.perf_counter()
    page.click("#draft-btn")
    _status(page, "超过了 50000 字的上限")
    assert time.perf_counter() - start < 2
    assert page.locator("#notes textarea").input_value() == huge  # nothing typed is lost


def test_typed_text_is_kept_without_leaving_the_box(page: Page, ui: tuple[str, Store], tmp_path: Path) -> None:
    """Type, then download (the box still has the cursor): the .docx has it; type more and reload: it is there."""
    _draft(page)
    box = page.locator("#para-preamble-p1 textarea")
    box.click()
    box.press("Control+End")
    box.type("补一句：全年共开展活动。")
    expect(page.locator("#preview")).to_contain_text("补一句：全年共开展活动。", timeout=30_000)
    _status(page, "已自动保存")
    expect(box).to_be_focused()
    got = _download_docx(page, tmp_path / "typed.docx")
    assert any(p.endswith("补一句：全年共开展活动。") for p in got), got[:3]
    doc_id = _newest(ui[1])
    versions = len(ui[1].versions(doc_id))
    box.click()
    box.press("Control+End")
    box.type("再补一句。")
    page.wait_for_timeout(1500)
    assert len(ui[1].versions(doc_id)) == versions + 1  # five keystrokes after leaving the box: one new version
    _reload_and_open(page)
    page.get_by_role("tab", name="编辑").click()
    expect(page.locator("#para-preamble-p1 textarea")).to_have_value(re.compile("全年共开展活动。再补一句。$"),
                                                                     timeout=30_000)


def test_screens_at_1400_and_800_px(page: Page, artifacts: Path) -> None:
    """The editor reads like the document at both widths (saved for a human to look at)."""
    _draft(page)
    expect(page.locator(".doc-heading").first).to_contain_text("一、")
    assert "preamble-p1" not in page.locator(".para label").first.inner_text()
    for width in (1400, 800):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(500)
        _shot(page, artifacts, f"编辑-{width}px")


def _toasts(page: Page) -> str:
    page.wait_for_selector(".toast-body", timeout=30_000)
    text = " ".join(t.inner_text() for t in page.locator(".toast-body").all())
    for close in page.locator(".toast-close").all():
        close.click()
    page.wait_for_selector(".toast-body", state="detached", timeout=30_000)
    return text


def test_gradio_speaks_chinese_and_the_tables_fit(page: Page, tmp_path: Path, artifacts: Path) -> None:
    """Gradio's own upload checks (English in its JavaScript) read in Chinese; no table invites a CSV drop; the
    findings fit at 1280 px and at 800 px (依据 in view); recent documents show their type."""
    page.get_by_role("tab", name="改写").click()
    expect(page.locator("#figures .drop-hint")).to_be_hidden()
    (tmp_path / "旧文稿.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "大文件.docx").write_bytes(b"0" * 3_000_000)
    shown = []
    for name in ("旧文稿.pdf", "大文件.docx"):
        page.locator("#old-file input[type=file]").set_input_files(str(tmp_path / name))
        shown.append(_toasts(page))
    assert "文件类型不对" in shown[0] and "只能上传 .docx, .txt, .md 文件" in shown[0], shown
    assert "文件太大，超过了 2 MB 的上限" in shown[1], shown
    assert not re.search(r"\b(Error|Invalid|File|exceed|allowed)\b", " ".join(shown)), shown

    page.get_by_role("tab", name="校对").click()
    page.fill("#check-text textarea", "石桥镇妇联2025年工作总结\n1、开展活动,深入学习贯彻党的十九大精神，"
                                      "全年开展巾帼大宣讲46场,覆盖妇女1800人次。\n")
    page.click("#check-btn")
    expect(page.locator("#check-said")).to_contain_text("处需要看一看", timeout=30_000)
    for width in (1280, 800):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(500)
        table = page.locator("#raw-findings").bounding_box()
        basis = page.locator("#raw-findings th", has_text="依据").bounding_box()
        assert table and basis and basis["x"] + basis["width"] <= table["x"] + table["width"] + 1, (width, basis)
        assert basis["x"] + basis["width"] <= width, (width, basis)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width  # no sideways scrolling
        _shot(page, artifacts, f"校对-{width}px")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("tab", name="起草").click()
    _draft(page)
    page.get_by_label("最近的文稿").click()
    expect(page.get_by_role("option").first).to_contain_text("工作总结 · ")


def _box_with(page: Page, text: str) -> object:
    """The paragraph box whose text has this in it."""
    return next(b for b in page.locator(".para textarea").all() if text in b.input_value())


def test_a_long_document_is_edited_a_page_at_a_time(page: Page) -> None:
    """A rewritten 总结 of 96 paragraphs opens on its first page (at most 40 boxes) with the pages above it; a
    finding on the last page turns the editor to it and puts the cursor in the paragraph."""
    villages = ["东山", "西岭", "南湖", "北坡", "石桥", "柳河", "杏林", "枫塘", "青石", "白沙"]
    works = ["巾帼宣讲", "家庭教育讲座", "妇女议事会", "美丽庭院评比", "技能培训", "两癌筛查宣传", "关爱留守儿童",
             "婚姻家庭纠纷排查"]
    parts = [f"{cn}、{v}村工作\n" + "".join(f"{v}村妇联组织开展{w}，妇女群众参与热情较高。\n" for w in works)
             for cn, v in zip("一二三四五六七八九十", villages, strict=True)]
    old = "石桥镇妇联2025年工作总结\n" + "".join(parts) + "十一、存在的问题\n个别村开展活动,效果还不明显。\n"
    page.get_by_role("tab", name="改写").click()
    page.fill("#old-text textarea", old)
    page.click("#rewrite-btn")
    _status(page, "已改写并保存")
    page.get_by_role("tab", name="编辑").click()
    page.wait_for_selector("#editor-pages", timeout=30_000)
    assert 0 < page.locator(".para textarea").count() <= 40
    pages = page.locator("#editor-pages input[type=radio]").count()
    assert pages >= 3
    page.locator("#editor-pages label").last.click()  # the last page: plant a half-width comma there
    expect(page.locator("#editor-pages input:checked")).to_have_value(str(pages - 1), timeout=30_000)
    page.wait_for_function("() => [...document.querySelectorAll('.para textarea')].some(t => "
                           "t.value.includes('效果还不明显'))", timeout=30_000)
    last = _box_with(page, "效果还不明显")
    last.fill("个别村开展活动,效果还不明显。")
    _status(page, "已自动保存")
    page.locator("#editor-pages label").first.click()
    page.wait_for_function("() => ![...document.querySelectorAll('.para textarea')].some(t => "
                           "t.value.includes('效果还不明显'))", timeout=30_000)
    page.click("#check-doc")
    expect(page.locator("#findings")).to_contain_text("半角", timeout=30_000)
    page.locator("#findings").get_by_text("中文里用了半角").filter(visible=True).first.click()
    page.wait_for_function("() => document.activeElement?.value?.includes('效果还不明显')", timeout=30_000)
    expect(page.locator("#editor-pages input:checked")).to_have_value(str(pages - 1))


def test_page_preview_pdf_and_an_edited_copy_brought_back(page: Page, ui: tuple[str, Store], artifacts: Path,
                                                          tmp_path: Path) -> None:
    from assistant.export.pdf import can_render

    assert can_render(), "预览要用 LibreOffice（.ci/run 安装 libreoffice-writer-nogui）"
    _draft(page)
    page.get_by_role("tab", name="版面预览").click()
    expect(page.locator("#page-note")).to_contain_text("LibreOffice 渲染", timeout=60_000)
    images = page.locator("#page-images img")
    expect(images.first).to_be_visible(timeout=30_000)
    assert images.count() >= 2  # the town summary runs to more than one page
    width = images.first.evaluate("img => img.naturalWidth")
    assert 480 <= width <= 510  # an A4 page at 60 dpi, not a thumbnail of nothing
    page.locator("#page-view").screenshot(path=str(artifacts / "screens" / "预览.png"))
    with page.expect_download() as dl:
        page.click("#download-pdf")
    pdf = tmp_path / "draft.pdf"
    dl.value.save_as(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    import subprocess

    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "石桥镇妇联2025年工作总结" in text.replace(" ", "")  # the pages shown are the document's, in Chinese
    # an edit refreshes the pages
    before = images.first.get_attribute("src")
    _type(page, "preamble-p1", "这是改过的开头，开展宣讲40场。")
    page.locator("#para-preamble-p1 textarea").blur()
    expect(images.first).not_to_have_attribute("src", before or "", timeout=60_000)
    # bring back a copy edited in Word/WPS
    with page.expect_download() as dl:
        page.click("#download-docx")
    copy = tmp_path / "下载的.docx"
    dl.value.save_as(copy)
    from docx import Document as open_docx

    d = open_docx(str(copy))
    target = next(p for p in d.paragraphs if p.text.startswith("这是改过的开头"))
    target.text = "同事在WPS里改过的开头，开展宣讲45场。"
    d.save(str(copy))
    store, doc_id = ui[1], _newest(ui[1])
    versions = len(store.versions(doc_id))
    page.locator("#import-box").click()
    with page.expect_file_chooser() as chooser:
        page.click("#import-edit")
    chooser.value.set_files(str(copy))
    _status(page, "已导入修改稿")
    expect(page.locator("#import-diff")).to_contain_text("45", timeout=30_000)
    expect(page.locator("#para-preamble-p1 textarea")).to_have_value("同事在WPS里改过的开头，开展宣讲45场。",
                                                                      timeout=30_000)
    assert len(store.versions(doc_id)) == versions + 1
    expect(page.locator("#import-diff")).to_contain_text("手工加入的数据")
    _shot(page, artifacts, "导入修改稿")


def test_rollup_tab_end_to_end(page: Page, ui: tuple[str, Store], artifacts: Path) -> None:
    import yaml

    data = Path(__file__).parent / "data" / "rollup" / "dev"
    gold = yaml.safe_load((data / "expected.yaml").read_text(encoding="utf-8"))
    page.get_by_role("tab", name="汇总").click()
    page.locator("#rollup-files input[type=file]").set_input_files([str(data / f["file"]) for f in gold["files"]])
    expect(page.locator("#rollup-files")).to_contain_text(Path(gold["files"][-1]["file"]).stem, timeout=30_000)
    page.fill("#rollup-unit input, #rollup-unit textarea", gold["county"])
    page.click("#rollup-read")
    expect(page.locator("#rollup-said")).to_contain_text(f"读取了 {len(gold['files'])} 份总结", timeout=60_000)
    screening = gold["totals"]["两癌筛查人数"]
    expect(page.locator("#rollup-totals")).to_contain_text(f"{screening['total']}余人", timeout=30_000)
    expect(page.locator("#rollup-flags")).to_contain_text("可能多写了零")  # the outlier, not summed
    expect(page.locator("#rollup-flags")).to_contain_text("单位与其他单位不同")
    page.screenshot(path=str(artifacts / "screens" / "汇总.png"), full_page=True)
    with page.expect_download() as dl:
        page.click("#rollup-xlsx")
    assert dl.value.suggested_filename.endswith(".xlsx")
    page.fill("#rollup-notes textarea", "2026年打算\n- 新建妇女微家18个\n- 两癌筛查扩面到12000人")
    page.click("#rollup-draft")
    _status(page, "已起草汇总稿并保存")
    store = ui[1]
    doc = store.latest(_newest(store))
    assert doc.title == f"{gold['county']}2025年工作总结"
    page.get_by_role("tab", name="编辑").click()
    expect(page.locator("#preamble-p1, .para textarea").first).to_be_visible(timeout=30_000)
    boxes = page.locator(".para textarea")
    texts = [boxes.nth(n).input_value() for n in range(boxes.count())]
    assert any(f"组织“两癌”筛查{screening['total']}余人" in t for t in texts)
    assert any("18个" in t for t in texts) and not any("【待补：2026年工作打算" in t for t in texts)  # from the notes
    rights = page.locator("#para-rights-p1 textarea").input_value()
    _type(page, "rights-p1", rights + "（经核对）")  # edited and autosaved as any other document
    saved = next(p for p in store.latest(_newest(store)).paragraphs() if p.id == "rights-p1")
    assert saved.text.endswith("（经核对）") and len(store.versions(_newest(store))) == 2
