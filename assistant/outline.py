"""Plan a document from Facts and its doc type: which sections, in what order, carrying which facts.

A group the user named in the notes stays a section (its subgroups, subsections) under a heading made from the
user's words; items the user did not group are placed in a section for their work area.
"""

from __future__ import annotations

from collections import Counter

from assistant.headings import bare_label, group_heading
from assistant.items import area_for_label
from assistant.prompts import SectionSpec, spec_of, taxonomy
from assistant.schemas import Facts, Group, Item, Outline, OutlineSection, Status
from assistant.vocab import placeholder


def _area_rank(area: str) -> tuple[int, int]:
    """Taxonomy areas in file order, custom areas next, the fallback area last."""
    tax = taxonomy()
    ids = [a.id for a in tax.areas]
    if area == tax.fallback:
        return (2, 0)
    return (0, ids.index(area)) if area in ids else (1, 0)


def _top(group_id: str, groups: dict[str, Group]) -> str:
    """The outermost user group an item's group sits in."""
    seen = set()
    while group_id and groups[group_id].parent and group_id not in seen:
        seen.add(group_id)
        group_id = groups[group_id].parent
    return group_id


def _group_area(group: Group, items: list[Item]) -> str:
    """The work area a group's label names, else the most common area of its items."""
    named = area_for_label(group.label)
    if named:
        return named
    common = Counter(i.area for i in items).most_common(1)
    return common[0][0] if common else taxonomy().fallback


def work_sections(facts: Facts, status: Status | None, prefix: str) -> list[OutlineSection]:
    """The work sections for items of one status (None = all): the user's groups first, then work areas."""
    chosen = [i for i in facts.items if status is None or i.status == status]
    groups = {g.id: g for g in facts.groups}
    tense = "plan" if status == "planned" or (status is None and spec_of(facts.doc_type).tense == "plan") \
        else "summary"
    by_top: dict[str, list[Item]] = {}
    loose: dict[str, list[Item]] = {}
    for it in chosen:
        top = _top(it.group, groups) if it.group in groups else ""
        if top:
            by_top.setdefault(top, []).append(it)
        else:
            loose.setdefault(it.area, []).append(it)
    sections: list[OutlineSection] = []
    areas_of_groups: dict[str, list[str]] = {}
    for gid, members in by_top.items():
        area = _group_area(groups[gid], members)
        if area_for_label(bare_label(groups[gid].label)):
            areas_of_groups.setdefault(area, []).append(gid)
        sections.append(_group_section(groups[gid], members, groups, area, status, tense, prefix))
    for area in sorted(loose, key=_area_rank):  # placed by work area
        same = areas_of_groups.get(area, [])
        if len(same) == 1:  # an ungrouped item joins the one group named for its area (维权关爱：…)
            target = next(s for s in sections if s.key == f"{prefix}{same[0]}")
            target.item_ids += [i.id for i in loose[area]]
            continue
        sections.append(OutlineSection(key=f"{prefix}{area}", role="work", area=area, status=status,
                                       item_ids=[i.id for i in loose[area]]))
    if by_top:  # the user structured the notes: keep their order
        first = {i.id: n for n, i in enumerate(chosen)}
        sections.sort(key=lambda s: min((first[x] for x in _ids(s)), default=len(first)))
    return sections


def _ids(section: OutlineSection) -> list[str]:
    return [*section.item_ids, *(x for c in section.children for x in _ids(c))]


def _group_section(group: Group, members: list[Item], groups: dict[str, Group], area: str, status: Status | None,
                   tense: str, prefix: str, depth: int = 0) -> OutlineSection:
    """A user group as a section; its subgroups become subsections."""
    direct = [i for i in members if i.group == group.id]
    children: list[OutlineSection] = []
    for sub in (g for g in groups.values() if g.parent == group.id):
        sub_items = [i for i in members if _within(i.group, sub.id, groups)]
        if sub_items:
            children.append(_group_section(sub, sub_items, groups, _group_area(sub, sub_items), status, tense, prefix,
                                           depth + 1))
    title = group_heading(group.label, area, tense, depth) if depth == 0 else bare_label(group.label)  # type: ignore[arg-type]
    return OutlineSection(key=f"{prefix}{group.id}", role="work", title=title, label="" if title else group.label,
                          area=area, status=status,
                          item_ids=[i.id for i in direct], children=children)


def _within(group_id: str, ancestor: str, groups: dict[str, Group]) -> bool:
    """Whether a group is the ancestor or below it."""
    seen = set()
    while group_id and group_id not in seen:
        if group_id == ancestor:
            return True
        seen.add(group_id)
        group_id = groups[group_id].parent if group_id in groups else ""
    return False


def _build(spec: SectionSpec, facts: Facts, year: str, next_year: str, prefix: str) -> list[OutlineSection]:
    """The outline sections one spec entry expands to."""
    status = spec.status
    if spec.role == "work":
        return work_sections(facts, status, prefix)
    title = spec.title.format(year=year, next_year=next_year)
    ids = {
        "problems": [i.id for i in facts.problems],
        "next_steps": [i.id for i in facts.next_steps],
        "measures": [i.id for i in facts.measures],
    }.get(spec.role, [])
    key = f"{prefix}{spec.role}" if spec.role != "part" else f"{prefix}part-{status or 'x'}"
    children = [c for child in spec.children for c in _build(child, facts, year, next_year, key + "-")]
    return [OutlineSection(key=key, role=spec.role, title=title, status=status, item_ids=ids,
                           required=spec.required, children=children)]


def make_outline(facts: Facts) -> Outline:
    """The default outline for these facts."""
    spec = spec_of(facts.doc_type)
    year = str(facts.year) if facts.year else placeholder("year")
    next_year = str(facts.year + 1) if facts.year else placeholder("year")
    sections = [s for spec_s in spec.sections for s in _build(spec_s, facts, year, next_year, "")]
    roles = {s.role for s in spec.sections}
    if facts.problems and "problems" not in roles:  # a 计划 whose notes name problems: say them before the work
        at = next((n for n, s in enumerate(sections) if s.role == "work"), 0)
        sections.insert(at, OutlineSection(key="problems", role="problems", title="存在的问题和不足",
                                           item_ids=[i.id for i in facts.problems]))
    if facts.measures and "measures" not in roles:  # a 总结 whose notes name measures: keep them
        sections.append(OutlineSection(key="measures", role="measures", title="保障措施",
                                       item_ids=[i.id for i in facts.measures]))
    title = spec.title.format(organization=facts.organization or placeholder("organization"), year=year,
                              next_year=next_year)
    return Outline(doc_type=spec.name, title=title, year=facts.year, sections=sections)
