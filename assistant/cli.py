"""The `fulian` command: demo and draft (later: check, rewrite, polish, ui)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from typer.exceptions import TyperException

from assistant.errors import InputError
from assistant.export.docx import profile, write_docx
from assistant.export.fonts import missing_fonts
from assistant.export.markdown import to_markdown
from assistant.pipeline import draft_file
from assistant.resources import examples_dir
from assistant.schemas import Document, Facts, GroundingReport

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="妇联文稿助手：根据要点笔记起草工作计划、工作总结，导出符合 GB/T 9704 的 Word 文档。")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def _report_fonts(font_profile: str | None) -> None:
    """Tell the user which fonts the DOCX names but this machine lacks."""
    missing = missing_fonts(profile(font_profile))
    if missing:
        err.print(f"提示：本机未安装字体 {'、'.join(missing)}。Word 文档里已写明这些字体名，"
                  "在装有这些字体的电脑上打开即按公文格式显示；只有仿宋、楷体、黑体的电脑可加 --fonts basic。")


def _write(doc: Document, facts: Facts, report: GroundingReport, path: Path, font_profile: str | None) -> None:
    """Write the draft in the format the file name asks for."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        write_docx(doc, path, font_profile)
    elif suffix in (".md", ".markdown", ".txt"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_markdown(doc), encoding="utf-8")
    elif suffix == ".json":
        path.parent.mkdir(parents=True, exist_ok=True)
        bundle = {"document": doc.model_dump(), "facts": facts.model_dump(),
                  "grounding": report.model_dump()}
        path.write_text(json.dumps(bundle, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        raise InputError(f"不支持的输出格式“{suffix or path.name}”，请用 .docx、.md 或 .json 结尾")


def _grounding_table(report: GroundingReport) -> Table:
    """The grounding report as a table."""
    table = Table("位置", "数据", "类型", "来源")
    for t in report.traces:
        table.add_row(t.paragraph_id, t.figure, t.kind, t.fact_id or "[red]无来源[/red]")
    return table


@app.command("draft")
def draft_cmd(
    notes: Annotated[str, typer.Argument(help="要点笔记（.txt/.md/.docx 或 .json/.yaml；- 为标准输入）")],
    doc_type: Annotated[str | None, typer.Option("--type", "-t", help="工作计划|工作总结|工作要点|总结+计划")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件：.docx、.md 或 .json")] = None,
    show_grounding: Annotated[bool, typer.Option("--show-grounding", help="列出稿中每个数据的来源")] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="换一个数字可得到措辞不同的稿子")] = None,
    font_profile: Annotated[str | None, typer.Option("--fonts", help="字体方案：standard|basic|founder")] = None,
) -> None:
    """根据要点笔记起草一篇文稿。"""
    if font_profile:
        profile(font_profile)
    facts, doc, report = draft_file(notes, doc_type, seed)
    if output:
        _write(doc, facts, report, output, font_profile)
        err.print(f"已生成：{output}（{doc.doc_type}，{len(doc.paragraphs())} 段）")
        if output.suffix.lower() == ".docx":
            _report_fonts(font_profile)
    else:
        sys.stdout.write(to_markdown(doc))
    for w in doc.warnings:
        err.print(f"[yellow]注意：{w}[/yellow]")
    if show_grounding:
        err.print(_grounding_table(report))
    if report.untraced:
        err.print(f"[red]有 {len(report.untraced)} 个数据在笔记里找不到来源，请核对[/red]")


@app.command("demo")
def demo_cmd(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="输出目录")] = Path("out"),
    font_profile: Annotated[str | None, typer.Option("--fonts", help="字体方案：standard|basic|founder")] = None,
) -> None:
    """用内置示例笔记离线起草全部示例，输出 .md 和 .docx。"""
    table = Table("示例", "文种", "段落", "字数", "数据", "无来源")
    for notes in sorted(examples_dir().glob("*.txt")):
        facts, doc, report = draft_file(notes)
        md = out_dir / f"{notes.stem}.md"
        docx = out_dir / f"{notes.stem}.docx"
        _write(doc, facts, report, md, font_profile)
        _write(doc, facts, report, docx, font_profile)
        chars = sum(len(p.text) for p in doc.paragraphs())
        table.add_row(notes.stem, doc.doc_type or "", str(len(doc.paragraphs())), str(chars),
                      str(len(report.traces)), str(len(report.untraced)))
    out.print(table)
    out.print(f"示例稿（.md 和 .docx）已写入 {out_dir.resolve()}（未连接任何模型，使用内置模板写作器）")
    _report_fonts(font_profile)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors print one Chinese line and exit 2, never a traceback."""
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="fulian", standalone_mode=False)
    except InputError as e:
        err.print(f"错误：{e}", markup=False)
        raise SystemExit(e.exit_code) from None
    except typer.Exit as e:
        raise SystemExit(e.exit_code) from None
    except typer.Abort:
        err.print("已取消")
        raise SystemExit(130) from None
    except TyperException as e:
        if type(e).__name__ == "NoArgsIsHelpError":
            raise SystemExit(0) from None
        err.print(f"错误：{_usage_message(e)}，请运行 fulian --help 查看用法", markup=False)
        raise SystemExit(2) from None
    except OSError as e:
        err.print(f"错误：读写文件失败：{e.strerror or e}（{getattr(e, 'filename', '') or ''}）", markup=False)
        raise SystemExit(2) from None


def _usage_message(e: TyperException) -> str:
    """A Chinese description of a command-line usage error."""
    kind = type(e).__name__
    if kind == "NoSuchOption":
        return f"没有这个选项 {getattr(e, 'option_name', '')}"
    if kind == "MissingParameter":
        param = getattr(e, "param", None)
        return f"缺少参数 {getattr(param, 'name', '') or ''}".strip()
    if kind == "BadParameter":
        param = getattr(e, "param", None)
        return f"选项 {'/'.join(getattr(param, 'opts', []) or [])} 的取值不对".replace("  ", " ")
    if kind == "NoSuchCommand" or "No such command" in e.format_message():
        return "没有这个命令"
    return f"命令用法有误（{e.format_message()}）"

if __name__ == "__main__":
    main()
