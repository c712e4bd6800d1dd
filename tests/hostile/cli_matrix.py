"""Every CLI command on every hostile file: the files (written into a folder) and the command lines. Shared by
tests/hostile/test_cli_matrix.py (exit codes, no traceback, inputs untouched, no half file) and bench/hostile.py
(seconds and peak memory of each run)."""

from __future__ import annotations

from pathlib import Path

from hostile.inputs import control_and_surrogates, nested_json, shapes, zip_bomb

NAMES = ["no_sentence_end.txt", "mixed_random.txt", "circled.txt", "control.txt", "huge.txt", "deep.json",
         "empty.txt", "binary.txt", "bomb.docx"]
DOCUMENTED = {0, 1, 2, 3}  # README: 0 done, 1 the checker found errors, 2 bad input or setting, 3 model failed


def write_inputs(folder: Path) -> list[str]:
    """Write the hostile files; returns their names."""
    long = dict(shapes(49_000))
    files = {
        "no_sentence_end.txt": "石桥镇妇联2026年工作计划\n" + long["no sentence end"],
        "mixed_random.txt": "石桥镇妇联2025年工作总结\n" + long["mixed random"],
        "circled.txt": "石桥镇妇联2025年工作总结\n" + long["circled at line starts"],
        "control.txt": "",  # written as bytes below: a lone surrogate is invalid UTF-8 in a file
        "huge.txt": "开展巾帼宣讲活动，覆盖妇女群众" * 14_000,  # 200 000 characters: over every limit
        "deep.json": nested_json(),
        "empty.txt": "",
        "binary.txt": "",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    ordinary = "".join(f"- 开展第{n}期巾帼宣讲，覆盖妇女{n * 40}人次\n" for n in range(1, 9))
    (folder / "control.txt").write_bytes((control_and_surrogates() + ordinary).encode("utf-8", "surrogatepass"))
    (folder / "bomb.docx").write_bytes(zip_bomb(256))
    assert sorted([*files, "bomb.docx"]) == sorted(NAMES)
    return NAMES


def commands(name: str) -> list[list[str]]:
    """The command lines that read one input file (each writes, if at all, to a fresh output name)."""
    stem = Path(name).stem
    return [["draft", name, "-o", f"{stem}-draft.docx"], ["outline", name],
            ["check", name], ["check", name, "--fix", "-o", f"{stem}-fixed.txt"],
            ["polish", name, "-o", f"{stem}-polished.txt"],
            ["rewrite", name, "--to-year", "2026", "-o", f"{stem}-rewrite.docx"],
            ["rewrite", name, "--to-year", "2026", "--mode", "plan", "-o", f"{stem}-plan.md"]]
