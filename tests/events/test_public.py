"""Public pages under /events/: only published events; the list's filters (bad values
ignored, never an error page); an event's page in its own time zone with its agenda
by day; the series page; the cards for the home and component pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.events.models import Event
from apps.events.selectors import event_cards_public
from apps.monitoring.models import ReviewStatus
from apps.programme.models import Component
from tests.monitoring.factories import ActivityFactory

from .factories import EventFactory, SessionFactory, SpeakerFactory, SponsorFactory, jakarta

pytestmark = pytest.mark.django_db

LIST = reverse("events_public:list")
APPROVED = ReviewStatus.APPROVED


def published(**kwargs) -> Event:
    return EventFactory(status=APPROVED, **kwargs)


def soon(days: int) -> dict:
    start = timezone.now() + datetime.timedelta(days=days)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=8)}


# --- The list ------------------------------------------------------------------------------


def test_list_shows_published_events_upcoming_first(client, facts):
    published(title="Past forum 2019")
    published(title="Later workshop", kind=Event.Kind.WORKSHOP, **soon(60))
    published(title="Next training", kind=Event.Kind.TRAINING, **soon(10))
    EventFactory(title="Draft forum")
    published(title="Internal meeting", is_public=False)

    html = client.get(LIST).content.decode()

    assert "Draft forum" not in html
    assert "Internal meeting" not in html
    assert html.index("Next training") < html.index("Later workshop") < html.index("Past forum")
    assert "3 events" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"kind": "workshop"}, "Later workshop", "Past forum 2019"),
        ({"year": "2019"}, "Past forum 2019", "Later workshop"),
        ({"when": "past"}, "Past forum 2019", "Later workshop"),
        ({"when": "upcoming"}, "Later workshop", "Past forum 2019"),
        ({"component": "organisational-processes"}, "Past forum 2019", "Connectivity day"),
    ],
)
def test_list_filters(client, facts, query, shown, hidden):
    published(title="Past forum 2019")
    published(title="Later workshop", kind=Event.Kind.WORKSHOP, **soon(60))
    published(title="Connectivity day", components=[Component.objects.get(slug="connectivity")])

    html = client.get(LIST, query).content.decode()

    assert shown in html
    assert hidden not in html


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "party"},
        {"year": "20x9"},
        {"year": "1900"},
        {"component": "no-such-component"},
        {"when": "tomorrow"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_bad_filters_are_ignored_never_an_error(client, facts, query):
    published(title="Past forum 2019")
    response = client.get(LIST, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Past forum 2019" in html
    if "page" not in query:
        assert "were not understood and were left out" in html


def test_list_is_paginated(client, facts):
    for number in range(14):
        published(title=f"Forum number {number:02d}", slug=f"forum-{number}")
    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()
    assert first.count('class="portal-card portal-card--event"') == 12
    assert second.count('class="portal-card portal-card--event"') == 2
    assert "Pages of events" in first


# --- An event's page --------------------------------------------------------------------------


def test_event_page_in_its_own_zone_with_the_agenda_by_day(client, facts):
    event = published(title="ASEAN Media Forum 2019", slug="asean-media-forum-2019")
    speaker = SpeakerFactory(name="Amara Wongsakul", organisation="Bangkok Daily")
    SessionFactory(event=event, title="Opening panel", speakers=[speaker])
    SessionFactory(
        event=event,
        title="Fact-checking workshop",
        kind="workshop",
        starts_at=jakarta(2019, 10, 16, 9),
        ends_at=jakarta(2019, 10, 16, 12, 30),
    )
    SponsorFactory(event=event, partner__name="Straits Bank")

    response = client.get(reverse("events_public:detail", args=[event.slug]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "9:00–17:00, Jakarta time (UTC+7)" in html
    html = html[html.index('id="agenda-title"') :]
    assert html.index("Tuesday 15 October 2019") < html.index("Opening panel")
    assert html.index("Opening panel") < html.index("Wednesday 16 October 2019")
    assert html.index("Wednesday 16 October 2019") < html.index("Fact-checking workshop")
    assert "9:00–12:30" in html
    assert "Amara Wongsakul" in html
    assert "Straits Bank" in html
    assert reverse("events_public:detail_calendar", args=[event.slug]) in response.content.decode()


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Manila", "10:00–18:00, Manila time (UTC+8)"),
        ("Asia/Yangon", "8:30–16:30, Yangon time (UTC+6:30)"),
        ("Asia/Dili", "11:00–19:00, Dili time (UTC+9)"),
    ],
)
def test_times_read_in_the_events_zone(client, facts, zone, expected):
    event = published(time_zone=zone, slug="forum", ends_at=jakarta(2019, 10, 15, 17))
    html = client.get(reverse("events_public:detail", args=[event.slug])).content.decode()
    assert expected in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": ReviewStatus.DRAFT},
        {"status": ReviewStatus.SUBMITTED},
        {"status": ReviewStatus.RETURNED},
        {"status": APPROVED, "is_public": False},
    ],
)
def test_unpublished_events_are_404(client, facts, overrides):
    event = EventFactory(slug="hidden-forum", **overrides)
    assert client.get(reverse("events_public:detail", args=[event.slug])).status_code == 404
    assert (
        client.get(reverse("events_public:detail_calendar", args=[event.slug])).status_code == 404
    )


def test_unknown_event_is_404(client, facts):
    assert client.get(reverse("events_public:detail", args=["no-such-event"])).status_code == 404


def test_a_cancelled_event_says_so(client, facts):
    event = published(slug="forum", state=Event.State.CANCELLED)
    html = client.get(reverse("events_public:detail", args=[event.slug])).content.decode()
    assert "This event is cancelled." in html


def test_participants_only_from_a_published_activity_rounded(client, facts):
    component = Component.objects.get(slug="organisational-processes")
    activity = ActivityFactory(
        component=component,
        participants_women=31,
        participants_men=40,
        participants_sex_other=1,
        status=APPROVED,
        is_public=True,
    )
    event = published(slug="forum", activity=activity)
    url = reverse("events_public:detail", args=[event.slug])
    assert "70" in client.get(url).content.decode()  # 72 rounded to 5
    activity.status = ReviewStatus.SUBMITTED
    activity.save()
    assert "rounded to the nearest 5" not in client.get(url).content.decode()


# --- The series ----------------------------------------------------------------------------------


def test_series_page_lists_editions_with_key_figures(client, media_forum):
    for year in (2018, 2019):
        event = published(
            title=f"ASEAN Media Forum {year}",
            slug=f"amf-{year}",
            series=media_forum,
            starts_at=jakarta(year, 10, 15),
            ends_at=jakarta(year, 10, 16, 17),
        )
        SessionFactory(
            event=event, starts_at=jakarta(year, 10, 15, 10), ends_at=jakarta(year, 10, 15, 11)
        )
    EventFactory(title="ASEAN Media Forum 2020", series=media_forum)  # a draft

    html = client.get(reverse("events_public:series", args=[media_forum.slug])).content.decode()

    assert "ASEAN Media Forum 2018" in html
    assert "ASEAN Media Forum 2019" in html
    assert "ASEAN Media Forum 2020" not in html
    assert html.index("ASEAN Media Forum 2019") < html.index("ASEAN Media Forum 2018")
    assert "Editions" in html


def test_unknown_series_is_404(client, facts):
    assert client.get(reverse("events_public:series", args=["nope"])).status_code == 404


# --- Cards for the home and component pages ------------------------------------------


def test_cards_upcoming_first_then_the_latest_past(facts):
    published(title="Old 2018", starts_at=jakarta(2018, 5, 1), ends_at=jakarta(2018, 5, 1, 17))
    published(title="Recent 2021", starts_at=jakarta(2021, 5, 1), ends_at=jakarta(2021, 5, 1, 17))
    published(title="In two months", **soon(60))
    published(title="Next week", **soon(7))
    published(title="Cancelled", state=Event.State.CANCELLED, **soon(3))
    EventFactory(title="Draft", **soon(1))

    cards = event_cards_public(limit=3)

    assert [card.title for card in cards] == ["Next week", "In two months", "Recent 2021"]
    assert cards[0].get_absolute_url.startswith("/events/")
    assert cards[0].get_kind_display == "Forum"
    assert cards[0].place == "ASEAN Secretariat, Jakarta"


def test_cards_of_a_component(facts):
    connectivity = Component.objects.get(slug="connectivity")
    published(title="Processes day")
    published(title="Connectivity day", components=[connectivity])
    assert [c.title for c in event_cards_public(component=connectivity)] == ["Connectivity day"]


def test_cards_in_a_fixed_number_of_queries(facts):
    for number in range(8):
        published(title=f"Forum {number}", slug=f"f{number}", **soon(number + 1))
    with CaptureQueriesContext(connection) as queries:
        cards = event_cards_public(limit=3)
    assert len(cards) == 3
    assert len(queries) <= 4


def test_the_card_template_renders_a_card(facts):
    from django.template.loader import render_to_string

    published(title="Forum card")
    html = render_to_string("components/event_card.html", {"event": event_cards_public()[0]})
    assert "Forum card" in html
    assert 'datetime="2019-10-15"' in html
