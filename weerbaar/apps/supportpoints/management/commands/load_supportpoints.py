from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from weerbaar.apps.supportpoints.demo import load_candidates, load_demo_network


class Command(BaseCommand):
    help = "Load the proxy candidate sites and (once) the demo network of support points."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo-network", action="store_true", help="load the candidate sites only"
        )

    def handle(self, *args, no_demo_network, **options):
        try:
            count = load_candidates()
            created = 0 if no_demo_network else load_demo_network()
        except (OSError, ValueError, KeyError, DatabaseError) as exc:
            raise CommandError(f"cannot load support points: {exc}", returncode=2) from exc
        self.stdout.write(f"candidate sites (proxies): {count}")
        self.stdout.write(f"demo support points created: {created}")
