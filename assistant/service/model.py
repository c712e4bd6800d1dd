"""Which writer a job uses — the offline template writer or a model — and the personal-data guard before a model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.choices import Backend
from assistant.errors import InputError
from assistant.llm.settings import ModelSettings
from assistant.service.privacy import anonymise, guard

if TYPE_CHECKING:  # the model stack takes a second to import; offline jobs never load it
    from assistant.llm.probe import Check
    from assistant.llm.writer import LLMWriter


@dataclass(frozen=True)
class ModelChoice:
    """What the user chose: the backend, settings that override the environment, and consent for personal data."""

    backend: Backend = Backend.auto
    provider: str = ""
    base_url: str = ""
    model: str = ""
    api_key: str = ""
    intranet: str = ""  # hosts the user declares as the unit's own network, on top of FULIAN_INTRANET
    allow_personal: bool = False  # the user confirmed that personal data may go to this service
    anonymise: bool = False  # names, ID and phone numbers are taken out before the job reads the text
    writer: LLMWriter | None = None  # a writer built by the caller (a bench, a test) instead of one from settings

    def settings(self) -> ModelSettings:
        """The environment's model settings with this choice's overrides (or the given writer's settings)."""
        if self.writer is not None:
            return self.writer.settings
        values = {"provider": self.provider, "base_url": self.base_url, "model": self.model, "api_key": self.api_key}
        overrides: dict[str, Any] = {k: v for k, v in values.items() if v}
        return ModelSettings(**overrides)

    def wants_model(self) -> bool:
        """Whether a job would call a model (without building one)."""
        return self.backend == Backend.llm or (self.backend == Backend.auto and self.settings().configured)


TEMPLATE = ModelChoice(Backend.template)


def prepared(choice: ModelChoice, text: str) -> str:
    """The text a job works on: anonymised first when the user asked for it."""
    return anonymise(text) if choice.anonymise else text


def cleared(choice: ModelChoice, text: str) -> ModelSettings:
    """The settings of a configured service that `text` may be sent to (the personal-data guard has passed)."""
    settings = choice.settings()
    if not settings.configured:
        raise InputError("还没有配置模型服务：请设置 FULIAN_PROVIDER（如 deepseek、qwen、ollama），或服务地址和模型名"
                         "（工作台在“设置”里填写）；运行 fulian model test 可检查配置")
    guard(text, settings, choice.intranet, choice.allow_personal)
    return settings


def choose_model(choice: ModelChoice, text: str = "") -> LLMWriter | None:
    """The model writer the choice asks for (None = the template writer), once `text` may be sent to it."""
    if not choice.wants_model():
        return None
    settings = cleared(choice, text)
    if choice.writer is not None:
        return choice.writer
    from assistant.llm.writer import LLMWriter

    return LLMWriter(settings)


def probe(choice: ModelChoice | None = None) -> list[Check]:
    """One minimal request to the configured service: reachable, key, model name, chat, structured output."""
    from assistant.llm.probe import probe as run_probe

    return run_probe((choice or ModelChoice()).settings())


def using(writer: LLMWriter) -> ModelChoice:
    """A choice that must use this writer (the personal-data guard still applies)."""
    return ModelChoice(Backend.llm, writer=writer)
