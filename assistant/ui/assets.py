"""What the workbench adds to Gradio's page: its style sheet and the Chinese for Gradio's own English pop-ups."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from assistant.prompts import load_model
from assistant.resources import prompts_dir
from assistant.schemas import Strict

_HERE = Path(__file__).parent


class Message(Strict):
    """One English pop-up text of Gradio's and its Chinese."""

    pattern: str
    zh: str


class GradioZh(Strict):
    """prompts/ui/gradio_zh.yaml."""

    titles: dict[str, str]
    messages: list[Message]


@cache
def head() -> str:
    """A script for the page's <head> that shows Gradio's English pop-ups in Chinese."""
    rules = load_model(prompts_dir() / "ui" / "gradio_zh.yaml", GradioZh)
    data = json.dumps(rules.model_dump(), ensure_ascii=False).replace("</", "<\\/")
    script = (_HERE / "zh_messages.js").read_text(encoding="utf-8")
    return f"<script>window.FULIAN_ZH = {data};\n{script}</script>"


def css() -> str:
    """The workbench's style sheet."""
    return (_HERE / "workbench.css").read_text(encoding="utf-8")
