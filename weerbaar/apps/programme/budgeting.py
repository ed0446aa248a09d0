"""The budget arithmetic: total costs and the result per year, carried forward.

Plain Python (no Django, no files): it takes the lines' amounts and the year figures and
returns the figures per year. The pages, the API, the exports, the command and the loader's
check against the printed table all call `compute_years`, so the rule is written once:

    costs(y)           = sum of every line's amount in year y (p.m. counts as 0)
    previous_result(y) = result(y - 1), and 0 for the first year
    result(y)          = costs(y) + national_contribution(y) + fund_formation(y)
                         + previous_result(y)

Costs and fund formation are negative, as in the programme plan's table.
"""

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Amount:
    """One cell of a budget line: an amount in euros, or p.m. (not yet known, counts as 0)."""

    value: int = 0
    is_pm: bool = False

    def __str__(self) -> str:
        return "p.m." if self.is_pm else str(self.value)

    @property
    def counted(self) -> int:
        return 0 if self.is_pm else self.value


PM = Amount(0, is_pm=True)
ZERO = Amount(0)


@dataclass(frozen=True)
class YearFigures:
    costs: int
    national_contribution: int
    fund_formation: int
    previous_result: int
    result: int


def compute_years(
    years: Iterable[int],
    lines: Iterable[Mapping[int, Amount]],
    national_contribution: Mapping[int, int],
    fund_formation: Mapping[int, int],
) -> dict[int, YearFigures]:
    """The figures per year, in year order; a year missing from a mapping counts as 0."""
    ordered = sorted(set(years))
    costs = dict.fromkeys(ordered, 0)
    for amounts in lines:
        for year, amount in amounts.items():
            if year in costs:
                costs[year] += amount.counted
    figures: dict[int, YearFigures] = {}
    previous = 0
    for year in ordered:
        national = int(national_contribution.get(year, 0))
        fund = int(fund_formation.get(year, 0))
        result = costs[year] + national + fund + previous
        figures[year] = YearFigures(costs[year], national, fund, previous, result)
        previous = result
    return figures


def as_json(figures: Mapping[int, YearFigures]) -> dict:
    """`{"years": {"2025": {"costs": ..., ...}}}`: integers, never null, years as strings."""
    return {"years": {str(year): asdict(f) for year, f in sorted(figures.items())}}


def differences_from_printed(
    figures: Mapping[int, YearFigures], printed: Mapping[str, Mapping[int, int]]
) -> list[str]:
    """Where a computed figure differs from the one a source table prints, one line each."""
    problems = []
    for name, per_year in printed.items():
        for year, value in sorted(per_year.items()):
            computed = getattr(figures[year], name) if year in figures else None
            if computed != value:
                problems.append(f"{name} {year}: printed {value}, computed {computed}")
    return problems
