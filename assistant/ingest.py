"""Read what the user gives us — a notes file, a .docx or stdin — into text, with clear Chinese errors."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from assistant.errors import InputError

MAX_BYTES = 256 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".json", ".yaml", ".yml", ""}
DOCX_SUFFIXES = {".docx"}


def read_source(source: str | Path, max_bytes: int = MAX_BYTES, what: str = "要点笔记") -> str:
    """Read a path (or '-' for stdin) into text; unusable input raises InputError naming `what` it should be."""
    if str(source) == "-":
        return decode(sys.stdin.buffer.read(max_bytes + 1), "标准输入", max_bytes, what)
    path = Path(source)
    if path.is_symlink():  # a link may point anywhere (notes.txt → /etc/passwd): read the file itself
        raise InputError(f"{path} 是一个链接（快捷方式），请直接指定它指向的文件")
    if not path.exists():
        raise InputError(f"找不到文件：{path}")
    if path.is_dir():
        raise InputError(f"{path} 是文件夹，请指定一个文件")
    if not path.is_file():
        raise InputError(f"{path} 不是普通文件（像是设备或管道），请指定一个文稿文件")
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > max_bytes * (8 if suffix in DOCX_SUFFIXES else 1):
        raise InputError(f"文件太大（{size // 1024} KB），{what}不能超过 {max_bytes // 1024} KB")
    data = path.read_bytes()
    if suffix in DOCX_SUFFIXES:
        return docx_text(data, path.name)
    if suffix == ".doc":
        raise InputError(f"暂不支持旧版 Word 格式（.doc）：{path.name}，请另存为 .docx 或 .txt")
    if suffix not in TEXT_SUFFIXES:
        raise InputError(f"不支持的文件类型“{suffix}”：{path.name}，请使用 .txt、.md 或 .docx")
    return decode(data, path.name, max_bytes, what)


def decode(data: bytes, name: str, max_bytes: int = MAX_BYTES, what: str = "要点笔记") -> str:
    """Decode UTF-8 or GBK/GB18030 text; reject binary, empty and oversized input."""
    if len(data) > max_bytes:
        raise InputError(f"{name} 内容太长（超过 {max_bytes // 1024} KB），请只粘贴{what}")
    if data.startswith(b"PK\x03\x04"):
        return docx_text(data, name)
    if not data.strip():
        raise InputError(f"{name} 是空的，没有{what}")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name} 不是文本文件（像是二进制数据），请使用 .txt、.md 或 .docx")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        from charset_normalizer import from_bytes  # only for the rare file that is neither UTF-8 nor GB18030

        best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{name} 无法识别文字编码，请另存为 UTF-8 文本")
        text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError(f"{name} 不是文本文件（含大量控制字符），请使用 .txt、.md 或 .docx")
    if not text.strip():
        raise InputError(f"{name} 是空的，没有{what}")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # invisible characters: clean(), with a warning


# control characters other than tab and line breaks, C1 controls, lone surrogates, non-characters and the
# zero-width marks pasted pages carry: nothing a document can hold (Word's XML cannot), nothing a reader sees
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u200b\u200e\u200f\u2060\ufeff]")


def clean(text: str) -> tuple[str, int]:
    """The text without invisible characters (see INVISIBLE), \r\n as \n, and how many were taken out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, removed = INVISIBLE.subn("", text)
    return cleaned, removed


def removed_note(removed: int, what: str) -> str:
    """The warning for characters clean() took out."""
    return f"{what}里有 {removed} 个看不见的控制字符（复制粘贴带来的），已删去" if removed else ""


def _control_ratio(text: str) -> float:
    """Share of characters that are control characters other than whitespace."""
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0 or c == "\ufffd")
    return bad / max(len(text), 1)


BROKEN_DOCX = ("{name} 不是有效的 Word 文档（.docx）：文件可能已损坏，或是改了扩展名的其他文件；"
               "请在 Word/WPS 里另存为 .docx 再试")
MAX_UNPACKED = 64 * 1024 * 1024  # a real 总结 unpacks to a few MB, pictures included
MAX_RATIO = 200  # text compresses about 10:1; a zip bomb a thousand times or more


def _unpacks_safely(data: bytes, name: str) -> None:
    """Refuse a .docx whose parts would unpack far larger than any document (a zip bomb), before parsing it."""
    import zipfile

    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as e:
        raise InputError(BROKEN_DOCX.format(name=name)) from e
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise InputError(f"{name} 解压后有 {unpacked // (1024 * 1024)} MB，不像是一篇文稿（可能是恶意文件），没有读取")


def docx_text(data: bytes, name: str) -> str:
    """The paragraphs and table rows of a .docx in reading order, with Word's automatic numbering written out."""
    from docx import Document as open_docx

    _unpacks_safely(data, name)
    try:
        doc = open_docx(io.BytesIO(data))
    except Exception as e:  # python-docx raises several unrelated types for a broken package
        raise InputError(BROKEN_DOCX.format(name=name)) from e
    numbering = _Numbering(doc)
    lines = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(numbering.label(block) + "".join(t.text or "" for t in block.iter(_W + "t")))
        elif tag == "tbl":
            for row in block.iter(_W + "tr"):
                cells = ["".join(t.text or "" for t in c.iter(_W + "t")).strip() for c in row.iter(_W + "tc")]
                lines.append("  ".join(c for c in cells if c))
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(f"{name} 里没有文字")
    return text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Numbering:
    """Word's automatic list numbering (numbering.xml), counted as the paragraphs go by."""

    def __init__(self, doc: object) -> None:
        self.formats: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = doc.part.numbering_part.element  # type: ignore[attr-defined]
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in a.iter(_W + "lvl"):
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                levels[int(lvl.get(_W + "ilvl", "0"))] = (
                    fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(_W + "val", "") if text is not None else "",
                    int(start.get(_W + "val", "1")) if start is not None else 1)
            abstract[a.get(_W + "abstractNumId", "")] = levels
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                self.formats[num.get(_W + "numId", "")] = abstract.get(ref.get(_W + "val", ""), {})

    def label(self, p: object) -> str:
        """The number Word shows before this paragraph ('' when it has none)."""
        num_pr = next(iter(p.iter(_W + "numPr")), None)  # type: ignore[attr-defined]
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
        num_id = num_id_el.get(_W + "val", "") if num_id_el is not None else ""
        level = int(ilvl_el.get(_W + "val", "0")) if ilvl_el is not None else 0
        levels = self.formats.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        text = levels[level][1]
        for k in range(level, -1, -1):
            if k in levels:
                value = counts.get(k, levels[k][2])
                text = text.replace(f"%{k + 1}", _format_number(value, levels[k][0]))
        return text


def _format_number(n: int, fmt: str) -> str:
    """A list number in Word's format: decimal, chineseCounting, decimalEnclosedCircle, letters."""
    from assistant.vocab import ordinal

    if fmt.startswith(("chineseCounting", "ideograph", "chineseLegal", "taiwaneseCounting")):
        return ordinal(n)
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    return str(n)
