"""Shared fixtures: the bundled examples and a place for test artifacts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import hypothesis.internal.observability  # noqa: F401  (see below)
import pytest
from fake_openai import FakeOpenAI, grounded

from assistant.llm.settings import ModelSettings
from assistant.resources import examples_dir

# hypothesis' plugin imports that module at the end of a session if no test did, while Gradio's server threads may
# still be compiling; CPython 3.11.7 shares ast.parse's recursion counter between threads and fails with
# "SystemError: AST constructor recursion depth mismatch". Importing it here, before any thread starts, avoids it.

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(examples_dir().glob("*.txt"))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """A gitignored folder for files tests produce (DOCX, screenshots) so a human can look at them."""
    path = ROOT / "tests" / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(autouse=True)
def no_model_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own FULIAN_* / OPENAI_* settings must not leak into tests."""
    for name in list(os.environ):
        if name.startswith(("FULIAN_", "OPENAI_")):
            monkeypatch.delenv(name)


@pytest.fixture
def llm_server() -> Iterator[FakeOpenAI]:
    """A fresh OpenAI-compatible test server on 127.0.0.1 that answers like a well-behaved model."""
    server = FakeOpenAI(grounded).start()
    yield server
    server.stop()


def model_settings(server: FakeOpenAI, **overrides: object) -> ModelSettings:
    """Settings pointing at the test server, with short waits."""
    values: dict[str, object] = dict(base_url=server.url, model="test-model", api_key="sk-test", retry_backoff=0.01,
                                     timeout=5, retries=2)
    return ModelSettings(_env_file=None, **{**values, **overrides})  # type: ignore[call-arg]


def model_env(server: FakeOpenAI, **extra: str) -> dict[str, str]:
    """Environment for a CLI subprocess that should use the test server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FULIAN_", "OPENAI_"))}
    return {**env, "FULIAN_BASE_URL": server.url, "FULIAN_MODEL": "test-model", "FULIAN_API_KEY": "sk-test",
            "FULIAN_RETRY_BACKOFF": "0.01", **extra}
