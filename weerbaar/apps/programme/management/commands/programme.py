"""`weerbaar programme budget [--json]`: the budget per year, computed from its lines.
`weerbaar programme import-catalogue FILE`: import a catalogue (YAML or CSV) as a new version."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from weerbaar.apps.programme import queries, services
from weerbaar.apps.programme.budgeting import as_json
from weerbaar.apps.programme.catalogue_io import CatalogueError, read_catalogue

FIGURES = ("costs", "national_contribution", "fund_formation", "previous_result", "result")


class Command(BaseCommand):
    help = "The programme monitor: `budget [--json]`, `import-catalogue FILE`."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", metavar="{budget,import-catalogue}")
        budget = commands.add_parser("budget", help="the budget per year, from its lines")
        budget.add_argument("--json", action="store_true", help="print JSON")
        catalogue = commands.add_parser(
            "import-catalogue", help="import a catalogue (YAML or CSV) as a new version"
        )
        catalogue.add_argument("file", type=Path)

    def handle(self, *args, command=None, **options):
        if command == "budget":
            self._budget(options["json"])
        elif command == "import-catalogue":
            self._import(options["file"])
        else:
            raise CommandError("say what: budget [--json] or import-catalogue FILE", returncode=2)

    def _budget(self, as_json_output: bool):
        try:
            figures = queries.budget_figures()
        except DatabaseError as exc:
            raise CommandError(f"cannot read the budget: {exc}", returncode=2) from exc
        if as_json_output:
            self.stdout.write(json.dumps(as_json(figures), indent=2))
            return
        if not figures:
            self.stdout.write("no budget loaded (weerbaar load-programme)")
            return
        self.stdout.write(f"{'':24}" + "".join(f"{year:>14}" for year in figures))
        for name in FIGURES:
            values = "".join(f"{getattr(f, name):>14,}" for f in figures.values())
            self.stdout.write(f"{name:24}{values}")

    def _import(self, path: Path):
        try:
            catalogue = read_catalogue(path.name, path.read_bytes())
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}", returncode=2) from exc
        except CatalogueError as exc:
            raise CommandError(f"{path.name}: {exc}", returncode=2) from exc
        version, created = services.import_catalogue(None, catalogue, source_name=path.name)
        if not created:
            self.stdout.write(f"unchanged: the same as version {version.number}")
            return
        changes = version.changes
        self.stdout.write(
            f"version {version.number}: {len(changes['added'])} added, "
            f"{len(changes['removed'])} removed, {len(changes['changed'])} changed"
        )
