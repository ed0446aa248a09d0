"""Serve the platform with gunicorn (several workers), after checking it is safe to."""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from weerbaar.config.startup import unsafe_reasons


class Command(BaseCommand):
    help = "Serve Weerbaar with gunicorn on 127.0.0.1:$PORT (default 8000)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", default=os.environ.get("WEB_CONCURRENCY", "3"))

    def handle(self, *args, host, port, workers, **options):
        if not str(port).isdigit() or not 0 < int(port) < 65536:
            raise CommandError(f"PORT must be a number from 1 to 65535, not {port!r}", returncode=2)
        reasons = unsafe_reasons()
        if reasons:
            raise CommandError("Weerbaar refuses to start: " + "; ".join(reasons), returncode=2)
        self.stdout.write(f"Weerbaar serves at http://{host}:{port}/", ending="\n")
        self.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "weerbaar.config.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--access-logfile",
            "-",
            "--timeout",
            "60",
        ]
        os.execv(sys.executable, argv)
