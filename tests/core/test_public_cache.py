"""Public pages are stored for anonymous visitors and purged when what they show
changes (apps.core.public_cache). The suite turns the cache off for page budgets
(config/settings/test.py); these tests turn it on."""

import gzip

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import middleware, public_cache
from apps.monitoring import services
from apps.monitoring.models import ReviewStatus
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.helpers import PRODUCTION_ENV, query_count, run_manage
from tests.monitoring.factories import ActivityFactory
from tests.programme.factories import ComponentFactory, ProgrammeFactory, UnitFactory

pytestmark = pytest.mark.django_db

HOME = reverse("site:home")


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PUBLIC_PAGE_CACHE = True
    return settings


@pytest.fixture
def component(db):
    return ComponentFactory(programme=ProgrammeFactory(), slug="connectivity", title="Connectivity")


def _component_url(component) -> str:
    return reverse("site:component_detail", args=[component.slug])


def _submitted_activity(component, **fields):
    unit = UnitFactory(components=[component])
    return ActivityFactory(
        component=component,
        unit=unit,
        created_by=StaffUserFactory(unit=unit),
        status=ReviewStatus.SUBMITTED,
        is_public=True,
        **fields,
    )


# --- Stored and served ------------------------------------------------------------


def test_an_anonymous_visitor_gets_the_stored_page_without_a_query(client, component):
    first = client.get(_component_url(component))

    assert query_count(client, _component_url(component)) == 0
    second = client.get(_component_url(component))
    assert second.status_code == 200
    assert second.content == first.content


def test_the_stored_page_may_be_kept_by_a_proxy_for_a_minute_per_cookie_and_encoding(
    client, component
):
    client.get(HOME)

    response = client.get(HOME)

    assert response["Cache-Control"] == "public, max-age=60"
    assert {"Cookie", "Accept-Encoding"} <= {part.strip() for part in response["Vary"].split(",")}


def test_a_visitor_who_accepts_gzip_gets_the_page_compressed(client, component):
    plain = client.get(_component_url(component))

    compressed = client.get(_component_url(component), headers={"Accept-Encoding": "gzip, br"})

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2
    assert "Content-Encoding" not in plain


def test_each_query_string_is_a_page_of_its_own(client, component):
    client.get(HOME)

    assert query_count(client, f"{HOME}?page=2") > 0


def test_a_signed_in_person_always_gets_a_fresh_page_and_no_one_elses(client, component):
    client.get(HOME)  # stored for visitors
    staff = StaffUserFactory(full_name="Siti Rahma")
    client.force_login(staff)

    response = client.get(HOME)

    assert "Sign out" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert query_count(client, HOME) > 0


def test_a_page_rendered_for_a_signed_in_person_is_not_stored_for_visitors(client, component):
    client.force_login(StaffUserFactory())
    client.get(HOME)
    client.logout()

    response = client.get(HOME)

    assert "Sign out" not in response.content.decode()


def test_a_visitor_with_a_message_waiting_sees_it(client, component, monkeypatch):
    client.get(HOME)  # stored without the message
    monkeypatch.setattr(middleware, "_now", lambda: 1_900_000_000)
    client.force_login(StaffUserFactory())
    idle = 1_900_000_000 + settings.PORTAL_SESSION_IDLE_SECONDS
    monkeypatch.setattr(middleware, "_now", lambda: idle)

    response = client.get(HOME)  # signed out for being idle, told so on this page

    assert "You were signed out after 30 minutes without activity." in response.content.decode()


def test_a_missing_page_is_not_stored(client, component):
    missing = reverse("site:component_detail", args=["nowhere"])
    assert client.get(missing).status_code == 404

    with CaptureQueriesContext(connection) as queries:
        assert client.get(missing).status_code == 404

    assert len(queries) > 0


def test_with_the_cache_off_every_visit_renders(client, component, settings):
    settings.PORTAL_PUBLIC_PAGE_CACHE = False
    client.get(HOME)

    assert query_count(client, HOME) > 0


