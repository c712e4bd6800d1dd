"""Plan a document from Facts and its doc type: which sections, in what order, carrying which facts."""

from __future__ import annotations

from assistant.prompts import SectionSpec, doctype, taxonomy
from assistant.schemas import Facts, Item, Outline, OutlineSection, Status


def _area_order(area: str, custom: list[str]) -> tuple[int, int]:
    """Sort key: taxonomy areas in file order, the user's own labels next, the fallback area last."""
    tax = taxonomy()
    ids = [a.id for a in tax.areas]
    if area == tax.fallback:
        return (2, 0)
    if area in ids:
        return (0, ids.index(area))
    return (1, custom.index(area) if area in custom else 0)


def area_sections(items: list[Item], status: Status | None, prefix: str) -> list[OutlineSection]:
    """One section per work area that has items, in document order."""
    chosen = [i for i in items if status is None or i.status == status]
    custom = list(dict.fromkeys(i.area for i in chosen if i.area.startswith("custom:")))
    areas = sorted(dict.fromkeys(i.area for i in chosen), key=lambda a: _area_order(a, custom))
    return [
        OutlineSection(
            key=f"{prefix}{area.replace('custom:', 'c-')}", role="work", area=area, status=status,
            title=area.removeprefix("custom:") if area.startswith("custom:") else "",
            item_ids=[i.id for i in chosen if i.area == area],
        )
        for area in areas
    ]


def _build(spec: SectionSpec, facts: Facts, year: str, next_year: str, prefix: str) -> list[OutlineSection]:
    """The outline sections one spec entry expands to."""
    status = spec.status
    if spec.role == "work":
        return area_sections(facts.items, status, prefix)
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
    spec = doctype(facts.doc_type or "工作计划")
    year = str(facts.year) if facts.year else "【待补：年度】"
    next_year = str(facts.year + 1) if facts.year else "【待补：年度】"
    sections = [s for spec_s in spec.sections for s in _build(spec_s, facts, year, next_year, "")]
    title = spec.title.format(organization=facts.organization or "【待补：单位名称】", year=year, next_year=next_year)
    return Outline(doc_type=spec.name, title=title, year=facts.year, sections=sections)
