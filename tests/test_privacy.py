"""Personal data is not sent to a remote model service unless anonymised or explicitly allowed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.llm.settings import ModelSettings
from assistant.service.privacy import anonymise, guard, is_local
from tests.fake_openai import FakeOpenAI

TEXT = "为困境儿童王小明送去学习用品，联系电话13812345678。"


def _settings(url: str) -> ModelSettings:
    return ModelSettings(_env_file=None, base_url=url, model="m")  # type: ignore[call-arg]


def test_local_and_declared_intranet_endpoints() -> None:
    assert is_local(_settings("http://127.0.0.1:11434/v1"))
    assert is_local(_settings("http://10.0.0.8:8000/v1"), intranet="10.0.0.8, llm.fulian.local")
    assert not is_local(_settings("https://api.deepseek.com/v1"))
    assert is_local(ModelSettings(_env_file=None, provider="ollama"))  # type: ignore[call-arg]


def test_guard_refuses_personal_data_for_a_remote_service() -> None:
    remote = _settings("https://api.deepseek.com/v1")
    with pytest.raises(InputError, match="王小明"):
        guard(TEXT, remote, "", allowed=False)
    guard(TEXT, remote, "", allowed=True)
    guard(TEXT, _settings("http://127.0.0.1:8000/v1"), "", allowed=False)
    guard(anonymise(TEXT), remote, "", allowed=False)


def test_anonymise() -> None:
    assert anonymise(TEXT) == "为困境儿童王某送去学习用品，联系电话（电话已删）。"


NOTES = "石桥镇妇联2026年工作计划\n- 开展家暴受害人李秀芳的跟踪帮扶，协助申请人身安全保护令\n- 开展“两癌”筛查800人\n"


def _cli(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FULIAN_", "OPENAI_"))}
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=cwd, capture_output=True, text=True,
                          env={**base, "PYTHONIOENCODING": "utf-8", **env}, timeout=120, check=False)


def test_cli_refuses_to_send_a_named_person_to_a_remote_service(tmp_path: Path) -> None:
    """No request is made: the refusal comes before any connection (there is no network here to reach)."""
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    remote = {"FULIAN_BASE_URL": "https://api.deepseek.com/v1", "FULIAN_MODEL": "deepseek-chat",
              "FULIAN_API_KEY": "sk-x"}
    proc = _cli("draft", "notes.txt", "--backend", "llm", "-o", "out.md", cwd=tmp_path, env=remote)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    error = proc.stderr.splitlines()[-1]
    assert error.startswith("错误：内容里有个人信息（李秀芳）") and "不在本机或内网" in error
    assert "--anonymise" in proc.stderr and "--allow-personal" in proc.stderr
    assert not (tmp_path / "out.md").exists() and (tmp_path / "notes.txt").read_text(encoding="utf-8") == NOTES


@pytest.fixture
def remote_looking(llm_server: FakeOpenAI) -> dict[str, str]:
    """The test server reached as http://127.1:…: the product knows 127.0.0.1, localhost and ::1 as this machine,
    not the shorthand, so to the guard this server is remote while the test still talks only to 127.0.0.1."""
    return {"FULIAN_BASE_URL": llm_server.url.replace("127.0.0.1", "127.1"), "FULIAN_MODEL": "test-model",
            "FULIAN_API_KEY": "sk-test", "FULIAN_RETRY_BACKOFF": "0.01"}


def _sent(server: FakeOpenAI) -> str:
    return json.dumps(server.requests, ensure_ascii=False)


def test_cli_sends_anonymised_notes_when_asked(tmp_path: Path, llm_server: FakeOpenAI,
                                               remote_looking: dict[str, str]) -> None:
    """--extract model sends the notes themselves, so the names in them are what the guard is about."""
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    refused = _cli("draft", "notes.txt", "-b", "llm", cwd=tmp_path, env=remote_looking)
    assert refused.returncode == 2 and "李秀芳" in refused.stderr and not llm_server.requests
    proc = _cli("draft", "notes.txt", "-b", "llm", "--extract", "model", "--anonymise", "-o", "out.md", cwd=tmp_path,
                env=remote_looking)
    assert proc.returncode == 0, proc.stderr
    assert llm_server.requests and "李秀芳" not in _sent(llm_server) and "李某" in _sent(llm_server)
    assert "李秀芳" not in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_cli_sends_the_names_once_the_user_confirms(tmp_path: Path, llm_server: FakeOpenAI,
                                                    remote_looking: dict[str, str]) -> None:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    proc = _cli("draft", "notes.txt", "-b", "llm", "--extract", "model", "--allow-personal", "-o", "out.md",
                cwd=tmp_path, env=remote_looking)
    assert proc.returncode == 0, proc.stderr
    assert "李秀芳" in _sent(llm_server)


def test_declared_intranet_hosts_count_as_local(tmp_path: Path, llm_server: FakeOpenAI,
                                                remote_looking: dict[str, str]) -> None:
    (tmp_path / "notes.txt").write_text(NOTES, encoding="utf-8")
    proc = _cli("draft", "notes.txt", "-b", "llm", "-o", "out.md", cwd=tmp_path,
                env={**remote_looking, "FULIAN_INTRANET": "127.1"})
    assert proc.returncode == 0, proc.stderr


def test_the_workbench_refuses_through_the_same_guard(tmp_path: Path) -> None:
    from assistant.service.session import Session
    from assistant.store import Store
    from assistant.ui.app import build

    demo = build(Store(tmp_path / "ui.sqlite3"))
    do_draft = next(f.fn for f in demo.fns.values() if f.api_name == "draft")
    session = Session(Store(tmp_path / "ui.sqlite3"), "u", api_key="sk-x")
    remote = ["llm", "", "https://api.deepseek.com/v1", "deepseek-chat", "", False]
    *_, (s, status, *_) = do_draft(session, NOTES, "自动判断", [], *remote)
    assert "个人信息（李秀芳）" in status and "笔记原文仍在" in status and s.doc is None


OLD = "石桥镇妇联2025年工作总结\n一、维护权益\n为遭受家暴的妇女李秀芳申请人身安全保护令，调处婚姻家庭纠纷18起。\n"


@pytest.mark.parametrize("command", [["rewrite", "old.txt", "--to-year", "2026", "--backend", "llm", "-o", "new.md"],
                                     ["polish", "old.txt", "--backend", "llm", "-o", "new.txt"],
                                     ["draft", "old.txt", "--backend", "llm", "--extract", "model", "-o", "new.md"]],
                         ids=["rewrite", "polish", "extract"])
def test_every_path_to_a_model_is_guarded(tmp_path: Path, llm_server: FakeOpenAI, remote_looking: dict[str, str],
                                          command: list[str]) -> None:
    """Rewrite, polish and the model's reading of notes refuse as drafting does: the name never reaches the server."""
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    proc = _cli(*command, cwd=tmp_path, env=remote_looking)
    assert proc.returncode == 2 and "内容里有个人信息（李秀芳）" in proc.stderr, proc.stderr[-800:]
    assert "李秀芳" not in _sent(llm_server) and not (tmp_path / command[-1]).exists()
