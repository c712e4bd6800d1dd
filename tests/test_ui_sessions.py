"""Ten sessions drafting at once through gradio_client: each gets its own document, all are saved."""

from __future__ import annotations

import socket
import sqlite3
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::ResourceWarning"),
              pytest.mark.filterwarnings("ignore::UserWarning")]

from gradio_client import Client  # noqa: E402

from assistant.service.outline_rows import HEADERS  # noqa: E402
from assistant.store import Store  # noqa: E402
from assistant.ui.app import serve  # noqa: E402

UNITS = ["云溪", "石桥", "柳塘", "青枫", "河阳", "东川", "西林", "南湖", "北山", "中和"]


def test_ten_concurrent_sessions(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = Store(tmp_path / "ui.sqlite3")
    demo = serve("127.0.0.1", port, None, store, block=False)
    results: dict[str, str] = {}
    errors: list[BaseException] = []

    def session(unit: str, n: int) -> None:
        try:
            client = Client(f"http://127.0.0.1:{port}/", verbose=False)
            notes = (f"单位：{unit}镇妇联\n年度：2026\n类型：工作计划\n"
                     f"- 开展巾帼大宣讲{n + 10}场\n- 新建妇女微家{n + 1}个\n")
            no_outline = {"headers": HEADERS, "data": [], "metadata": None}
            out = client.predict(notes, "自动判断", no_outline, "template", "", "", "", "", "", False,
                                 api_name="/draft")
            results[unit] = str(out[0])
        except BaseException as e:
            errors.append(e)

    try:
        threads = [threading.Thread(target=session, args=(u, n)) for n, u in enumerate(UNITS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        demo.close()
    assert not errors, errors
    with sqlite3.connect(store.path) as db:
        rows = db.execute("SELECT id, owner, title FROM documents").fetchall()
    assert len(rows) == 10 and len({r[1] for r in rows}) == 10  # one owner per session
    for doc_id, _, title in rows:
        unit = title[:2]
        doc = store.latest(doc_id)
        n = UNITS.index(unit)
        text = " ".join(p.text for p in doc.paragraphs())
        assert f"{n + 10}场" in text and f"{n + 1}个" in text, unit
        others = [u for u in UNITS if u != unit]
        assert not any(f"{u}镇" in text for u in others), unit  # nothing leaked from another session
        assert "已生成并保存" in results[unit]
