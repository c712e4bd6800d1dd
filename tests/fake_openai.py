"""A small OpenAI-compatible chat-completions server for tests and bench: scripted replies, latency, faults.

It speaks enough of the API for the real `openai` and `langchain-openai` clients: POST /v1/chat/completions
(plain JSON or SSE streaming, `response_format` json_object/json_schema, `tools` for function calling) and
GET /v1/models. Every request body is recorded so tests can look at the prompts.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

Fault = Literal["malformed", "cut", "empty"]
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def estimate_tokens(text: str) -> int:
    """A rough token count: one per CJK character, one per four other characters."""
    cjk = len(_CJK.findall(text))
    return cjk + (len(text) - cjk + 3) // 4


@dataclass
class Reply:
    """One scripted answer: the text (or tool arguments), or an HTTP error, or a fault."""

    content: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fault: Fault | None = None
    message: str = ""


Responder = Callable[[dict[str, Any]], Reply]


class FakeOpenAI:
    """The server: `script` replies are used first, then `responder`; `latency` is added to every call."""

    def __init__(self, responder: Responder | None = None, latency: float = 0.0, api_key: str | None = None):
        self.script: deque[Reply] = deque()
        self.responder = responder or (lambda body: Reply("好"))
        self.latency = latency
        self.api_key = api_key
        self.models = ["test-model"]
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.times: list[float] = []
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL to give a client."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def queue(self, *replies: Reply | str) -> None:
        """Add replies to use before the responder, in order."""
        self.script.extend(r if isinstance(r, Reply) else Reply(r) for r in replies)

    def next_reply(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        """Record the request and choose its reply."""
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            self.times.append(time.monotonic())
            scripted = self.script.popleft() if self.script else None
        return scripted or self.responder(body)

    def enter(self, step: int) -> None:
        """Count requests in flight and remember the most at once."""
        with self._lock:
            self.active += step
            self.peak = max(self.peak, self.active)

    @property
    def prompt_tokens(self) -> int:
        """Estimated prompt tokens over every request so far."""
        return sum(estimate_tokens(str(m.get("content") or "")) for b in self.requests for m in b.get("messages", []))


def _handler(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    """A request handler bound to one FakeOpenAI."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Stay quiet."""

        def handle(self) -> None:
            """Serve the connection; a client that hung up (after a timeout or a cut) is not an error."""
            with contextlib.suppress(OSError):
                super().handle()

        def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            if server.api_key and self.headers.get("Authorization") != f"Bearer {server.api_key}":
                self._json(401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                                           "code": "invalid_api_key"}})
                return False
            return True

        def do_GET(self) -> None:
            if not self._authorised():
                return
            if self.path.rstrip("/").endswith("/models"):
                self._json(200, {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "test"}
                                                            for m in server.models]})
            else:
                self._json(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if not self._authorised():
                return
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": "not found"}})
                return
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                self._json(400, {"error": {"message": "invalid JSON body"}})
                return
            reply = server.next_reply(body, dict(self.headers))
            server.enter(+1)
            try:
                time.sleep(server.latency + reply.delay)
                self._answer(body, reply)
            finally:
                server.enter(-1)

        def _answer(self, body: dict[str, Any], reply: Reply) -> None:
            if reply.status != 200:
                self._json(reply.status, {"error": {"message": reply.message or f"HTTP {reply.status}",
                                                    "type": "server_error", "code": None}}, reply.headers)
                return
            if reply.fault == "malformed":
                data = b'{"id": "chatcmpl-x", "choices": [{"message": {"content": "'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            content = "" if reply.fault == "empty" else reply.content
            if body.get("stream"):
                self._stream(body, content, cut=reply.fault == "cut")
            else:
                self._json(200, _completion(body, content))

        def _stream(self, body: dict[str, Any], content: str, cut: bool) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            pieces = [content[i:i + 6] for i in range(0, len(content), 6)]
            events = [_chunk(body, {"role": "assistant", "content": ""})]
            events += [_chunk(body, {"content": p}) for p in pieces]
            if cut:
                for e in events[: max(2, len(events) // 2)]:
                    self._send_chunk(f"data: {json.dumps(e, ensure_ascii=False)}\n\n")
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            events.append(_chunk(body, {}, finish="stop"))
            if (body.get("stream_options") or {}).get("include_usage"):
                events.append({**_chunk(body, {}), "choices": [], "usage": _usage(body, content)})
            for e in events:
                self._send_chunk(f"data: {json.dumps(e, ensure_ascii=False)}\n\n")
            self._send_chunk("data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")

        def _send_chunk(self, text: str) -> None:
            data = text.encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")

    return Handler


def _usage(body: dict[str, Any], content: str) -> dict[str, int]:
    """Estimated token usage for one call."""
    prompt = sum(estimate_tokens(str(m.get("content") or "")) for m in body.get("messages", []))
    completion = estimate_tokens(content)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _chunk(body: dict[str, Any], delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    """One streaming chunk."""
    return {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": body.get("model", ""), "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def _completion(body: dict[str, Any], content: str) -> dict[str, Any]:
    """A whole completion; a tools request is answered with a call whose arguments are the content."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    finish = "stop"
    tools = body.get("tools") or []
    if tools:
        name = tools[0]["function"]["name"]
        message = {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": content}}]}
        finish = "tool_calls"
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", ""), "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": _usage(body, content)}


DATA = re.compile(r"〈资料〉\n(.*?)\n〈/资料〉", re.S)


def section_data(body: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON data block of a section prompt (None for other prompts)."""
    found = DATA.search(str(body["messages"][1]["content"])) if len(body.get("messages", [])) > 1 else None
    data = json.loads(found.group(1)) if found else None
    return data if isinstance(data, dict) and "段落" in data else None


def grounded(body: dict[str, Any]) -> Reply:
    """A well-behaved model: one paragraph per requested slot, built only from the facts it was given."""
    data = section_data(body)
    if data is None:
        return Reply("收到")
    paras = []
    for row in data["段落"]:
        facts = row.get("事实")
        paras.append("我们认真" + "，".join(facts) + "，取得了实效。" if facts else str(row.get("参考内容", "")))
    return Reply("\n\n".join(paras))


ORIGINAL = re.compile(r"〈原文〉\n(.*?)\n〈/原文〉", re.S)


def rewriting(body: dict[str, Any]) -> Reply:
    """A well-behaved model for rewrite prompts: each paragraph back with a formal opener, figures untouched."""
    found = ORIGINAL.search(str(body["messages"][1]["content"])) if len(body.get("messages", [])) > 1 else None
    if not found:
        return grounded(body)
    original = json.loads(found.group(1))
    if isinstance(original, str):
        return Reply(original)
    return Reply("\n\n".join(f"认真落实：{p}" for p in original))
