"""`fulian model test`: one minimal call of each kind, reported in Chinese."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import openai
from langchain_core.messages import HumanMessage

from assistant.errors import ModelError
from assistant.llm.client import ModelClient
from assistant.llm.faults import classify
from assistant.llm.prompting import PingVars, render
from assistant.llm.settings import ModelSettings
from assistant.schemas import Strict


@dataclass
class Check:
    """One line of the report: ok True/False, or None for 'could not tell' (not a failure)."""

    name: str
    ok: bool | None
    detail: str


class Pong(Strict):
    """The tiny schema used to test structured output."""

    reply: str


async def aprobe(settings: ModelSettings | None = None) -> list[Check]:
    """Reachability and key, model name, a chat reply, structured output."""
    client = ModelClient(settings)
    s = client.settings
    checks = [Check("配置", True, s.describe())]
    async with client:
        try:
            listed = [m.id async for m in client.raw().models.list()]
            checks.append(Check("连通和密钥", True, f"服务可以连通，共列出 {len(listed)} 个模型"))
            found = s.model in listed
            checks.append(Check("模型名称", True if found else None,
                                f"模型“{s.model}”可用" if found else f"服务没有列出“{s.model}”，请核对模型名称"))
        except openai.NotFoundError:
            checks.append(Check("连通和密钥", None, "服务不提供模型列表，跳过这一项"))
        except Exception as e:
            err = classify(e, s)
            checks.append(Check("连通和密钥", False, str(err)))
            if err.cause in ("401", "403", "connection", "timeout"):
                return checks
        started = time.perf_counter()
        try:
            reply = await client.complete([HumanMessage(render("ping.j2", PingVars(word="收到")))])
            took = time.perf_counter() - started
            checks.append(Check("对话", True, f"模型回复“{reply.strip()[:20]}”，用时 {took:.1f} 秒"))
        except ModelError as e:
            checks.append(Check("对话", False, str(e)))
            return checks
        method = s.structured_output or "json_schema"
        label = f"结构化输出（{method}）"
        other = "可设 FULIAN_STRUCTURED_OUTPUT 为 function_calling 或 json_mode 再试"
        try:
            out = await client.structured([HumanMessage(render("ping.j2", PingVars(word="收到")) +
                                                        "请用 JSON 回复，字段 reply。")], Pong, method)
            ok = out.get("parsed") is not None
            checks.append(Check(label, ok, "可用" if ok else f"模型没按格式返回（整理笔记时会改用内置规则）；{other}"))
        except ModelError as e:
            checks.append(Check(label, False, f"{e}；{other}"))
    return checks


def probe(settings: ModelSettings | None = None) -> list[Check]:
    """aprobe, from synchronous code."""
    return asyncio.run(aprobe(settings))
