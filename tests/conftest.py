"""Shared fixtures: the bundled examples and a place for test artifacts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.resources import examples_dir

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(examples_dir().glob("*.txt"))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """A gitignored folder for files tests produce (DOCX, screenshots) so a human can look at them."""
    path = ROOT / "tests" / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path
