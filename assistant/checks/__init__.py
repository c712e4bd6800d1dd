"""校对: an offline pre-submission checker. Each rule says what is wrong, where, why (its source) and how to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.checks import leftovers, numbering, numerals, personal, punctuation, timeline, wording  # noqa: F401
from assistant.checks.base import RULES, Context, Hit, Rule
from assistant.layout import blocks
from assistant.schemas import Document, Finding, Strict
from assistant.vocab import YEAR, Y

TITLE_YEAR = re.compile(rf"({Y})年(?:度)?[^\n]{{0,20}}?(计划|总结|要点|打算|安排|思路)")
MAX_PASSES = 8


MAX_HITS = 1000  # findings listed per rule


class CheckReport(Strict):
    """Findings for one text, and the year and kind they were judged against."""

    year: int | None = None
    year_inferred: bool = False
    kind: str | None = None
    findings: list[Finding] = []
    capped: list[str] = []  # titles of the rules that found more than MAX_HITS and were cut short

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings of severity warning."""
        return [f for f in self.findings if f.severity == "warning"]


def infer(text: str) -> tuple[int | None, str | None]:
    """The document year and kind (plan | summary) from its title, else the most frequent year."""
    from assistant.prompts import doctype_named

    head = text[:300]
    spec = doctype_named(next((ln for ln in head.splitlines() if ln.strip()), ""))
    m = TITLE_YEAR.search(head)
    if m:
        return int(m.group(1)), spec.check_kind if spec else "summary" if m.group(2) == "总结" else "plan"
    years = [int(y) for y in YEAR.findall(text)]
    kind = spec.check_kind if spec else "summary" if "总结" in head else "plan" if re.search("计划|要点|打算", head) \
        else None
    return (max(set(years), key=years.count) if years else None), kind


def _finding(rule: Rule, h: Hit) -> Finding:
    """A Finding from a rule's hit, with the rule's defaults filled in."""
    return Finding(rule=rule.id, family=rule.family, severity=h.severity or rule.severity, message=h.message,
                   start=h.start, end=h.end, suggestion=h.suggestion, safe=rule.safe if h.safe is None else h.safe,
                   source=h.source or rule.source, tier=h.tier or rule.tier)


def check(text: str, year: int | None = None, kind: str | None = None, rules: Iterable[str] | None = None
          ) -> CheckReport:
    """Run every rule (or the named ones) over plain text."""
    guessed_year, guessed_kind = infer(text)
    ctx = Context(text, year or guessed_year, kind or guessed_kind, year_given=year is not None)
    chosen = [RULES[r] for r in rules] if rules else list(RULES.values())
    found: dict[tuple[str, int, int], Finding] = {}
    capped: list[str] = []
    for r in chosen:
        for n, hit in enumerate(r.run(ctx)):
            if n == MAX_HITS:  # nobody reads further; a long run of one mistake must not take minutes
                capped.append(r.title)
                break
            if 0 <= hit.start <= hit.end <= len(text):
                found.setdefault((r.id, hit.start, hit.end), _finding(r, hit))
    ordered = sorted(found.values(), key=lambda f: (f.start, f.end, f.rule))
    return CheckReport(year=ctx.year, year_inferred=year is None and ctx.year is not None, kind=ctx.kind,
                       findings=ordered, capped=capped)


def document_text(doc: Document) -> tuple[str, list[tuple[int, int, str, int]]]:
    """A Document as plain lines (numbering included) and, per line, (start, end, paragraph id, where the
    paragraph's own text starts)."""
    lines: list[str] = []
    spans: list[tuple[int, int, str, int]] = []
    pos = 0
    for b in blocks(doc):
        prefix = {"heading": b.mark, "run_in": f"{b.mark}{b.heading}"}.get(b.kind, "")
        line = prefix + b.text
        spans.append((pos, pos + len(line), b.id or b.kind, pos + len(prefix)))
        lines.append(line)
        pos += len(line) + 1
    return "\n".join(lines), spans


def check_document(doc: Document) -> tuple[str, CheckReport]:
    """Check a Document; each finding carries the id of the paragraph it is in."""
    from assistant.prompts import doctypes

    text, spans = document_text(doc)
    spec = doctypes().get(doc.doc_type or "")
    kind = spec.check_kind if spec else None
    report = check(text, doc.year, kind)
    for f in report.findings:
        f.paragraph_id = next((pid for s, e, pid, _ in spans if s <= f.start <= e), None)
    return text, report


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding]]:
    """Apply the safe findings that do not overlap, from the end backwards; returns the text and what was applied."""
    chosen: list[Finding] = []
    for f in sorted((f for f in findings if f.safe and f.suggestion is not None), key=lambda f: (f.start, f.end)):
        if not chosen or f.start >= chosen[-1].end:
            chosen.append(f)
    for f in reversed(chosen):
        text = text[: f.start] + (f.suggestion or "") + text[f.end:]
    return text, chosen


def fix(text: str, year: int | None = None) -> tuple[str, list[Finding]]:
    """Apply safe fixes until none is left (each pass re-checks the text)."""
    applied: list[Finding] = []
    for _ in range(MAX_PASSES):
        report = check(text, year)
        text, done = apply_fixes(text, report.findings)
        if not done:
            break
        applied += done
    return text, applied
