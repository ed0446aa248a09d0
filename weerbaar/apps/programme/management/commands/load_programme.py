"""`weerbaar load-programme`: the starter catalogue (version 1), the sub-projects and the
budget of the programme plan "Weerbaar Drenthe" (concept). Idempotent; never overwrites."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from weerbaar.apps.programme.catalogue_io import CatalogueError
from weerbaar.apps.programme.finance_table import FinanceTableError
from weerbaar.apps.programme.loading import DATA_DIR, LoadError, load_programme
from weerbaar.apps.programme.services import ProgrammeError


class Command(BaseCommand):
    help = "Load the programme's starter catalogue, sub-projects and budget (Drenthe demo data)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)

    def handle(self, *args, data_dir, **options):
        try:
            report = load_programme(data_dir)
        except (
            OSError,
            KeyError,
            LoadError,
            CatalogueError,
            FinanceTableError,
            ProgrammeError,
            DatabaseError,
        ) as exc:
            raise CommandError(f"cannot load the programme: {exc}", returncode=2) from exc
        for part, what in report.done.items():
            self.stdout.write(f"{part}: {what}")
