"""The `fulian` command: demo and draft (later: check, rewrite, polish, ui)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.exceptions import TyperException

from assistant.errors import InputError
from assistant.export.docx import profile, write_docx
from assistant.export.fonts import missing_fonts
from assistant.export.markdown import to_markdown
from assistant.llm.settings import ModelSettings, providers
from assistant.notes import LineNote
from assistant.notes.account import left_out
from assistant.pipeline import draft_file, explain_file
from assistant.resources import examples_dir
from assistant.schemas import Document, Facts, GroundingReport

if TYPE_CHECKING:
    from assistant.llm.writer import DraftRun, Event, LLMWriter

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="妇联文稿助手：根据要点笔记起草工作计划、工作总结，导出符合 GB/T 9704 的 Word 文档。")
model_app = typer.Typer(help="模型服务：查看配置、测试连通。", no_args_is_help=True)
app.add_typer(model_app, name="model")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _report_fonts(font_profile: str | None) -> None:
    """Tell the user which fonts the DOCX names but this machine lacks."""
    missing = missing_fonts(profile(font_profile))
    if missing:
        err.print(f"提示：本机未安装字体 {'、'.join(missing)}。Word 文档里已写明这些字体名，"
                  "在装有这些字体的电脑上打开即按公文格式显示；只有仿宋、楷体、黑体的电脑可加 --fonts basic。")


def _save(doc: Document, path: Path, font_profile: str | None, extra: dict[str, object] | None = None) -> None:
    """Write a document in the format the file name asks for (.docx, .md/.txt, or .json with `extra`)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        write_docx(doc, path, font_profile)
    elif suffix in (".md", ".markdown", ".txt"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_markdown(doc), encoding="utf-8")
    elif suffix == ".json":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"document": doc.model_dump(), **(extra or {})}, ensure_ascii=False, indent=2),
                        encoding="utf-8")
    else:
        raise InputError(f"不支持的输出格式“{suffix or path.name}”，请用 .docx、.md 或 .json 结尾")


def _write(doc: Document, facts: Facts, report: GroundingReport, path: Path, font_profile: str | None) -> None:
    """Write a draft, with its facts and grounding report when the output is .json."""
    _save(doc, path, font_profile, {"facts": facts.model_dump(), "grounding": report.model_dump()})


def _explain_table(lines: list[LineNote]) -> Table:
    """Each notes line and what it became."""
    table = Table("行", "笔记", "写成了")
    for column in table.columns:
        column.overflow = "fold"
    for n in lines:
        table.add_row(str(n.line), escape(n.text), escape("；".join(n.became)))
    return table


def _grounding_table(report: GroundingReport) -> Table:
    """The grounding report as a table."""
    table = Table("位置", "数据", "类型", "来源")
    for t in report.traces:
        table.add_row(t.paragraph_id, t.figure, t.kind, t.fact_id or "[red]无来源[/red]")
    return table


BACKEND_HELP = "写作后端：auto（配置了模型就用模型，否则离线模板）|llm|template"


def _backend(backend: str) -> tuple[LLMWriter | None, DraftRun | None]:
    """The model writer the --backend option asks for (None = the offline template writer)."""
    if backend not in ("auto", "llm", "template"):
        raise InputError(f"不认识的写作后端“{backend}”，可选：auto、llm、template")
    settings = ModelSettings()
    if backend == "template" or (backend == "auto" and not settings.configured):
        return None, None
    from assistant.llm.writer import DraftRun, LLMWriter
    writer = LLMWriter(settings)
    if not writer.settings.configured:
        raise InputError("用 --backend llm 需要先配置模型：设置 FULIAN_PROVIDER（如 deepseek、qwen、ollama），"
                         "或 FULIAN_BASE_URL 和 FULIAN_MODEL；运行 fulian model test 可检查配置")
    err.print(f"使用{writer.settings.describe()}")
    return writer, DraftRun()


def _progress(event: Event) -> None:
    """Report each part of a model draft as it finishes."""
    label = {"done": "[green]✓[/green] 写完", "retry": "[yellow]…[/yellow] 重试", "repair": "[yellow]…[/yellow] 返工",
             "fallback": "[yellow]![/yellow] 改用模板", "failed": "[red]✗[/red] 失败"}.get(event.kind)
    if label:
        why = f"（{event.text}）" if event.text and event.kind != "done" else ""
        err.print(f"{label}：{event.heading or event.unit}{why}")


