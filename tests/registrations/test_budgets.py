"""Query and size budgets of the participation and admin pages: the registrations'
changelist, an event's and a series' figures pages and the public series page run the
same number of queries with 5 rows as with 50 (the figures are aggregated in the
database; the list is paginated), and send about the same number of bytes."""

import pytest
from django.urls import reverse

from apps.monitoring.models import ReviewStatus
from apps.registrations.models import Registration
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.helpers import assert_size_flat, force_login_verified, query_count, response_size
from tests.programme.factories import MemberStateFactory

from .figures_fixtures import edition, people, series

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:registrations_registration_changelist")

# The most queries each may run, and the sizes in bytes (measured in the comments).
CHANGELIST_QUERIES = 13  # measured: 12 with 5 and with 50
CHANGELIST_BYTES = 100_000  # measured: 38,375 (5), 70,950 (a page of 50)
FIGURES_QUERIES = 12  # measured: 11
FIGURES_BYTES = 40_000  # measured: 18,223 (5), 19,049 (50)
SERIES_FIGURES_QUERIES = 14  # measured: 13
SERIES_PUBLIC_QUERIES = 7  # measured: 7 (as before the share of women: no query of its own)
SERIES_PUBLIC_BYTES = 50_000  # measured: 13,927 (5 editions), 28,778 (20 editions)


def _crowd(event, count: int) -> None:
    states = [MemberStateFactory(), MemberStateFactory()]
    sexes = list(Registration.Sex.values)
    for number in range(count):
        people(
            event,
            1,
            sex=sexes[number % len(sexes)],
            member_state=states[number % 2],
            role=Registration.Role.values[number % len(Registration.Role.values)],
            disability=Registration.Disability.values[number % 3],
        )


def test_the_changelist_is_flat(client):
    forum = edition()
    _crowd(forum, 5)
    force_login_verified(client, AdviserFactory())
    small_queries = query_count(client, CHANGELIST)
    small = response_size(client, CHANGELIST)

    _crowd(forum, 45)
    large_queries = query_count(client, CHANGELIST)
    large = response_size(client, CHANGELIST)

    assert small_queries == large_queries <= CHANGELIST_QUERIES
    assert small <= large <= CHANGELIST_BYTES  # a page of 50 at most


def test_the_event_figures_page_is_flat(client):
    forum = edition()
    url = reverse("registrations_figures:event_participation", args=[forum.pk])
    client.force_login(StaffUserFactory(unit=forum.unit))
    _crowd(forum, 5)
    small_queries, small = query_count(client, url), response_size(client, url)

    _crowd(forum, 45)
    large_queries, large = query_count(client, url), response_size(client, url)

    assert small_queries == large_queries <= FIGURES_QUERIES
    assert_size_flat(url=url, small=small, large=large, budget=FIGURES_BYTES)


def test_the_series_figures_page_is_flat(client):
    media = series(slug="budget-series")
    url = reverse("registrations_figures:series_participation", args=["budget-series"])
    force_login_verified(client, AdviserFactory())
    for year in (2018, 2019):
        _crowd(edition(year=year, series=media), 3)
    small_queries = query_count(client, url)

    for year in (2020, 2021):
        _crowd(edition(year=year, series=media), 25)
    large_queries = query_count(client, url)

    assert small_queries == large_queries <= SERIES_FIGURES_QUERIES


def test_the_public_series_page_with_the_share_of_women_is_flat(client):
    media = series(slug="budget-public")
    for year in range(2000, 2005):
        edition(year=year, series=media, counts=(20, 20, 0), activity_status=ReviewStatus.APPROVED)
    url = media.get_absolute_url()
    small_queries, small = query_count(client, url), response_size(client, url)

    for year in range(2005, 2020):
        edition(year=year, series=media, counts=(20, 20, 0), activity_status=ReviewStatus.APPROVED)
    large_queries, large = query_count(client, url), response_size(client, url)

    assert small_queries == large_queries <= SERIES_PUBLIC_QUERIES
    assert small <= large <= SERIES_PUBLIC_BYTES  # the latest 20 in the chart
    assert "50%" in client.get(url).content.decode()
