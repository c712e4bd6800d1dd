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
from assistant.layout import Block, blocks, title_lines
from assistant.prompts import FontProfile, fonts
from assistant.schemas import Document

TITLE_PT = 22  # 2号
BODY_PT = 16  # 3号
PAGE_NUMBER_PT = 14  # 4号
LINE_PT = 28.95  # 225 mm ÷ 22 lines, exact
TITLE_LINE_PT = 36
INDENT_PT = 2 * BODY_PT  # 左空二字
LINE_PITCH_TWIPS = 579  # docGrid line pitch = 28.95 pt
# 28 characters a line, the same in Word, WPS and LibreOffice. The text block is 156 mm = 442.2 pt; 28 characters of
# 3号 (16 pt) need a pitch of at most 442.2 / 28 = 15.79 pt, 0.21 pt less than the font size.
# - ECMA-376 Part 1 §17.6.5 (w:docGrid/@w:charSpace): with type="linesAndChars" the pitch is the Normal font size
#   plus charSpace/4096 pt, so charSpace = -848 gives 15.79 pt in Word and WPS. LibreOffice (7.4,
#   writerfilter/source/dmapper/PropertyMap.cxx, SectionPropertyMap::CloseSectionGroup) reads the same value as the
#   grid cell width (GridBaseWidth = 15.79 pt, standard grid mode) and gives a 16 pt character two cells: measured,
#   14-15 characters a line with a gap after each. A character grid narrower than the font cannot render alike.
# - So the grid is type="lines" (lines only: 22 × 28.95 pt = 636.9 pt of the 637.8 pt block; every program honours
#   it) and the 28 come from the characters themselves: the Normal style is condensed by CONDENSE_TWIPS (w:spacing,
#   §17.3.2.35, in twentieths of a point, applied by all three after each character): 16 − 0.25 = 15.75 pt, 28 × 15.75
#   = 441 pt ≤ 442.2 pt, and justification spreads the last 1.2 pt. −4 (15.8 pt × 28 = 442.4 pt) would not fit.
# Measured in LibreOffice 7.4 (tests/test_render.py): 28 characters on every full line, 22 lines a page.
CONDENSE_TWIPS = -5


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


# the order of the children of w:pPr and w:rPr (ECMA-376 Part 1 §17.3.1.26, §17.3.2.28)
ORDER = {"w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
                   "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
                   "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                   "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
         "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
                   "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
                   "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
                   "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                   "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")}


def _set(parent, tag: str, **attrs: str) -> None:
    """Set a child element of a w:pPr or w:rPr in the place the schema orders it (Word rejects misordered XML)."""
    seq = ORDER["w:pPr" if parent.tag == qn("w:pPr") else "w:rPr"]
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.insert_element_before(el, *seq[seq.index(tag) + 1:])
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)


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
    _set(p._p.get_or_add_pPr(), "w:outlineLvl", val=str(level - 1))


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
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.attrib.pop(qn("w:charSpace"), None)


def _defaults(doc, fp: FontProfile) -> None:
    """Normal style = 3号 仿宋, so text the user adds in Word matches."""
    normal = doc.styles["Normal"]
    set_font(normal, fp.body, fp.latin, BODY_PT)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE_PT)
    lang = doc.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")  # Chinese line-breaking and full-width quotes; the template says en-US
    _set(normal.element.get_or_add_rPr(), "w:spacing", val=str(CONDENSE_TWIPS))  # 28 a line: see CONDENSE_TWIPS
    # a comma at a line end stays inside the text block: w:overflowPunct false (§17.3.1.21), which Word and WPS
    # honour. LibreOffice's import reads the flag inverted (writerfilter DomainMapper.cxx: IsHangingPunctuation =
    # (val == 0), while its export writes val = IsHangingPunctuation), so LibreOffice hangs a closing mark past the
    # right edge, as it does for any Chinese paragraph without the flag; tests/test_render.py allows that one mark.
    _set(normal.element.get_or_add_pPr(), "w:overflowPunct", val="0")


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
            _set(p._p.get_or_add_pPr(), "w:snapToGrid", val="0")  # 2号 on its own 36 pt lines, not 2 grid lines
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            lines = title_lines(b.text)  # a long title in two lines, broken between words
            for n, line in enumerate(lines, 1):
                run = p.add_run(line)
                set_font(run, fp.title, fp.latin, TITLE_PT, fp.title_bold)
                if n < len(lines):
                    run.add_break()
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