def _extract_settings(extract: str) -> ModelSettings | None:
    """Model settings when the notes are to be read by the model."""
    if extract not in ("rules", "model"):
        raise InputError(f"不认识的笔记解析方式“{extract}”，可选：rules、model")
    return ModelSettings() if extract == "model" else None


@app.command("draft")
def draft_cmd(
    notes: Annotated[str, typer.Argument(help="要点笔记（.txt/.md/.docx 或 .json/.yaml；- 为标准输入）")],
    doc_type: Annotated[str | None, typer.Option("--type", "-t", help="工作计划|工作总结|工作要点|总结+计划")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件：.docx、.md 或 .json")] = None,
    show_grounding: Annotated[bool, typer.Option("--show-grounding", help="列出稿中每个数据的来源")] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="换一个数字可得到措辞不同的稿子")] = None,
    font_profile: Annotated[str | None, typer.Option("--fonts", help="字体方案：standard|basic|founder")] = None,
    backend: Annotated[str, typer.Option("--backend", "-b", help=BACKEND_HELP)] = "auto",
    extract: Annotated[str, typer.Option("--extract", help="笔记解析：rules 内置规则|model 由模型整理")] = "rules",
    explain: Annotated[bool, typer.Option("--explain", help="逐行列出笔记的每一行写成了什么")] = False,
) -> None:
    """根据要点笔记起草一篇文稿。"""
    if font_profile:
        profile(font_profile)
    model, run = _backend(backend)
    facts, doc, report = draft_file(notes, doc_type, seed, model=model, sink=_progress if model else None, run=run,
                                    extract=_extract_settings(extract))
    if output:
        _write(doc, facts, report, output, font_profile)
        err.print(f"已生成：{output}（{doc.doc_type}，{len(doc.paragraphs())} 段）")
        if output.suffix.lower() == ".docx":
            _report_fonts(font_profile)
    else:
        sys.stdout.write(to_markdown(doc))
    for w in doc.warnings:
        err.print(f"[yellow]注意：{w}[/yellow]")
    omitted = left_out(facts)
    if omitted:
        err.print("未写入稿子：")
        for line in omitted:
            err.print(f"  {line}", markup=False)
    if explain and notes != "-" and Path(notes).suffix.lower() not in (".json", ".yaml", ".yml"):
        err.print(_explain_table(explain_file(notes, doc_type)))
    if show_grounding:
        err.print(_grounding_table(report))
    if report.untraced:
        err.print(f"[red]有 {len(report.untraced)} 个数据在笔记里找不到来源，请核对[/red]")
    if run and run.fatal:
        raise typer.Exit(run.fatal.exit_code)


@app.command("demo")
def demo_cmd(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="输出目录")] = Path("out"),
    font_profile: Annotated[str | None, typer.Option("--fonts", help="字体方案：standard|basic|founder")] = None,
    backend: Annotated[str, typer.Option("--backend", "-b", help=BACKEND_HELP)] = "template",
) -> None:
    """用内置示例笔记起草全部示例（默认离线），输出 .md 和 .docx。"""
    model, run = _backend(backend)
    table = Table("示例", "文种", "段落", "字数", "数据", "无来源")
    for notes in sorted(examples_dir().glob("*.txt")):
        if run and run.fatal:  # the service is unusable (bad key, unreachable): no point asking again
            model = None
        facts, doc, report = draft_file(notes, model=model, sink=_progress if model else None, run=run)
        for w in doc.warnings:
            err.print(f"[yellow]注意：{notes.stem}：{w}[/yellow]")
        md = out_dir / f"{notes.stem}.md"
        docx = out_dir / f"{notes.stem}.docx"
        _write(doc, facts, report, md, font_profile)
        _write(doc, facts, report, docx, font_profile)
        chars = sum(len(p.text) for p in doc.paragraphs())
        table.add_row(notes.stem, doc.doc_type or "", str(len(doc.paragraphs())), str(chars),
                      str(len(report.traces)), str(len(report.untraced)))
    out.print(table)
    how = "使用模型" if model else "未连接任何模型，使用内置模板写作器"
    out.print(f"示例稿（.md 和 .docx）已写入 {out_dir.resolve()}（{how}）")
    _report_fonts(font_profile)
    if run and run.fatal:
        raise typer.Exit(run.fatal.exit_code)


