"""Query and size budgets: the public list and series pages, an event's page with its
agenda, and the busiest staff page (the events list) run the same number of queries
with 5 events or sessions as with 100; the lists send about the same number of bytes
(they show a page at a time). An event's page shows its whole agenda, so its size
grows with the sessions: it has a ceiling at 100 sessions instead."""

import datetime

import pytest
from django.urls import reverse

from apps.events.models import Event
from apps.monitoring.models import ReviewStatus
from apps.programme.models import Partner
from tests.helpers import assert_size_flat, query_count, response_size

from .factories import EventFactory, SessionFactory, SpeakerFactory, SponsorFactory, jakarta

pytestmark = pytest.mark.django_db

LIST = reverse("events_public:list")
STAFF_LIST = reverse("events:event_list")

# The most queries each may run, and the sizes in bytes (measured in the comments).
LIST_QUERIES = 6  # measured: 6
LIST_BYTES = 25_000  # measured: 11,183 (5 events), 15,624 (a full page of 12, of 100)
DETAIL_QUERIES = 8  # measured: 8
DETAIL_BYTES = 100_000  # measured: 10,121 with 5 sessions, 69,878 with 100
SERIES_QUERIES = 7  # measured: 7
SERIES_BYTES = 50_000  # measured: 9,484 (5 editions), 35,072 (100: the newest 50 shown)
STAFF_LIST_QUERIES = 10  # measured: 10
STAFF_LIST_BYTES = 25_000  # measured: 14,748 (a full page of 25)


def _events(count: int, *, unit, series=None, start: int = 0) -> None:
    partner = Partner.objects.get(acronym="GIZ")
    for number in range(start, start + count):
        day = datetime.date(2018, 1, 1) + datetime.timedelta(days=number * 3)
        event = EventFactory(
            unit=unit,
            status=ReviewStatus.APPROVED,
            title=f"Forum {number:03d}",
            slug=f"forum-{number:03d}",
            series=series,
            starts_at=jakarta(day.year, day.month, day.day, 9),
            ends_at=jakarta(day.year, day.month, day.day, 17),
        )
        event.partners.add(partner)
        SessionFactory(
            event=event,
            starts_at=jakarta(day.year, day.month, day.day, 10),
            ends_at=jakarta(day.year, day.month, day.day, 11),
        )


def _sessions(event: Event, count: int, *, start: int = 0) -> None:
    speaker = SpeakerFactory()
    for number in range(start, start + count):
        day = 15 + number % 2
        minute = (number // 2) % 50
        SessionFactory(
            event=event,
            title=f"Session {number:03d}",
            starts_at=jakarta(2019, 10, day, 9, minute),
            ends_at=jakarta(2019, 10, day, 10, minute),
            speakers=[speaker, SpeakerFactory()],
        )


def test_public_list_queries_and_size_are_flat(client, cid_staff):
    _events(5, unit=cid_staff.unit)
    few = query_count(client, LIST)
    _events(7, unit=cid_staff.unit, start=5)
    small = response_size(client, LIST)
    _events(88, unit=cid_staff.unit, start=12)
    many, large = query_count(client, LIST), response_size(client, LIST)
    assert many == few, f"{few} queries with 5 events, {many} with 100"
    assert few <= LIST_QUERIES
    assert_size_flat(url=LIST, small=small, large=large, budget=LIST_BYTES)


def test_event_page_queries_are_flat_and_its_size_has_a_ceiling(client, cid_staff):
    event = EventFactory(unit=cid_staff.unit, status=ReviewStatus.APPROVED, slug="forum")
    SponsorFactory(event=event)
    url = reverse("events_public:detail", args=[event.slug])
    _sessions(event, 5)
    few = query_count(client, url)
    _sessions(event, 95, start=5)
    many, large = query_count(client, url), response_size(client, url)
    assert many == few, f"{few} queries with 5 sessions, {many} with 100"
    assert few <= DETAIL_QUERIES
    assert large <= DETAIL_BYTES


def test_series_page_queries_and_size_are_flat(client, cid_staff, media_forum):
    url = reverse("events_public:series", args=[media_forum.slug])
    _events(5, unit=cid_staff.unit, series=media_forum)
    few = query_count(client, url)
    _events(45, unit=cid_staff.unit, series=media_forum, start=5)
    small = response_size(client, url)
    _events(50, unit=cid_staff.unit, series=media_forum, start=50)
    many, large = query_count(client, url), response_size(client, url)
    assert many == few
    assert few <= SERIES_QUERIES
    assert_size_flat(url=url, small=small, large=large, budget=SERIES_BYTES)


def test_staff_list_queries_and_size_are_flat(client, cid_staff):
    _events(5, unit=cid_staff.unit)
    client.force_login(cid_staff)
    few = query_count(client, STAFF_LIST)
    _events(20, unit=cid_staff.unit, start=5)
    small = response_size(client, STAFF_LIST)
    _events(75, unit=cid_staff.unit, start=25)
    many, large = query_count(client, STAFF_LIST), response_size(client, STAFF_LIST)
    assert many == few, f"{few} queries with 5 events, {many} with 100"
    assert few <= STAFF_LIST_QUERIES
    assert_size_flat(url=STAFF_LIST, small=small, large=large, budget=STAFF_LIST_BYTES)


def test_staff_event_page_queries_are_flat(client, cid_staff):
    event = EventFactory(unit=cid_staff.unit, created_by=cid_staff)
    client.force_login(cid_staff)
    _sessions(event, 5)
    query_count(client, event.get_absolute_url())  # warms the content types' cache
    few = query_count(client, event.get_absolute_url())
    _sessions(event, 95, start=5)
    assert query_count(client, event.get_absolute_url()) == few


def test_workspace_panel_adds_a_fixed_number_of_queries(client, cid_staff, media_forum):
    workspace = reverse("site:workspace")
    client.force_login(cid_staff)
    _events(5, unit=cid_staff.unit, series=media_forum)
    few = query_count(client, workspace)
    _events(45, unit=cid_staff.unit, series=media_forum, start=5)
    assert query_count(client, workspace) == few
