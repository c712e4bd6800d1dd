"""Every model-service fault gives a Chinese message naming the cause, bounded retries, and loses no text."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, model_env, model_settings
from fake_openai import FakeOpenAI, Reply, grounded
from pytest_socket import SocketConnectBlockedError

from assistant.errors import ModelError
from assistant.llm.writer import LLMWriter
from assistant.notes import parse_notes
from assistant.pipeline import draft
from assistant.schemas import Paragraph, Section

NOTES = "单位：云溪镇妇联\n年度：2026\n类型：工作计划\n- 开展巾帼大宣讲40场\n- 新建妇女微家5个\n"
LONG = "我们认真开展巾帼大宣讲40场，新建妇女微家5个，各项工作取得了实效，得到了妇女群众的广泛好评。" * 2

FAULTS = {
    "timeout": (Reply("好", delay=1.0), "秒内没有回复（超时）", 3),
    "refused": (None, "连不上模型服务", 0),
    "401": (Reply(status=401), "模型服务返回 401：API 密钥无效或已过期", 1),
    "429": (Reply(status=429, headers={"Retry-After": "0"}), "模型服务返回 429：请求太频繁或额度已用完", 3),
    "5xx": (Reply(status=503), "模型服务返回 503：服务端出错", 3),
    "malformed": (Reply(fault="malformed"), "不是合法的 JSON", 3),
    "cut": (Reply(LONG, fault="cut"), "回复到一半连接断了", 3),
    "empty": (Reply(fault="empty"), "模型返回了空内容", 3),
}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _writer(server: FakeOpenAI, fault: str) -> LLMWriter:
    """A writer whose every call meets the fault."""
    reply, _, _ = FAULTS[fault]
    if reply is not None:
        server.responder = lambda body: reply
    url = f"http://127.0.0.1:{_closed_port()}/v1" if fault == "refused" else server.url
    return LLMWriter(model_settings(server, base_url=url, timeout=0.3))


@pytest.mark.parametrize("fault", FAULTS)
def test_polish_fault_names_the_cause_and_keeps_the_paragraph(llm_server: FakeOpenAI, fault: str) -> None:
    _, message, calls = FAULTS[fault]
    paragraph = Paragraph(id="p1", text="我们开展巾帼大宣讲40场。")
    with pytest.raises(ModelError, match=message) as caught:
        _writer(llm_server, fault).polish(paragraph)
    assert paragraph.text == "我们开展巾帼大宣讲40场。" and paragraph.origin == "template"
    assert len(llm_server.requests) == calls  # retried only where retrying makes sense, and bounded
    assert caught.value.exit_code == 3


@pytest.mark.parametrize("fault", FAULTS)
def test_draft_fault_keeps_the_previous_text_and_warns(llm_server: FakeOpenAI, fault: str) -> None:
    _, message, _ = FAULTS[fault]
    facts = parse_notes(NOTES)
    doc = draft(facts, model=_writer(llm_server, fault))
    before = {p.id: p.text for p in draft(facts).paragraphs()}
    assert {p.id: p.text for p in doc.paragraphs()} == before
    assert all(p.origin != "llm" for p in doc.paragraphs())
    assert any(message in w for w in doc.warnings), doc.warnings


def test_rewrite_fault_keeps_the_section(llm_server: FakeOpenAI) -> None:
    section = Section(id="s1", heading="思想引领", paragraphs=[Paragraph(id="p1", text="开展巾帼大宣讲40场。")])
    with pytest.raises(ModelError, match="503"):
        _writer(llm_server, "5xx").rewrite_section(section, "写得更简练")
    assert section.paragraphs[0].text == "开展巾帼大宣讲40场。"


def test_retry_after_is_honoured(llm_server: FakeOpenAI) -> None:
    llm_server.queue(Reply(status=429, headers={"retry-after-ms": "300"}))
    polished, warnings = LLMWriter(model_settings(llm_server)).polish(Paragraph(id="p", text="好"))
    assert polished.text == "收到" and not warnings
    assert len(llm_server.requests) == 2 and llm_server.times[1] - llm_server.times[0] >= 0.3


def test_a_retry_after_beyond_the_limit_is_not_waited_for(llm_server: FakeOpenAI) -> None:
    llm_server.responder = lambda body: Reply(status=429, headers={"Retry-After": "120"})
    with pytest.raises(ModelError, match="服务要求 120 秒后再试"):
        LLMWriter(model_settings(llm_server)).polish(Paragraph(id="p", text="好"))
    assert len(llm_server.requests) == 1


def test_a_blip_is_retried_and_then_succeeds(llm_server: FakeOpenAI) -> None:
    llm_server.queue(Reply(status=502), Reply(LONG, fault="cut"))
    doc = draft(parse_notes(NOTES), model=LLMWriter(model_settings(llm_server, concurrency=1)))
    assert all(p.origin == "llm" for p in doc.paragraphs() if p.fact_ids)
    assert not [w for w in doc.warnings if "模型" in w]


def test_cli_reports_a_bad_key_exits_3_and_still_writes_the_draft(llm_server: FakeOpenAI, tmp_path: Path) -> None:
    llm_server.api_key = "sk-right"
    out = tmp_path / "draft.md"
    proc = subprocess.run([sys.executable, "-m", "assistant", "draft", str(EXAMPLES[0]), "-o", str(out)],
                          capture_output=True, text=True, env=model_env(llm_server))
    assert proc.returncode == 3
    assert "模型服务返回 401：API 密钥无效或已过期" in proc.stderr and "Traceback" not in proc.stderr
    assert "sk-test" not in proc.stderr and out.read_text(encoding="utf-8").startswith("# ")


def test_model_test_command(llm_server: FakeOpenAI) -> None:
    def respond(body: dict[str, Any]) -> Reply:
        return Reply('{"reply": "收到"}') if body.get("response_format") or body.get("tools") else grounded(body)

    llm_server.responder = respond
    ok = subprocess.run([sys.executable, "-m", "assistant", "model", "test"], capture_output=True, text=True,
                        env=model_env(llm_server))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    for line in ("✓ 连通和密钥", "✓ 模型名称", "✓ 对话：模型回复“收到”", "✓ 结构化输出（json_schema）：可用",
                 "模型可以使用"):
        assert line in ok.stdout
    assert "sk-test" not in ok.stdout
    llm_server.api_key = "sk-other"
    bad = subprocess.run([sys.executable, "-m", "assistant", "model", "test"], capture_output=True, text=True,
                         env=model_env(llm_server))
    assert bad.returncode == 3 and "✗ 连通和密钥：模型服务返回 401：API 密钥无效或已过期" in bad.stdout
    closed = subprocess.run([sys.executable, "-m", "assistant", "model", "test"], capture_output=True, text=True,
                            env=model_env(llm_server, FULIAN_BASE_URL=f"http://127.0.0.1:{_closed_port()}/v1"))
    assert closed.returncode == 3 and "连不上模型服务" in closed.stdout


def test_tests_cannot_reach_other_hosts() -> None:
    with pytest.warns(UserWarning, match="10.255.255.1"), pytest.raises(SocketConnectBlockedError), \
            socket.create_connection(("10.255.255.1", 80), timeout=1):
        pass
