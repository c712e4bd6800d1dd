"""Workbench security defaults: 127.0.0.1, never share, optional login, upload size limit."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.filterwarnings("ignore::ResourceWarning")]

from assistant.store import Store  # noqa: E402
from assistant.ui.app import serve  # noqa: E402


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_launch_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import gradio as gr

    seen: dict[str, Any] = {}
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kw: seen.update(kw))
    serve(store=Store(tmp_path / "a.sqlite3"), block=False)
    assert seen["server_name"] == "127.0.0.1" and seen["share"] is False and seen["max_file_size"] == "2mb"


def test_login_and_upload_limit(tmp_path: Path) -> None:
    port = _port()
    demo = serve("127.0.0.1", port, ("staff", "s3cret"), Store(tmp_path / "b.sqlite3"), block=False)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as anonymous:
            assert anonymous.get("/config").status_code in (401, 403)
            assert anonymous.post("/login", data={"username": "staff", "password": "wrong"}).status_code >= 400
        with httpx.Client(base_url=base, timeout=30) as staff:
            assert staff.post("/login", data={"username": "staff", "password": "s3cret"}).status_code == 200
            assert staff.get("/config").status_code == 200
            big = {"files": ("big.txt", b"x" * (3 * 1024 * 1024), "text/plain")}
            assert staff.post("/gradio_api/upload", files=big).status_code == 413
            small = {"files": ("small.txt", "一、开展活动".encode(), "text/plain")}
            assert staff.post("/gradio_api/upload", files=small).status_code == 200
    finally:
        demo.close()


def test_guessing_passwords_is_slowed_down(tmp_path: Path) -> None:
    """After five wrong passwords for an account, even the right one is refused for a minute."""
    from assistant.ui.login import LOCKED_FOR, WRONG_ALLOWED, Login

    now = [1000.0]
    login = Login("staff", "s3cret", clock=lambda: now[0])
    assert login("staff", "s3cret")
    for _ in range(WRONG_ALLOWED):
        assert not login("staff", "guess")
    assert not login("staff", "s3cret") and login.locked("staff")
    now[0] += LOCKED_FOR + 1
    assert login("staff", "s3cret")

    port = _port()  # the same through the real login route
    demo = serve("127.0.0.1", port, ("staff", "s3cret"), Store(tmp_path / "c.sqlite3"), block=False)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for _ in range(WRONG_ALLOWED):
                assert client.post("/login", data={"username": "staff", "password": "guess"}).status_code >= 400
            assert client.post("/login", data={"username": "staff", "password": "s3cret"}).status_code >= 400
    finally:
        demo.close()
