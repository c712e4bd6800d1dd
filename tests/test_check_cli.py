"""`fulian check`: exit codes, --fix with a list of what changed, JSON output, unusable input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DIRTY = "石桥镇妇联2025年工作总结\n1、开展活动3-5次,效果挺好。\n深入学习贯彻党的十九大精神。\n"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", "check", *args], capture_output=True, text=True,
                          cwd=cwd)


def test_errors_exit_1_and_are_listed_with_their_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = _run("a.txt", cwd=tmp_path)
    assert proc.returncode == 1
    assert "第2行第2列" in proc.stdout and "GB/T 9704—2012 §7.3.3" in proc.stdout
    assert "党的十九大" in proc.stdout and "按 2025 年（从文中推断）" in proc.stdout


def test_fix_applies_only_safe_fixes_and_lists_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = _run("a.txt", "--fix", "-o", "b.txt", cwd=tmp_path)
    fixed = (tmp_path / "b.txt").read_text(encoding="utf-8")
    assert "1.开展活动3～5次，效果挺好。" in fixed and "十九大" in fixed  # formulations are never auto-fixed
    assert proc.stderr.count("已修正") == 3
    assert proc.returncode == 1  # the outdated formulation is still an error
    (tmp_path / "c.txt").write_text("石桥镇妇联2025年工作总结\n开展活动,效果良好。\n", encoding="utf-8")
    assert _run("c.txt", "--fix", "-o", "d.txt", cwd=tmp_path).returncode == 0


def test_json_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = _run("a.txt", "--format", "json", "--year", "2025", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert data["year"] == 2025 and not data["year_inferred"]
    rules = {f["rule"] for f in data["findings"]}
    assert {"numbering.arabic_dunhao", "numbers.range", "punctuation.halfwidth", "time.formulation"} <= rules
    assert all(f["text"] == DIRTY[f["start"]:f["end"]] for f in data["findings"])


def test_clean_text_exits_0(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("石桥镇妇联2025年工作总结\n全年开展活动30场。\n", encoding="utf-8")
    proc = _run("a.txt", cwd=tmp_path)
    assert proc.returncode == 0 and "错误 0" in proc.stdout


def test_fixed_text_saved_as_a_laid_out_docx(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
    proc = _run("a.txt", "--fix", "-o", "out.docx", cwd=tmp_path)
    assert proc.returncode in (0, 1) and "修正后的文字已写入 out.docx" in proc.stderr, proc.stderr
    import docx

    lines = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs if p.text]
    assert lines and "," not in "".join(lines)  # the half-width commas were fixed before the layout


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    for args in (["missing.txt"], ["bin.txt"], ["a.txt", "--year", "99"], ["a.txt", "--format", "xml"],
                 ["a.txt", "--fix", "-o", "out.xlsx"]):
        (tmp_path / "a.txt").write_text(DIRTY, encoding="utf-8")
        proc = _run(*args, cwd=tmp_path)
        assert proc.returncode == 2, args
        assert proc.stderr.startswith("错误：") and "Traceback" not in proc.stderr
