"""Settings load in each mode; production refuses to start without its secrets."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
KEY = base64.urlsafe_b64encode(bytes(range(32))).decode()

PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.DATABASES['default']['ENGINE'], len(s.PERSONAL_DATA_KEY), s.LANGUAGE_CODE)"
)


def run_settings(module: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "MINSHENG_PD_KEY", "DATABASE_URL"}
    }
    clean.update({"DJANGO_SETTINGS_MODULE": module, "MINSHENG_VAR_DIR": str(tmp_path / "var"), **env})
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_dev_settings_generate_local_secrets(tmp_path: Path) -> None:
    result = run_settings("config.settings.dev", {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "django.db.backends.sqlite3", "32", "zh-hans"]
    assert (tmp_path / "var" / "secret.key").exists()
    assert (tmp_path / "var" / "personal-data.key").exists()
    # the second start reuses the same keys
    first = (tmp_path / "var" / "personal-data.key").read_text()
    run_settings("config.settings.dev", {}, tmp_path)
    assert (tmp_path / "var" / "personal-data.key").read_text() == first


def test_test_settings_load(tmp_path: Path) -> None:
    result = run_settings("config.settings.test", {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "MINSHENG_PD_KEY"])
def test_production_refuses_to_start_without_secrets(tmp_path: Path, missing: str) -> None:
    env = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "minsheng.example.cn", "MINSHENG_PD_KEY": KEY}
    env.pop(missing)
    result = run_settings("config.settings.production", env, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_rejects_a_short_personal_data_key(tmp_path: Path) -> None:
    env = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "a.cn", "MINSHENG_PD_KEY": "c2hvcnQ="}
    result = run_settings("config.settings.production", env, tmp_path)
    assert result.returncode != 0
    assert "32" in result.stderr


def test_production_starts_with_secrets_and_database_url(tmp_path: Path) -> None:
    env = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "minsheng.example.cn",
        "MINSHENG_PD_KEY": KEY,
        "DATABASE_URL": "postgres://minsheng:pw@db.internal:5432/minsheng",
    }
    result = run_settings("config.settings.production", env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql", "32", "zh-hans"]
    assert not (tmp_path / "var" / "secret.key").exists()  # production never invents secrets


def test_default_sqlite_uses_wal(tmp_path: Path) -> None:
    probe = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]); "
        "print(connection.settings_dict['NAME'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev", "MINSHENG_VAR_DIR": str(tmp_path / "var")})
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    mode, name = result.stdout.split()
    assert mode == "wal"
    assert name == str(tmp_path / "var" / "minsheng.sqlite3")
