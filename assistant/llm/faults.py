"""Turn whatever the model client raised into one ModelError with a Chinese message and a retry decision."""

from __future__ import annotations

import json
from email.utils import parsedate_to_datetime
from time import time

import openai

from assistant.errors import ModelError
from assistant.llm.settings import ModelSettings

_STATUS = {
    400: ("模型服务返回 400：请求被拒绝（{detail}）", False),
    401: ("模型服务返回 401：API 密钥无效或已过期", False),
    403: ("模型服务返回 403：这个密钥无权使用模型“{model}”", False),
    404: ("模型服务返回 404：找不到模型“{model}”，或接口地址 {base_url} 不对", False),
    408: ("模型服务返回 408：请求超时", True),
    409: ("模型服务返回 409：请求冲突", True),
    413: ("模型服务返回 413：发送的文字太长", False),
    422: ("模型服务返回 422：请求参数不被接受（{detail}）", False),
    429: ("模型服务返回 429：请求太频繁或额度已用完", True),
}


def retry_after(headers: object) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms, or retry-after as seconds or a date)."""
    get = getattr(headers, "get", None)
    if get is None:
        return None
    ms = get("retry-after-ms")
    if ms:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        try:
            return max(parsedate_to_datetime(value).timestamp() - time(), 0.0)
        except (TypeError, ValueError):
            return None


def classify(exc: BaseException, settings: ModelSettings, *, partial: bool = False) -> ModelError:
    """The ModelError for an exception raised while calling the model (partial: some text had arrived)."""
    if isinstance(exc, ModelError):
        return exc
    where = {"model": settings.model or "", "base_url": settings.base_url or ""}
    if isinstance(exc, openai.APITimeoutError):
        return ModelError(f"模型服务在 {settings.timeout:g} 秒内没有回复（超时）", "timeout", True)
    if isinstance(exc, openai.APIConnectionError):
        if partial:
            return ModelError("模型回复到一半连接断了（回复不完整）", "cut", True)
        return ModelError(f"连不上模型服务 {settings.base_url}：请检查地址和端口、服务是否已启动、网络是否通畅",
                          "connection", True)
    if isinstance(exc, openai.APIStatusError):
        code = exc.status_code
        detail = _detail(exc)
        template, retryable = _STATUS.get(code, ("模型服务返回 {code}：服务端出错", code >= 500))
        return ModelError(template.format(code=code, detail=detail, **where), str(code), retryable,
                          retry_after(exc.response.headers))
    if isinstance(exc, (json.JSONDecodeError, openai.APIResponseValidationError)) or \
            (isinstance(exc, ValueError) and "No generation chunks" in str(exc)):
        return ModelError("模型服务返回的数据格式不对（不是合法的 JSON）", "malformed", True)
    return ModelError(f"调用模型时出错：{type(exc).__name__}：{exc}", "unknown", False)


def _detail(exc: openai.APIStatusError) -> str:
    """The server's own error message, shortened."""
    message = exc.message or ""
    if isinstance(exc.body, dict):
        message = str(exc.body.get("message") or message)
    return message[:120]


def with_attempts(err: ModelError, attempts: int) -> ModelError:
    """The same error with how many times it was tried added to the message."""
    if attempts <= 1:
        return err
    return ModelError(f"{err}（共试了 {attempts} 次）", err.cause, err.retryable, err.wait)
