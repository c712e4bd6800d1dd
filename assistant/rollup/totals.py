"""Totals per indicator over every unit, computed in Python, with what must not be summed silently: a unit that
reports an indicator in another unit of measure, a value far from the others, a stated total smaller than its
parts, an indicator most units report and one does not."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.rollup.data import indicators
from assistant.rollup.read import Reading, Source
from assistant.schemas import Strict

ABOUT = ("约", "近", "左右")  # parts that are all about so much make the total 约…; any other mark makes it …余


def number(v: float) -> str:
    """A summed value as written: 2300, 12.35 (no float noise, no trailing zeros)."""
    return f"{v:.4f}".rstrip("0").rstrip(".")


class Total(Strict):
    """One indicator summed over the units, with every figure behind the sum."""

    indicator: str
    value: float
    unit: str
    approx: str = ""  # 余 or 约: carried from the parts
    parts: list[str] = []  # the reading ids summed
    by_unit: dict[str, float] = {}

    @property
    def text(self) -> str:
        """The total as the draft writes it: 2300余人次, 12.35万元."""
        if self.approx == "约":
            return f"约{number(self.value)}{self.unit}"
        return f"{number(self.value)}{self.approx}{self.unit}"


class Flag(Strict):
    """Something in the table the user should look at."""

    kind: str  # unit_mismatch | outlier | parts_exceed_total | missing
    indicator: str
    unit_name: str
    reading: str | None = None
    message: str


@dataclass
class Table:
    """Indicators × units, their totals, and the flags."""

    units: list[str]
    totals: dict[str, Total] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)


def _approx(parts: list[Reading]) -> str:
    """余 when any part is at least its number, 约 when some are about it, else nothing."""
    marks = [r.approx for r in parts if r.approx]
    if not marks:
        return ""
    return "约" if all(m in ABOUT for m in marks) else "余"


def tabulate(sources: list[Source]) -> Table:
    """Sum every counted reading per indicator; flag outliers, unit mismatches, parts over totals, gaps."""
    lib = indicators()
    readings = [r.model_copy() for s in sources for r in s.readings]  # flagged here, the sources as read kept
    units = list(dict.fromkeys(s.unit_name for s in sources))
    table = Table(units=units, readings=readings)
    _outliers(readings, lib.outlier_ratio)
    for r in readings:
        if r.status == "unit_mismatch" and r.indicator:
            table.flags.append(Flag(kind="unit_mismatch", indicator=r.indicator, unit_name=r.unit_name, reading=r.id,
                                    message=f"{r.unit_name}的“{r.text}”单位与其他单位不同，未计入合计"))
        if r.status == "outlier" and r.indicator:
            table.flags.append(Flag(kind="outlier", indicator=r.indicator, unit_name=r.unit_name, reading=r.id,
                                    message=f"{r.unit_name}的“{r.text}”比其他单位的中位数大 {lib.outlier_ratio:g} 倍"
                                            "以上，可能多写了零，未计入合计"))
    counted: dict[str, list[Reading]] = defaultdict(list)
    for r in readings:
        if r.status == "counted" and r.indicator:
            counted[r.indicator].append(r)
    for ind in lib.indicators:
        parts = _distinct(counted.get(ind.name, []))
        if not parts:
            continue
        by_unit: dict[str, float] = defaultdict(float)
        for r in parts:
            by_unit[r.unit_name] += r.value
        table.totals[ind.name] = Total(indicator=ind.name, value=float(sum(Decimal(str(r.value)) for r in parts)),
                                       unit=ind.unit, approx=_approx(parts), parts=[r.id for r in parts],
                                       by_unit=dict(by_unit))
    table.flags += _parts_over_totals(readings) + _missing(table, lib.missing_share)
    return table


def _distinct(parts: list[Reading]) -> list[Reading]:
    """One figure per unit and value: a summary that repeats a figure in its opening does not count it twice."""
    seen: set[tuple[str, float]] = set()
    out = []
    for r in parts:
        key = (r.unit_name, r.value)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _outliers(readings: list[Reading], ratio: float) -> None:
    """A unit's value over ratio × the median of the others' (three or more of them) is marked, not summed."""
    per: dict[str, dict[str, list[Reading]]] = defaultdict(lambda: defaultdict(list))
    for r in readings:
        if r.status == "counted" and r.indicator:
            per[r.indicator][r.unit_name].append(r)
    for by_unit in per.values():
        sums = {u: sum(r.value for r in rs) for u, rs in by_unit.items()}
        if len(sums) < 4:
            continue
        for unit, rs in by_unit.items():
            others = [v for u, v in sums.items() if u != unit]
            median = statistics.median(others)
            for r in rs:
                if median > 0 and r.value > ratio * median and not r.confirmed:
                    r.status, r.why = "outlier", f"是其他单位中位数（{median:g}）的 {r.value / median:.0f} 倍"


def _parts_over_totals(readings: list[Reading]) -> list[Flag]:
    """A stated total smaller than the sum of its 其中 parts."""
    out = []
    by_id = {r.id: r for r in readings}
    parts: dict[str, list[Reading]] = defaultdict(list)
    for r in readings:
        if r.status == "part" and r.total_of:
            parts[r.total_of].append(r)
    for total_id, ps in parts.items():
        total = by_id[total_id]
        if sum(p.number for p in ps) > total.number and total.indicator:
            listed = "、".join(p.text for p in ps)
            out.append(Flag(kind="parts_exceed_total", indicator=total.indicator, unit_name=total.unit_name,
                            reading=total.id, message=f"{total.unit_name}写“{total.text}”，其中各项（{listed}）"
                                                      "加起来比总数还多，请核对"))
    return out


def _missing(table: Table, share: float) -> list[Flag]:
    """An indicator most units report that a unit does not."""
    out: list[Flag] = []
    if len(table.units) < 3:
        return out
    for name in table.totals:
        reported = {r.unit_name for r in table.readings if r.indicator == name and r.status != "not_result"}
        if len(reported) >= share * len(table.units) and len(reported) < len(table.units):
            out += [Flag(kind="missing", indicator=name, unit_name=u, message=f"{u}没有报“{name}”，"
                         f"其他 {len(reported)} 个单位都报了，请核对是否漏报")
                    for u in table.units if u not in reported]
    return out