SEVERITY = {"error": "[red]错误[/red]", "warning": "[yellow]警告[/yellow]", "hint": "[cyan]提示[/cyan]"}


def _line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of an offset."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


@app.command("check")
def check_cmd(
    source: Annotated[str, typer.Argument(help="要校对的文稿（.txt/.md/.docx；- 为标准输入）")],
    year: Annotated[int | None, typer.Option("--year", help="文稿年度（不写时从标题推断）")] = None,
    do_fix: Annotated[bool, typer.Option("--fix", help="自动修正标点、序号、数字写法、繁体、易错词")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="修正后的文字写到这里（.txt 或 .md）")] = None,
    fmt: Annotated[str, typer.Option("--format", help="输出格式：text|json")] = "text",
) -> None:
    """校对文稿：占位符、网页杂质、标点、序号、数字、过时提法、易错词、个人信息。有错误时退出码为 1。"""
    from assistant.checks import check, fix
    from assistant.ingest import read_source
    if fmt not in ("text", "json"):
        raise InputError(f"不认识的输出格式“{fmt}”，可选：text、json")
    if year is not None and not 1949 <= year <= 2100:
        raise InputError(f"年度“{year}”不对，请写四位数的年份，如 --year 2025")
    if output and output.suffix.lower() not in (".txt", ".md"):
        raise InputError("修正后的文字请保存为 .txt 或 .md 文件")
    text = read_source(source)
    applied = []
    if do_fix:
        text, applied = fix(text, year)
        for f in applied:
            err.print(f"已修正：{f.message}（{f.rule}）", markup=False)
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
            err.print(f"修正后的文字已写入 {output}（共修正 {len(applied)} 处）")
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
    report = check(text, year)
    if fmt == "json":
        payload = report.model_dump() | {"fixed": [f.model_dump() for f in applied]}
        for f in payload["findings"]:
            f["line"], f["column"] = _line_col(text, f["start"])
            f["text"] = text[f["start"]: f["end"]]
        (err if do_fix and not output else out).print_json(json.dumps(payload, ensure_ascii=False))
    else:
        console = err if do_fix and not output else out
        year_note = f"按 {report.year} 年{'（从文中推断）' if report.year_inferred else ''}的文稿检查" if report.year \
            else "没有找到年度，时政提法未检查（可用 --year 指定）"
        console.print(year_note)
        for f in report.findings:
            line, col = _line_col(text, f.start)
            hint = f"，建议：“{f.suggestion}”" if f.suggestion else ("，建议删去" if f.suggestion == "" else "")
            console.print(f"第{line}行第{col}列 {SEVERITY[f.severity]} {f.message}{hint}"
                          f"  [dim]〔{f.tier}：{f.source}〕[/dim]")
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY}
        console.print(f"共 {len(report.findings)} 处：错误 {counts['error']}，警告 {counts['warning']}，"
                      f"提示 {counts['hint']}" + ("；可用 --fix 自动修正标为可安全修正的问题" if not do_fix and
                                                 any(f.safe for f in report.findings) else ""))
    if report.errors:
        raise typer.Exit(1)


