"""Headers and settings: CSP without inline scripts, production HTTPS settings pass `check --deploy`,
no superuser in production, SQLite opened for durability."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.db import connection

from cadreforge.accounts.models import Role, User

from ..builders import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "CADREFORGE_ENV": "production",
    "DEBUG": "0",
    "SECRET_KEY": "k3J#9vQ!x7Lm2@Rt5Yp8&Wz1^Nc4*Hb6(Fd0)Gs_Ua+Ee=Ti-Oo",
    "DATA_KEY": "production-data-key-from-the-vault-0123456789",
    "ALLOWED_HOSTS": "cadres.example.gov.cn",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
}


def test_pages_carry_a_csp_without_inline_scripts(login):
    response = login(Role.LEADER).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = {**os.environ, **PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    # set by the browser tests in this process, never in production
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "cadreforge.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_turn_on_https_only_cookies_and_hsts(tmp_path):
    env = {**os.environ, **PRODUCTION_ENV}
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','cadreforge.settings'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert out.stdout.strip() == "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')", out.stderr


def test_a_superuser_fails_the_production_check(db, settings):
    settings.CADREFORGE_ENV, settings.DEBUG = "production", False
    assert not [e for e in run_checks(tags=["security"]) if e.id == "cadreforge.E001"]
    User.objects.create_superuser("root", password=PASSWORD, role=Role.SYSTEM_ADMIN)
    errors = [e for e in run_checks(tags=["security"]) if e.id == "cadreforge.E001"]
    assert errors and "root" in errors[0].msg and "三员分立" in errors[0].msg
    settings.CADREFORGE_ENV = "development"
    assert not [e for e in run_checks(tags=["security"]) if e.id == "cadreforge.E001"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_sqlite_is_opened_with_full_sync_wal_and_a_busy_timeout(db):
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_sqlite_transactions_take_the_write_lock_at_once(tmp_path):
    """IMMEDIATE: a second writer waits (busy timeout) instead of failing later with 'database is locked'."""
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='cadreforge.settings'; django.setup();"
        "from django.db import connection, transaction;"
        "t = transaction.atomic(); t.__enter__(); connection.cursor().execute('SELECT 1');"
        "print(connection.connection.in_transaction)"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert out.stdout.strip() == "True", out.stderr  # BEGIN IMMEDIATE opened a write transaction already
