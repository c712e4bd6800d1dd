"""DOCX output reopened with python-docx: page, margins, fonts (eastAsia), sizes, spacing, indent, numbering."""

import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from assistant.export.docx import write_docx
from assistant.ingest import read_source
from assistant.notes import parse_notes
from assistant.pipeline import draft
from assistant.prompts import fonts
from assistant.schemas import Document, Paragraph, Section
from tests.conftest import EXAMPLES

STANDARD = fonts().profiles["standard"]
CN = "一二三四五六七八九十"
LEVEL_MARK = {1: r"^[一二三四五六七八九十]+、", 2: r"^（[一二三四五六七八九十]+）", 3: r"^\d+\.", 4: r"^（\d+）"}


def east_asia(run) -> str:  # type: ignore[no-untyped-def]
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def outline_level(p) -> int | None:  # type: ignore[no-untyped-def]
    el = p._p.pPr.find(qn("w:outlineLvl")) if p._p.pPr is not None else None
    return None if el is None else int(el.get(qn("w:val"))) + 1


def close(a: int, b: int) -> bool:
    return abs(a - b) <= Mm(0.2)


def check_page(d) -> None:  # type: ignore[no-untyped-def]
    s = d.sections[0]
    assert close(s.page_width, Mm(210)) and close(s.page_height, Mm(297))
    assert [close(x, Mm(v)) for x, v in ((s.top_margin, 37), (s.bottom_margin, 35), (s.left_margin, 28),
                                         (s.right_margin, 26))] == [True] * 4
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"  # see tests/test_render.py
    spacing = d.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert spacing is not None and spacing.get(qn("w:val")) == "-5"
    assert d.settings.odd_and_even_pages_header_footer
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        p = footer.paragraphs[0]
        assert p.alignment == align
        assert "PAGE" in p._p.xml and p.text.startswith("— ") and p.text.endswith(" —")
        assert {east_asia(r) for r in p.runs} == {STANDARD.page_number} and {r.font.size for r in p.runs} == {Pt(14)}


def check_body(p) -> None:  # type: ignore[no-untyped-def]
    f = p.paragraph_format
    assert f.line_spacing_rule == WD_LINE_SPACING.EXACTLY and f.line_spacing == Pt(28.95)
    assert f.first_line_indent == Pt(32)
    assert all(r.font.size == Pt(16) for r in p.runs)


@pytest.mark.parametrize("notes", EXAMPLES, ids=lambda p: p.stem)
def test_example_docx_layout(notes: Path, artifacts: Path) -> None:
    doc = draft(parse_notes(read_source(notes)))
    path = write_docx(doc, artifacts / f"{notes.stem}.docx")
    d = docx.Document(str(path))
    check_page(d)
    title = d.paragraphs[0]
    assert title.text.replace("\n", "") == doc.title and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(title.runs[0]) == STANDARD.title and title.runs[0].font.size == Pt(22)
    assert d.paragraphs[1].text == ""  # 标题下空一行
    counters: dict[int, int] = {}
    seen_levels = set()
    for p in d.paragraphs[2:]:
        if not p.text:
            continue
        check_body(p)
        level = outline_level(p)
        if level is None:
            assert {east_asia(r) for r in p.runs} == {STANDARD.body}
            continue
        seen_levels.add(level)
        assert re.match(LEVEL_MARK[level], p.text), p.text
        expected_font = {1: STANDARD.h1, 2: STANDARD.h2}.get(level, STANDARD.h3)
        assert east_asia(p.runs[0]) == expected_font
        if len(p.runs) > 1:  # run-in heading: the text after it is body font
            assert east_asia(p.runs[1]) == STANDARD.body
        counters[level] = counters.get(level, 0) + 1
        for deeper in [k for k in counters if k > level]:
            counters[deeper] = 0
        n = counters[level]
        expected = {1: f"{CN[n - 1]}、", 2: f"（{CN[n - 1]}）", 3: f"{n}.", 4: f"（{n}）"}[level]
        assert p.text.startswith(expected), (p.text, expected)
    assert 1 in seen_levels


def test_four_levels_and_basic_profile(artifacts: Path) -> None:
    def sec(i: str, children: list[Section]) -> Section:
        return Section(id=i, heading=f"标题{i}", paragraphs=[Paragraph(id=f"{i}p", text="正文。")], children=children)

    doc = Document(title="层次测试", sections=[sec("a", [sec("b", [sec("c", [sec("d", []), sec("e", [])])])]),
                                            sec("f", [])])
    d = docx.Document(str(write_docx(doc, artifacts / "levels.docx", "basic")))
    basic = fonts().profiles["basic"]
    heads = [(p.text, east_asia(p.runs[0]), outline_level(p)) for p in d.paragraphs if outline_level(p)]
    assert heads == [("一、标题a", basic.h1, 1), ("（一）标题b", basic.h2, 2), ("1.标题c", basic.h3, 3),
                     ("（1）标题d", basic.h3, 4), ("（2）标题e", basic.h3, 4), ("二、标题f", basic.h1, 1)]
    assert d.paragraphs[0].runs[0].font.bold is True  # 宋体加粗代替小标宋