@app.command("rewrite")
def rewrite_cmd(
    old: Annotated[str, typer.Argument(help="去年的文稿（.docx/.txt/.md，GBK 或 UTF-8，繁体也可）")],
    to_year: Annotated[int, typer.Option("--to-year", help="改写到哪一年，如 2026")],
    mode: Annotated[str, typer.Option("--mode", help="summary：改成新一年的总结；plan：改成新一年的计划")] = "summary",
    figures_file: Annotated[Path | None, typer.Option("--figures", help="新数据表（.yaml 或 .csv）")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件：.docx、.md 或 .json")] = None,
    article: Annotated[int, typer.Option("--article", help="范文合集里的第几篇")] = 1,
    template: Annotated[Path | None, typer.Option("--figures-template", help="写出待填的新数据表")] = None,
    backend: Annotated[str, typer.Option("--backend", "-b", help=BACKEND_HELP)] = "auto",
    font_profile: Annotated[str | None, typer.Option("--fonts", help="字体方案：standard|basic|founder")] = None,
) -> None:
    """把去年的文稿改写成新一年的总结或计划：结构保留，年份顺延，数字换成新数据或【待补】。"""
    from assistant.checks import check_document
    from assistant.rewrite.figures import figures
    from assistant.rewrite.modes import load_figures
    from assistant.rewrite.run import import_document, rewrite_file
    if mode not in ("summary", "plan"):
        raise InputError(f"不认识的改写方式“{mode}”，可选：summary（总结）、plan（计划）")
    if not 1949 < to_year <= 2100:
        raise InputError(f"目标年度“{to_year}”不对，请写四位数的年份，如 --to-year 2026")
    if template:
        doc, _, _ = import_document(old, article)
        lines = ["# 新数据表：在冒号后填写新的数值（带单位），不填的会留【待补】", *(
            f"{f.id}: \"\"  # {f.counts} 原为{f.text}" for f in figures(doc))]
        template.write_text("\n".join(lines) + "\n", encoding="utf-8")
        err.print(f"已写出新数据表：{template}（共 {len(lines) - 1} 项）")
        return
    values = load_figures(figures_file) if figures_file else {}
    model, _ = _backend(backend)
    result, stale, cleaned, count = rewrite_file(old, to_year, mode, values, article, model)  # type: ignore[arg-type]
    doc = result.document
    if count > 1:
        err.print(f"提示：这份文稿是范文合集，共 {count} 篇，改写的是第 {article} 篇（可用 --article 选择）")
    if cleaned.removed or cleaned.traditional:
        err.print(f"导入时删去网页杂质 {len(cleaned.removed)} 处，繁体转简体 {cleaned.traditional} 字")
        for r in cleaned.removed[:5]:
            err.print(f"  删去第{r.line}行“{r.text[:30]}”（{r.why}）", markup=False)
    err.print(f"需要更新：旧年份 {stale.count('year')} 处，届次 {stale.count('session')} 处，"
              f"数据 {stale.count('figure')} 个，过时提法 {stale.count('formulation')} 处，"
              f"残留 {stale.count('leftover')} 处")
    if output:
        _save(doc, output, font_profile, {"staleness": stale.model_dump(), "removed": cleaned.model_dump()["removed"],
                                          "changes": [c.model_dump() for c in result.changes]})
        err.print(f"已生成：{output}")
    else:
        sys.stdout.write(to_markdown(doc))
    if result.unfilled:
        ids = "、".join(result.unfilled[:20])
        err.print(f"[yellow]有 {len(result.unfilled)} 个数据没有新值，稿中留了【待补】：{ids}"
                  "（可用 --figures-template 生成新数据表）[/yellow]")
    for w in doc.warnings:
        err.print(f"[yellow]注意：{w}[/yellow]")
    _, found = check_document(doc)
    others = [f for f in found.errors if f.rule != "leftovers.placeholder"]
    if others:
        err.print(f"[red]改写后还有 {len(others)} 处需要人工处理的错误，可运行 fulian check 查看[/red]")


@app.command("polish")
def polish_cmd(
    source: Annotated[str, typer.Argument(help="要润色的文稿（.txt/.md/.docx）")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="润色结果另存为（不覆盖原文件）")] = None,
    show_diff: Annotated[bool, typer.Option("--diff", help="显示逐字修改：[-删去-]{+增加+}")] = False,
    backend: Annotated[str, typer.Option("--backend", "-b", help=BACKEND_HELP)] = "template",
) -> None:
    """润色文稿：纠正易错词、口语和标点（接入模型时逐段润色，不改动任何数字）。结果另存，不改原文件。"""
    from assistant.ingest import read_source
    from assistant.polish import diff, polish_text, render_diff
    if output and str(source) != "-" and output.resolve() == Path(source).resolve():
        raise InputError("润色结果请写到另一个文件，原文件保持不变，确认后再替换")
    if output and output.suffix.lower() not in (".txt", ".md"):
        raise InputError("润色结果请保存为 .txt 或 .md 文件")
    text = read_source(source, 1024 * 1024, "文稿")
    model, _ = _backend(backend)
    if model is None:
        result = polish_text(text)
        new, reasons = result.text, result.reasons
    else:
        new, reasons = _polish_with_model(text, model)
    target = output or (Path(f"{Path(source).stem}_润色.txt") if str(source) != "-" else None)
    if target:
        target.write_text(new if new.endswith("\n") else new + "\n", encoding="utf-8")
        err.print(f"润色结果已写入 {target}（原文件未改动），共 {len(reasons)} 类修改")
    for r in reasons:
        err.print(f"· {r}", markup=False)
    if show_diff or not target:
        out.print(render_diff(diff(text, new)), markup=False)


