"""Every job run from both front ends on the same input gives the same result: the CLI in a subprocess, the
workbench through the handlers its buttons call (found by api_name in the built Gradio app)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from assistant.export.markdown import to_markdown
from assistant.service.session import Session
from assistant.store import Store
from assistant.ui.app import build
from tests.conftest import EXAMPLES

OLD = Path(__file__).parent / "data" / "rewrite" / "shiqiao_summary_2025.txt"
NOTES = next(p for p in EXAMPLES if p.stem == "town_plan_2026")
OFFLINE = ["template", "", "", "", "", False]  # the settings panel: backend … allow personal data
DIRTY = "石桥镇妇联2025年工作总结\n\n一、组织建设\n\n全年开展宣讲46场,覆盖妇女1800人次。认真学习党的十九大精神。\n"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The fulian command, offline (no model settings from the environment)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FULIAN_", "OPENAI_"))}
    env |= {"PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=120, check=False)


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Any]]:
    """Call a workbench handler by its api_name; a streaming handler gives its last update."""
    demo = build(Store(tmp_path_factory.mktemp("ui") / "ui.sqlite3"))
    handlers = {f.api_name: f.fn for f in demo.fns.values() if f.api_name}

    def call(api: str, *args: Any) -> Any:
        result = handlers[api](*args)
        if isinstance(result, Iterator):
            *_, result = result
        return result

    yield call


def _session(tmp_path: Path) -> Session:
    return Session(Store(tmp_path / "s.sqlite3"), "tester")


def test_outline(ui: Callable[..., Any], tmp_path: Path) -> None:
    proc = cli("outline", str(NOTES), "-o", "outline.csv", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    with (tmp_path / "outline.csv").open(encoding="utf-8-sig") as f:
        from_cli = list(csv.reader(f))[1:]
    rows, status = ui("outline", NOTES.read_text(encoding="utf-8"), "自动判断")
    assert [[str(c) for c in r] for r in rows] == from_cli and len(rows) > 5, status


def test_draft_with_an_edited_outline(ui: Callable[..., Any], tmp_path: Path) -> None:
    """The same notes and the same outline edit (a renamed part) give the same document."""
    cli("outline", str(NOTES), "-o", "outline.csv", cwd=tmp_path)
    path = tmp_path / "outline.csv"
    with path.open(encoding="utf-8-sig") as f:
        header, *rows = list(csv.reader(f))
    rows[0][1] = "自拟的部分标题"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    proc = cli("draft", str(NOTES), "--outline", "outline.csv", "-o", "a.md", "-b", "template", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    s, status, *_ = ui("draft", _session(tmp_path), NOTES.read_text(encoding="utf-8"), "自动判断", rows, *OFFLINE)
    assert s.doc is not None, status
    assert to_markdown(s.doc) == (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "自拟的部分标题" in to_markdown(s.doc)


def test_export(ui: Callable[..., Any], tmp_path: Path) -> None:
    """The workbench's download files hold what `fulian draft -o` writes."""
    assert cli("draft", str(NOTES), "-o", "a.docx", "-b", "template", cwd=tmp_path).returncode == 0
    cli("draft", str(NOTES), "-o", "a.md", "-b", "template", cwd=tmp_path)
    s, *_ = ui("draft", _session(tmp_path), NOTES.read_text(encoding="utf-8"), "自动判断", [], *OFFLINE)
    _, _, docx_path, md_path, _ = ui("export", s)

    def paragraphs(p: Path | str) -> list[str]:
        return [x.text for x in docx.Document(str(p)).paragraphs]

    assert paragraphs(docx_path) == paragraphs(tmp_path / "a.docx")
    assert Path(md_path).read_text(encoding="utf-8") == (tmp_path / "a.md").read_text(encoding="utf-8")


