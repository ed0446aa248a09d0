"""Reading the programme plan's finance table as it came out of its PDF.

Plain Python (no Django, no files): it takes the text and the names of the budget groups and
returns the lines, the year figures and the totals the table prints. The reading rules:

- a header row names the years (`Deelprogramma Onderwerp 2025 2026 2027 2028`);
- a row is a label followed by up to one figure per year; a dot separates thousands
  (`-40.000` is -40,000), `-` is 0 and `p.m.` is "not yet known" (it counts as 0);
- a row with fewer figures than years fills the latest years (it is right-aligned: the
  PDF left the first cells empty), and the empty cells are 0;
- a row whose label starts with a group's name (exactly, as printed) opens that group and the
  rest of the label is its topic; the rows after it belong to the same group;
- the rows "Totale kosten", "Rijksbijdrage ...", "Fondsvorming ...",
  "Resultaat voorgaande jaren" and "Resultaat" are the table's own figures, not lines.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from weerbaar.apps.programme.budgeting import PM, ZERO, Amount

FIGURE = re.compile(r"^(?:[-\u2212]?\d{1,3}(?:\.\d{3})*|[-\u2212\u2013]|p\.m\.?)$", re.IGNORECASE)
YEAR = re.compile(r"^(?:19|20)\d{2}$")
FOOTNOTE_MARK = "**"

COSTS, NATIONAL, FUND, PREVIOUS, RESULT = (
    "Totale kosten",
    "Rijksbijdrage",
    "Fondsvorming",
    "Resultaat voorgaande jaren",
    "Resultaat",
)


class FinanceTableError(ValueError):
    """The text does not read as the table; the message names the line."""


@dataclass
class FinanceLine:
    group: str
    topic: str
    amounts: dict[int, Amount]


@dataclass
class FinanceTable:
    years: list[int]
    lines: list[FinanceLine] = field(default_factory=list)
    national_contribution: dict[int, int] = field(default_factory=dict)
    national_contribution_label: str = ""
    national_contribution_note: str = ""
    fund_formation: dict[int, int] = field(default_factory=dict)
    fund_formation_label: str = ""
    # The table's printed totals, by the name of the computed figure they must equal.
    printed: dict[str, dict[int, int]] = field(default_factory=dict)


def parse_amount(token: str) -> Amount:
    if not FIGURE.match(token):
        raise FinanceTableError(f"not an amount: {token!r}")
    if token.lower().startswith("p.m"):
        return PM
    if token in ("-", "\u2212", "\u2013"):
        return ZERO
    return Amount(int(token.replace("\u2212", "-").replace(".", "")))


def split_row(text: str, years: Sequence[int]) -> tuple[str, dict[int, Amount]]:
    """The label and the amounts of one row, right-aligned onto the years."""
    tokens = text.split()
    figures: list[Amount] = []
    while tokens and len(figures) < len(years) and FIGURE.match(tokens[-1]):
        figures.insert(0, parse_amount(tokens.pop()))
    amounts = dict.fromkeys(years, ZERO)
    for year, amount in zip(years[len(years) - len(figures) :], figures, strict=True):
        amounts[year] = amount
    return " ".join(tokens), (amounts if figures else {})


def _header(lines: list[str]) -> tuple[int, list[int]]:
    for number, text in enumerate(lines):
        tokens = text.split()
        years = []
        while tokens and YEAR.match(tokens[-1]):
            years.insert(0, int(tokens.pop()))
        if len(years) >= 2 and tokens:
            return number, years
    raise FinanceTableError("no header row with the years (e.g. 'Onderwerp 2025 2026')")


def _footnote(lines: list[str]) -> str:
    for text in lines:
        if text.strip().startswith(FOOTNOTE_MARK):
            return text.strip()[len(FOOTNOTE_MARK) :].strip()
    return ""


def _values(amounts: dict[int, Amount]) -> dict[int, int]:
    return {year: amount.counted for year, amount in amounts.items()}


class _Reader:
    def __init__(self, years: list[int], group_names: Sequence[str], footnote: str):
        self.table = FinanceTable(years=years)
        # Longest first, so a group whose name starts with another's is found.
        self.group_names = sorted(group_names, key=len, reverse=True)
        self.footnote = footnote
        self.group = ""

    def row(self, number: int, text: str) -> None:
        label, amounts = split_row(text, self.table.years)
        if not amounts:
            raise FinanceTableError(f"line {number}: no amounts in {text.strip()!r}")
        if not self._table_figure(label, amounts):
            self._line(number, label, amounts)

    def _table_figure(self, label: str, amounts: dict[int, Amount]) -> bool:
        table = self.table
        if label == RESULT:
            table.printed["result"] = _values(amounts)
        elif label.startswith(PREVIOUS):
            table.printed["previous_result"] = _values(amounts)
        elif label.startswith(COSTS):
            table.printed["costs"] = _values(amounts)
        elif label.startswith(NATIONAL):
            table.national_contribution = _values(amounts)
            table.national_contribution_label = label.replace(FOOTNOTE_MARK, "").strip()
            if label.endswith(FOOTNOTE_MARK):
                table.national_contribution_note = self.footnote
        elif label.startswith(FUND):
            table.fund_formation = _values(amounts)
            table.fund_formation_label = label[len(FUND) :].strip()
        else:
            return False
        return True

    def _line(self, number: int, label: str, amounts: dict[int, Amount]) -> None:
        for name in self.group_names:
            rest = label[len(name) :].strip()
            if label.startswith(name + " ") and rest:
                self.group, label = name, rest
                break
        if not self.group:
            raise FinanceTableError(f"line {number}: {label!r} comes before any budget group")
        if not label:
            raise FinanceTableError(f"line {number}: a row without a topic")
        self.table.lines.append(FinanceLine(self.group, label, amounts))


def parse_finance_table(text: str, group_names: Sequence[str]) -> FinanceTable:
    """Read the table; `group_names` are the budget groups as the table prints them."""
    lines = text.splitlines()
    start, years = _header(lines)
    reader = _Reader(years, group_names, _footnote(lines[:start]))
    for number, row in enumerate(lines[start + 1 :], start=start + 2):
        if row.strip():
            reader.row(number, row)
    if not reader.table.lines:
        raise FinanceTableError("the table has no budget lines")
    return reader.table
