"""Load and validate the prompt library in prompts/: every file has a pydantic model with extra="forbid"."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from assistant.errors import InputError
from assistant.resources import prompts_dir
from assistant.schemas import Role, Status, Strict

Tense = Literal["plan", "summary"]
Scope = Literal["plan", "summary", "mixed"]  # what a document reports: the year ahead, the year past, or both
SCOPE_NAMES = {"plan": "计划类", "summary": "总结类", "mixed": "总结加计划类"}
M = TypeVar("M", bound=BaseModel)


class Phrase(Strict):
    """A phrase from a bank and where it fits; with no tags it fits wherever its topic or area does."""

    text: str
    topics: list[str] = Field(default=[], description="only over sections whose items all have these topics")
    setting: Literal["乡", "城"] | None = Field(default=None, description="only in village/township or urban work")
    levels: list[str] = Field(default=[], description="only for these unit levels: 村 社区 乡镇 街道 县 区 市")


def _as_phrases(value: object) -> object:
    """A bank entry may be a plain string."""
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class Tensed(Strict):
    """Phrases usable in any document, plus ones only for plans (future) or summaries (past)."""

    any: list[Phrase] = []
    plan: list[Phrase] = []
    summary: list[Phrase] = []

    _coerce = field_validator("any", "plan", "summary", mode="before")(classmethod(lambda cls, v: _as_phrases(v)))

    def get(self, tense: Tense) -> list[Phrase]:
        """The phrases that fit this tense."""
        return [*self.any, *(self.plan if tense == "plan" else self.summary)]

    def texts(self, tense: Tense) -> list[str]:
        """The texts of the phrases that fit this tense."""
        return [p.text for p in self.get(tense)]


class Area(Strict):
    """A work area (工作板块): the words that name it, its headings and overview sentences."""

    id: str
    name: str
    short: str
    aliases: list[str] = []
    keywords: list[str] = []
    headings: Tensed = Tensed()
    intros: Tensed = Tensed()


class Taxonomy(Strict):
    """prompts/taxonomy.yaml: work areas in document order; the fallback area takes the rest."""

    fallback: str
    areas: list[Area]

    def area(self, area_id: str) -> Area | None:
        """Find an area by id."""
        return next((a for a in self.areas if a.id == area_id), None)


class Topic(Strict):
    """One kind of work (两癌筛查, 美丽庭院 …): the words that show it, and phrases that fit it."""

    id: str
    area: str
    keywords: list[str]
    weak: list[str] = Field(default=[], description="common words that count half")
    needs: list[str] = Field(default=[], description="keywords count in full only next to one of these words")
    verb: str = ""
    lead: str = ""
    lead_when: list[str] = Field(default=[], description="the lead is used only before objects ending in these")
    headings: Tensed = Tensed()
    methods: Tensed = Tensed()
    purposes: Tensed = Tensed()
    effects: Tensed = Tensed()


class Topics(Strict):
    """prompts/phrases/topics.yaml."""

    quote: list[str] = []
    topics: list[Topic]


class VerbClass(Strict):
    """Verbs that behave alike, and how to attach a second figure to them (培训学员200人次)."""

    id: str
    verbs: list[str]
    nouns: list[str] = []
    default_verb: str = ""
    people: list[str] = []
    households: list[str] = []
    money: list[str] = []
    other: list[str] = []


class Actions(Strict):
    """prompts/phrases/actions.yaml: the verb lexicon and the words that mark tense."""

    classes: list[VerbClass]
    default_verb: str
    manners: list[str]
    planned_prefixes: list[str]
    done_prefixes: list[str]
    neutral_prefixes: list[str]
    continuation: list[str]
    heading_adverbs: list[str]
    people_units: list[str]
    household_units: list[str]
    money_units: list[str]
    clause_starts: list[str] = []

    def verb_class(self, verb: str) -> VerbClass | None:
        """The class a verb belongs to (a manner word such as 持续 in front is ignored)."""
        for c in self.classes:
            if any(verb.endswith(v) for v in c.verbs):
                return c
        return None


class Units(Strict):
    """prompts/units.yaml: measure words, approximation markers and numeral idioms that are not figures."""

    units: list[str]
    approx_prefix: list[str]
    approx_suffix: list[str]
    approx_post: list[str]
    idioms: list[str]
    same_unit: list[list[str]] = []


class Frame(Strict):
    """A sentence pattern with slots {clause} {method} {purpose} {effect} {self}."""

    id: str
    text: str
    tense: Literal["any", "plan", "summary"] = "any"


class Frames(Strict):
    """prompts/phrases/frames.yaml."""

    paragraph: list[Frame]
    part: list[Frame]
    terse: list[Frame]
    clause_prefix: Tensed
    details_joiner: list[str]


class Measure(Strict):
    """One 保障措施 entry: a short run-in heading and its text."""

    heading: str
    text: str


class Bank(Strict):
    """prompts/phrases/document.yaml: preambles, part intros, problems, next steps, measures, closings."""

    preamble: dict[str, list[str]]
    openings: dict[str, str]
    functions: list[str]
    missions: Tensed
    part_intro: dict[str, list[str]]
    problems_intro: list[str]
    problems_outro: list[str]
    next_intro: list[str]
    next_outro: list[str]
    measures: dict[str, list[Measure]]
    closing: dict[str, list[str]]
    other_heading: Tensed
    custom_heading: list[str]
    placeholders: dict[str, str]


class LevelProfile(Strict):
    """How an organisation of one level refers to itself, its scope, its leaders and its sub-units."""

    suffix: str
    level: str
    self_name: str
    scope: str
    our: str
    party: str
    superior: str
    sub: str
    people: str


class Levels(Strict):
    """prompts/levels.yaml: matched by the organisation name's ending, longest first."""

    profiles: list[LevelProfile]
    default: LevelProfile

    def match(self, organization: str) -> LevelProfile:
        """The profile whose suffix the organisation name ends with (longest first), else the default."""
        for p in sorted(self.profiles, key=lambda p: len(p.suffix), reverse=True):
            if organization.endswith(p.suffix):
                return p
        return self.default


