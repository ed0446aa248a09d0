"""The `weerbaar` command: hyphenated sub-commands and bad input as one line, exit 2."""

import os
import subprocess
import sys

import pytest

from weerbaar.cli import main


def run(*args, tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-m", "weerbaar.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_a_missing_data_folder_is_one_line_and_exit_2(tmp_path):
    result = run("load-reference", "--data-dir", str(tmp_path / "nothing"), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot load reference data" in result.stderr


def test_demo_accounts_are_refused_outside_demo_mode(monkeypatch, tmp_path):
    monkeypatch.delenv("WEERBAAR_DEMO", raising=False)
    result = run("load-demo", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "demo mode" in result.stderr


def test_hyphens_map_to_management_commands():
    with pytest.raises(SystemExit) as exit_info:
        main(["load-reference", "--help"])
    assert exit_info.value.code == 0
