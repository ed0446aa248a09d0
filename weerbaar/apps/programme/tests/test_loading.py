"""Loading the shipped data, and the budget from the command line."""

import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from weerbaar.apps.programme import queries, services
from weerbaar.apps.programme.budgeting import Amount
from weerbaar.apps.programme.loading import DATA_DIR, FINANCE_TABLE, load_programme
from weerbaar.apps.programme.models import (
    BudgetGroup,
    BudgetLine,
    CatalogueVersion,
    SubProject,
)

pytestmark = pytest.mark.django_db

EXPECTED = {
    "years": {
        "2025": {
            "costs": -85000,
            "national_contribution": 175000,
            "fund_formation": 0,
            "previous_result": 0,
            "result": 90000,
        },
        "2026": {
            "costs": -829500,
            "national_contribution": 350000,
            "fund_formation": 0,
            "previous_result": 90000,
            "result": -389500,
        },
        "2027": {
            "costs": -911500,
            "national_contribution": 1500000,
            "fund_formation": -177000,
            "previous_result": -389500,
            "result": 22000,
        },
        "2028": {
            "costs": -457000,
            "national_contribution": 1500000,
            "fund_formation": -1062000,
            "previous_result": 22000,
            "result": 3000,
        },
    }
}


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_budget_command_prints_the_boards_figures(programme_data):
    assert json.loads(run("programme", "budget", "--json")) == EXPECTED


def test_the_budget_command_without_json_prints_a_table(programme_data):
    text = run("programme", "budget")
    assert "result" in text and "-389,500" in text


def test_the_command_without_a_sub_command_fails_in_one_line(db):
    with pytest.raises(CommandError) as error:
        call_command("programme")
    assert error.value.returncode == 2 and "\n" not in str(error.value)


def test_loading_gives_the_catalogue_sub_projects_and_budget(programme_data):
    assert programme_data.done == {
        "catalogue": "version 1 (10)",
        "sub-projects": "5 created",
        "budget": "26 lines, years 2025-2028",
    }
    version = CatalogueVersion.objects.get()
    assert version.is_concept and version.number == 1
    assert list(SubProject.objects.values_list("key", flat=True)) == [
        "awareness",
        "business-continuity",
        "coordination",
        "emergency-infrastructure",
        "supply-and-demand",
    ]
    coordination = SubProject.objects.get(key="coordination")
    assert coordination.measures.count() == 10
    assert coordination.action_lines and coordination.needed_roles == [
        "Programmaleider",
        "Gemeentelijke aandachtfunctionarissen",
    ]
    # Programme management has budget lines but no sub-project; coordination has no lines.
    assert BudgetGroup.objects.get(name="Programma aansturing").subproject is None
    assert not coordination.budget_groups.exists()
    assert BudgetGroup.objects.get(name="Bewustwording").subproject.key == "awareness"


def test_loading_twice_changes_nothing_and_keeps_edits(programme_data):
    line = BudgetLine.objects.get(topic="Lespakketten")
    services.save_budget_line(line, {2025: Amount(-12000)})
    SubProject.objects.filter(key="awareness").update(owner="Team bewustwording")
    report = load_programme()
    assert set(report.done.values()) == {"unchanged"}
    assert SubProject.objects.get(key="awareness").owner == "Team bewustwording"
    assert queries.budget_figures()[2025].costs == -87000


def test_the_command_reports_and_is_idempotent(reference_data):
    assert "budget: 26 lines" in run("load_programme")
    assert "budget: unchanged" in run("load_programme")


def test_a_table_whose_lines_do_not_give_its_totals_is_refused(reference_data, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    table = (data / FINANCE_TABLE).read_text(encoding="utf-8")
    (data / FINANCE_TABLE).write_text(table.replace("-40.000", "-41.000", 1), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_programme", "--data-dir", str(data))
    assert error.value.returncode == 2
    assert "costs 2025: printed -85000, computed -86000" in str(error.value)
    assert not BudgetLine.objects.exists()


def test_a_missing_data_folder_is_one_line_with_returncode_2(reference_data, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("load_programme", "--data-dir", str(tmp_path / "nowhere"))
    assert error.value.returncode == 2 and "\n" not in str(error.value)


def test_import_catalogue_from_the_command_line(programme_data, tmp_path):
    path = tmp_path / "vng.csv"
    path.write_text("id,title,phase,source\nV1,Water,koude fase,VNG 2025\n", encoding="utf-8")
    assert "version 2: 1 added, 10 removed, 0 changed" in run(
        "programme", "import-catalogue", str(path)
    )
    assert "unchanged" in run("programme", "import-catalogue", str(path))
    path.write_text("id,title\nV1,Water\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("programme", "import-catalogue", str(path))
    assert error.value.returncode == 2 and "has no source" in str(error.value)


def test_the_product_never_reads_the_shared_sources():
    from pathlib import Path

    app = Path(__file__).resolve().parents[1]
    for path in app.rglob("*.py"):
        if path.parent.name != "tests":
            assert "shared/seeds" not in path.read_text(encoding="utf-8"), path
    assert (DATA_DIR / "SOURCES.md").is_file()