class SectionSpec(Strict):
    """One section of a doc type."""

    role: Role
    title: str = ""
    status: Status | None = None
    required: bool = False
    layouts: list[Literal["single", "subsections", "yishi"]] = []
    count: int | None = None
    intro: str = ""
    children: list[SectionSpec] = []


class DocTypeSpec(Strict):
    """prompts/doctypes/*.yaml: a document type as data."""

    name: str
    aliases: list[str]
    title: str
    tense: Tense
    scope: Scope
    default: bool = False
    preamble: str
    closing: str = ""
    signoff: bool = True
    terse: bool = False
    required_facts: list[str] = []
    heading_style: dict[str, str]
    sections: list[SectionSpec]

    @property
    def check_kind(self) -> Literal["plan", "summary"]:
        """How the checker reads it: a 总结 looks back; a plan, or a mixed one, also looks ahead."""
        return "summary" if self.scope == "summary" else "plan"


class Formulations(Strict):
    """What a document of that year should say it studies and implements."""

    study: str | None = None
    extras: list[str] = []


class YearContext(Strict):
    """prompts/context/YYYY.yaml."""

    year: int
    theme: str | None = None
    plan: Formulations
    summary: Formulations
    note: str = ""


class TableColumns(Strict):
    """Column names in a pasted table, by what the column holds."""

    index: list[str]
    group: list[str]
    label: list[str]
    content: list[str]
    remark: list[str]
    when: list[str]
    status: list[str]
    meta: list[str]


PartName = Literal["skip", "aims", "problems", "planned", "done", "measures"]