def _polish_with_model(text: str, model: LLMWriter) -> tuple[str, list[str]]:
    """Each non-empty line polished by the model under the figure guard; refused lines stay as they were."""
    from assistant.schemas import Paragraph
    lines = text.split("\n")
    reasons: list[str] = []
    for n, line in enumerate(lines):
        if len(line.strip()) < 8:
            continue
        polished, warnings = model.polish(Paragraph(id=f"line{n + 1}", text=line))
        if polished.text != line:
            reasons.append(f"第{n + 1}行由模型润色")
        reasons += [f"第{n + 1}行：{w}" for w in warnings]
        lines[n] = polished.text
    return "\n".join(lines), reasons


@app.command("ui")
def ui_cmd(
    host: Annotated[str, typer.Option("--host", help="监听地址；默认只允许本机访问")] = "127.0.0.1",
    port: Annotated[int | None, typer.Option("--port", help="端口（默认 7860 起自动选择）")] = None,
    auth: Annotated[str | None, typer.Option("--auth", help="登录账号，格式 用户名:密码（也可设 FULIAN_UI_AUTH）")]
    = None,
    data: Annotated[Path | None, typer.Option("--data", help="保存文稿的 SQLite 文件（默认在用户数据目录）")] = None,
) -> None:
    """打开浏览器工作台：起草、编辑、改写、校对，所有修改自动保存。"""
    import os

    from assistant.store import Store
    from assistant.ui.app import serve
    login = auth or os.environ.get("FULIAN_UI_AUTH")
    pair = None
    if login:
        user, sep, password = login.partition(":")
        if not sep or not user or not password:
            raise InputError("--auth 的格式是 用户名:密码")
        pair = (user, password)
    store = Store(data)
    err.print(f"文稿保存在 {store.path}；在浏览器打开下面的地址（按 Ctrl+C 退出）")
    serve(host, port, pair, store)


@model_app.command("show")
def model_show() -> None:
    """显示当前模型配置（不显示密钥）和可用的预设。"""
    out.print(ModelSettings().describe())
    table = Table("预设名", "地址", "默认模型", "结构化输出", "数据是否出本单位")
    for name, p in providers().items():
        table.add_row(name, p.base_url, p.model or "（需设置 FULIAN_MODEL）", p.structured_output,
                      "否（本机/内网）" if p.local else "是（云端）")
    out.print(table)


@model_app.command("test")
def model_test() -> None:
    """向已配置的模型服务发一次最小请求，报告连通、密钥、模型名称、对话和结构化输出是否可用。"""
    from assistant.llm.probe import probe
    checks = probe(ModelSettings())
    marks = {True: "[green]✓[/green]", False: "[red]✗[/red]", None: "[yellow]?[/yellow]"}
    for c in checks:
        out.print(f"{marks[c.ok]} {c.name}：{c.detail}")
    chat_ok = any(c.name == "对话" and c.ok for c in checks)
    out.print("模型可以使用" if chat_ok else "[red]模型暂不可用，请按上面的提示检查[/red]")
    if not chat_ok:
        raise typer.Exit(3)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors print one Chinese line and exit 2, never a traceback."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="fulian", standalone_mode=False)
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
    if isinstance(code, int) and code:
        raise SystemExit(code)


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
