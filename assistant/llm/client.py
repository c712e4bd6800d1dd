"""One OpenAI-compatible endpoint through langchain-openai: streaming, bounded retries, a concurrency limit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.messages import BaseMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ValidationError

from assistant.errors import InputError, ModelError
from assistant.llm.faults import classify, with_attempts
from assistant.llm.settings import Method, ModelSettings

log = logging.getLogger(__name__)
T = TypeVar("T")
OnToken = Callable[[str], None]


@dataclass
class Usage:
    """Calls and tokens spent (tokens only when the server reports them)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, meta: dict[str, Any] | None) -> None:
        """Count one call's usage metadata."""
        if meta:
            self.prompt_tokens += int(meta.get("input_tokens") or 0)
            self.completion_tokens += int(meta.get("output_tokens") or 0)


class ModelClient:
    """Use inside `async with`: one HTTP connection pool per event loop, closed at the end."""

    def __init__(self, settings: ModelSettings | None = None):
        self.settings = (settings or ModelSettings()).resolved()
        if not self.settings.configured:
            raise InputError("还没有配置模型：请设置 FULIAN_PROVIDER（如 deepseek、qwen、ollama），"
                             "或 FULIAN_BASE_URL 和 FULIAN_MODEL")
        self.usage = Usage()
        self._http: openai.DefaultAsyncHttpxClient | None = None
        self._limit = asyncio.Semaphore(self.settings.concurrency)

    async def __aenter__(self) -> ModelClient:
        self._http = openai.DefaultAsyncHttpxClient()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    @property
    def key(self) -> str:
        """The API key to send; local servers without one get a dummy the SDK accepts."""
        k = self.settings.api_key
        return k.get_secret_value() if k and k.get_secret_value() else "no-key"

    def raw(self) -> openai.AsyncOpenAI:
        """The plain openai client on the same connection pool (for the model list)."""
        s = self.settings
        return openai.AsyncOpenAI(base_url=s.base_url, api_key=self.key, timeout=s.timeout, max_retries=0,
                                  http_client=self._http)

    def chat(self, **overrides: Any) -> ChatOpenAI:
        """A ChatOpenAI for this endpoint; retries are ours, so the client's own are off."""
        s = self.settings
        params: dict[str, Any] = dict(model=s.model, base_url=s.base_url, api_key=self.key, temperature=s.temperature,
                                      timeout=s.timeout, max_retries=0, stream_usage=s.stream_usage,
                                      http_async_client=self._http)
        return ChatOpenAI(**{**params, **overrides})

    async def _retrying(self, call: Callable[[], Awaitable[T]], on_retry: Callable[[ModelError], None] | None,
                        partial: Callable[[], bool] = lambda: False) -> T:
        """Run `call` with bounded retries and backoff where retrying makes sense."""
        s = self.settings
        attempts = s.retries + 1
        for n in range(1, attempts + 1):
            try:
                async with self._limit:
                    self.usage.calls += 1
                    return await call()
            except (asyncio.CancelledError, KeyboardInterrupt):
                raise
            except Exception as exc:
                err = classify(exc, s, partial=partial())
                log.info("model call failed (%s), attempt %d/%d", err.cause, n, attempts)
                if not err.retryable or n == attempts:
                    raise with_attempts(err, n) from exc
                wait = err.wait if err.wait is not None else s.retry_backoff * 2 ** (n - 1)
                if wait > s.max_retry_wait:
                    raise ModelError(f"{err}，服务要求 {wait:.0f} 秒后再试", err.cause) from exc
                if on_retry:
                    on_retry(err)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")

    async def complete(self, messages: list[BaseMessage], on_token: OnToken | None = None,
                       on_retry: Callable[[ModelError], None] | None = None) -> str:
        """Stream one reply; a cut stream or an empty reply counts as a failure and is retried."""
        got: list[str] = []

        async def once() -> str:
            got.clear()
            finish = None
            usage = None
            async for chunk in self.chat().astream(messages):
                piece = chunk.text
                if piece:
                    got.append(piece)
                    if on_token:
                        on_token(piece)
                finish = chunk.response_metadata.get("finish_reason") or finish
                usage = chunk.usage_metadata or usage
            self.usage.add(usage)  # type: ignore[arg-type]
            text = "".join(got)
            if finish is None:
                raise ModelError("模型回复到一半连接断了（回复不完整）", "cut", True)
            if not text.strip():
                raise ModelError("模型返回了空内容", "empty", True)
            if finish == "length":
                raise ModelError("模型回复超出长度上限被截断", "length", True)
            return text

        return await self._retrying(once, on_retry, partial=lambda: bool(got))

    async def structured(self, messages: list[BaseMessage], schema: type[BaseModel], method: Method | None = None
                         ) -> dict[str, Any]:
        """One structured-output call: {'raw', 'parsed', 'parsing_error'} as langchain returns it."""
        method = method or self.settings.structured_output or "json_schema"
        runnable = self.chat().with_structured_output(schema, method=method, include_raw=True)

        async def once() -> dict[str, Any]:
            try:
                out = await runnable.ainvoke(messages)
            except (ValidationError, OutputParserException) as e:  # a reply that is not the schema: re-ask
                return {"raw": None, "parsed": None, "parsing_error": e}
            raw = out.get("raw")
            self.usage.add(getattr(raw, "usage_metadata", None))
            return out

        return await self._retrying(once, None)
