"""What comes in through any door — a file, a paste, a facts file, a model's reply — is cleaned or refused in
Chinese: control characters and lone surrogates taken out and reported, deep nesting refused, bad settings one
line with exit 2; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from assistant.choices import Mode
from assistant.errors import InputError
from assistant.service.checking import check_text, polish
from assistant.service.drafting import Notes, draft
from assistant.service.exporting import export
from assistant.service.rewriting import OldDocument, rewrite
from hostile.inputs import control_and_surrogates, nested_json, nested_yaml

DIRTY = control_and_surrogates()


def fulian(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("FULIAN_", "OPENAI_"))}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, capture_output=True, text=True,
                          env=clean_env | {"PYTHONIOENCODING": "utf-8"} | (env or {}), timeout=120, check=False)


def _visible(text: str) -> bool:
    return not any((ord(c) < 32 and c not in "\n\t") or 0xD800 <= ord(c) <= 0xDFFF for c in text)


def test_pasted_notes_with_control_characters_draft_and_export(tmp_path: Path) -> None:
    done = draft(Notes(text=DIRTY))
    assert any("控制字符" in w for w in done.document.warnings), done.document.warnings
    for fmt in ("docx", "md"):
        path = tmp_path / f"a.{fmt}"
        export(done.document, path)
    body = "\n".join(p.text for p in docx.Document(str(tmp_path / "a.docx")).paragraphs)
    assert "30场" in body and _visible(body)
    assert _visible((tmp_path / "a.md").read_text(encoding="utf-8"))


def test_a_model_reply_with_control_characters_still_exports(tmp_path: Path) -> None:
    done = draft(Notes(text="石桥镇妇联2026年工作计划\n- 开展巾帼宣讲30场\n"))
    first = done.document.paragraphs()[0]
    first.text = "开展\x0b巾帼\x1b宣讲\ud800。"  # as a model's reply may come back
    export(done.document, tmp_path / "b.docx")
    export(done.document, tmp_path / "b.md")
    assert "开展巾帼宣讲。" in "\n".join(p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs)


def test_check_polish_and_rewrite_clean_what_they_read() -> None:
    c = check_text(DIRTY, None, do_fix=True)
    assert c.removed == 4 and _visible(c.text) and _visible(c.fixed or "")
    assert _visible(polish(DIRTY).text)
    done = rewrite(OldDocument("石桥镇妇联2025年工作总结\n一、组织建设\n全年开展\x07巾帼宣讲30场\ud800。\n"), 2026,
                   Mode.summary, {}, None)
    assert any("控制字符" in w for w in done.result.document.warnings)


def test_the_cli_reads_a_dirty_file(tmp_path: Path) -> None:
    (tmp_path / "n.txt").write_text(DIRTY.replace("\ud800", ""), encoding="utf-8")
    proc = fulian("draft", "n.txt", "-o", "n.docx", cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    proc = fulian("check", "n.txt", cwd=tmp_path)
    assert proc.returncode in (0, 1) and "控制字符" in proc.stderr, proc.stderr


@pytest.mark.parametrize(("name", "text"), [("deep.json", nested_json()), ("deep.yaml", nested_yaml())],
                         ids=["json", "yaml"])
def test_deeply_nested_facts_are_refused_in_chinese(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="层"):
        draft(Notes(source=tmp_path / name))
    proc = fulian("draft", name, "-o", "x.md", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, \
        proc.stderr[-500:]


def test_facts_with_escaped_surrogates_export(tmp_path: Path) -> None:
    facts = {"organization": "石桥镇妇联", "year": 2026, "doc_type": "工作计划",
             "items": [{"id": "i1", "area": "ideology", "text": "开展巾帼宣讲\ud80030场"}]}
    (tmp_path / "f.json").write_text(json.dumps(facts), encoding="utf-8")
    proc = fulian("draft", "f.json", "-o", "f.md", cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-800:]
    assert _visible((tmp_path / "f.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("setting", ["FULIAN_TIMEOUT=abc", "FULIAN_CONCURRENCY=-x", "FULIAN_TEMPERATURE=9",
                                     "FULIAN_PROVIDER=nope"])
@pytest.mark.parametrize("command", [["draft", "n.txt", "-o", "n.md"], ["ui", "--port", "1"], ["model", "show"]])
def test_a_bad_setting_is_one_chinese_line_and_exit_2(tmp_path: Path, setting: str, command: list[str]) -> None:
    (tmp_path / "n.txt").write_text("石桥镇妇联2026年工作计划\n- 开展巾帼宣讲30场\n", encoding="utf-8")
    key, value = setting.split("=")
    proc = fulian(*command, cwd=tmp_path, env={key: value})
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-800:])
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and (key in lines[0] or f"“{value}”" in lines[0]) and "Traceback" not in proc.stderr, \
        proc.stderr[-800:]


@pytest.mark.parametrize("command", [["draft", "bomb.docx"], ["rewrite", "bomb.docx", "--to-year", "2026"],
                                     ["check", "bomb.docx"], ["polish", "bomb.docx"]])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, command: list[str]) -> None:
    from hostile.inputs import zip_bomb

    (tmp_path / "bomb.docx").write_bytes(zip_bomb())
    proc = fulian(*command, cwd=tmp_path)
    assert proc.returncode == 2 and "解压后有 300 MB" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
