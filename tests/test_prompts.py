"""The prompt library loads, and its wording can never put a figure into a draft."""

from collections.abc import Iterator

import pytest

from assistant import prompts
from assistant.numbers import find_figures
from assistant.prompts import slot_names

SLOTS = {"self_full", "self", "scope", "our", "party", "superior", "sub", "people", "year", "next_year",
         "opening", "study", "function", "mission", "clause", "method", "purpose", "effect", "label", "theme", "m"}


def _strings(obj: object) -> Iterator[str]:
    """Every string inside a loaded model."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list | tuple):
        for v in obj:
            yield from _strings(v)
    elif hasattr(obj, "model_dump"):
        yield from _strings(obj.model_dump())


BANKS = [prompts.taxonomy, prompts.topics, prompts.actions, prompts.frames, prompts.bank, prompts.levels]


@pytest.mark.parametrize("loader", BANKS, ids=lambda f: f.__name__)
def test_phrase_banks_carry_no_figures_and_known_slots(loader) -> None:  # type: ignore[no-untyped-def]
    for text in _strings(loader()):
        bare = text.replace("{year}", "").replace("{next_year}", "")
        assert not [f for f in find_figures(bare) if f.kind != "year"], f"figure in prompt text: {text}"
        assert slot_names(text) <= SLOTS, f"unknown slot in: {text}"


def test_every_library_file_validates() -> None:
    for loader in [*BANKS, prompts.units, prompts.notes_vocab, prompts.fonts, prompts.doctypes]:
        assert loader()
    assert {"工作计划", "工作总结", "工作要点", "总结+计划"} <= set(prompts.doctypes())
    assert prompts.year_context(2026).theme == "“十五五”开局之年"


def test_unknown_keys_are_rejected(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from assistant.errors import InputError

    (tmp_path / "units.yaml").write_text("units: [场]\napprox_prefix: []\napprox_suffix: []\n"
                                         "approx_post: []\nidioms: []\ntypo: 1\n", encoding="utf-8")
    monkeypatch.setenv("FULIAN_PROMPTS_DIR", str(tmp_path))
    prompts.clear_caches()
    try:
        with pytest.raises(InputError, match="提示词库文件有误"):
            prompts.units()
    finally:
        monkeypatch.delenv("FULIAN_PROMPTS_DIR")
        prompts.clear_caches()


def test_unknown_doc_type_message() -> None:
    from assistant.errors import InputError

    with pytest.raises(InputError, match="不支持的文稿类型“通知”"):
        prompts.doctype("通知")
