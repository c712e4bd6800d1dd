"""The user's own files: an input is never written over (same path, a hard link), an existing output only with
--force, a link is not followed, and a failed write leaves no half-written file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.service.drafting import Notes, draft
from assistant.service.exporting import export
from hostile.test_input_doors import fulian

NOTES = "石桥镇妇联2026年工作计划\n- 开展巾帼宣讲30场，覆盖妇女1000人次\n- 新建妇女微家5个\n"
OLD = "石桥镇妇联2025年工作总结\n一、组织建设\n全年开展巾帼宣讲30场,覆盖妇女1000人次。\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    os.link(tmp_path / "notes.txt", tmp_path / "hard.md")
    os.link(tmp_path / "old.txt", tmp_path / "old_link.txt")
    return tmp_path


COMMANDS = [
    ["draft", "notes.txt", "-o", "notes.txt"], ["draft", "notes.txt", "-o", "hard.md"],
    ["draft", "notes.txt", "-o", "./sub/../notes.txt"], ["outline", "notes.txt", "-o", "notes.txt"],
    ["check", "old.txt", "--fix", "-o", "old.txt"], ["check", "old.txt", "--fix", "-o", "old_link.txt"],
    ["rewrite", "old.txt", "--to-year", "2026", "-o", "old.txt"],
    ["rewrite", "old.txt", "--to-year", "2026", "--figures-template", "old_link.txt"],
    ["polish", "old.txt", "-o", "old.txt"], ["polish", "old.txt", "-o", "old_link.txt"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_an_input_is_never_written_over(folder: Path, command: list[str]) -> None:
    (folder / "sub").mkdir()
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    proc = fulian(*command, "--force", cwd=folder)
    assert proc.returncode == 2 and "不能覆盖原文件" in proc.stderr, proc.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("command", [["draft", "notes.txt", "-o", "out.md"], ["check", "old.txt", "--fix", "-o",
                                     "out.md"], ["polish", "old.txt"], ["outline", "notes.txt", "-o", "out.md"]])
def test_an_existing_output_needs_force(folder: Path, command: list[str]) -> None:
    target = folder / ("old_润色.txt" if command[0] == "polish" else "out.md")
    target.write_text("我自己的稿子\n", encoding="utf-8")
    proc = fulian(*command, cwd=folder)
    assert proc.returncode == 2 and "--force" in proc.stderr, proc.stderr
    assert target.read_text(encoding="utf-8") == "我自己的稿子\n"
    proc = fulian(*command, "--force", cwd=folder)
    assert proc.returncode in (0, 1), proc.stderr
    assert target.read_text(encoding="utf-8") != "我自己的稿子\n"


def test_a_link_is_not_followed(folder: Path) -> None:
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    proc = fulian("draft", "passwd.txt", cwd=folder)
    assert proc.returncode == 2 and "链接" in proc.stderr and "root" not in proc.stdout, proc.stderr


def test_a_failed_write_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.export.docx as docx_export

    doc = draft(Notes(text=NOTES)).document

    def broken(document: object, path: Path, fonts: object = None) -> None:
        path.write_bytes(b"PK\x03\x04 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_export, "write_docx", broken)
    with pytest.raises(InputError, match="磁盘"):
        export(doc, tmp_path / "a.docx")
    assert list(tmp_path.iterdir()) == []
