"""The workbench's worker pool: a job past its budget is stopped with a Chinese message, a worker that dies is
replaced, and the pool goes on serving the next job."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from assistant.errors import InputError
from assistant.service.checking import check_source
from assistant.service.workers import Workers


@pytest.fixture(scope="module")
def workers() -> Iterator[Workers]:
    pool = Workers(count=1, budget=0.5)
    pool.warm()
    yield pool
    pool.close()


def test_a_job_past_its_budget_is_stopped_and_the_next_one_runs(workers: Workers) -> None:
    with pytest.raises(InputError, match=r"超过 0\.5 秒还没有完成，已经停止（原文保留）"):
        workers.run(time.sleep, 30)  # would hold the only worker for 30 s
    done = workers.run(check_source, None, "石桥镇妇联2025年工作总结\n今年开展了活动12场,覆盖妇女300人。")
    assert done.report.findings  # the half-width comma


def test_a_worker_that_dies_is_said_and_replaced(workers: Workers) -> None:
    with pytest.raises(InputError, match="意外退出了（退出码 3）"):
        workers.run(os._exit, 3)
    assert workers.run(check_source, None, "没有问题的一句话。").report.findings == []


def test_the_job_own_error_comes_back_as_it_was(workers: Workers) -> None:
    with pytest.raises(InputError, match="超过了 100000 字的上限"):
        workers.run(check_source, None, "开展活动" * 50_000)
