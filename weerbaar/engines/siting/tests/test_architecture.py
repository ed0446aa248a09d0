"""The engine stays free of Django: its start-up time counts."""

import re
import subprocess
import sys
from pathlib import Path

ENGINES = Path(__file__).resolve().parents[2]


def test_cli_import_does_not_load_django():
    code = "import weerbaar.engines.siting.cli, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_weerbaar_command_dispatches_before_django():
    code = (
        "import sys; from weerbaar.cli import main\n"
        "try:\n    main(['siting', '--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'django' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_no_engine_module_imports_django():
    pattern = re.compile(r"^\s*(import|from)\s+django\b", re.MULTILINE)
    offenders = [p for p in ENGINES.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []
