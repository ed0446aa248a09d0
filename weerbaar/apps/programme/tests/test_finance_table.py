"""The finance table reader: the extraction rules on small rows, and the programme plan's own
table, whose printed totals must come out of its lines."""

import pytest

from weerbaar.apps.programme.budgeting import PM, ZERO, Amount, compute_years
from weerbaar.apps.programme.finance_table import (
    FinanceTableError,
    parse_amount,
    parse_finance_table,
    split_row,
)
from weerbaar.apps.programme.loading import read_finance_table

YEARS = [2025, 2026, 2027, 2028]


@pytest.mark.parametrize(
    ("token", "amount"),
    [
        ("-40.000", Amount(-40000)),
        ("1.500.000", Amount(1500000)),
        ("-1.062.000", Amount(-1062000)),
        ("90.000", Amount(90000)),
        ("-5.000", Amount(-5000)),
        ("3.000", Amount(3000)),
        ("-", ZERO),
        ("p.m.", PM),
        ("P.M.", PM),
        ("\u2212157.500", Amount(-157500)),
    ],
)
def test_amounts_read_as_printed(token, amount):
    assert parse_amount(token) == amount


@pytest.mark.parametrize("token", ["40,000", "abc", "1.5", "12.34.567", ""])
def test_what_is_not_an_amount_is_refused(token):
    with pytest.raises(FinanceTableError):
        parse_amount(token)


def test_a_full_row_fills_every_year():
    label, amounts = split_row("Personele inzet p.m. -24.000  -24.000  -12.000", YEARS)
    assert label == "Personele inzet"
    assert amounts == {2025: PM, 2026: Amount(-24000), 2027: Amount(-24000), 2028: Amount(-12000)}


def test_a_short_row_fills_the_latest_years():
    label, amounts = split_row("Oefeningen -50.000          -50.000", YEARS)
    assert label == "Oefeningen"
    assert amounts == {2025: ZERO, 2026: ZERO, 2027: Amount(-50000), 2028: Amount(-50000)}


def test_a_dash_is_zero_and_keeps_its_place():
    _label, amounts = split_row("Pilot noodsteunpunten -100.000 - -", YEARS)
    assert amounts == {2025: ZERO, 2026: Amount(-100000), 2027: ZERO, 2028: ZERO}


def test_p_m_is_kept_apart_from_zero_but_counts_as_zero():
    _label, amounts = split_row("Oefenen - p.m. p.m. p.m.", YEARS)
    assert amounts[2025] == ZERO and amounts[2026] == PM
    assert PM.counted == 0 and str(PM) == "p.m." and str(ZERO) == "0"


def test_a_topic_ending_in_a_word_with_a_hyphen_is_not_an_amount():
    label, amounts = split_row("Fall-Backsysteem VRD - -15.000 -15.000 -15.000", YEARS)
    assert label == "Fall-Backsysteem VRD"
    assert amounts[2026] == Amount(-15000)


TABLE = """Financiën
** Een inschatting

Deelprogramma Onderwerp 2025 2026 2027
Groep A Eerste regel -10.000 -20.000 p.m.

Tweede regel -5.000 -
Groep B Derde regel - - -1.000
Groep b kleine letters -1
Totale kosten -10.000 -25.001 -1.000
Rijksbijdrage voor iets ** 100.000 100.000 100.000
Fondsvorming Een fonds -50.000
Resultaat voorgaande jaren 90.000 164.999
Resultaat 90.000 164.999 214.000
"""


def test_groups_topics_and_the_tables_own_rows():
    table = parse_finance_table(TABLE, ["Groep A", "Groep B"])
    assert table.years == [2025, 2026, 2027]
    assert [(line.group, line.topic) for line in table.lines] == [
        ("Groep A", "Eerste regel"),
        ("Groep A", "Tweede regel"),
        ("Groep B", "Derde regel"),
        ("Groep B", "Groep b kleine letters"),
    ]
    assert table.lines[1].amounts == {2025: ZERO, 2026: Amount(-5000), 2027: ZERO}
    assert table.national_contribution == {2025: 100000, 2026: 100000, 2027: 100000}
    assert table.national_contribution_label == "Rijksbijdrage voor iets"
    assert table.national_contribution_note == "Een inschatting"
    assert table.fund_formation == {2025: 0, 2026: 0, 2027: -50000}
    assert table.fund_formation_label == "Een fonds"
    assert table.printed["costs"] == {2025: -10000, 2026: -25001, 2027: -1000}
    assert table.printed["previous_result"] == {2025: 0, 2026: 90000, 2027: 164999}
    assert table.printed["result"] == {2025: 90000, 2026: 164999, 2027: 214000}


def test_a_row_before_any_group_is_refused():
    with pytest.raises(FinanceTableError, match="before any budget group"):
        parse_finance_table("Onderwerp 2025 2026\nLos -1 -2\n", ["Groep"])


def test_a_row_without_amounts_is_refused_with_its_line_number():
    with pytest.raises(FinanceTableError, match="line 3"):
        parse_finance_table("Onderwerp 2025 2026\nGroep Regel -1 -2\nZomaar tekst\n", ["Groep"])


def test_a_table_without_a_header_is_refused():
    with pytest.raises(FinanceTableError, match="header"):
        parse_finance_table("Groep Regel -1 -2\n", ["Groep"])


# --- the programme plan's table (seed 001, copied into the app's data folder) -----------------


@pytest.fixture(scope="module")
def seed_table():
    table, _groups = read_finance_table()
    return table


def test_the_seed_table_has_its_groups_and_lines(seed_table):
    assert seed_table.years == YEARS
    groups = list(dict.fromkeys(line.group for line in seed_table.lines))
    assert groups == [
        "Programma aansturing",
        "Bewustwording",
        "BCM-VRD",
        "Noodinfrastructuur",
        "Vraag en Aanbod",
    ]
    assert len(seed_table.lines) == 26
    # "Vraag en aanbod" (lower case) is a topic within the group "Vraag en Aanbod".
    assert ("Vraag en Aanbod", "Vraag en aanbod") in {
        (line.group, line.topic) for line in seed_table.lines
    }


def test_the_seed_table_lines_give_its_printed_totals(seed_table):
    figures = compute_years(
        seed_table.years,
        [line.amounts for line in seed_table.lines],
        seed_table.national_contribution,
        seed_table.fund_formation,
    )
    assert [figures[y].costs for y in YEARS] == [-85000, -829500, -911500, -457000]
    assert [figures[y].national_contribution for y in YEARS] == [175000, 350000, 1500000, 1500000]
    assert [figures[y].fund_formation for y in YEARS] == [0, 0, -177000, -1062000]
    assert [figures[y].result for y in YEARS] == [90000, -389500, 22000, 3000]
    # The printed rows, read from the table itself, equal what the lines give.
    for name in ("costs", "previous_result", "result"):
        assert [getattr(figures[y], name) for y in YEARS] == [
            seed_table.printed[name][y] for y in YEARS
        ]
    # "Resultaat voorgaande jaren" is the previous year's result carried forward.
    assert seed_table.printed["previous_result"] == {
        2025: 0,
        2026: 90000,
        2027: -389500,
        2028: 22000,
    }


def test_the_seed_table_keeps_p_m_lines(seed_table):
    by_topic = {(line.group, line.topic): line.amounts for line in seed_table.lines}
    manager = by_topic[("Programma aansturing", "Programmamanager t.b.v. Weerbaarheid")]
    assert manager[2028] == PM and manager[2025] == Amount(-40000)
    assert all(a == PM for a in by_topic[("Vraag en Aanbod", "Vraag en aanbod")].values())
