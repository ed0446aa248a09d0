"""Read helpers: the current catalogue, the matrix of measures by municipality, a
municipality's to-do list, the roll-ups and the budget with its computed figures."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from weerbaar.apps.programme.budgeting import YearFigures, compute_years
from weerbaar.apps.programme.loading import ensure_catalogue
from weerbaar.apps.programme.models import (
    BudgetAmount,
    BudgetGroup,
    BudgetLine,
    BudgetYear,
    CatalogueEntry,
    CatalogueVersion,
    MeasureRecord,
    Phase,
    SubProject,
)
from weerbaar.apps.programme.states import MeasureStatus
from weerbaar.apps.regions.models import Municipality


def current_version() -> CatalogueVersion:
    return ensure_catalogue()


def current_entries(*, phase: str = "", theme: str = "") -> list[CatalogueEntry]:
    entries = current_version().entries.select_related("measure")
    if phase:
        entries = entries.filter(phase=phase)
    if theme:
        entries = entries.filter(theme=theme)
    return list(entries)


def themes() -> list[str]:
    values = current_version().entries.exclude(theme="").values_list("theme", flat=True)
    return sorted(set(values))


def municipalities() -> list[Municipality]:
    return list(Municipality.objects.order_by("name"))


def _records(entries) -> dict[tuple[int, int | None], MeasureRecord]:
    records = MeasureRecord.objects.filter(measure__in=[e.measure for e in entries])
    return {(r.measure_id, r.municipality_id): r for r in records.select_related("measure")}


def record_for(entry: CatalogueEntry, municipality, records=None) -> MeasureRecord:
    """The record that counts for this municipality: the regional one for a regional
    measure. A measure without a record is shown as an unsaved, not started record."""
    where = None if entry.is_regional else municipality
    key = (entry.measure_id, where.pk if where is not None else None)
    if records is None:
        found = MeasureRecord.objects.filter(measure=entry.measure, municipality=where).first()
    else:
        found = records.get(key)
    return found or MeasureRecord(measure=entry.measure, municipality=where)


@dataclass
class Tally:
    """How many (measure, municipality) pairs stand in each status."""

    key: str = ""
    label: str = ""
    counts: Counter = field(default_factory=Counter)

    def add(self, status: str) -> None:
        self.counts[status] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def applicable(self) -> int:
        return self.total - self.counts[MeasureStatus.NOT_APPLICABLE]

    @property
    def done(self) -> int:
        return self.counts[MeasureStatus.DONE]

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.applicable) if self.applicable else 0

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": str(self.label),
            "counts": {status: self.counts[status] for status in MeasureStatus.values},
            "total": self.total,
            "done": self.done,
            "percent_done": self.percent_done,
        }

    def status_counts(self) -> list[tuple[str, int]]:
        return [(status, self.counts[status]) for status in MeasureStatus.values]


def matrix(*, phase: str = "", theme: str = "") -> dict:
    entries = current_entries(phase=phase, theme=theme)
    places = municipalities()
    records = _records(entries)
    rows, columns = [], {m.pk: Tally(m.code, m.name) for m in places}
    for entry in entries:
        cells = [record_for(entry, m, records) for m in places]
        for m, record in zip(places, cells, strict=True):
            columns[m.pk].add(record.status)
        rows.append({"entry": entry, "cells": cells, "regional": entry.is_regional})
    return {
        "entries": entries,
        "municipalities": places,
        "rows": rows,
        "column_tallies": [columns[m.pk] for m in places],
    }


def todo(municipality: Municipality) -> list[dict]:
    entries = current_entries()
    records = _records(entries)
    return [{"entry": e, "record": record_for(e, municipality, records)} for e in entries]


def tally(items) -> Tally:
    result = Tally()
    for item in items:
        result.add(item["record"].status)
    return result


def rollups() -> dict:
    """Per phase, theme and sub-project: the status of each (measure, municipality) pair.
    A regional measure's one record counts for every municipality it serves."""
    data = matrix()
    by_phase = {p.value: Tally(p.value, p.label) for p in Phase}
    by_theme: dict[str, Tally] = {}
    by_measure: dict[int, Tally] = {}
    for row in data["rows"]:
        entry = row["entry"]
        theme = by_theme.setdefault(entry.theme, Tally(entry.theme, entry.theme or "—"))
        measure = by_measure.setdefault(entry.measure_id, Tally(entry.code, entry.title))
        for record in row["cells"]:
            for target in (by_phase[entry.phase], theme, measure):
                target.add(record.status)
    by_subproject = []
    for subproject in SubProject.objects.prefetch_related("measures"):
        result = Tally(subproject.key, subproject.name)
        for measure in subproject.measures.all():
            if measure.pk in by_measure:
                result.counts.update(by_measure[measure.pk].counts)
        by_subproject.append(result)
    overall = Tally("all", "")
    for column in data["column_tallies"]:
        overall.counts.update(column.counts)
    return {
        "overall": overall,
        "by_phase": [t for t in by_phase.values() if t.total],
        "by_theme": sorted(by_theme.values(), key=lambda t: t.key),
        "by_subproject": by_subproject,
        "by_municipality": data["column_tallies"],
    }


# --- the budget ------------------------------------------------------------------------------


def budget_years() -> list[int]:
    years = set(BudgetYear.objects.values_list("year", flat=True))
    years |= set(BudgetAmount.objects.values_list("year", flat=True))
    return sorted(years)


def budget_figures() -> dict[int, YearFigures]:
    """Total costs and results per year, computed from the lines (budgeting.compute_years)."""
    lines: dict[int, dict] = {}
    for amount in BudgetAmount.objects.all():
        lines.setdefault(amount.line_id, {})[amount.year] = amount.as_amount()
    year_rows = list(BudgetYear.objects.all())
    return compute_years(
        budget_years(),
        lines.values(),
        {y.year: y.national_contribution for y in year_rows},
        {y.year: y.fund_formation for y in year_rows},
    )


def budget_table() -> dict:
    """The budget as the board's table: groups with their lines, an amount (or p.m.) per
    year, and the computed figures per year."""
    years = budget_years()
    groups = BudgetGroup.objects.select_related("subproject").prefetch_related(
        Prefetch("lines", queryset=BudgetLine.objects.prefetch_related("amounts"))
    )
    table = []
    for group in groups:
        lines = []
        for line in group.lines.all():
            by_year = {a.year: a.as_amount() for a in line.amounts.all()}
            lines.append({"line": line, "amounts": [by_year.get(y) for y in years]})
        if lines:
            table.append({"group": group, "lines": lines})
    figures = budget_figures()
    year_rows = {y.year: y for y in BudgetYear.objects.all()}
    return {
        "years": years,
        "groups": table,
        "figures": [figures[y] for y in years],
        "year_rows": [year_rows.get(y) for y in years],
        "national_contribution_note": next(
            (
                y.national_contribution_note
                for y in year_rows.values()
                if y.national_contribution_note
            ),
            "",
        ),
        "fund_formation_label": next(
            (y.fund_formation_label for y in year_rows.values() if y.fund_formation_label), ""
        ),
    }
