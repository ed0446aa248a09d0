from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from weerbaar.apps.regions.reference import DATA_DIR, load_reference


class Command(BaseCommand):
    help = "Load the region's reference data (municipalities, wijken, PC4, population layer)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
        parser.add_argument("--region", default=None, help="region code, e.g. VR03")

    def handle(self, *args, data_dir, region, **options):
        try:
            report = load_reference(data_dir, region)
        except (OSError, ValueError, KeyError, DatabaseError) as exc:
            raise CommandError(f"cannot load reference data: {exc}", returncode=2) from exc
        for name, count in report.counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write("reference data " + ("updated" if report.changed else "unchanged"))
