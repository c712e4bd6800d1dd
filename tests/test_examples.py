"""Every bundled example drafts offline with all its content and figures, nothing untraced."""

import re
from pathlib import Path

import pytest

from assistant.export.markdown import to_markdown
from assistant.grounding import ground
from assistant.ingest import read_source
from assistant.items import area_for_label
from assistant.notes import parse_notes
from assistant.notes.meaning import part_of_label
from assistant.numbers import find_figures
from assistant.pipeline import draft
from assistant.prompts import actions
from tests.conftest import EXAMPLES

HEADER = re.compile(r"^(单位|年度|类型)：")
MARK = re.compile(r"^\s*(?:[-•·*]|\d+[.、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、是])\s*")


def _plain(text: str) -> str:
    """Text without quotation marks and spaces, for verbatim comparison."""
    return re.sub(r"[“”\s]", "", text)


def _bullets(path: Path) -> list[str]:
    """The content of every bullet line in a notes file, as the user typed it."""
    out = []
    for line in read_source(path).splitlines():
        if MARK.match(line) and not HEADER.match(line):
            content = MARK.sub("", line).strip()
            label = content.strip("（）()").rstrip("：")
            if not content.endswith("：") and not area_for_label(label) and not part_of_label(label)[0]:
                out.append(content)
    return out


def _segments(bullet: str) -> list[str]:
    """The wording of a bullet without its figures and tense words, cut where the draft may reorder it."""
    a = actions()
    tense_words = sorted({*a.planned_prefixes, *a.done_prefixes, *a.neutral_prefixes}, key=len, reverse=True)
    verbs = sorted({v for c in a.classes for v in c.verbs} | set(a.manners), key=len, reverse=True)
    text = _plain(bullet)
    for f in sorted(find_figures(text), key=lambda f: f.start, reverse=True):
        text = text[: f.start] + "|" + text[f.end:]
    out = []
    for seg in re.split(r"[|，；、]|[一二三四五六七八九十]是", text):
        for word in tense_words:
            seg = seg.removeprefix(word)
        out.extend(p for p in re.split("(" + "|".join(verbs) + ")", seg) if len(p) >= 2)
    return out


@pytest.mark.parametrize("notes", EXAMPLES, ids=lambda p: p.stem)
def test_example_has_every_bullet_and_figure(notes: Path) -> None:
    facts = parse_notes(read_source(notes))
    doc = draft(facts)
    body = _plain(to_markdown(doc))
    bullets = _bullets(notes)
    assert len(bullets) >= 8
    for bullet in bullets:
        for figure in find_figures(bullet):
            assert figure.text in body, f"{figure.text} of “{bullet}” missing"
        for segment in _segments(bullet):
            assert segment in body, f"“{segment}” of “{bullet}” missing"
    assert ground(doc, facts).untraced == []


@pytest.mark.parametrize("notes", EXAMPLES, ids=lambda p: p.stem)
def test_committed_markdown_matches_what_the_product_writes(notes: Path) -> None:
    committed = notes.with_suffix(".md").read_text(encoding="utf-8")
    assert to_markdown(draft(parse_notes(read_source(notes)))) == committed, \
        f"regenerate with: fulian draft {notes.name} -o {notes.with_suffix('.md').name}"


def test_four_kinds_of_example() -> None:
    kinds = {draft(parse_notes(read_source(p))).doc_type for p in EXAMPLES}
    assert kinds == {"工作计划", "工作总结", "工作要点", "总结+计划"}
