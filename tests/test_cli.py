"""The `fulian` command as a user meets it: real subprocesses, Chinese one-line errors, exit code 2."""

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.conftest import EXAMPLES


def fulian(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI the way a user does (python -m assistant == the fulian script)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=env, timeout=120, check=False, text=stdin is None)


def _one_chinese_line(proc: subprocess.CompletedProcess) -> str:  # type: ignore[type-arg]
    err = proc.stderr if isinstance(proc.stderr, str) else proc.stderr.decode("utf-8")
    lines = [line for line in err.splitlines() if line.strip()]
    assert proc.returncode == 2, err
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("错误："), err
    return lines[0]


def test_demo_writes_md_and_docx_for_every_example(tmp_path: Path) -> None:
    proc = fulian("demo", "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    for notes in EXAMPLES:
        assert (tmp_path / "out" / f"{notes.stem}.md").read_text(encoding="utf-8").startswith("# ")
        docx.Document(str(tmp_path / "out" / f"{notes.stem}.docx"))
    assert "out" in proc.stdout and "工作要点" in proc.stdout


def test_draft_outputs(tmp_path: Path) -> None:
    notes = EXAMPLES[0]
    proc = fulian("draft", str(notes))
    assert proc.returncode == 0 and proc.stdout.startswith("# ")
    proc = fulian("draft", str(notes), "-o", str(tmp_path / "d.json"), "--show-grounding")
    assert proc.returncode == 0 and "来源" in proc.stderr
    bundle = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert bundle["grounding"]["traces"] and all(t["fact_id"] for t in bundle["grounding"]["traces"])
    proc = fulian("draft", str(notes), "--type", "工作总结", "-o", str(tmp_path / "d.docx"))
    assert proc.returncode == 0 and (tmp_path / "d.docx").exists()
    assert "工作总结" in docx.Document(str(tmp_path / "d.docx")).paragraphs[0].text


def test_draft_from_stdin_gbk() -> None:
    proc = fulian("draft", "-", stdin="单位：清水镇妇联\n年度：2026\n- 开展读书会6场\n".encode("gbk"))
    assert proc.returncode == 0 and "清水镇妇联2026年工作计划" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize(("name", "content", "expect"), [
    ("empty.txt", b"", "空的"),
    ("blank.txt", b"   \n\n", "空的"),
    ("noitems.txt", "单位：清水镇妇联\n年度：2026\n".encode(), "没有找到工作事项"),
    ("huge.txt", "- 开展宣讲30场\n".encode() * 120_000, "太大"),
    ("garbage.txt", bytes(range(256)) * 64, "不是文本文件"),
    ("fake.docx", b"PK\x03\x04 not really a zip", "不是有效的 Word 文档"),
    ("notes.pdf", b"%PDF-1.4", "不支持的文件类型"),
    ("facts.json", b"{\"items\": [{\"text\": 1}]}", "字段"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "")
def test_bad_input_gives_one_chinese_line_and_exit_2(tmp_path: Path, name: str, content: bytes, expect: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert expect in _one_chinese_line(fulian("draft", str(path)))


def test_big_paste_on_stdin() -> None:
    proc = fulian("draft", "-", stdin="- 开展宣讲30场\n".encode() * 150_000)
    assert "太长" in _one_chinese_line(proc)


@pytest.mark.parametrize(("args", "expect"), [
    (["draft", "/no/such/notes.txt"], "找不到文件"),
    (["draft", "{ex}", "--type", "通知"], "不支持的文稿类型“通知”"),
    (["draft", "{ex}", "-o", "x.xlsx"], "不支持的输出格式"),
    (["draft", "{ex}", "--fonts", "nosuch"], "字体方案"),
    (["draft", "{ex}", "--bogus"], "没有这个选项"),
    (["draft"], "缺少参数"),
    (["nosuch"], "没有这个命令"),
])
def test_bad_usage(args: list[str], expect: str) -> None:
    args = [a.replace("{ex}", str(EXAMPLES[0])) for a in args]
    assert expect in _one_chinese_line(fulian(*args))