def test_a_cache_that_is_down_leaves_the_pages_working(client, component, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
        }
    }

    response = client.get(_component_url(component))

    assert response.status_code == 200
    assert "Connectivity" in response.content.decode()


# --- Purged when what they show changes ------------------------------------------


def test_approving_a_public_activity_purges_the_pages(
    client, component, django_capture_on_commit_callbacks
):
    activity = _submitted_activity(component, title="Media Forum 2019")
    before = client.get(_component_url(component)).content.decode()
    assert "Media Forum 2019" not in before

    with django_capture_on_commit_callbacks(execute=True):
        services.activity_approve(activity=activity, reviewer=AdviserFactory())

    assert "Media Forum 2019" in client.get(_component_url(component)).content.decode()


def test_editing_a_draft_leaves_the_stored_pages_alone(
    client, component, django_capture_on_commit_callbacks
):
    activity = _submitted_activity(component)
    activity.status = ReviewStatus.DRAFT
    activity.save()
    client.get(HOME)
    generation = public_cache.generation()

    with django_capture_on_commit_callbacks(execute=True):
        activity.title = "Still a draft"
        activity.save()

    assert public_cache.generation() == generation
    assert query_count(client, HOME) == 0


def test_changing_a_programme_fact_purges_the_pages(
    client, component, django_capture_on_commit_callbacks
):
    client.get(_component_url(component))

    with django_capture_on_commit_callbacks(execute=True):
        component.title = "Connectivity and sustainable urbanisation"
        component.save()

    page = client.get(_component_url(component)).content.decode()
    assert "Connectivity and sustainable urbanisation" in page


def test_a_many_to_many_change_of_a_programme_fact_purges_the_pages(
    client, component, django_capture_on_commit_callbacks
):
    unit = UnitFactory()
    client.get(HOME)
    generation = public_cache.generation()

    with django_capture_on_commit_callbacks(execute=True):
        unit.components.add(component)

    assert public_cache.generation() != generation


def test_a_change_that_rolls_back_purges_nothing(client, component):
    generation = public_cache.generation()

    # In a test the transaction never commits: the purge waits for a commit.
    component.save()

    assert public_cache.generation() == generation


def _redis_reachable() -> bool:
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_every_worker_shares_the_stored_pages_and_the_purge(client, component, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",  # a database of the tests' own
        }
    }
    cache.clear()
    try:
        client.get(HOME)
        assert query_count(client, HOME) == 0

        public_cache._new_generation()

        assert query_count(client, HOME) > 0
    finally:
        cache.clear()


# --- Figures kept until the next change -------------------------------------------


def test_figures_are_computed_once_until_public_content_changes(component):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert public_cache.cached_until_change("test", compute, timeout=60) == 1
    assert public_cache.cached_until_change("test", compute, timeout=60) == 1

    public_cache._new_generation()

    assert public_cache.cached_until_change("test", compute, timeout=60) == 2


# --- Settings as deployed -------------------------------------------------------------


def _production_setting(expression: str, **env) -> str:
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print({expression})",
        **PRODUCTION_ENV,
        DATABASE_URL="sqlite:///unused.sqlite3",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_caches_public_pages_for_a_day_and_lets_a_proxy_keep_them_a_minute():
    assert (
        _production_setting(
            "settings.PORTAL_PUBLIC_PAGE_CACHE, settings.PORTAL_PUBLIC_PAGE_TIMEOUT, "
            "settings.PORTAL_PUBLIC_PAGE_MAX_AGE"
        )
        == "True 86400 60"
    )


def test_production_uses_redis_when_redis_url_is_set():
    backend = _production_setting(
        "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION']",
        REDIS_URL="redis://cache.internal:6379/2",
    )

    assert backend == ("django.core.cache.backends.redis.RedisCache redis://cache.internal:6379/2")


def test_without_redis_url_each_process_keeps_its_own_cache():
    assert _production_setting("settings.CACHES['default']['BACKEND']") == (
        "django.core.cache.backends.locmem.LocMemCache"
    )
