"""The travel engine must run before (and without) Django being set up."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_source_file_imports_django():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 5
    offenders = [
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in files
        for module in _imported_modules(path)
        if module.split(".")[0] == "django"
    ]
    assert offenders == []


def test_importing_the_engine_does_not_load_django():
    code = "import sys, weerbaar.engines.travel; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PACKAGE.parents[2],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"
