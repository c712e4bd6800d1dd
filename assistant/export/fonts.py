"""Which of the fonts a profile names are installed on this machine (fc-list, or the Windows font folder)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from assistant.prompts import FontProfile, fonts


def installed_families() -> set[str] | None:
    """Font family names known to fontconfig, or None when fc-list is not available."""
    exe = shutil.which("fc-list")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, ":", "family"], capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def _windows_has(name: str) -> bool | None:
    """Whether the Windows font folder has a file for this font, or None off Windows."""
    windir = os.environ.get("WINDIR")
    if not windir:
        return None
    folder = Path(windir) / "Fonts"
    return any((folder / f).exists() for f in fonts().windows_files.get(name, []))


def names(fp: FontProfile) -> list[str]:
    """Every font a profile names, each once."""
    return list(dict.fromkeys([fp.title, fp.body, fp.h1, fp.h2, fp.h3, fp.page_number, fp.latin]))


def missing_fonts(fp: FontProfile) -> list[str]:
    """Fonts the profile names that this machine lacks ([] when it cannot tell)."""
    families = installed_families()
    missing = []
    for name in names(fp):
        if families is not None:
            if name not in families:
                missing.append(name)
        elif _windows_has(name) is False:
            missing.append(name)
    return missing
