"""Where the prompt library and bundled examples live (source tree, wheel, or an override)."""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _find(name: str, env: str) -> Path:
    """Return the data folder `name`: $env, then inside the installed package, then the source tree."""
    override = os.environ.get(env)
    if override:
        return Path(override)
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到 {name}/ 目录，安装可能不完整")


def prompts_dir() -> Path:
    """The prompt library (wording staff may tune); FULIAN_PROMPTS_DIR overrides."""
    return _find("prompts", "FULIAN_PROMPTS_DIR")


def examples_dir() -> Path:
    """The bundled example notes; FULIAN_EXAMPLES_DIR overrides."""
    return _find("examples", "FULIAN_EXAMPLES_DIR")