def test_analyse_and_rewrite_with_new_figures(ui: Callable[..., Any], tmp_path: Path) -> None:
    proc = cli("rewrite", str(OLD), "--to-year", "2026", "--figures-template", "figures.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    ids = [ln.split(":")[0] for ln in (tmp_path / "figures.yaml").read_text(encoding="utf-8").splitlines()[1:]]
    summary, rows = ui("analyse", None, OLD.read_text(encoding="utf-8"), 2026)
    assert [r[0] for r in rows] == ids and "旧年份" in summary
    target = next(r[0] for r in rows if r[2].endswith("场"))
    (tmp_path / "new.yaml").write_text(f"{target}: 52场\n", encoding="utf-8")
    proc = cli("rewrite", str(OLD), "--to-year", "2026", "--figures", "new.yaml", "-o", "new.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    table = [[r[0], r[1], r[2], "52场" if r[0] == target else ""] for r in rows]
    s, status, *_ = ui("rewrite", _session(tmp_path), None, OLD.read_text(encoding="utf-8"), 2026, "summary", table,
                       *OFFLINE)
    assert s.doc is not None, status
    assert to_markdown(s.doc) == (tmp_path / "new.md").read_text(encoding="utf-8")
    assert "52场" in to_markdown(s.doc)


def test_rewrite_as_a_plan(ui: Callable[..., Any], tmp_path: Path) -> None:
    proc = cli("rewrite", str(OLD), "--to-year", "2026", "--mode", "plan", "-o", "plan.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    s, *_ = ui("rewrite", _session(tmp_path), None, OLD.read_text(encoding="utf-8"), 2026, "plan", [], *OFFLINE)
    assert to_markdown(s.doc) == (tmp_path / "plan.md").read_text(encoding="utf-8")


def test_check_and_fix(ui: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = cli("check", "a.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    from_cli = [(f["line"], f["text"], f["message"]) for f in json.loads(proc.stdout)["findings"]]
    said, rows, fixed, docx_path = ui("check", None, DIRTY)
    assert [(r[0], r[2], r[3]) for r in rows] == from_cli and len(from_cli) >= 2
    assert said == f"共 {len(rows)} 处需要看一看"
    assert cli("check", "a.txt", "--fix", "-o", "fixed.txt", cwd=tmp_path).returncode in (0, 1)
    assert fixed == (tmp_path / "fixed.txt").read_text(encoding="utf-8")
    assert "46场，覆盖" in fixed and Path(docx_path).is_file()


def test_polish(tmp_path: Path) -> None:
    """The workbench polishes a paragraph the way `fulian polish` polishes the same text."""
    text = "今年活动搞得挺好,增强了妇女的法律意思。"
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    assert cli("polish", "a.txt", "-o", "b.txt", cwd=tmp_path).returncode == 0
    s = _session(tmp_path)
    s.draft_notes(NOTES.read_text(encoding="utf-8"), None)
    pid = s.doc.paragraphs()[1].id  # type: ignore[union-attr]
    s.edit(pid, text)
    s.propose_polish(pid)
    assert s.accept_polish(pid).text + "\n" == (tmp_path / "b.txt").read_text(encoding="utf-8")


def test_oversized_input_is_refused_before_any_work(ui: Callable[..., Any], tmp_path: Path) -> None:
    """Notes and old documents over 50 000 characters, text to check over 100 000: a Chinese message at once."""
    import time

    from assistant.errors import InputError
    from assistant.service.checking import check_text
    from assistant.service.drafting import Notes, draft
    from assistant.service.rewriting import OldDocument, import_old

    notes = "石桥镇妇联2026年工作计划\n" + "- 开展巾帼大宣讲30场，覆盖妇女1000人次\n" * 12_000
    start = time.perf_counter()
    s, status, *_ = ui("draft", _session(tmp_path), notes, "自动判断", [], *OFFLINE)
    assert time.perf_counter() - start < 2 and s.doc is None
    assert f"笔记有 {len(notes)} 字，超过了 50000 字的上限" in status and "笔记原文仍在" in status
    with pytest.raises(InputError, match="分成几份"):
        draft(Notes(text=notes))
    with pytest.raises(InputError, match="这篇旧文稿有"):
        import_old(OldDocument(text="石桥镇妇联2025年工作总结\n" + "".join(
            f"第{n}期巾帼宣讲覆盖妇女{n * 10}人次。\n" for n in range(1, 3001))))
    with pytest.raises(InputError, match="要校对的文字有"):
        check_text("开展活动。" * 25_000)


def test_checked_text_exports_as_the_user_wrote_it(ui: Callable[..., Any], tmp_path: Path) -> None:
    """No invented title, no blank paragraph, numbering as typed (1. stays 1., （一） stays （一）)."""
    text = ("1.开展巾帼宣讲46场，覆盖妇女1800人次。\n（一）加强执委队伍建设\n全年培训执委120人次。\n"
            "石桥镇妇联\n2025年12月18日\n")
    _, _, fixed, docx_path = ui("check", None, text)
    paragraphs = [p.text for p in docx.Document(docx_path).paragraphs]
    assert paragraphs == [ln for ln in fixed.splitlines() if ln.strip()] == text.split()
    *_, titled = ui("check", None, DIRTY)
    # a real title is kept, with the blank line GB/T 9704 puts under it
    assert [p.text for p in docx.Document(titled).paragraphs][:3] == ["石桥镇妇联2025年工作总结", "", "一、组织建设"]


def test_a_new_figure_must_fit_the_old_unit(ui: Callable[..., Any], tmp_path: Path) -> None:
    """110户 for a figure that counted 场 is refused with the row named; a bare number takes the old unit."""
    _, rows = ui("analyse", None, OLD.read_text(encoding="utf-8"), 2026)
    row = next(r for r in rows if r[2].endswith("场"))
    table = [[r[0], r[1], r[2], "110户" if r is row else ""] for r in rows]
    s, status, *_ = ui("rewrite", _session(tmp_path), None, OLD.read_text(encoding="utf-8"), 2026, "summary", table,
                       *OFFLINE)
    assert s.doc is None and f"{row[0]} 原来是“{row[2]}”" in status and "单位是“户”" in status
    table = [[r[0], r[1], r[2], "52" if r is row else ""] for r in rows]
    s, status, *_ = ui("rewrite", _session(tmp_path), None, OLD.read_text(encoding="utf-8"), 2026, "summary", table,
                       *OFFLINE)
    assert s.doc is not None and "52场" in to_markdown(s.doc), status
