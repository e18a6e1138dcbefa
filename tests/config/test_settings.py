"""Production settings: no default secret, and `check --deploy` passes when configured."""

import subprocess

import pytest

from config.settings import base
from tests.helpers import PRODUCTION_ENV, run_manage

PRODUCTION = {
    **PRODUCTION_ENV,
    "DATABASE_URL": "postgres://portal:secret@db.example.org:5432/portal",
    "REDIS_URL": "redis://cache.example.org:6379/0",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return run_manage(*args, timeout=120, **env)


@pytest.mark.slow
def test_production_settings_pass_check_deploy_at_warning_level():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_check_deploy_warns_of_a_page_cache_that_each_worker_keeps_alone():
    env = {key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"}

    result = _manage("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode != 0
    assert "core.W001" in result.stdout + result.stderr
    assert "Set REDIS_URL" in result.stdout + result.stderr


@pytest.mark.slow
def test_check_deploy_accepts_no_shared_cache_with_the_page_cache_off():
    env = {key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"}

    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", PORTAL_PUBLIC_PAGE_CACHE="False", **env
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_production_settings_have_no_default_secret_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "DJANGO_SECRET_KEY"}

    result = _manage("check", **env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_database_settings_keep_connections_healthy_and_requests_atomic():
    database = base.DATABASES["default"]

    assert database["ATOMIC_REQUESTS"] is True
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] >= 0


def test_a_postgres_url_selects_postgresql():
    config = base.env.db_url_config("postgres://postgres@127.0.0.1:5432/portal")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "portal"