class LogExport(Strict):
    """Words of a work-log export (钉钉日志): report names, read receipts, comments."""

    reports: list[str]
    receipts: list[str]
    comments: list[str]


class Revisions(Strict):
    """Words of changes typed under last year's text."""

    replace: list[str]
    add: list[str]
    drop: list[str]
    keep: list[str]


class NotesVocab(Strict):
    """prompts/notes.yaml: the words staff use in notes, for reading their layout and their meaning."""

    headers: dict[str, list[str]]
    meta_headers: list[str]
    parts: dict[PartName, list[str]]
    part_filler: list[str]
    attribution_labels: list[str]
    departments: list[str]
    label_frames: list[str]
    verb_frames: list[str]
    verb_complements: list[str]
    ordinal_prefixes: list[str]
    lead_in_starts: list[str]
    setting_labels: list[str]
    subunit_suffixes: list[str]
    month_words: list[str]
    chatter: list[str]
    system_messages: list[str]
    log_export: LogExport
    emphasis_tags: list[str]
    revisions: Revisions
    legend_words: dict[str, list[str]]
    hashtags: list[str]
    example_labels: list[str]
    review_tags: list[str]
    deleted_tags: list[str]
    excluded_words: list[str]
    empty_answers: list[str]
    slide_furniture: list[str]
    contents_words: list[str]
    chat_placeholders: list[str]
    meta_words: list[str]
    deadline_verbs: list[str]
    deadline_times: list[str]
    fillers: list[str]
    item_breaks: list[str]
    naming_frames: list[str]
    greetings: list[str]
    table_columns: TableColumns
    problem_words: list[str]
    planned_words: list[str]
    planned_leads: list[str]
    done_words: list[str]
    record_words: list[str]
    doc_type_words: dict[str, list[str]]


class ClaimPattern(Strict):
    """A kind of statement that, like a figure, must come from the notes (第一名, 三八红旗集体, 近万人次)."""

    pattern: str
    what: str


class Claims(Strict):
    """prompts/claims.yaml: programmes, carriers and methods a phrase may name only when the notes do, and the
    claims (rankings, honours, amounts and percentages in words, organisations) a draft may make only if they do."""

    names: list[str]
    claims: list[ClaimPattern] = []


class Register(Strict):
    """prompts/register.yaml: words of village/township work and of urban work, and which units are which."""

    rural: list[str]
    urban: list[str]
    rural_units: list[str]
    urban_units: list[str]
    mixed_units: list[str]


class Names(Strict):
    """prompts/names.yaml: how person names look, so an invented one can be caught."""

    surnames: str
    titles: list[str]
    not_names: list[str] = []
    given: str = ""
    not_given_words: list[str] = []


class FontProfile(Strict):
    """Font names for each element of a GB/T 9704 document."""

    description: str
    title: str
    body: str
    h1: str
    h2: str
    h3: str
    page_number: str
    latin: str
    title_bold: bool = False


class Fonts(Strict):
    """prompts/fonts.yaml."""

    default: str
    profiles: dict[str, FontProfile]
    windows_files: dict[str, list[str]] = {}


