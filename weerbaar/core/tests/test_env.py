import pytest
from django.core.exceptions import ImproperlyConfigured

from weerbaar.config.env import env_bool, env_float, env_int, env_secret


def test_booleans(monkeypatch):
    monkeypatch.setenv("X", "yes")
    assert env_bool("X") is True
    monkeypatch.setenv("X", "0")
    assert env_bool("X", True) is False
    monkeypatch.setenv("X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X must be a boolean"):
        env_bool("X")


def test_numbers(monkeypatch):
    monkeypatch.setenv("N", "12")
    assert env_int("N", 1) == 12
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured, match="N must be a whole number"):
        env_int("N", 1)
    monkeypatch.setenv("F", "1.5")
    with pytest.raises(ImproperlyConfigured, match="between"):
        env_float("F", 0.2, low=0, high=1)


def test_secrets_from_files(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("S_FILE", str(secret))
    assert env_secret("S") == "from-a-file"
    monkeypatch.setenv("S_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="S_FILE cannot be read"):
        env_secret("S")
