"""Two sessions on one workbench: while one pastes 200 000 characters and drafts from the longest, worst-shaped
notes the reader accepts, the other's draft is done and saved; three zip-bomb uploads at once are each refused
in Chinese and the server goes on. (The seconds and megabytes are printed by bench/ui_load.py.)"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::ResourceWarning"),
              pytest.mark.filterwarnings("ignore::UserWarning")]

from gradio_client import Client, handle_file  # noqa: E402
from gradio_client.utils import Status  # noqa: E402

from assistant.service.outline_rows import HEADERS  # noqa: E402
from assistant.store import Store  # noqa: E402
from assistant.ui.app import serve  # noqa: E402
from hostile.inputs import shapes, zip_bomb  # noqa: E402

NO_OUTLINE = {"headers": HEADERS, "data": [], "metadata": None}
SMALL = "单位：云溪镇妇联\n年度：2026\n类型：工作计划\n- 开展巾帼大宣讲12场\n- 新建妇女微家3个\n"


def draft_args(notes: str) -> tuple[object, ...]:
    """The /draft endpoint's inputs with the offline writer."""
    return notes, "自动判断", NO_OUTLINE, "template", "", "", "", "", "", False


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = Store(tmp_path_factory.mktemp("load") / "ui.sqlite3")
    demo = serve("127.0.0.1", port, None, store, block=False)
    yield f"http://127.0.0.1:{port}/", store
    demo.close()


def test_a_long_paste_does_not_hold_up_another_session(server: tuple[str, Store]) -> None:
    url, store = server
    heavy, light = Client(url, verbose=False), Client(url, verbose=False)
    refused = heavy.predict(None, "开展巾帼宣讲活动，覆盖妇女群众" * 14_000, api_name="/check")
    assert "超过了 100000 字的上限" in refused[0]  # 200 000 characters: refused at once, nothing else runs
    worst = dict(shapes(49_000))["mixed random"]
    long_job = heavy.submit(*draft_args("石桥镇妇联2026年工作计划\n" + worst), api_name="/draft")
    deadline = time.monotonic() + 60
    while long_job.status().code not in (Status.PROCESSING, Status.ITERATING) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not long_job.done(), long_job.status()
    out = light.predict(*draft_args(SMALL), api_name="/draft")
    assert "已生成并保存" in str(out[0])
    assert not long_job.done()  # the short draft did not wait for the long one
    assert "已生成并保存" in str(long_job.result(timeout=300)[0])
    with sqlite3.connect(store.path) as db:
        titles = [t for (t,) in db.execute("SELECT title FROM documents")]
    assert any(t.startswith("云溪镇妇联") for t in titles) and any(t.startswith("石桥镇妇联") for t in titles)


def test_three_zip_bombs_at_once_are_refused(server: tuple[str, Store], tmp_path: Path) -> None:
    url, _ = server
    bomb = tmp_path / "总结.docx"
    bomb.write_bytes(zip_bomb(1024))  # 1 GiB of word/document.xml in about a megabyte
    said: list[str] = []

    def upload() -> None:
        said.append(str(Client(url, verbose=False).predict(handle_file(str(bomb)), "", api_name="/check")[0]))

    threads = [threading.Thread(target=upload) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(said) == 3 and all("解压后有 1024 MB，不像是一篇文稿" in s for s in said), said
    out = Client(url, verbose=False).predict(*draft_args(SMALL), api_name="/draft")
    assert "已生成并保存" in str(out[0])  # and the server goes on


def test_an_upload_reaches_the_workers_as_a_plain_path() -> None:
    from gradio.utils import NamedString

    from assistant.ui.page import upload_path

    assert type(upload_path(NamedString("/tmp/总结.docx"))) is str  # Gradio's str would make a worker import Gradio
    assert upload_path(None) is None
