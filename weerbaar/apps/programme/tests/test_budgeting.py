"""The budget arithmetic on small known answers."""

from weerbaar.apps.programme.budgeting import (
    PM,
    Amount,
    as_json,
    compute_years,
    differences_from_printed,
)


def test_result_is_costs_plus_contribution_plus_fund_plus_previous_result():
    figures = compute_years(
        [2025, 2026],
        [{2025: Amount(-100), 2026: Amount(-50)}, {2025: Amount(-20), 2026: PM}],
        {2025: 200, 2026: 10},
        {2026: -30},
    )
    assert figures[2025].costs == -120
    assert figures[2025].previous_result == 0
    assert figures[2025].result == 80
    assert figures[2026].costs == -50  # p.m. counts as 0
    assert figures[2026].previous_result == 80
    assert figures[2026].result == -50 + 10 - 30 + 80


def test_years_come_out_in_order_and_missing_figures_count_as_zero():
    figures = compute_years([2027, 2025, 2026], [], {}, {})
    assert list(figures) == [2025, 2026, 2027]
    assert all(f.result == 0 for f in figures.values())


def test_the_json_has_integers_only_and_string_years():
    document = as_json(compute_years([2025], [{2025: PM}], {2025: 5}, {}))
    assert document == {
        "years": {
            "2025": {
                "costs": 0,
                "national_contribution": 5,
                "fund_formation": 0,
                "previous_result": 0,
                "result": 5,
            }
        }
    }
    assert all(type(v) is int for v in document["years"]["2025"].values())


def test_differences_from_a_printed_table_are_named():
    figures = compute_years([2025], [{2025: Amount(-10)}], {}, {})
    assert differences_from_printed(figures, {"costs": {2025: -10}}) == []
    assert differences_from_printed(figures, {"costs": {2025: -11}}) == [
        "costs 2025: printed -11, computed -10"
    ]
