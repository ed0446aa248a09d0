"""Loading the programme's starting data from weerbaar/apps/programme/data (never from
elsewhere): the starter catalogue as version 1, the sub-projects and the budget of the
programme plan "Weerbaar Drenthe" (concept). See data/SOURCES.md.

Loading is idempotent and never overwrites work: each part is loaded only while it is empty
(no catalogue version, no sub-project with that key, no budget line)."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import IntegrityError, transaction

from weerbaar.apps.programme import services
from weerbaar.apps.programme.budgeting import compute_years, differences_from_printed
from weerbaar.apps.programme.catalogue_io import read_yaml
from weerbaar.apps.programme.finance_table import FinanceTable, parse_finance_table
from weerbaar.apps.programme.models import (
    BudgetGroup,
    BudgetLine,
    CatalogueVersion,
    Measure,
    SubProject,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
STARTER_CATALOGUE = "starter_catalogue.yaml"
SUBPROJECTS = "subprojects.yaml"
BUDGET_GROUPS = "budget_groups.yaml"
FINANCE_TABLE = "finance_table_001.txt"


class LoadError(ValueError):
    """The data folder does not hold what the loader needs; the message says what."""


@dataclass
class LoadReport:
    done: dict[str, str] = field(default_factory=dict)


def _yaml(data_dir: Path, name: str) -> dict:
    document = yaml.safe_load((data_dir / name).read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise LoadError(f"{name}: not a YAML mapping")
    return document


def ensure_catalogue(data_dir: Path = DATA_DIR) -> CatalogueVersion:
    """The current catalogue version; a fresh installation gets the starter catalogue as
    version 1, so there is always a catalogue to record status against."""
    current = CatalogueVersion.objects.order_by("-number").first()
    if current is not None:
        return current
    catalogue = read_yaml((data_dir / STARTER_CATALOGUE).read_text(encoding="utf-8"))
    try:
        with transaction.atomic():
            version, _created = services.import_catalogue(
                None, catalogue, source_name=STARTER_CATALOGUE
            )
    except IntegrityError:
        # Another request stored version 1 at the same moment: use theirs.
        return CatalogueVersion.objects.order_by("-number").first()
    return version


def read_finance_table(data_dir: Path = DATA_DIR) -> tuple[FinanceTable, list[dict]]:
    """The seed's table, read and checked: the totals it prints must be what its lines give."""
    groups = _yaml(data_dir, BUDGET_GROUPS)["groups"]
    text = (data_dir / FINANCE_TABLE).read_text(encoding="utf-8")
    table = parse_finance_table(text, [g["name"] for g in groups])
    figures = compute_years(
        table.years,
        [line.amounts for line in table.lines],
        table.national_contribution,
        table.fund_formation,
    )
    problems = differences_from_printed(figures, table.printed)
    if problems:
        raise LoadError(f"{FINANCE_TABLE}: " + "; ".join(problems))
    return table, groups


def _load_subprojects(data_dir: Path) -> str:
    created = 0
    for position, item in enumerate(_yaml(data_dir, SUBPROJECTS)["subprojects"]):
        if SubProject.objects.filter(key=item["key"]).exists():
            continue
        values = {name: item.get(name, "") for name in services.SUBPROJECT_FIELDS}
        values.update(
            action_lines=item.get("action_lines") or [],
            needed_roles=item.get("needed_roles") or [],
            progress=item.get("progress") or 0,
        )
        wanted = item.get("measures") or []
        codes = list(Measure.objects.filter(code__in=wanted).values_list("code", flat=True))
        subproject = services.save_subproject(item["key"], values, codes)
        SubProject.objects.filter(pk=subproject.pk).update(position=position)
        created += 1
    return f"{created} created" if created else "unchanged"


def _load_budget(data_dir: Path) -> str:
    table, groups = read_finance_table(data_dir)
    if BudgetLine.objects.exists():
        return "unchanged"
    for position, group in enumerate(groups):
        subproject = SubProject.objects.filter(key=group.get("subproject") or "").first()
        BudgetGroup.objects.update_or_create(
            name=group["name"],
            defaults={"key": group["key"], "position": position, "subproject": subproject},
        )
    services.replace_budget_lines(
        [services.LineData(line.group, line.topic, line.amounts) for line in table.lines]
    )
    for year in table.years:
        services.save_budget_year(
            year,
            {
                "national_contribution": table.national_contribution.get(year, 0),
                "national_contribution_note": table.national_contribution_note,
                "fund_formation": table.fund_formation.get(year, 0),
                "fund_formation_label": table.fund_formation_label,
            },
        )
    return f"{len(table.lines)} lines, years {table.years[0]}-{table.years[-1]}"


@transaction.atomic
def load_programme(data_dir: Path = DATA_DIR) -> LoadReport:
    report = LoadReport()
    had_catalogue = CatalogueVersion.objects.exists()
    version = ensure_catalogue(data_dir)
    report.done["catalogue"] = (
        "unchanged" if had_catalogue else f"version {version.number} ({version.entries.count()})"
    )
    report.done["sub-projects"] = _load_subprojects(data_dir)
    report.done["budget"] = _load_budget(data_dir)
    return report
