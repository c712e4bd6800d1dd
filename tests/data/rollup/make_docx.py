"""Build the .docx test document(s) of the rollup data set.

The headings of the generated document use REAL Word automatic numbering
(w:numPr -> numbering.xml), so the numbers 一、 /（一） are not in the text.

Source format (UTF-8, one paragraph a line, empty lines skipped):
  "#1 text"  level-1 numbered heading  (Word shows 一、二、三、)
  "#2 text"  level-2 numbered heading  (Word shows （一）（二）, restarting under each level 1)
  other      body paragraph; the first line of the file is the title (centred, bold)

Usage:  python make_docx.py [SOURCE.txt OUT.docx]
Without arguments it rebuilds dev/04_河口镇.docx from docx_src/04_河口镇.source.txt.
"""
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = HERE / "docx_src" / "04_河口镇.source.txt"
DEFAULT_OUT = HERE / "dev" / "04_河口镇.docx"

ABSTRACT_ID = "90"
NUM_ID = "90"


def _el(tag, **attrs):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn("w:" + k), v)
    return e


def _level(ilvl, lvl_text, indent_twips):
    lvl = _el("w:lvl", ilvl=str(ilvl))
    lvl.append(_el("w:start", val="1"))
    lvl.append(_el("w:numFmt", val="chineseCounting"))
    lvl.append(_el("w:lvlText", val=lvl_text))
    lvl.append(_el("w:lvlJc", val="left"))
    ppr = _el("w:pPr")
    ppr.append(_el("w:ind", firstLine=str(indent_twips)))
    lvl.append(ppr)
    return lvl


def add_numbering(doc):
    """Append one abstractNum (一、 / （一）) and one num to numbering.xml; return numId."""
    numbering = doc.part.numbering_part.element
    absn = _el("w:abstractNum", abstractNumId=ABSTRACT_ID)
    absn.append(_el("w:multiLevelType", val="multilevel"))
    absn.append(_level(0, "%1、", 640))
    absn.append(_level(1, "（%2）", 640))
    # schema order: every w:abstractNum must come before the first w:num
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(absn)
    else:
        numbering.append(absn)
    num = _el("w:num", numId=NUM_ID)
    num.append(_el("w:abstractNumId", val=ABSTRACT_ID))
    numbering.append(num)
    return NUM_ID


def number_paragraph(par, ilvl, num_id):
    ppr = par._p.get_or_add_pPr()
    numpr = _el("w:numPr")
    numpr.append(_el("w:ilvl", val=str(ilvl)))
    numpr.append(_el("w:numId", val=num_id))
    ppr.append(numpr)


def set_east_asian_font(style, name):
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def build(src: Path, out: Path):
    lines = [ln.rstrip() for ln in src.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln.strip()]
    doc = Document()
    set_east_asian_font(doc.styles["Normal"], "仿宋")
    doc.styles["Normal"].font.size = Pt(14)
    num_id = add_numbering(doc)
    for i, line in enumerate(lines):
        if i == 0:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(line)
            r.bold = True
            r.font.size = Pt(20)
        elif line.startswith("#1 ") or line.startswith("#2 "):
            ilvl = 0 if line.startswith("#1 ") else 1
            p = doc.add_paragraph(style=f"Heading {ilvl + 1}")
            p.add_run(line[3:].strip())
            number_paragraph(p, ilvl, num_id)
        else:
            p = doc.add_paragraph(line)
            p.paragraph_format.first_line_indent = Pt(28)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(build(Path(sys.argv[1]), Path(sys.argv[2])))
    elif len(sys.argv) == 1:
        print(build(DEFAULT_SRC, DEFAULT_OUT))
    else:
        sys.exit(__doc__)
