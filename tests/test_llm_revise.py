"""Polishing a paragraph and rewriting a section through the model: locked text and figures are safe."""

from __future__ import annotations

from typing import Any

from conftest import model_settings
from fake_openai import FakeOpenAI, Reply

from assistant.llm.writer import LLMWriter
from assistant.schemas import Paragraph, Section

ORIGINAL = "今年我们搞了巾帼大宣讲40场，效果挺好。"


def test_polish_is_applied_when_figures_are_kept(llm_server: FakeOpenAI) -> None:
    llm_server.queue("全年开展巾帼大宣讲四十场，取得良好成效。")
    polished, warnings = LLMWriter(model_settings(llm_server)).polish(Paragraph(id="p", text=ORIGINAL))
    assert polished.text == "全年开展巾帼大宣讲四十场，取得良好成效。" and polished.origin == "llm" and not warnings
    assert ORIGINAL in str(llm_server.requests[0]["messages"][1]["content"])


def test_polish_that_changes_a_figure_is_repaired_or_refused(llm_server: FakeOpenAI) -> None:
    llm_server.queue("全年开展巾帼大宣讲50场，取得良好成效。", "全年开展巾帼大宣讲40场，取得良好成效。")
    polished, _ = LLMWriter(model_settings(llm_server)).polish(Paragraph(id="p", text=ORIGINAL))
    assert polished.text == "全年开展巾帼大宣讲40场，取得良好成效。"
    assert "“50场”" in str(llm_server.requests[1]["messages"][-1]["content"])
    llm_server.queue("开展宣讲50场。", "开展宣讲60场，服务妇女3000人次。")
    kept, warnings = LLMWriter(model_settings(llm_server)).polish(Paragraph(id="p", text=ORIGINAL))
    assert kept.text == ORIGINAL and warnings and "保留原文" in warnings[0]


def test_locked_paragraph_is_never_sent(llm_server: FakeOpenAI) -> None:
    locked = Paragraph(id="p", text=ORIGINAL, locked=True)
    same, warnings = LLMWriter(model_settings(llm_server)).polish(locked)
    assert same.text == ORIGINAL and warnings and not llm_server.requests


def test_rewrite_section_keeps_locked_paragraphs_and_figures(llm_server: FakeOpenAI) -> None:
    section = Section(id="s", heading="思想引领", paragraphs=[
        Paragraph(id="a", text="开展巾帼大宣讲40场。"),
        Paragraph(id="b", text="这一段由用户亲手写定。", locked=True, origin="user"),
        Paragraph(id="c", text="新建妇女微家5个。"),
    ])

    def respond(body: dict[str, Any]) -> Reply:
        return Reply("深入开展巾帼大宣讲40场，推动党的创新理论飞入寻常百姓家。\n\n高标准新建妇女微家5个。")

    llm_server.responder = respond
    new, warnings = LLMWriter(model_settings(llm_server)).rewrite_section(section, "写得更生动")
    assert not warnings
    assert [p.text for p in new.paragraphs] == ["深入开展巾帼大宣讲40场，推动党的创新理论飞入寻常百姓家。",
                                               "这一段由用户亲手写定。", "高标准新建妇女微家5个。"]
    assert "这一段由用户亲手写定" not in str(llm_server.requests[0]["messages"][1]["content"])
    assert section.paragraphs[0].text == "开展巾帼大宣讲40场。"  # the input is not changed in place
    llm_server.responder = lambda body: Reply("开展巾帼大宣讲400场。\n\n新建妇女微家5个。")
    same, warnings = LLMWriter(model_settings(llm_server)).rewrite_section(section, "写得更生动")
    assert [p.text for p in same.paragraphs] == [p.text for p in section.paragraphs] and "400场" in warnings[0]
