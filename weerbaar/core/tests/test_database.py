"""SQLite is set up so that concurrent writers queue instead of failing."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

from weerbaar.config.settings import _database

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite settings",
)


def test_sqlite_uses_wal_a_busy_timeout_and_immediate_transactions():
    config = _database("sqlite:////tmp/x.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_database_url_switches_to_postgresql():
    config = _database("postgres://postgres@127.0.0.1:5432/test")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "test"


CONCURRENT_WRITERS = textwrap.dedent(
    """
    import threading
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    call_command("migrate", verbosity=0)
    from weerbaar.apps.regions.models import Dataset
    errors = []

    def writer(n):
        try:
            for i in range(25):
                with transaction.atomic():
                    count = Dataset.objects.count()
                    Dataset.objects.create(
                        key=f"w{n}-{i}", title=str(count), source="s", licence="l",
                        reference_date="d",
                    )
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print(Dataset.objects.count(), len(errors), errors[:1])
    print(connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
    """
)


@sqlite_only
def test_concurrent_writers_on_a_file_database_all_succeed(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "weerbaar.config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENT_WRITERS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    counts, mode = result.stdout.strip().splitlines()[-2:]
    assert counts.split()[:2] == ["150", "0"], counts
    assert mode == "wal"
