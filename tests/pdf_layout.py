"""Lines of a rendered PDF with their positions (poppler's pdftotext -bbox-layout), in points from the top left."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

XHTML = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (210 - 26) * MM  # the text block of GB/T 9704: 156 mm wide
TOP, BOTTOM = 37 * MM, (297 - 35) * MM  # 225 mm high
BODY_PT = 16.0


@dataclass(frozen=True)
class Line:
    """One rendered line."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def width_in_chars(self) -> float:
        """Characters the line holds, in 3号 full-width units: a Latin letter or digit counts a half."""
        return sum(1.0 if ord(c) > 0x2000 else 0.5 for c in self.text if not c.isspace())

    @property
    def indent_chars(self) -> float:
        """How many 3号 characters the line starts in from the left edge of the text block."""
        return (self.x0 - LEFT) / BODY_PT


def pages(pdf: Path) -> list[list[Line]]:
    """Every page's lines, top to bottom."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    out = []
    for page in root.iter(f"{XHTML}page"):
        lines = []
        for ln in page.iter(f"{XHTML}line"):
            text = " ".join(w.text or "" for w in ln.iter(f"{XHTML}word"))
            text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)  # pdftotext splits CJK into words
            lines.append(Line(text, *(float(ln.get(k) or 0) for k in ("xMin", "xMax", "yMin", "yMax"))))
        out.append(sorted(lines, key=lambda x: x.y0))
    return out
