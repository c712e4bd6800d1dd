"""The `fulian` command: a thin adapter that reads options, calls a job in assistant.service and prints the result."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.exceptions import TyperException

from assistant.choices import Backend, Extract, Format, Mode
from assistant.errors import InputError
from assistant.files import guard_output, write_text

if TYPE_CHECKING:
    from assistant.llm.writer import Event
    from assistant.schemas import Document
    from assistant.service.checking import CheckReport
    from assistant.service.drafting import Drafted, Notes
    from assistant.service.model import ModelChoice

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="妇联文稿助手：根据要点笔记起草工作计划、工作总结，导出符合 GB/T 9704 的 Word 文档。")
model_app = typer.Typer(help="模型服务：查看配置、测试连通。", no_args_is_help=True)
app.add_typer(model_app, name="model")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

TYPE_HELP = "文种：prompts/doctypes/ 里的名称或别名，如 工作计划、工作总结、工作要点、总结+计划；不写时从笔记判断"
FONTS_HELP = "字体方案（prompts/fonts.yaml）：standard|basic|founder"
BACKEND_HELP = "写作后端：auto 配置了模型就用模型，否则用离线模板；llm 必须用模型；template 离线模板"
COLOURS = {"error": "red", "warning": "yellow", "hint": "cyan"}
PRIVACY_HINT = "（可加 --anonymise 先把人名、身份证号、电话去掉，或加 --allow-personal 确认可以发送）"



def _known_fonts(name: str | None) -> str | None:
    """An unknown font profile is refused before any work is done."""
    if name:
        from assistant.service.exporting import known_fonts

        known_fonts(name)
    return name


Fonts = Annotated[str | None, typer.Option("--fonts", help=FONTS_HELP, callback=_known_fonts)]
Anonymise = Annotated[bool, typer.Option("--anonymise", help="发给模型前把人名改成“王某”，删去身份证号和电话")]
Force = Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖它（输入的文件永远不会被覆盖）")]
AllowPersonal = Annotated[bool, typer.Option("--allow-personal", help="确认含个人信息的内容可以发给云端模型服务")]


def _choice(backend: Backend, anonymise: bool = False, allow_personal: bool = False) -> ModelChoice:
    """The model choice from the options; the settings come from the environment (FULIAN_*)."""
    from assistant.service.model import ModelChoice

    choice = ModelChoice(backend, anonymise=anonymise, allow_personal=allow_personal)
    if choice.wants_model() and choice.settings().configured:
        err.print(f"使用{choice.settings().describe()}")
        from_file = _dotenv_model_keys()
        if from_file:
            err.print(f"提示：模型服务是当前文件夹的 .env 文件设置的（{'、'.join(from_file)}）；"
                      "不想用模型请加 --backend template", markup=False)
    return choice


def _dotenv_model_keys() -> list[str]:
    """The model settings that come from ./.env rather than the environment (a file the user may not know of)."""
    import os

    env = Path(".env")
    if not env.is_file():
        return []
    keys = [ln.split("=", 1)[0].strip() for ln in env.read_text(encoding="utf-8", errors="replace").splitlines()
            if "=" in ln and not ln.lstrip().startswith("#")]
    return [k for k in keys if k.upper().startswith(("FULIAN_", "OPENAI_")) and k not in os.environ]


def _notes(notes: str) -> Notes:
    from assistant.service.drafting import Notes

    return Notes(source=notes)


def _print_export(doc: Document, path: Path, fonts: str | None, extra: dict[str, object] | None = None) -> None:
    """Export through the service and say what was written."""
    from assistant.service.exporting import export

    for note in export(doc, path, fonts, extra):
        err.print(f"提示：{note}", markup=False)


def _progress(event: Event) -> None:
    """Report each part of a model draft as it finishes."""
    label = {"done": "[green]✓[/green] 写完", "retry": "[yellow]…[/yellow] 重试", "repair": "[yellow]…[/yellow] 返工",
             "fallback": "[yellow]![/yellow] 改用模板", "failed": "[red]✗[/red] 失败"}.get(event.kind)
    if label:
        why = f"（{event.text}）" if event.text and event.kind != "done" else ""
        err.print(f"{label}：{event.heading or event.unit}{why}")


def _report_draft(d: Drafted, explain: bool, show_grounding: bool) -> None:
    """Everything the user must know about a draft, on stderr."""
    for w in d.warnings:
        err.print(f"[yellow]注意：{escape(w)}[/yellow]")
    if d.left_out:
        err.print("未写入稿子：")
        for line in d.left_out:
            err.print(f"  {line}", markup=False)
    if explain and d.lines:
        table = Table("行", "笔记", "写成了")
        for column in table.columns:
            column.overflow = "fold"
        for n in d.lines:
            table.add_row(str(n.line), escape(n.text), escape("；".join(n.became)))
        err.print(table)
    if show_grounding:
        table = Table("位置", "数据", "类型", "来源")
        for t in d.grounding.traces:
            table.add_row(t.paragraph_id, t.figure, t.kind, t.fact_id or "[red]无来源[/red]")
        err.print(table)
    if d.grounding.untraced:
        err.print(f"[red]有 {len(d.grounding.untraced)} 个数据在笔记里找不到来源，请核对[/red]")


def _extra(d: Drafted) -> dict[str, object]:
    return {"facts": d.facts.model_dump(mode="json"), "grounding": d.grounding.model_dump(mode="json")}


@app.command("draft")
def draft_cmd(
    notes: Annotated[str, typer.Argument(help="要点笔记（.txt/.md/.docx 或 .json/.yaml；- 为标准输入）")],
    doc_type: Annotated[str | None, typer.Option("--type", "-t", help=TYPE_HELP)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件：.docx、.pdf、.md 或 .json")] = None,
    outline_file: Annotated[Path | None, typer.Option("--outline", help="按调整过的大纲起草（outline 命令写的 .csv）")]
    = None,
    show_grounding: Annotated[bool, typer.Option("--show-grounding", help="列出稿中每个数据的来源")] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="换一个数字可得到措辞不同的稿子")] = None,
    fonts: Fonts = None,
    backend: Annotated[Backend, typer.Option("--backend", "-b", help=BACKEND_HELP)] = Backend.auto,
    extract: Annotated[Extract, typer.Option("--extract", help="笔记解析：rules 内置规则；model 由模型整理")]
    = Extract.rules,
    explain: Annotated[bool, typer.Option("--explain", help="逐行列出笔记的每一行写成了什么")] = False,
    anonymise: Anonymise = False,
    allow_personal: AllowPersonal = False,
    force: Force = False,
) -> None:
    """根据要点笔记起草一篇文稿。"""
    from assistant.service.drafting import draft
    from assistant.service.outline_rows import read_csv

    if output:
        guard_output(output, [notes, outline_file], force)
    rows = read_csv(outline_file) if outline_file else None
    choice = _choice(backend, anonymise, allow_personal)
    d = draft(_notes(notes), doc_type, choice=choice, extract=extract, seed=seed, rows=rows, sink=_progress)
    if output:
        _print_export(d.document, output, fonts, _extra(d))
        err.print(f"已生成：{output}（{d.document.doc_type}，{len(d.document.paragraphs())} 段）")
    else:
        from assistant.export.markdown import to_markdown

        sys.stdout.write(to_markdown(d.document))
    _report_draft(d, explain, show_grounding)
    if d.fatal:
        raise typer.Exit(d.fatal.exit_code)


TABLE_ROWS = 200  # outline rows shown as a table on screen


@app.command("outline")
def outline_cmd(
    notes: Annotated[str, typer.Argument(help="要点笔记（.txt/.md/.docx；- 为标准输入）")],
    doc_type: Annotated[str | None, typer.Option("--type", "-t", help=TYPE_HELP)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="把大纲写成 .csv，调整后用 draft --outline")]
    = None,
    force: Force = False,
) -> None:
    """列出起草要用的大纲：每个事项在哪一部分。可存成表格调整后再起草。"""
    from assistant.service.drafting import outline
    from assistant.service.outline_rows import HEADERS, write_csv

    if output:
        guard_output(output, [notes], force)
    o = outline(_notes(notes), doc_type)
    if output:
        write_csv(o.rows, output)
        err.print(f"大纲已写入 {output}（{len(o.rows)} 个事项）；"
                  "改“部分序号”“部分标题”后用 fulian draft --outline 起草")
        return
    out.print(f"{o.outline.title}（{o.outline.doc_type}）")
    if len(o.rows) > TABLE_ROWS:  # a table of thousands of rows helps nobody on a screen: plain lines, and a hint
        print("\t".join(HEADERS), *("\t".join(str(c) for c in row) for row in o.rows), sep="\n")
        err.print(f"事项较多（{len(o.rows)} 个），建议用 -o 大纲.csv 写成表格，在 WPS 或 Excel 里调整")
        return
    table = Table(*HEADERS)
    for column in table.columns:
        column.overflow = "fold"
    for row in o.rows:
        table.add_row(*(escape(str(c)) for c in row))
    out.print(table)


@app.command("demo")
def demo_cmd(
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="输出目录")] = Path("out"),
    fonts: Fonts = None,
    backend: Annotated[Backend, typer.Option("--backend", "-b", help=BACKEND_HELP)] = Backend.template,
) -> None:
    """用内置示例笔记起草全部示例（默认离线），输出 .md 和 .docx。"""
    from assistant.resources import examples_dir
    from assistant.service.drafting import draft
    from assistant.service.exporting import export, font_notes
    from assistant.service.model import TEMPLATE

    choice = _choice(backend)
    table = Table("示例", "文种", "段落", "字数", "数据", "无来源")
    fatal = None
    for notes in sorted(examples_dir().glob("*.txt")):
        d = draft(_notes(str(notes)), choice=TEMPLATE if fatal else choice, sink=_progress)
        fatal = fatal or d.fatal  # the service is unusable (bad key, unreachable): no point asking again
        for w in d.warnings:
            err.print(f"[yellow]注意：{notes.stem}：{escape(w)}[/yellow]")
        for suffix in (".md", ".docx"):
            export(d.document, out_dir / f"{notes.stem}{suffix}", fonts, _extra(d))
        doc = d.document
        table.add_row(notes.stem, doc.doc_type or "", str(len(doc.paragraphs())),
                      str(sum(len(p.text) for p in doc.paragraphs())), str(len(d.grounding.traces)),
                      str(len(d.grounding.untraced)))
    out.print(table)
    how = "使用模型" if choice.wants_model() and not fatal else "未连接任何模型，使用内置模板写作器"
    out.print(f"示例稿（.md 和 .docx）已写入 {out_dir.resolve()}（{how}）")
    for note in font_notes(fonts):
        err.print(f"提示：{note}", markup=False)
    if fatal:
        raise typer.Exit(fatal.exit_code)


def _print_findings(console: Console, text: str, report: CheckReport, fixable_hint: bool) -> None:
    """Findings as lines: 第2行第3列 错误 … 〔依据〕, then the totals."""
    from assistant.service.checking import MAX_HITS, line_col
    from assistant.vocab import SEVERITY

    year_note = f"按 {report.year} 年{'（从文中推断）' if report.year_inferred else ''}的文稿检查" if report.year \
        else "没有找到年度，时政提法未检查（可用 --year 指定）"
    console.print(year_note)
    for f in report.findings:
        line, col = line_col(text, f.start)
        hint = f"，建议：“{f.suggestion}”" if f.suggestion else ("，建议删去" if f.suggestion == "" else "")
        console.print(f"第{line}行第{col}列 [{COLOURS[f.severity]}]{SEVERITY[f.severity]}[/] {escape(f.message + hint)}"
                      f"  [dim]〔{escape(f.tier)}：{escape(f.source)}〕[/dim]")
    if report.capped:
        console.print(f"“{'”“'.join(report.capped)}”这几类问题太多，每类只列出前 {MAX_HITS} 处；改完后再检查一遍")
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in COLOURS}
    console.print(f"共 {len(report.findings)} 处：错误 {counts['error']}，警告 {counts['warning']}，"
                  f"提示 {counts['hint']}" + ("；可用 --fix 自动修正标为可安全修正的问题" if fixable_hint and
                                             any(f.safe for f in report.findings) else ""))


@app.command("check")
def check_cmd(
    source: Annotated[str, typer.Argument(help="要校对的文稿（.txt/.md/.docx；- 为标准输入）")],
    year: Annotated[int | None, typer.Option("--year", help="文稿年度（不写时从标题推断）")] = None,
    do_fix: Annotated[bool, typer.Option("--fix", help="自动修正标点、序号、数字写法、繁体、易错词")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                   help="修正后的文字写到这里（.txt、.md、.docx 或 .pdf）")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="输出格式")] = Format.text,
    force: Force = False,
) -> None:
    """校对文稿：占位符、网页杂质、标点、序号、数字、过时提法、易错词、个人信息。有错误时退出码为 1。"""
    from assistant.ingest import read_source, removed_note
    from assistant.service.checking import check_text, line_col

    if output and output.suffix.lower() not in (".txt", ".md", ".docx", ".pdf"):
        raise InputError("修正后的文字请保存为 .txt、.md、.docx 或 .pdf 文件")
    if output:
        guard_output(output, [source], force)
    c = check_text(read_source(source), year, do_fix)
    if c.removed:
        err.print(f"提示：{removed_note(c.removed, '文稿')}", markup=False)
    text = c.fixed if c.fixed is not None else c.text
    console = err if do_fix and not output else out
    for f in c.applied:
        err.print(f"已修正：{f.message}（{f.rule}）", markup=False)
    if c.fixed is not None:
        if output:
            if output.suffix.lower() in (".docx", ".pdf"):  # laid out per GB/T 9704, lines as the user wrote them
                from assistant.service.exporting import export_text

                for note in export_text(text, output):
                    err.print(f"提示：{note}", markup=False)
            else:
                write_text(output, text)
            err.print(f"修正后的文字已写入 {output}（共修正 {len(c.applied)} 处）")
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if fmt == Format.json:
        payload = c.final.model_dump() | {"fixed": [f.model_dump() for f in c.applied]}
        for f in payload["findings"]:
            f["line"], f["column"] = line_col(text, f["start"])
            f["text"] = text[f["start"]: f["end"]]
        console.print_json(json.dumps(payload, ensure_ascii=False))
    else:
        _print_findings(console, text, c.final, not do_fix)
    if c.final.errors:
        raise typer.Exit(1)


@app.command("rewrite")
def rewrite_cmd(
    old: Annotated[str, typer.Argument(help="去年的文稿（.docx/.txt/.md，GBK 或 UTF-8，繁体也可）")],
    to_year: Annotated[int, typer.Option("--to-year", help="改写到哪一年，如 2026")],
    mode: Annotated[Mode, typer.Option("--mode", help="summary：改成新一年的总结；plan：改成新一年的计划")]
    = Mode.summary,
    figures_file: Annotated[Path | None, typer.Option("--figures", help="新数据表（.yaml 或 .csv）")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件：.docx、.pdf、.md 或 .json")] = None,
    article: Annotated[int, typer.Option("--article", help="范文合集里的第几篇")] = 1,
    template: Annotated[Path | None, typer.Option("--figures-template", help="写出待填的新数据表")] = None,
    backend: Annotated[Backend, typer.Option("--backend", "-b", help=BACKEND_HELP)] = Backend.auto,
    fonts: Fonts = None,
    allow_personal: AllowPersonal = False,
    force: Force = False,
) -> None:
    """把去年的文稿改写成新一年的总结或计划：结构保留，年份顺延，数字换成新数据或【待补】。"""
    from assistant.service.rewriting import OldDocument, figures_template, read_figures, rewrite

    for target in (template, output):
        if target:
            guard_output(target, [old, figures_file], force)
    source = OldDocument(source=old, article=article)
    if template:
        table = figures_template(source)
        write_text(template, table)
        err.print(f"已写出新数据表：{template}（共 {table.count(chr(10)) - 1} 项）")
        return
    values = read_figures(figures_file) if figures_file else {}
    r = rewrite(source, to_year, mode, values, _choice(backend, allow_personal=allow_personal))
    if r.imported.articles > 1:
        err.print(f"提示：这份文稿是范文合集，共 {r.imported.articles} 篇，"
                  f"改写的是第 {article} 篇（可用 --article 选择）")
    cleaned = r.imported.cleaned
    if cleaned.removed or cleaned.traditional:
        err.print(f"导入时删去网页杂质 {len(cleaned.removed)} 处，繁体转简体 {cleaned.traditional} 字")
        for x in cleaned.removed[:5]:
            err.print(f"  删去第{x.line}行“{x.text[:30]}”（{x.why}）", markup=False)
    stale = r.staleness
    err.print(f"需要更新：{stale.summary()}")
    if output:
        _print_export(r.document, output, fonts, {"staleness": stale.model_dump(), "removed": cleaned.model_dump()[
            "removed"], "changes": [c.model_dump() for c in r.result.changes]})
        err.print(f"已生成：{output}")
    else:
        from assistant.export.markdown import to_markdown

        sys.stdout.write(to_markdown(r.document))
    if r.result.unfilled:
        ids = "、".join(r.result.unfilled[:20])
        err.print(f"[yellow]有 {len(r.result.unfilled)} 个数据没有新值，稿中留了【待补】：{ids}"
                  "（可用 --figures-template 生成新数据表）[/yellow]")
    if r.verify_note():
        err.print(f"[yellow]{escape(r.verify_note())}[/yellow]")
    for w in r.document.warnings:
        err.print(f"[yellow]注意：{escape(w)}[/yellow]")
    if r.errors:
        err.print(f"[red]改写后还有 {len(r.errors)} 处需要人工处理的错误，可运行 fulian check 查看[/red]")


@app.command("polish")
def polish_cmd(
    source: Annotated[str, typer.Argument(help="要润色的文稿（.txt/.md/.docx）")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="润色结果另存为（不覆盖原文件）")] = None,
    show_diff: Annotated[bool, typer.Option("--diff", help="显示逐字修改：[-删去-]{+增加+}")] = False,
    backend: Annotated[Backend, typer.Option("--backend", "-b", help=BACKEND_HELP)] = Backend.template,
    allow_personal: AllowPersonal = False,
    force: Force = False,
) -> None:
    """润色文稿：纠正易错词、口语和标点（接入模型时逐段润色，不改动任何数字）。结果另存，不改原文件。"""
    from assistant.ingest import read_source
    from assistant.polish import render_diff
    from assistant.service.checking import MAX_TEXT_BYTES, polish

    if output and output.suffix.lower() not in (".txt", ".md"):
        raise InputError("润色结果请保存为 .txt 或 .md 文件")
    target = output or (Path(f"{Path(source).stem}_润色.txt") if str(source) != "-" else None)
    if target:
        guard_output(target, [source], force)
    p = polish(read_source(source, MAX_TEXT_BYTES, "文稿"), None, _choice(backend, allow_personal=allow_personal))
    if target:
        write_text(target, p.text if p.text.endswith("\n") else p.text + "\n")
        err.print(f"润色结果已写入 {target}（原文件未改动），共 {len(p.reasons)} 类修改")
    for r in p.reasons:
        err.print(f"· {r}", markup=False)
    if show_diff or not target:
        out.print(render_diff(p.edits), markup=False)


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

    from assistant.llm.settings import ModelSettings
    from assistant.store import Store
    from assistant.ui.app import serve

    ModelSettings().resolved()  # a bad FULIAN_* value is said before anything starts
    login = auth or os.environ.get("FULIAN_UI_AUTH")
    pair = None
    if login:
        user, sep, password = login.partition(":")
        if not sep or not user or not password:
            raise InputError("--auth 的格式是 用户名:密码")
        pair = (user, password)
    if auth:
        err.print("提示：写在 --auth 里的密码在进程列表（ps）里看得见，建议改用环境变量 FULIAN_UI_AUTH")
    if host not in ("127.0.0.1", "localhost", "::1") and pair is None:
        err.print(f"注意：--host {host} 让其他电脑也能打开工作台，却没有设置登录；请加上 FULIAN_UI_AUTH=用户名:密码")
    store = Store(data)
    err.print(f"文稿保存在 {store.path}；在浏览器打开下面的地址（按 Ctrl+C 退出）")
    serve(host, port, pair, store)


@app.command("import-edit")
def import_edit_cmd(
    doc_id: Annotated[int, typer.Argument(help="文稿编号：工作台“最近的文稿”里标题前的 #N")],
    edited: Annotated[Path, typer.Argument(help="在 WPS 或 Word 里改过的 .docx")],
    data: Annotated[Path | None, typer.Option("--data", help="保存文稿的 SQLite 文件（默认在用户数据目录）")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="把新版本另存为 .docx、.pdf 或 .md")] = None,
    force: Force = False,
) -> None:
    """把在 WPS/Word 里改过的稿子导回工作台：逐段对照，存为新版本，列出改动、被改的锁定段落和手工加入的数据。"""
    from assistant.service.roundtrip import import_into_store
    from assistant.store import Store

    if output:
        guard_output(output, [edited], force)
    store = Store(data)
    try:
        done = import_into_store(store, doc_id, edited)
    except KeyError:
        mine = "、".join(f"#{d.id} {d.title}" for d in store.recent(limit=8)) or "（还没有）"
        raise InputError(f"没有编号为 {doc_id} 的文稿（{store.path}）；最近的文稿：{mine}") from None
    table = Table("改动", "位置", "原来", "现在")
    for column in table.columns:
        column.overflow = "fold"
    for c in done.changes:
        kind = {"changed": "改", "added": "增", "removed": "删"}[c.kind] + ("（锁定段落！）" if c.locked else "")
        table.add_row(kind, c.where, escape(c.old), escape(c.new))
    if done.changes:
        out.print(table)
    for t in done.by_hand:
        out.print(f"手工加入的数据：{t.figure}（{t.paragraph_id}），已标为用户自填", markup=False)
    out.print(done.summary() + (f"（第 {done.version_id} 版）" if done.version_id else ""), markup=False)
    if output:
        _print_export(done.document, output, None)
        err.print(f"已写入 {output}")


@app.command("rollup")
def rollup_cmd(
    files: Annotated[list[str], typer.Argument(help="各乡镇（社区）的工作总结：.docx/.txt/.md，GBK、UTF-8、繁体都可")],
    unit: Annotated[str | None, typer.Option("--unit", help="汇总单位，如 某县妇联")] = None,
    year: Annotated[int | None, typer.Option("--year", help="汇总年度（不写时从各份总结的标题读出）")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="汇总稿：.docx、.pdf、.md 或 .json")] = None,
    table_file: Annotated[Path | None, typer.Option("--table", help="汇总表：.xlsx 或 .csv")] = None,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="指标对照表 .yaml：编号或原文 → 指标名/不计入/计入")]
    = None,
    show_grounding: Annotated[bool, typer.Option("--show-grounding", help="列出稿中每个数据由哪些数相加")] = False,
    notes: Annotated[str | None, typer.Option("--notes", help="下一年打算的要点笔记（不给时留【待补】）")] = None,
    backend: Annotated[Backend, typer.Option("--backend", "-b", help=BACKEND_HELP)] = Backend.template,
    allow_personal: AllowPersonal = False,
    force: Force = False,
) -> None:
    """汇总各乡镇（社区）的工作总结：逐项相加、标出单位不一致和异常值，起草县（街道）的汇总稿，每个数都可追溯。"""
    from assistant.service.rollup import load_mapping, rollup, table_rows, write_table

    for target in (output, table_file):
        if target:
            guard_output(target, files, force)
    from assistant.ingest import read_source

    plans = read_source(notes) if notes else None
    done = rollup(files, unit, year, load_mapping(mapping) if mapping else None,
                  choice=_choice(backend, allow_personal=allow_personal), notes=plans)
    for w in done.warnings:
        err.print(f"[yellow]注意：{escape(w)}[/yellow]")
    rows = table_rows(done.table)
    table = Table(*rows[0][:-1])
    for row in rows[1:]:
        table.add_row(*map(escape, row[:-1]))
    err.print(table)
    for f in done.table.flags:
        err.print(f"[yellow]需核对[/yellow]：{escape(f.message)}")
    unmapped = [r for r in done.table.readings if r.status == "unmapped"]
    if unmapped:
        err.print(f"没有对应指标、未汇总的数字 {len(unmapped)} 个："
                  + "；".join(f"{r.unit_name}“{r.text}”" for r in unmapped[:20]), markup=False)
    if show_grounding:
        grounding = Table("位置", "数据", "来源（相加的数）")
        for t in done.grounding.traces:
            grounding.add_row(t.paragraph_id, t.figure, t.fact_id or "[red]无来源[/red]")
        err.print(grounding)
    if table_file:
        write_table(done.table, table_file)
        err.print(f"汇总表已写入 {table_file}")
    if output:
        _print_export(done.document, output, None, done.payload())
        err.print(f"汇总稿已写入 {output}（{len(done.sources)} 份总结）")
    else:
        from assistant.export.markdown import to_markdown

        sys.stdout.write(to_markdown(done.document))


@model_app.command("show")
def model_show() -> None:
    """显示当前模型配置（不显示密钥）和可用的预设。"""
    from assistant.llm.settings import ModelSettings, providers

    out.print(ModelSettings().describe())
    table = Table("预设名", "地址", "默认模型", "结构化输出", "数据是否出本单位")
    for name, p in providers().items():
        table.add_row(name, p.base_url, p.model or "（需设置 FULIAN_MODEL）", p.structured_output,
                      "否（本机/内网）" if p.local else "是（云端）")
    out.print(table)


@model_app.command("test")
def model_test() -> None:
    """向已配置的模型服务发一次最小请求，报告连通、密钥、模型名称、对话和结构化输出是否可用。"""
    from assistant.service.model import probe

    checks = probe()
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
        hint = PRIVACY_HINT if type(e).__name__ == "PersonalDataError" else ""
        err.print(f"错误：{e}{hint}", markup=False)
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
        kind_of = getattr(getattr(param, "type_descriptor", None), "annotation", None)
        choices = [m.value for m in kind_of] if isinstance(kind_of, type) and issubclass(kind_of, Enum) else []
        allowed = f"，可选：{'、'.join(choices)}" if choices else ""
        return f"选项 {'/'.join(getattr(param, 'opts', []) or [])} 的取值不对{allowed}".replace("  ", " ")
    if kind == "NoSuchCommand" or "No such command" in e.format_message():
        return "没有这个命令"
    return f"命令用法有误（{e.format_message()}）"


if __name__ == "__main__":
    main()