def yaml_data(text: str) -> Any:
    """YAML text as data, with libyaml's C parser when PyYAML has it (several times faster at start-up)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_model(path: Path, model: type[M]) -> M:
    """Read a YAML file (UTF-8) and validate it; a broken library file is reported in Chinese."""
    try:
        data = yaml_data(path.read_text(encoding="utf-8"))
        return model.model_validate(data)
    except FileNotFoundError as e:
        raise InputError(f"提示词库缺少文件：{path}") from e
    except (yaml.YAMLError, ValidationError) as e:
        first = str(e).splitlines()[:3]
        raise InputError(f"提示词库文件有误：{path}：{' '.join(first)}") from e


@cache
def taxonomy() -> Taxonomy:
    """The work-area taxonomy."""
    return load_model(prompts_dir() / "taxonomy.yaml", Taxonomy)


@cache
def topics() -> Topics:
    """Keyword-triggered phrase groups."""
    return load_model(prompts_dir() / "phrases" / "topics.yaml", Topics)


@cache
def actions() -> Actions:
    """The verb lexicon."""
    return load_model(prompts_dir() / "phrases" / "actions.yaml", Actions)


@cache
def frames() -> Frames:
    """Sentence patterns."""
    return load_model(prompts_dir() / "phrases" / "frames.yaml", Frames)


@cache
def bank() -> Bank:
    """Document-level phrases."""
    return load_model(prompts_dir() / "phrases" / "document.yaml", Bank)


@cache
def units() -> Units:
    """Measure words and numeral idioms."""
    return load_model(prompts_dir() / "units.yaml", Units)


@cache
def levels() -> Levels:
    """Organisation level profiles."""
    return load_model(prompts_dir() / "levels.yaml", Levels)


@cache
def notes_vocab() -> NotesVocab:
    """Words the notes parser recognises."""
    return load_model(prompts_dir() / "notes.yaml", NotesVocab)


@cache
def claims() -> Claims:
    """Names a phrase may only use when the notes do."""
    return load_model(prompts_dir() / "claims.yaml", Claims)


@cache
def register() -> Register:
    """城/乡 wording."""
    return load_model(prompts_dir() / "register.yaml", Register)


@cache
def names() -> Names:
    """Surnames and titles for spotting person names."""
    return load_model(prompts_dir() / "names.yaml", Names)


@cache
def fonts() -> Fonts:
    """Font profiles for DOCX export."""
    return load_model(prompts_dir() / "fonts.yaml", Fonts)


@cache
def doctypes() -> dict[str, DocTypeSpec]:
    """Every doc type in prompts/doctypes/, keyed by name."""
    specs = [load_model(p, DocTypeSpec) for p in sorted((prompts_dir() / "doctypes").glob("*.yaml"))]
    return {s.name: s for s in specs}


def spec_of(name: str | None) -> DocTypeSpec:
    """The spec of a document's type; a 计划 when the type is not known yet."""
    return doctype(name) if name else doctype_for("plan")


def doctype_for(scope: Scope) -> DocTypeSpec:
    """The doc type chosen for notes of this scope when they name none (工作计划, 工作总结, 总结+计划)."""
    specs = [s for s in doctypes().values() if s.scope == scope]
    if not specs:
        raise InputError(f"prompts/doctypes 里没有{SCOPE_NAMES[scope]}的文种")
    return next((s for s in specs if s.default), specs[0])


def doctype_named(text: str) -> DocTypeSpec | None:
    """The doc type a title names by a name or alias in prompts/doctypes/: the first said, the longest there."""
    said = [(pos, -len(w), spec.name) for spec in doctypes().values() for w in (spec.name, *spec.aliases)
            if (pos := text.find(w)) >= 0]
    return doctypes()[min(said)[2]] if said else None


def doctype(name: str) -> DocTypeSpec:
    """Find a doc type by name or alias; unknown names are a user error."""
    for spec in doctypes().values():
        if name == spec.name or name in spec.aliases:
            return spec
    choices = "、".join(doctypes())
    raise InputError(f"不支持的文稿类型“{name}”，可选：{choices}")


@cache
def year_context(year: int) -> YearContext | None:
    """The formulations for a year, or None when prompts/context has no file for it."""
    path = prompts_dir() / "context" / f"{year}.yaml"
    return load_model(path, YearContext) if path.exists() else None


def slot_names(text: str) -> set[str]:
    """The {slot} names a phrase uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def clear_caches() -> None:
    """Forget loaded files (after the user edits prompts/ or tests point elsewhere)."""
    for fn in (taxonomy, topics, actions, frames, bank, units, levels, notes_vocab, fonts, doctypes,
               year_context, names, claims, register):
        fn.cache_clear()
