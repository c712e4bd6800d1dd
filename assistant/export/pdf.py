"""PDF and page images of a DOCX, rendered by LibreOffice (soffice) and poppler (pdftoppm) when installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from assistant.errors import InputError

RENDER_TIMEOUT_S = 120  # a 30-page document converts in a few seconds; a hung soffice must not hang the job
NO_SOFFICE = ("导出 PDF 需要本机安装 LibreOffice（找不到 soffice 命令）。可以先导出 .docx，用 WPS 或 Word 打开后"
              "“另存为 PDF”；或安装 LibreOffice（Debian/Ubuntu：apt install libreoffice-writer-nogui）")
_lock = threading.Lock()  # one soffice at a time: it is heavy, and the machine has few cores


def soffice() -> str | None:
    """The LibreOffice command on this machine, if any (FULIAN_SOFFICE overrides)."""
    named = os.environ.get("FULIAN_SOFFICE")
    if named:
        return shutil.which(named)
    return shutil.which("soffice") or shutil.which("libreoffice")


def can_render() -> bool:
    """Whether PDF export and page images are possible here."""
    return soffice() is not None


def docx_to_pdf(docx: Path, pdf: Path) -> Path:
    """Convert a .docx to .pdf with LibreOffice headless, in a private profile (no user settings, no network)."""
    exe = soffice()
    if exe is None:
        raise InputError(NO_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="fulian-pdf-") as tmp, _lock:
        profile = Path(tmp, "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
               "--convert-to", "pdf", "--outdir", tmp, str(docx)]
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=RENDER_TIMEOUT_S, check=False,
                                 env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired as e:
            raise InputError(f"LibreOffice 转换 PDF 超过 {RENDER_TIMEOUT_S} 秒没有完成，请稍后再试") from e
        made = Path(tmp, docx.with_suffix(".pdf").name)
        if run.returncode != 0 or not made.exists():
            why = (run.stderr or run.stdout).decode("utf-8", "replace").strip().splitlines()
            raise InputError("LibreOffice 没能把文稿转成 PDF" + (f"：{why[-1]}" if why else ""))
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), pdf)
    return pdf


def page_images(pdf: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """One PNG per page of a PDF (poppler's pdftoppm); [] when pdftoppm is not installed."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("page-*.png"):
        old.unlink()
    subprocess.run([exe, "-png", "-r", str(dpi), str(pdf), str(out_dir / "page")], capture_output=True,
                   timeout=RENDER_TIMEOUT_S, check=False)
    return rendered_pages(out_dir)


def rendered_pages(folder: Path) -> list[Path]:
    """The page images already in a folder, in page order (page-2 before page-10)."""
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
