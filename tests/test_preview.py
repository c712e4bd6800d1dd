"""Where LibreOffice is missing: PDF export says so in one Chinese line, and 预览 falls back to an HTML page that
approximates the printed one and is labelled as approximate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.export.pdf import can_render
from assistant.ingest import read_source
from assistant.notes import parse_notes
from assistant.pipeline import draft
from assistant.service.exporting import export
from assistant.service.preview import APPROXIMATE, preview
from tests.conftest import EXAMPLES


@pytest.fixture
def no_soffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FULIAN_SOFFICE", "no-such-soffice-here")
    assert not can_render()


def test_the_approximate_page(no_soffice: None, tmp_path: Path) -> None:
    doc = draft(parse_notes(read_source(EXAMPLES[0])))
    shown = preview(doc, tmp_path)
    assert shown.note == APPROXIMATE and not shown.images and shown.pdf is None
    page = shown.html
    assert "青枫社区妇联2025年工作总结<br>及2026年工作计划" in page  # the title broken as the .docx breaks it
    assert "仿宋_GB2312" in page and "16pt/28.95pt" in page and "--indent:32pt" in page
    assert "一、" in page and "（一）" in page and "width:156mm" in page
    assert "<script" not in page


def test_pdf_without_libreoffice_is_one_chinese_line(no_soffice: None, tmp_path: Path) -> None:
    doc = draft(parse_notes(read_source(EXAMPLES[0])))
    with pytest.raises(InputError, match="LibreOffice"):
        export(doc, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    env = {**os.environ, "FULIAN_SOFFICE": "no-such-soffice-here", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "assistant", "draft", str(EXAMPLES[0]), "-o", str(tmp_path / "y.pdf")],
                          capture_output=True, text=True, env=env, check=False)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("提示")]
    assert proc.returncode == 2 and len(lines) == 1 and lines[0].startswith("错误：") and "LibreOffice" in lines[0]
