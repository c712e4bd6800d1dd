"""Per-section progress of a draft running in a worker thread, for the page to show as it streams in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

STATE = {"start": "起草中", "retry": "重试中", "repair": "返工中", "done": "完成", "fallback": "改用模板文字",
         "failed": "失败，保留原文字", "cancelled": "已取消"}


class Progress:
    """Collects the writer's events (see assistant.llm.writer.Event) and renders them as Markdown."""

    def __init__(self) -> None:
        self.parts: dict[str, dict[str, str]] = {}
        self._changed = threading.Event()
        self._lock = threading.Lock()

    def sink(self, event: Any) -> None:
        """Called from the drafting thread for every event."""
        with self._lock:
            part = self.parts.setdefault(event.unit, {"heading": event.heading or event.unit, "state": "", "text": ""})
            if event.kind == "token":
                part["text"] += event.text
            else:
                part["state"] = STATE.get(event.kind, event.kind)
        self._changed.set()

    def start(self, work: Callable[[Callable[[Any], None]], Any]) -> Future[Any]:
        """Run work(sink) in a thread."""
        pool = ThreadPoolExecutor(max_workers=1)
        future = pool.submit(work, self.sink)
        def finished(_: Future[Any]) -> None:
            self._changed.set()
            pool.shutdown(wait=False)

        future.add_done_callback(finished)
        return future

    def wait(self, seconds: float) -> None:
        """Until something happens, at most `seconds`."""
        self._changed.wait(seconds)
        self._changed.clear()

    def report(self) -> str:
        """Each part with its state and the start of what has streamed in."""
        with self._lock:
            if not self.parts:
                return ""
            done = sum(1 for p in self.parts.values() if p["state"] in ("完成", "改用模板文字", "失败，保留原文字"))
            lines = [f"**已完成 {done}/{len(self.parts)} 部分**"]
            for p in self.parts.values():
                snippet = p["text"].replace("\n", " ")[-60:]
                lines.append(f"- {p['heading']}：{p['state']}" + (f"　…{snippet}" if snippet else ""))
            return "\n".join(lines)
