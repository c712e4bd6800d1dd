"""Every CLI command on every hostile file, as a user would run it: an exit code the README documents, never a
traceback, the input byte for byte as it was, and either a complete output file or none. (Seconds and peak
memory of the same runs: bench/hostile.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile.cli_matrix import DOCUMENTED, NAMES, commands, write_inputs
from hostile.test_input_doors import fulian


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("matrix")
    write_inputs(here)
    return here


@pytest.mark.parametrize("name", NAMES)
def test_every_command_ends_as_documented(folder: Path, name: str) -> None:
    before = (folder / name).read_bytes()
    for command in commands(name):
        proc = fulian(*command, cwd=folder)
        said = " ".join(command)
        assert proc.returncode in DOCUMENTED, (said, proc.returncode, proc.stderr[-800:])
        assert "Traceback" not in proc.stderr + proc.stdout, (said, proc.stderr[-800:])
        if proc.returncode == 2:
            assert any("\u4e00" <= c <= "\u9fff" for c in proc.stderr), (said, proc.stderr)
        out = Path(command[command.index("-o") + 1]) if "-o" in command else None
        if out is not None:
            target = folder / out
            assert target.exists() == (proc.returncode in (0, 1)), (said, proc.returncode, proc.stderr[-400:])
            assert not [p.name for p in folder.iterdir() if p.name.startswith(".")], said  # no temporary file left
        assert (folder / name).read_bytes() == before, said
