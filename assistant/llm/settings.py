"""Model settings from the environment (FULIAN_*, OPENAI_* honoured) and provider presets from prompts/."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import InputError
from assistant.prompts import load_model
from assistant.resources import prompts_dir
from assistant.schemas import Strict

Method = Literal["json_schema", "function_calling", "json_mode"]


class Provider(Strict):
    """One preset: where the service is and how it does structured output."""

    base_url: str
    model: str
    structured_output: Method = "json_schema"
    local: bool = False
    needs_key: bool = True


class Providers(Strict):
    """prompts/providers.yaml."""

    providers: dict[str, Provider]


@cache
def providers() -> dict[str, Provider]:
    """The provider presets by name."""
    return load_model(prompts_dir() / "providers.yaml", Providers).providers


WHY = {"float_parsing": "应为数字", "int_parsing": "应为整数", "int_from_float": "应为整数", "bool_parsing":
       "应为 true 或 false", "greater_than": "应大于 {gt}", "greater_than_equal": "应不小于 {ge}", "less_than":
       "应小于 {lt}", "less_than_equal": "应不大于 {le}", "literal_error": "可选：{expected}"}


def _bad_setting(e: ValidationError) -> str:
    """“设置 FULIAN_TIMEOUT 的值“abc”不对（应为数字）…” for the first value that does not fit."""
    first = e.errors()[0]
    name = "FULIAN_" + str(first["loc"][0] if first["loc"] else "").upper()
    why = WHY.get(first["type"], "取值不对").format(**first.get("ctx", {}))
    return (f"设置 {name} 的值“{str(first.get('input', ''))[:40]}”不对（{why}）；请改正或删去这个环境变量"
            "（也可能写在当前文件夹的 .env 文件里）")


class ModelSettings(BaseSettings):
    """Which model to use. Nothing set means the offline template writer."""

    model_config = SettingsConfigDict(env_prefix="FULIAN_", env_file=".env", env_file_encoding="utf-8",
                                      extra="ignore", populate_by_name=True)

    def __init__(self, **values: Any) -> None:
        """Read the settings; a value that does not fit (FULIAN_TIMEOUT=abc) is one Chinese line, not a traceback."""
        try:
            super().__init__(**values)
        except ValidationError as e:
            raise InputError(_bad_setting(e)) from e

    provider: str | None = None
    base_url: str | None = Field(default=None, validation_alias=AliasChoices("FULIAN_BASE_URL", "OPENAI_BASE_URL"))
    model: str | None = None
    api_key: SecretStr | None = Field(default=None, validation_alias=AliasChoices("FULIAN_API_KEY", "OPENAI_API_KEY"))
    temperature: float = Field(default=0.3, ge=0, le=2)
    timeout: float = Field(default=60, gt=0)
    retries: int = Field(default=2, ge=0, le=10)
    concurrency: int = Field(default=4, ge=1, le=64)
    retry_backoff: float = Field(default=1.0, ge=0, description="seconds before the first retry; doubles each time")
    max_retry_wait: float = Field(default=30, ge=0, description="longest Retry-After the product will honour")
    stream_usage: bool = Field(default=False, description="ask for token usage while streaming (not every server can)")
    structured_output: Method | None = None
    intranet: str = Field(default="", description="hosts of the unit's own network, treated like this machine")

    def preset(self) -> Provider | None:
        """The named preset, or None; an unknown name is a user error."""
        if not self.provider:
            return None
        found = providers().get(self.provider.lower())
        if found is None:
            raise InputError(f"不认识的模型服务“{self.provider}”，可选：{'、'.join(providers())}")
        return found

    def resolved(self) -> ModelSettings:
        """These settings with the preset's values filled in where nothing was set explicitly."""
        p = self.preset()
        if p is None:
            return self
        return self.model_copy(update={
            "base_url": self.base_url or p.base_url,
            "model": self.model or p.model or None,
            "structured_output": self.structured_output or p.structured_output,
        })

    @property
    def configured(self) -> bool:
        """Whether a model endpoint is set (otherwise the template writer is used)."""
        r = self.resolved()
        return bool(r.base_url and r.model)

    def describe(self) -> str:
        """A one-line Chinese description that never shows the key."""
        r = self.resolved()
        if not r.configured:
            return "未配置模型：使用内置模板写作器（离线）"
        key = "已设置" if r.api_key and r.api_key.get_secret_value() else "未设置"
        return f"模型服务 {r.base_url}，模型 {r.model}，API 密钥{key}"
