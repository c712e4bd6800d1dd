"""Personal data is not sent to a remote model service unless anonymised or explicitly allowed."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.llm.settings import ModelSettings
from assistant.service.privacy import anonymise, guard, is_local

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
