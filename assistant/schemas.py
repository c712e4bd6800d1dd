"""The data that flows through the product: Facts → Outline → Document, plus Findings and grounding."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The name of a doc type in prompts/doctypes/ (a new type is a YAML file, no code). Names are checked where they
# come in — the notes reader, a facts file, the --type option — against the loaded specs (assistant.prompts).
DocType = str
Status = Literal["done", "planned"]
Origin = Literal["template", "llm", "user", "import", "placeholder"]
Severity = Literal["error", "warning", "hint"]
Tier = Literal["国标", "标准", "法律/时政", "惯例"]
Role = Literal["preamble", "work", "part", "problems", "next_steps", "measures", "closing"]


class Strict(BaseModel):
    """Base for models that may be loaded from files: unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when first used: a faster start


class Metric(Strict):
    """One figure as the user wrote it: 200余人次 → value 200, approx 余, unit 人次."""

    text: str = Field(description="the figure verbatim, e.g. 5万余人次")
    value: str = Field(description="the digits or numerals as written, e.g. 5 or 三十")
    number: float | None = Field(default=None, description="numeric value including 万/亿")
    unit: str = ""
    approx: str = Field(default="", description="余/多/以上/近/约/左右/超 …")


class Item(Strict):
    """One fact the user gave: a work item, a problem or a measure."""

    id: str
    text: str = Field(description="cleaned text: bullet mark removed, spacing and punctuation normalised")
    area: str = ""
    status: Status = "done"
    metrics: list[Metric] = []
    action: str = Field(default="", description="leading verb such as 开展, 新建; empty when none")
    object: str = Field(default="", description="what the action works on, without figures")
    form: Literal["verb_object", "object_verb", "object", "verbatim"] = "verbatim"
    details: list[str] = Field(default=[], description="nested sub-points, verbatim")
    line: int | None = Field(default=None, description="1-based line in the notes it came from")
    group: str = Field(default="", description="id of the group the user put it in, '' when ungrouped")
    label: str = Field(default="", description="the hint written before it in the notes (维权：…), never text")
    topic: str = Field(default="", description="the kind of work it is (两癌筛查, 美丽庭院 …), from the lexicon")


class Group(Strict):
    """A group of items the user named in the notes (一、凝心铸魂工程 / 【儿童工作】 / 巾帼共富：)."""

    id: str
    label: str = Field(description="the user's words, markup and numbering removed")
    parent: str = ""
    status: Status | None = Field(default=None, description="the part of a 总结+计划 it sits in")
    line: int | None = None


class Omission(Strict):
    """A notes line (or part of one) that is not in the draft, and why."""

    line: int
    text: str
    reason: str


class Change(Strict):
    """Something the reader of the notes changed on the way into the draft (a typo, a private name)."""

    line: int | None = None
    before: str
    after: str
    reason: str


class Facts(Strict):
    """Everything the user told us, structured."""

    organization: str | None = None
    level: str | None = None
    year: int | None = None
    period: str | None = None
    doc_type: DocType | None = None
    superior: str | None = None
    party_committee: str | None = None
    date: str | None = Field(default=None, description="成文日期, only when the user gave one")
    setting: Literal["乡", "城", "混合"] | None = Field(default=None, description="village/township or urban work")
    context: list[str] = Field(default=[], description="free sentences that set the scene, verbatim")
    items: list[Item] = []
    problems: list[Item] = []
    measures: list[Item] = []
    aims: list[Item] = Field(default=[], description="a plan's 总体思路 and year targets, written in the opening")
    groups: list[Group] = []
    omitted: list[Omission] = []
    changes: list[Change] = []

    @property
    def next_steps(self) -> list[Item]:
        """Planned work items (the 下一步 part of a 总结)."""
        return [i for i in self.items if i.status == "planned"]

    def all_items(self) -> list[Item]:
        """Work items, problems, measures and aims together."""
        return [*self.items, *self.problems, *self.measures, *self.aims]

    def item(self, item_id: str) -> Item:
        """Look an item up by id."""
        for it in self.all_items():
            if it.id == item_id:
                return it
        raise KeyError(item_id)


class OutlineSection(Strict):
    """A planned section: which facts it will carry and what role it plays."""

    key: str
    role: Role
    title: str = ""
    label: str = Field(default="", description="the user's words for this group, when the heading comes from the bank")
    area: str = ""
    status: Status | None = None
    item_ids: list[str] = []
    required: bool = False
    children: list[OutlineSection] = []


class Outline(Strict):
    """The document plan a user may confirm or edit before drafting."""

    doc_type: DocType
    title: str
    year: int | None = None
    sections: list[OutlineSection] = []


class Paragraph(Strict):
    """One paragraph of body text."""

    id: str
    text: str
    fact_ids: list[str] = []
    origin: Origin = "template"
    locked: bool = False


class Section(Strict):
    """A titled section; numbering (一、（一）1.（1）) is computed from its depth when rendering."""

    id: str
    heading: str = ""
    run_in: bool = Field(default=False, description="heading starts its first paragraph: （一）加强组织领导。…")
    role: Role = "work"
    area: str = ""
    paragraphs: list[Paragraph] = []
    children: list[Section] = []


def section_paragraphs(section: Section) -> list[Paragraph]:
    """A section's paragraphs in reading order, its subsections' included."""
    return [*section.paragraphs, *(p for child in section.children for p in section_paragraphs(child))]


class Document(Strict):
    """A drafted, imported or edited document."""

    title: str
    doc_type: str | None = None  # not checked against prompts/doctypes: a saved document stays readable
    year: int | None = None
    organization: str | None = None
    preamble: list[Paragraph] = []
    sections: list[Section] = []
    closing: list[Paragraph] = []
    signoff: list[str] = Field(default=[], description="署名 and 成文日期 lines, right-aligned")
    warnings: list[str] = []
    writer: str = ""
    seed: int | None = None

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph in reading order."""
        out = list(self.preamble)

        for s in self.sections:
            out.extend(section_paragraphs(s))
        out.extend(self.closing)
        return out


class Finding(Strict):
    """A problem a check found, with its evidence and a possible fix."""

    rule: str
    family: str
    severity: Severity
    message: str
    start: int
    end: int
    paragraph_id: str | None = None
    suggestion: str | None = None
    safe: bool = False
    source: str = ""
    tier: Tier = "惯例"


class Trace(Strict):
    """One figure found in a Document and the fact it comes from."""

    paragraph_id: str
    figure: str
    kind: Literal["number", "year", "date", "title", "name", "claim"]
    fact_id: str | None = Field(description="id of the fact it traces to; None when untraced")


class GroundingReport(Strict):
    """Every figure in a Document and where it came from."""

    traces: list[Trace] = []

    @property
    def untraced(self) -> list[Trace]:
        """Figures that no fact accounts for."""
        return [t for t in self.traces if t.fact_id is None]
