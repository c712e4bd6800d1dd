"""House rules that keep the project honest: ruff clean, and no sentence borrowed from the seed documents."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import opencc
import pytest

from tests.conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 24  # characters in a row that count as copying


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff")
    cmd = [ruff] if ruff else [sys.executable, "-m", "ruff"]
    proc = subprocess.run([*cmd, "check", str(ROOT)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _text(path: Path) -> str:
    """A project file as text; the notes corpus holds GBK files too."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _runs(text: str) -> set[str]:
    """Every RUN-character window of a text, punctuation and whitespace ignored."""
    flat = re.sub(r"[^\w]|_", "", text)
    return {flat[i:i + RUN] for i in range(len(flat) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this clone")
def test_no_seed_sentence_is_copied_into_the_project() -> None:
    seed_runs: set[str] = set()
    for path in SEEDS.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            seed_runs |= _runs(text) | _runs(opencc.OpenCC("t2s").convert(text))
    ours = [p for d in ("prompts", "examples", "assistant", "tests", "bench") for p in (ROOT / d).rglob("*")
            if p.is_file() and p.suffix in (".yaml", ".txt", ".md", ".py") and "artifacts" not in p.parts]
    copied = {str(p.relative_to(ROOT)): sorted(_runs(_text(p)) & seed_runs)[:1] for p in ours}
    assert not {k: v for k, v in copied.items() if v}
