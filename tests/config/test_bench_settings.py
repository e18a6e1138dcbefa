"""config.settings.bench (`make bench`, docs/performance.md): the bare view exists
only under the bench's URLs, every response says how many queries it ran, and
the bench's gunicorn settings are the deployed ones but for logging."""

import runpy
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.bench_middleware import HEADER
from tests.helpers import PRODUCTION_ENV, run_manage

ROOT = Path(__file__).resolve().parents[2]
BENCH_MIDDLEWARE = "config.bench_middleware.QueryCountMiddleware"


def test_the_bare_view_is_not_a_url_of_the_portal(client, settings, db):
    settings.ROOT_URLCONF = "config.urls"

    assert client.get("/bench/bare/").status_code == 404


def test_the_bare_view_answers_under_the_bench_urls(client, settings, db):
    settings.ROOT_URLCONF = "config.bench_urls"

    response = client.get("/bench/bare/")

    assert response.status_code == 200
    assert response.content == b"bare\n"


def test_the_bench_urls_keep_every_url_of_the_portal(client, settings, db):
    settings.ROOT_URLCONF = "config.bench_urls"

    assert client.get("/healthz").status_code == 200
    assert client.get("/accessibility/").status_code == 200


@pytest.mark.parametrize("path", ["/bench/bare/", "/healthz", "/about/"])
def test_the_query_count_header_is_the_number_of_queries_django_ran(
    client, settings, programme_facts, path
):
    settings.ROOT_URLCONF = "config.bench_urls"
    settings.MIDDLEWARE = [BENCH_MIDDLEWARE, *settings.MIDDLEWARE]

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)

    assert response.status_code == 200
    assert response[HEADER] == str(len(captured))


def test_without_the_middleware_there_is_no_query_count(client, settings, db):
    settings.ROOT_URLCONF = "config.bench_urls"

    assert HEADER not in client.get("/bench/bare/")


@pytest.mark.slow
def test_bench_settings_are_production_with_the_bench_urls_and_query_count():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.ROOT_URLCONF, settings.MIDDLEWARE[0], settings.DEBUG, "
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_NAME)",
        **{
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DATABASE_URL": "postgres://portal:secret@db.example.org:5432/portal",
        },
    )

    assert result.returncode == 0, result.stderr
    # Django's shell may first say how many objects it imported.
    assert result.stdout.splitlines()[-1].split() == [
        "config.bench_urls",
        BENCH_MIDDLEWARE,
        "False",
        "True",
        "__Host-sessionid",
    ]


def test_bench_gunicorn_settings_are_the_deployed_ones_without_logging_per_request():
    deployed = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    bench = runpy.run_path(str(ROOT / "config" / "bench_gunicorn.py"))

    assert bench["accesslog"] is None
    assert bench["control_socket_disable"] is True
    for name, value in deployed.items():
        if not name.startswith("_") and name != "accesslog":
            assert bench[name] == value, name
