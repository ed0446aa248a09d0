"""The matrix and the budget as CSV and Excel (.xlsx), for people who would rather count.

CSV is UTF-8 with a byte order mark (so Excel reads the accents), comma-separated, with
stable codes (status `done`, phase `cold`); the Excel workbook has the labels of the chosen
language, a fill per status beside its text, and the computed budget figures."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from weerbaar.apps.programme.models import Phase, Scope
from weerbaar.apps.programme.states import STATUS_SYMBOLS, MeasureStatus

FILLS = {
    MeasureStatus.NOT_STARTED: "F2F2F2",
    MeasureStatus.IN_PROGRESS: "FFE9A8",
    MeasureStatus.DONE: "B9E0C0",
    MeasureStatus.NOT_APPLICABLE: "D9D9D9",
}
EURO = "#,##0;-#,##0;0"
BOLD = Font(bold=True)
FIGURES = ("costs", "national_contribution", "fund_formation", "previous_result", "result")


def _csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _widths(sheet, widths) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


# --- the matrix ------------------------------------------------------------------------------


def matrix_csv(data: dict) -> bytes:
    places = data["municipalities"]
    header = ["id", "title", "phase", "theme", "scope", *[m.code for m in places]]
    rows = [header, ["", "", "", "", "", *[m.name for m in places]]]
    for row in data["rows"]:
        e = row["entry"]
        rows.append([e.code, e.title, e.phase, e.theme, e.scope, *[r.status for r in row["cells"]]])
    return _csv(rows)


def _status_label(status: str) -> str:
    return f"{STATUS_SYMBOLS[MeasureStatus(status)]} {MeasureStatus(status).label}"


def matrix_xlsx(data: dict, version) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Measures")[:31]
    places = data["municipalities"]
    sheet.append([_("Catalogue"), f"{version.title} (v{version.number})"])
    sheet.append([])
    header = [_("Id"), _("Measure"), _("Phase"), _("Theme"), _("Scope"), *[m.name for m in places]]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in data["rows"]:
        e = row["entry"]
        sheet.append(
            [
                e.code,
                e.title,
                str(Phase(e.phase).label),
                e.theme,
                str(Scope(e.scope).label),
                *[_status_label(r.status) for r in row["cells"]],
            ]
        )
        for column, record in enumerate(row["cells"], start=6):
            fill = FILLS[MeasureStatus(record.status)]
            sheet.cell(sheet.max_row, column).fill = PatternFill("solid", fgColor=fill)
    sheet.append([])
    sheet.append(
        [_("Done"), "", "", "", "", *[f"{t.done}/{t.applicable}" for t in data["column_tallies"]]]
    )
    sheet.freeze_panes = "C4"
    _widths(sheet, [8, 48, 24, 20, 22, *[14] * len(places)])
    return _xlsx(workbook)


# --- the budget ------------------------------------------------------------------------------


def _amount(amount):
    if amount is None:
        return 0
    return "p.m." if amount.is_pm else amount.value


def _figure_labels() -> dict:
    return {
        "costs": _("Total costs"),
        "national_contribution": _("National contribution"),
        "fund_formation": _("Fund formation"),
        "previous_result": _("Result of previous years"),
        "result": _("Result"),
    }


def budget_rows(table: dict, labels: dict) -> list[list]:
    years = table["years"]
    rows = [[labels["group"], labels["topic"], *years]]
    for group in table["groups"]:
        for line in group["lines"]:
            rows.append(
                [group["group"].name, line["line"].topic, *[_amount(a) for a in line["amounts"]]]
            )
    for name, label in _figure_labels().items():
        rows.append([label, "", *[getattr(f, name) for f in table["figures"]]])
    return rows


def budget_csv(table: dict) -> bytes:
    return _csv(budget_rows(table, {"group": "group", "topic": "topic"}))


def budget_xlsx(table: dict) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Budget")[:31]
    rows = budget_rows(table, {"group": _("Budget group"), "topic": _("Topic")})
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = BOLD
    first_figure = len(rows) - len(FIGURES) + 1
    for row in sheet.iter_rows(min_row=2, min_col=3):
        for cell in row:
            cell.number_format = EURO
            cell.alignment = Alignment(horizontal="right")
    for row in sheet.iter_rows(min_row=first_figure):
        for cell in row:
            cell.font = BOLD
    note = table.get("national_contribution_note")
    if note:
        sheet.append([])
        sheet.append([_("National contribution: %(note)s") % {"note": note}])
    sheet.append(
        [_("p.m.: not yet known; counts as 0. Totals and results are computed from the lines.")]
    )
    _widths(sheet, [34, 52, *[14] * len(table["years"])])
    return _xlsx(workbook)
