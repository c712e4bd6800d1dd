"""Writing the user's files safely: never over an input (same path, same file through a link), never over an
existing file unless asked, and through a temporary file renamed into place, so a failure leaves no half file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from assistant.errors import InputError


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths are one file on disk (a symlink or a hard link included)."""
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def guard_output(output: Path, inputs: Iterable[str | Path | None], force: bool = False) -> None:
    """Refuse an output that is one of the inputs, or that exists already (unless `force`)."""
    for source in inputs:
        if source is not None and str(source) != "-" and same_file(output, Path(source)):
            raise InputError(f"输出文件 {output} 就是输入的文件，不能覆盖原文件；请用 -o 写到另一个文件")
    if output.exists() and not force:
        raise InputError(f"{output} 已经存在；要覆盖请加 --force，或用 -o 换一个文件名")


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call write(temporary path) next to `path`, then rename it into place; nothing is left on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise InputError(f"无法写入 {path}：{e.strerror or e}（磁盘是否已满、文件夹是否可写？）") from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write text atomically."""
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding=encoding))
