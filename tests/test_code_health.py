"""The house rules that keep the code one piece: typed, short functions, and front ends that only adapt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
MAX_LINES = 80
FRONT_ENDS = [PACKAGE / "cli.py", *sorted((PACKAGE / "ui").glob("*.py"))]
# Parsed at collection, before any test starts a thread: CPython 3.11.7 shares ast.parse's recursion counter
# between threads ("SystemError: AST constructor recursion depth mismatch").
TREES = {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}
# what a front end may not call directly: the flows live in assistant.service, once for every front end
FLOW = ("assistant.pipeline", "assistant.rewrite", "assistant.checks", "assistant.notes", "assistant.outline",
        "assistant.writers", "assistant.grounding", "assistant.export.docx", "assistant.llm.writer",
        "assistant.llm.probe", "assistant.llm.extract")


def _runtime_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Modules imported outside `if TYPE_CHECKING:` blocks."""
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and ast.unparse(node.test) == "TYPE_CHECKING" for n in ast.walk(node)}
    return [(n.lineno, n.module or "") for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and id(n) not in typing_only]


def test_no_function_is_longer_than_a_screen() -> None:
    long = [f"{p.relative_to(PACKAGE.parent)}:{n.lineno} {n.name} ({n.end_lineno - n.lineno + 1} 行)"
            for p, tree in TREES.items() for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno
            and n.end_lineno - n.lineno + 1 > MAX_LINES]
    assert not long, long


@pytest.mark.parametrize("path", FRONT_ENDS, ids=lambda p: p.name)
def test_front_ends_call_jobs_not_flows(path: Path) -> None:
    found = _runtime_imports(TREES[path])
    direct = [f"{path.name}:{line} {module}" for line, module in found if module.startswith(FLOW)]
    assert not direct, direct


def test_mypy_finds_nothing() -> None:
    """Configured in pyproject.toml ([tool.mypy]: the package, unused ignores reported)."""
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=PACKAGE.parent, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert "Success: no issues found" in proc.stdout


MODEL_AND_UI = ("langchain_core", "langchain_openai", "openai", "gradio")
AFTER_A_JOB = """
import runpy, sys
sys.argv = ["fulian", *sys.argv[1:]]
try:
    runpy.run_module("assistant", run_name="__main__")
finally:
    top = {{m.split(".")[0] for m in sys.modules}}
    print("LOADED", *sorted(top & {names}), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["check", "a.txt"], ["draft", "notes.txt", "-b", "template"],
                                  ["rewrite", "a.txt", "--to-year", "2026", "-b", "template"]], ids=" ".join)
def test_offline_jobs_never_import_the_model_or_ui_stack(args: list[str], tmp_path: Path) -> None:
    """Start-up time is measured in bench/startup.py; what must not load at all is asserted here."""
    old = "石桥镇妇联2025年工作总结\n\n一、组织建设\n\n全年开展宣讲46场。\n"
    (tmp_path / "a.txt").write_text(old, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("石桥镇妇联2026年工作计划\n- 开展宣讲40场\n", encoding="utf-8")
    code = AFTER_A_JOB.format(names=set(MODEL_AND_UI))
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, check=False)
    loaded = next(ln for ln in proc.stderr.splitlines() if ln.startswith("LOADED")).split()[1:]
    assert loaded == [], (loaded, proc.stderr[-2000:])
