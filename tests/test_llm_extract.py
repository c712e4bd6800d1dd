"""Notes → Facts through structured output in each mode, re-asked on errors, else the deterministic parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import model_env, model_settings
from fake_openai import FakeOpenAI, Reply

from assistant.llm.extract import extract_facts

NOTES = "云溪镇妇联2026年工作计划\n- 巾帼大宣讲40场\n- 新建妇女微家5个\n问题：执委作用发挥不充分\n"
GOOD = {"organization": "云溪镇妇联", "year": 2026, "doc_type": "工作计划",
        "items": [{"text": "巾帼大宣讲40场", "status": "planned", "area": "ideology"},
                  {"text": "新建妇女微家5个", "status": "planned", "area": ""}],
        "problems": ["执委作用发挥不充分"], "measures": [], "context": []}


def _json(data: dict) -> str:  # type: ignore[type-arg]
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("method, shape", [("json_schema", "json_schema"), ("function_calling", "tools"),
                                           ("json_mode", "json_object")])
def test_each_structured_output_mode(llm_server: FakeOpenAI, method: str, shape: str) -> None:
    llm_server.queue(_json(GOOD))
    facts, warnings = extract_facts(NOTES, model_settings(llm_server, structured_output=method))
    assert not warnings
    assert (facts.organization, facts.year, facts.doc_type) == ("云溪镇妇联", 2026, "工作计划")
    assert [i.text for i in facts.items] == ["巾帼大宣讲40场", "新建妇女微家5个"]
    assert facts.items[1].area == "organization" and facts.items[0].metrics[0].number == 40
    assert [p.text for p in facts.problems] == ["执委作用发挥不充分"]
    body = llm_server.requests[0]
    got = "tools" if body.get("tools") else body["response_format"]["type"]
    assert got == shape


def test_invalid_reply_is_re_asked_with_the_error(llm_server: FakeOpenAI) -> None:
    invented = _json({**GOOD, "items": [{"text": "巾帼大宣讲400场", "status": "planned", "area": ""}]})
    llm_server.queue("这不是 JSON", invented, _json(GOOD))
    facts, warnings = extract_facts(NOTES, model_settings(llm_server))
    assert not warnings and facts.items[0].text == "巾帼大宣讲40场"
    repairs = [str(b["messages"][-1]["content"]) for b in llm_server.requests[1:]]
    assert "JSON" in repairs[0] or "json" in repairs[0].lower()
    assert "400场" in repairs[1] and "原文里没有" in repairs[1]


def test_persistent_errors_fall_back_to_the_parser(llm_server: FakeOpenAI) -> None:
    llm_server.responder = lambda body: Reply(_json({"items": []}))
    facts, warnings = extract_facts(NOTES, model_settings(llm_server, retries=1))
    assert len(llm_server.requests) == 2
    assert warnings and "已改用内置规则解析笔记" in warnings[0]
    assert [i.text for i in facts.items] == ["巾帼大宣讲40场", "新建妇女微家5个"]


def test_service_fault_falls_back_to_the_parser(llm_server: FakeOpenAI) -> None:
    llm_server.responder = lambda body: Reply(status=401)
    facts, warnings = extract_facts(NOTES, model_settings(llm_server))
    assert "401" in warnings[0] and facts.items


def test_cli_extract_model(llm_server: FakeOpenAI, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    llm_server.queue(_json(GOOD))
    proc = subprocess.run([sys.executable, "-m", "assistant", "draft", str(notes), "--extract", "model",
                           "--backend", "template", "-o", str(tmp_path / "a.json")], capture_output=True, text=True,
                          env=model_env(llm_server))
    assert proc.returncode == 0, proc.stderr
    facts = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["facts"]
    assert facts["items"][0]["area"] == "ideology" and len(llm_server.requests) == 1
