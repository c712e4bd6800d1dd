"""Model settings: FULIAN_* and OPENAI_* variables, presets, and a key that is never shown."""

import pytest

from assistant.errors import InputError
from assistant.llm.settings import ModelSettings, providers

VARS = ["FULIAN_PROVIDER", "FULIAN_BASE_URL", "OPENAI_BASE_URL", "FULIAN_MODEL", "FULIAN_API_KEY", "OPENAI_API_KEY",
        "FULIAN_STRUCTURED_OUTPUT", "FULIAN_CONCURRENCY"]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_nothing_set_means_offline() -> None:
    s = ModelSettings()
    assert not s.configured and "离线" in s.describe()


def test_preset_fills_in_and_explicit_values_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FULIAN_PROVIDER", "deepseek")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-123")
    r = ModelSettings().resolved()
    assert (r.base_url, r.model, r.structured_output) == ("https://api.deepseek.com/v1", "deepseek-chat",
                                                           "function_calling")
    monkeypatch.setenv("FULIAN_MODEL", "deepseek-reasoner")
    monkeypatch.setenv("FULIAN_CONCURRENCY", "6")
    s = ModelSettings()
    assert s.resolved().model == "deepseek-reasoner" and s.concurrency == 6 and s.configured


def test_key_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FULIAN_PROVIDER", "qwen")
    monkeypatch.setenv("FULIAN_API_KEY", "sk-secret-123")
    s = ModelSettings()
    for text in (repr(s), str(s), s.model_dump_json(), s.describe()):
        assert "sk-secret-123" not in text
    assert s.api_key is not None and s.api_key.get_secret_value() == "sk-secret-123"


def test_unknown_provider_is_a_chinese_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FULIAN_PROVIDER", "nosuch")
    with pytest.raises(InputError, match="不认识的模型服务"):
        _ = ModelSettings().configured


def test_local_presets_need_no_key() -> None:
    assert {n for n, p in providers().items() if p.local} == {"ollama", "vllm", "llamacpp"}
    assert all(not p.needs_key for p in providers().values() if p.local)
