"""The task worker and the shared cache as deployed: read under
config.settings.production in a subprocess (the suite runs on config.settings.test)."""

import json

import pytest

from tests.helpers import PRODUCTION_ENV, run_manage

SCRIPT = """
import json
from django.conf import settings
print("RESULT " + json.dumps({
    "tasks": settings.TASKS["default"]["BACKEND"],
    "shared": settings.CACHES["shared"]["BACKEND"],
}))
"""


def _production(tmp_path, **env: str) -> dict:
    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}"}
    result = run_manage("shell", "-c", SCRIPT, **PRODUCTION_ENV, **database, **env)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


@pytest.mark.slow
def test_production_queues_emails_for_the_worker_and_counts_in_redis(tmp_path):
    deployed = _production(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")

    assert deployed["tasks"] == "django_tasks_db.DatabaseBackend"
    assert deployed["shared"] == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.slow
def test_without_redis_the_shared_counters_live_in_the_database(tmp_path):
    deployed = _production(tmp_path, REDIS_URL="")

    assert deployed["shared"] == "django.core.cache.backends.db.DatabaseCache"
