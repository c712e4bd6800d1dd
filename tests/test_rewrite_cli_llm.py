"""`fulian rewrite` / `fulian polish` on the command line, and both through the test LLM server."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import model_settings
from fake_openai import ORIGINAL, FakeOpenAI, Reply, rewriting

from assistant.llm.writer import LLMWriter
from assistant.rewrite.clean import clean
from assistant.rewrite.modes import rewrite
from assistant.rewrite.parse import parse
from assistant.rewrite.run import refine
from assistant.service.model import using
from assistant.service.rewriting import OldDocument
from assistant.service.rewriting import rewrite as rewrite_job

FIXTURE = Path(__file__).parent / "data" / "rewrite" / "shiqiao_summary_2025.txt"


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_cli_rewrite_with_a_figures_table(tmp_path: Path) -> None:
    made = _run("rewrite", str(FIXTURE), "--to-year", "2026", "--figures-template", "new.yaml", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    table = (tmp_path / "new.yaml").read_text("utf-8")
    assert 'F1: ""  # 巾帼宣讲队 原为12支' in table
    (tmp_path / "new.yaml").write_text(table.replace('F1: ""', "F1: 15支"), encoding="utf-8")
    proc = _run("rewrite", str(FIXTURE), "--to-year", "2026", "--figures", "new.yaml", "-o", "new.md",
                "--backend", "template", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "new.md").read_text("utf-8")
    assert text.startswith("# 石桥镇妇联2026年工作总结") and "巾帼宣讲队15支" in text and "【待补：原为46场】" in text
    assert "需要更新：旧年份" in proc.stderr and "F2" in proc.stderr
    plan = _run("rewrite", str(FIXTURE), "--to-year", "2026", "--mode", "plan", "-o", "plan.json", cwd=tmp_path)
    data = json.loads((tmp_path / "plan.json").read_text("utf-8"))
    assert plan.returncode == 0 and data["document"]["doc_type"] == "工作计划" and data["staleness"]["items"]


def test_cli_rewrite_bad_input_exits_2(tmp_path: Path) -> None:
    for args in (["--to-year", "2026", "--mode", "poem"], ["--to-year", "26"], ["--to-year", "2026", "--article", "3"]):
        proc = _run("rewrite", str(FIXTURE), *args, cwd=tmp_path)
        assert proc.returncode == 2 and proc.stderr.startswith("错误：") and "Traceback" not in proc.stderr


def test_cli_polish_writes_a_separate_file_and_a_diff(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("今年活动搞得挺好,增强了妇女的法律意思。\n", encoding="utf-8")
    proc = _run("polish", "a.txt", "-o", "b.txt", "--diff", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "b.txt").read_text("utf-8") == "今年活动搞得较好，增强了妇女的法律意识。\n"
    assert source.read_text("utf-8").startswith("今年活动搞得挺好,")  # the original is untouched
    assert "[-挺-]{+较+}" in proc.stdout and "[-思-]{+识+}" in proc.stdout
    same = _run("polish", "a.txt", "-o", "a.txt", cwd=tmp_path)
    assert same.returncode == 2 and "另一个文件" in same.stderr


def test_rewrite_through_the_model(llm_server: FakeOpenAI) -> None:
    llm_server.responder = rewriting
    doc = rewrite_job(OldDocument(source=FIXTURE), 2026, choice=using(LLMWriter(model_settings(llm_server)))).document
    texts = [p.text for s in doc.sections for p in s.paragraphs + [q for c in s.children for q in c.paragraphs]]
    assert all(t.startswith("认真落实：") for t in texts), texts
    assert "【待补：原为46场】" in " ".join(texts) and not doc.warnings


def test_model_reply_changing_a_figure_or_a_locked_paragraph_is_refused(llm_server: FakeOpenAI) -> None:
    old = parse(clean(FIXTURE.read_text("utf-8")))[0]
    old.sections[2].paragraphs[0].locked = True
    result = rewrite(old, 2026, "summary")
    locked_text = result.document.sections[2].paragraphs[0].text
    before = [s.model_copy(deep=True) for s in result.document.sections]

    def tamper(body: dict[str, Any]) -> Reply:
        found = ORIGINAL.search(str(body["messages"][1]["content"]))
        original = json.loads(found.group(1)) if found else []
        if any("原为46场" in p for p in original):  # change a figure
            return Reply("\n\n".join(p.replace("【待补：原为46场】", "50场") for p in original))
        if "存在" in " ".join(original) or len(original) == 0:
            return rewriting(body)
        return Reply("\n\n".join([*original, "多出来的一段：改写了锁定的段落。"]))  # one paragraph too many

    llm_server.responder = tamper
    warnings = asyncio.run(refine(result, "summary", LLMWriter(model_settings(llm_server))))
    doc = result.document
    assert doc.sections[0] == before[0] and any("50场" in w for w in warnings)
    assert doc.sections[2].paragraphs[0].text == locked_text
    assert doc.sections[1] == before[1] and any("实际写了" in w for w in warnings)
    sent = " ".join(str(b["messages"][1]["content"]) for b in llm_server.requests)
    assert json.dumps(locked_text, ensure_ascii=False)[1:-1] not in sent


def test_polish_through_the_model(llm_server: FakeOpenAI, tmp_path: Path) -> None:
    from conftest import model_env

    source = tmp_path / "a.txt"
    source.write_text("今年我们搞了巾帼大宣讲40场，效果挺好。\n", encoding="utf-8")
    llm_server.queue("全年开展巾帼大宣讲40场，取得良好成效。")
    proc = _run("polish", "a.txt", "-o", "b.txt", "--backend", "llm", cwd=tmp_path, env=model_env(llm_server))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "b.txt").read_text("utf-8") == "全年开展巾帼大宣讲40场，取得良好成效。\n"
    llm_server.queue("全年开展巾帼大宣讲50场。", "全年开展巾帼大宣讲60场。")
    refused = _run("polish", "a.txt", "-o", "c.txt", "--backend", "llm", cwd=tmp_path, env=model_env(llm_server))
    assert (tmp_path / "c.txt").read_text("utf-8") == source.read_text("utf-8") and "保留原文" in refused.stderr
