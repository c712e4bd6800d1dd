"""CPU-heavy jobs in worker processes with a time budget, so that one user's long paste runs beside the others'
work instead of in front of it (no shared interpreter lock), and a job past its budget is stopped with a
Chinese message while the text stays where the user typed it."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import TimeoutError as Overtime
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from assistant.errors import InputError

T = TypeVar("T")

BUDGET_S = 60.0  # the largest input any job accepts takes about 10 s on its worst shape (bench/hostile.py)


def direct(fn: Callable[..., T], *args: Any) -> T:
    """Run a job here (the CLI, where the user waits for their own work only)."""
    return fn(*args)


def _ready() -> int:
    """Import what the jobs need, so the first user does not wait for it."""
    import assistant.service.checking
    import assistant.service.drafting
    import assistant.service.exporting
    import assistant.service.rewriting  # noqa: F401

    return os.getpid()


class Workers:
    """A pool of worker processes; `run(fn, *args)` returns fn(*args) or raises an InputError that says why not."""

    def __init__(self, count: int | None = None, budget: float = BUDGET_S) -> None:
        self.count = count or max(2, os.cpu_count() or 2)
        self.budget = budget
        # spawn: a fresh interpreter, not a fork of a server that has threads running
        self.pool = ProcessPool(max_workers=self.count, context=multiprocessing.get_context("spawn"))

    def warm(self) -> None:
        """Start every worker and import the jobs' modules in it."""
        for future in [self.pool.schedule(_ready) for _ in range(self.count)]:
            future.result()

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """fn(*args) in a worker, stopped after the budget."""
        future = self.pool.schedule(fn, args, timeout=self.budget)
        try:
            return future.result()
        except Overtime:
            raise InputError(f"这项处理超过 {self.budget:g} 秒还没有完成，已经停止（原文保留）；"
                             "请把文字分成几部分再试") from None
        except ProcessExpired as e:  # killed from outside or out of memory
            raise InputError(f"处理这段文字的进程意外退出了（退出码 {e.exitcode}），原文保留；"
                             "请把文字分成几部分再试") from None

    def close(self) -> None:
        """Stop the workers."""
        self.pool.stop()
        self.pool.join()
