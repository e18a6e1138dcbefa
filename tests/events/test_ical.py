"""The iCalendar files (RFC 5545), parsed back by a small reader written from the
standard: CRLF line ends, lines of at most 75 octets, folded lines unfolded, text
unescaped; DTSTART/DTEND in UTC; a stable UID; no personal data."""

import datetime
import re

import pytest
from django.urls import reverse

from apps.events import ical
from apps.events.models import Event
from apps.monitoring.models import ReviewStatus

from .factories import EventFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

UTC_STAMP = re.compile(r"^\d{8}T\d{6}Z$")


def unescape(text: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def parse(body: bytes) -> list[dict]:
    """The VEVENTs of a calendar file as {name: value}, checking the framing rules."""
    text = body.decode("utf-8")
    assert text.endswith("\r\n")
    raw_lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in raw_lines)
    assert all(len(line.encode()) <= 75 for line in raw_lines), "a line over 75 octets"
    lines: list[str] = []
    for line in raw_lines:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    events, current = [], None
    for line in lines:
        name, _colon, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = unescape(value)
    return events


def utc(stamp: str) -> datetime.datetime:
    assert UTC_STAMP.match(stamp), stamp
    return datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)


def test_one_event_parsed_back(client, facts):
    event = EventFactory(
        status=ReviewStatus.APPROVED,
        slug="asean-media-forum-2019",
        title="ASEAN Media Forum 2019; media, integration, and the region — a long title "
        "that needs folding across more than one line of the file",
        summary="Editors meet.\nJournalists, too; and more.",
        time_zone="Asia/Manila",
    )
    speaker = SpeakerFactory(name="Amara Wongsakul")
    SessionFactory(event=event, speakers=[speaker])

    response = client.get(reverse("events_public:detail_calendar", args=[event.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="asean-media-forum-2019.ics"' in response["Content-Disposition"]
    [vevent] = parse(response.content)
    assert vevent["SUMMARY"] == event.title
    assert vevent["DESCRIPTION"] == "Editors meet.\nJournalists, too; and more."
    assert utc(vevent["DTSTART"]) == event.starts_at
    assert utc(vevent["DTEND"]) == event.ends_at
    utc(vevent["DTSTAMP"])
    assert vevent["UID"] == f"event-{event.pk}@testserver"
    assert vevent["URL"] == f"http://testserver/events/{event.slug}/"
    assert vevent["LOCATION"] == "ASEAN Secretariat, Jakarta"
    assert vevent["STATUS"] == "CONFIRMED"
    # No personal data: no speaker, no author.
    body = response.content.decode()
    assert "Amara" not in body
    assert event.created_by.email not in body


def test_the_feed_holds_every_published_event(client, facts):
    shown = EventFactory(status=ReviewStatus.APPROVED, title="Shown forum")
    EventFactory(status=ReviewStatus.APPROVED, title="Called off", state=Event.State.CANCELLED)
    EventFactory(title="Draft forum")
    EventFactory(status=ReviewStatus.APPROVED, is_public=False, title="Internal")

    events = parse(client.get(reverse("events_public:calendar")).content)

    by_title = {vevent["SUMMARY"]: vevent for vevent in events}
    assert set(by_title) == {"Shown forum", "Called off"}
    assert by_title["Called off"]["STATUS"] == "CANCELLED"
    assert by_title["Shown forum"]["UID"] == f"event-{shown.pk}@testserver"


def test_an_empty_feed_is_a_valid_calendar(client, facts):
    assert parse(client.get(reverse("events_public:calendar")).content) == []


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a;b,c\\d", "a\\;b\\,c\\\\d"), ("line\r\nnext", "line\\nnext")],
)
def test_escape(text, escaped):
    assert ical.escape(text) == escaped


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "ASEAN ✓ " * 30
    folded = ical.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert "".join([pieces[0], *(piece[1:] for piece in pieces[1:])]) == line
