"""DOCX export laid out per GB/T 9704—2012: A4, 37/35/28/26 mm margins, 22 lines × 28 characters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from assistant.ingest import clean
from assistant.layout import Block, blocks
from assistant.prompts import FontProfile, fonts
from assistant.schemas import Document

TITLE_PT = 22  # 2号
BODY_PT = 16  # 3号
PAGE_NUMBER_PT = 14  # 4号
LINE_PT = 28.95  # 225 mm ÷ 22 lines, exact
TITLE_LINE_PT = 36
INDENT_PT = 2 * BODY_PT  # 左空二字
LINE_PITCH_TWIPS = 579  # docGrid line pitch = 28.95 pt
CHAR_SPACE = -848  # docGrid character spacing adjustment that fits 28 characters of 3号 in 156 mm


@dataclass(frozen=True)
class Layout:
    """Page geometry in millimetres."""

    width: float = 210
    height: float = 297
    top: float = 37
    bottom: float = 35
    left: float = 28
    right: float = 26
    footer: float = 23  # page number line sits 7 mm under the text area


def profile(name: str | None = None) -> FontProfile:
    """The font profile to use (prompts/fonts.yaml); an unknown name is a user error."""
    from assistant.errors import InputError

    lib = fonts()
    key = name or lib.default
    if key not in lib.profiles:
        raise InputError(f"没有名为“{key}”的字体方案，可选：{'、'.join(lib.profiles)}")
    return lib.profiles[key]


def set_font(run, east_asia: str, latin: str, size: float, bold: bool = False) -> None:
    """Name the font on a run for both Latin and East Asian text (w:eastAsia), and its size."""
    run.font.name = latin
    run.font.size = Pt(size)
    run.font.bold = bold
    element = run.element if hasattr(run, "style_id") else run._element
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        rfonts.set(qn(attr), value)
    rfonts.set(qn("w:hint"), "eastAsia")


def _body_format(p: DocxParagraph, *, indent: bool = True, line: float = LINE_PT) -> None:
    """Exact line spacing, no space before or after, two-character first-line indent, justified."""
    f = p.paragraph_format
    f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    f.line_spacing = Pt(line)
    f.space_before = Pt(0)
    f.space_after = Pt(0)
    f.widow_control = False
    if indent:
        f.first_line_indent = Pt(INDENT_PT)
        ind = p._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _outline_level(p: DocxParagraph, level: int) -> None:
    """Mark a heading paragraph for the navigation pane (w:outlineLvl)."""
    ppr = p._p.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level - 1))
    ppr.append(el)


def _visible(b: Block) -> Block:
    """A line without the characters Word's XML cannot hold (a model's reply or an old file may carry them)."""
    return replace(b, text=clean(b.text)[0], heading=clean(b.heading)[0])


def _page_field(p: DocxParagraph, font: str, latin: str) -> None:
    """“— PAGE —” as a real field so Word numbers every page."""
    def run(text: str = ""):
        r = p.add_run(text)
        set_font(r, font, latin, PAGE_NUMBER_PT)
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._element.append(fld)
        elif instr == " PAGE ":
            t = OxmlElement("w:instrText")
            t.set(qn("xml:space"), "preserve")
            t.text = instr
            r._element.append(t)
        else:
            r.text = instr
    run(" —")


def _footers(doc, fp: FontProfile) -> None:
    """Odd pages: number at the right, one character in; even pages: at the left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer,
                                                                       WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        f = p.paragraph_format
        f.space_before = f.space_after = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            f.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            f.left_indent = Pt(PAGE_NUMBER_PT)
        _page_field(p, fp.page_number, fp.latin)


def _page(doc, layout: Layout) -> None:
    """A4 with the GB/T 9704 margins and a line/character grid of 22 × 28."""
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(layout.width), Mm(layout.height)
    s.top_margin, s.bottom_margin = Mm(layout.top), Mm(layout.bottom)
    s.left_margin, s.right_margin = Mm(layout.left), Mm(layout.right)
    s.footer_distance, s.header_distance = Mm(layout.footer), Mm(15)
    sect = s._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _defaults(doc, fp: FontProfile) -> None:
    """Normal style = 3号 仿宋, so text the user adds in Word matches."""
    normal = doc.styles["Normal"]
    set_font(normal, fp.body, fp.latin, BODY_PT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)


def build_docx(document: Document, font_profile: str | None = None, layout: Layout | None = None):
    """A python-docx Document laid out per GB/T 9704—2012."""
    fp = profile(font_profile)
    doc = new_docx()
    _page(doc, layout or Layout())
    _defaults(doc, fp)
    body = doc.paragraphs[0] if doc.paragraphs else None
    heading_fonts = {1: fp.h1, 2: fp.h2, 3: fp.h3, 4: fp.h3}
    first = True
    for b in map(_visible, blocks(document)):
        p = body if first and body is not None else doc.add_paragraph()
        first = False
        if b.kind == "title":
            _body_format(p, indent=False, line=TITLE_LINE_PT)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_font(p.add_run(b.text), fp.title, fp.latin, TITLE_PT, fp.title_bold)
            _body_format(doc.add_paragraph(), indent=False)  # 标题下空一行
            continue
        if b.kind == "signoff":
            _body_format(p, indent=False)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = Pt(4 * BODY_PT)  # 右空四字
            set_font(p.add_run(b.text), fp.body, fp.latin, BODY_PT)
            continue
        _body_format(p)
        if b.kind in ("heading", "run_in"):
            _outline_level(p, b.level)
            text = b.mark + (b.heading if b.kind == "run_in" else b.text)
            set_font(p.add_run(text), heading_fonts.get(b.level, fp.h3), fp.latin, BODY_PT)
            if b.kind == "run_in":
                set_font(p.add_run(b.text), fp.body, fp.latin, BODY_PT)
            continue
        set_font(p.add_run(b.text), fp.body, fp.latin, BODY_PT)
    _footers(doc, fp)
    return doc


def write_docx(document: Document, path: Path, font_profile: str | None = None) -> Path:
    """Write the DOCX file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    build_docx(document, font_profile).save(str(path))
    return path
