"""A document type is data: a new YAML file in a prompts directory drafts, checks and rewrites with no Python change."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.resources import prompts_dir
from tests.conftest import EXAMPLES

REPORT = """\
name: 工作汇报
aliases: [半年汇报]
title: "{organization}{year}年上半年工作汇报"
tense: summary
scope: summary
preamble: summary
closing: summary
signoff: true
required_facts: [organization, year]
heading_style:
  area: 对仗标题
sections:
  - role: work
    status: done
    layouts: [yishi, subsections, single]
  - role: problems
    title: 存在的困难和问题
    required: true
  - role: next_steps
    title: 下半年工作打算
    status: planned
    required: true
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the prompt library with one more doc type in it."""
    root = tmp_path_factory.mktemp("library") / "prompts"
    shutil.copytree(prompts_dir(), root)
    (root / "doctypes" / "report.yaml").write_text(REPORT, encoding="utf-8")
    return root


def fulian(*args: str, cwd: Path, prompts: Path | None) -> subprocess.CompletedProcess[str]:
    """The CLI with the prompt library at `prompts` (the stock one when None)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    env.pop("FULIAN_PROMPTS_DIR", None)
    if prompts:
        env["FULIAN_PROMPTS_DIR"] = str(prompts)
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def _summary_notes() -> Path:
    return next(p for p in EXAMPLES if p.stem == "town_summary_2025")


def test_the_new_type_drafts_with_its_own_title_and_parts(library: Path, tmp_path: Path) -> None:
    proc = fulian("draft", str(_summary_notes()), "--type", "半年汇报", "-o", "out.md", cwd=tmp_path, prompts=library)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert text.startswith("# 石桥镇妇联2025年上半年工作汇报\n")
    assert "、存在的困难和问题\n" in text and "、下半年工作打算\n" in text
    assert "1260人" in text and "【待补" not in text


def test_notes_that_name_the_new_type_get_it_without_the_option(library: Path, tmp_path: Path) -> None:
    notes = "石桥镇妇联2025年上半年工作汇报\n" + _summary_notes().read_text(encoding="utf-8")
    (tmp_path / "notes.txt").write_text(notes, encoding="utf-8")
    proc = fulian("draft", "notes.txt", "-o", "out.md", cwd=tmp_path, prompts=library)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# 石桥镇妇联2025年上半年工作汇报\n")


def test_without_the_file_the_type_is_unknown_in_chinese(tmp_path: Path) -> None:
    proc = fulian("draft", str(_summary_notes()), "--type", "工作汇报", cwd=tmp_path, prompts=None)
    assert proc.returncode == 2 and "工作汇报" in proc.stderr and "Traceback" not in proc.stderr


def test_the_checker_reads_the_new_type_as_a_summary_from_its_spec(library: Path, tmp_path: Path) -> None:
    """A later year in a 总结 is flagged; the title says 工作汇报, which only the new spec says looks back."""
    text = "石桥镇妇联2025年上半年工作汇报\n\n一、组织建设\n\n全镇14个村妇联完成换届，2028年将全部建成妇女微家。\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with_spec = fulian("check", "a.txt", cwd=tmp_path, prompts=library)
    without = fulian("check", "a.txt", cwd=tmp_path, prompts=None)
    assert "以后的年份“2028年”" in with_spec.stdout, with_spec.stdout
    assert "以后的年份" not in without.stdout, without.stdout


def test_the_new_type_rewrites_for_the_next_year(library: Path, tmp_path: Path) -> None:
    assert fulian("draft", str(_summary_notes()), "-t", "工作汇报", "-o", "old.md", cwd=tmp_path,
                  prompts=library).returncode == 0
    proc = fulian("rewrite", "old.md", "--to-year", "2026", "-o", "new.json", cwd=tmp_path, prompts=library)
    assert proc.returncode == 0, proc.stderr
    new = json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))["document"]
    assert new["doc_type"] == "工作汇报" and new["title"] == "石桥镇妇联2026年上半年工作汇报"
    assert [s["heading"] for s in new["sections"]][-2:] == ["存在的困难和问题", "下半年工作打算"]
    assert "筛查1260人" not in json.dumps(new, ensure_ascii=False)
