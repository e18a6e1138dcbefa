"""Staff's pages under /workspace/events/: allowed, denied, bad input, another unit's
event is a 404; the agenda, speaker and sponsor forms; next edition; cancel."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.events.models import Event, Session, Speaker, Sponsor
from apps.monitoring.models import ReviewStatus
from apps.programme.models import Partner
from tests.helpers import force_login_verified
from tests.monitoring.helpers import date_input

from .factories import EventFactory, SessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

LIST = reverse("events:event_list")
CREATE = reverse("events:event_create")


def _event(staff, **kwargs) -> Event:
    return EventFactory(unit=staff.unit, created_by=staff, **kwargs)


# --- The kit's pages ----------------------------------------------------------------------


def test_list_and_detail_for_the_unit(client, cid_staff):
    event = _event(cid_staff, title="ASEAN Media Forum 2019")
    SessionFactory(event=event, title="Opening panel")
    client.force_login(cid_staff)

    listing = client.get(LIST)
    page = client.get(event.get_absolute_url())

    assert listing.status_code == 200
    assert "ASEAN Media Forum 2019" in listing.content.decode()
    assert page.status_code == 200
    html = page.content.decode()
    assert "Opening panel" in html
    assert "10:00–11:00" in html
    assert "Jakarta time (UTC+7)" in html
    assert "Add a session" in html


def test_another_units_event_is_a_404(client, acd_staff, cid_staff):
    event = _event(cid_staff)
    client.force_login(acd_staff)
    for url in (
        event.get_absolute_url(),
        reverse("events:event_edit", args=[event.pk]),
        reverse("events:session_add", args=[event.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("events:event_cancel", args=[event.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_advisers_read_but_do_not_write(client, reviewer, cid_staff):
    event = _event(cid_staff)
    force_login_verified(client, reviewer)
    assert client.get(event.get_absolute_url()).status_code == 200
    assert client.get(CREATE).status_code == 403


def test_create_an_event_from_the_form(client, cid_staff):
    from .helpers import event_form

    client.force_login(cid_staff)
    response = client.post(CREATE, event_form(start_time="9.30", time_zone="Asia/Manila"))

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.time_zone == "Asia/Manila"
    # 9:30 in Manila (UTC+8) is 1:30 UTC.
    assert event.starts_at == datetime.datetime(2019, 10, 15, 1, 30, tzinfo=datetime.UTC)
    assert event.activity.unit == cid_staff.unit


def test_edit_form_shows_the_times_in_the_events_zone(client, cid_staff):
    event = _event(cid_staff, time_zone="Asia/Yangon")
    client.force_login(cid_staff)
    html = client.get(reverse("events:event_edit", args=[event.pk])).content.decode()
    # 9:00 in Jakarta is 8:30 in Yangon.
    assert 'value="08:30"' in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"end_time": "08:00", **date_input("end_date", datetime.date(2019, 10, 15))},
            "must end after it starts",
        ),
        ({"start_time": "25:00"}, "24-hour clock"),
        ({"venue": ""}, "Enter the venue"),
        ({"components": []}, "This field is required"),
        ({"start_date_0": "31", "start_date_1": "2", "start_date_2": "2019"}, "Enter a real date"),
    ],
)
def test_create_bad_input_shows_errors_and_writes_nothing(client, cid_staff, overrides, message):
    from .helpers import event_form

    client.force_login(cid_staff)
    response = client.post(CREATE, event_form(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


# --- The agenda, speakers, sponsors ------------------------------------------------------------


def _session_form(**overrides) -> dict:
    data = {
        "title": "Opening panel",
        "kind": "panel",
        "start_time": "09:30",
        "end_time": "11:00",
        "room": "Main hall",
        **date_input("day", datetime.date(2019, 10, 15)),
    }
    data.update(overrides)
    return data


def test_add_a_session(client, cid_staff):
    event = _event(cid_staff)
    speaker = SpeakerFactory()
    SessionFactory(event=event, speakers=[speaker])  # offered on the form
    client.force_login(cid_staff)

    response = client.post(
        reverse("events:session_add", args=[event.pk]),
        _session_form(speakers=[str(speaker.pk)]),
    )

    assert response.status_code == 302
    session = Session.objects.get(title="Opening panel")
    assert list(session.speakers.all()) == [speaker]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (date_input("day", datetime.date(2019, 10, 20)), "Pick a day of the event"),
        ({"end_time": "09:00"}, "must end after it starts"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_session_bad_input(client, cid_staff, overrides, message):
    event = _event(cid_staff)
    client.force_login(cid_staff)
    response = client.post(
        reverse("events:session_add", args=[event.pk]), _session_form(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_the_agenda_of_a_submitted_event_cannot_change(client, cid_staff):
    event = _event(cid_staff, status=ReviewStatus.SUBMITTED)
    client.force_login(cid_staff)
    response = client.get(reverse("events:session_add", args=[event.pk]))
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()


def test_change_and_remove_a_session(client, cid_staff):
    event = _event(cid_staff)
    session = SessionFactory(event=event)
    client.force_login(cid_staff)

    client.post(
        reverse("events:session_change", args=[event.pk, session.pk]),
        _session_form(title="Renamed"),
    )
    session.refresh_from_db()
    assert session.title == "Renamed"

    client.post(reverse("events:session_remove", args=[event.pk, session.pk]))
    assert not Session.objects.exists()


def test_add_a_speaker(client, cid_staff):
    event = _event(cid_staff)
    session = SessionFactory(event=event)
    client.force_login(cid_staff)

    response = client.post(
        reverse("events:speaker_add", args=[event.pk]),
        {"name": "Amara Wongsakul", "organisation": "Bangkok Daily", "sessions": [session.pk]},
    )

    assert response.status_code == 302
    assert list(session.speakers.values_list("name", flat=True)) == ["Amara Wongsakul"]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (0, 80, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_add_a_sponsor_with_its_logo(client, cid_staff):
    event = _event(cid_staff)
    company = Partner.objects.create(name="Straits Bank", kind=Partner.Kind.BUSINESS_SPONSOR)
    client.force_login(cid_staff)

    response = client.post(
        reverse("events:sponsor_add", args=[event.pk]),
        {
            "partner": company.pk,
            "tier": "gold",
            "logo_file": SimpleUploadedFile("logo.png", _png(), "image/png"),
            "logo_alt": "Straits Bank",
        },
    )

    assert response.status_code == 302
    sponsor = Sponsor.objects.get()
    assert sponsor.logo.alt_text == "Straits Bank"
    assert sponsor.logo.rendition_key


def test_a_renamed_non_image_logo_is_refused(client, cid_staff):
    event = _event(cid_staff)
    company = Partner.objects.create(name="Straits Bank", kind=Partner.Kind.BUSINESS_SPONSOR)
    client.force_login(cid_staff)

    response = client.post(
        reverse("events:sponsor_add", args=[event.pk]),
        {
            "partner": company.pk,
            "tier": "gold",
            "logo_file": SimpleUploadedFile("logo.png", b"%PDF-1.4 not a picture", "image/png"),
            "logo_alt": "Straits Bank",
        },
    )

    assert response.status_code == 200
    assert "The logo was not accepted: This file is not a JPEG, PNG or WebP image." in (
        response.content.decode()
    )
    assert not Sponsor.objects.exists()


# --- Next edition, cancel -----------------------------------------------------------------------


def test_create_next_edition_from_the_events_page(client, cid_staff):
    event = _event(cid_staff, title="ASEAN Media Forum 2019", status=ReviewStatus.APPROVED)
    SessionFactory(event=event)
    client.force_login(cid_staff)

    response = client.post(
        reverse("events:next_edition", args=[event.pk]),
        date_input("starts_on", datetime.date(2020, 10, 13)),
    )

    new = Event.objects.get(title="ASEAN Media Forum 2020")
    assert response["Location"] == new.get_absolute_url()
    assert new.sessions.count() == 1


def test_next_edition_bad_date(client, cid_staff):
    event = _event(cid_staff)
    client.force_login(cid_staff)
    response = client.post(
        reverse("events:next_edition", args=[event.pk]), date_input("starts_on", ""), follow=True
    )
    assert "Next edition: Enter a date" in response.content.decode()
    assert Event.objects.count() == 1


def test_next_edition_is_post_only(client, cid_staff):
    event = _event(cid_staff)
    client.force_login(cid_staff)
    assert client.get(reverse("events:next_edition", args=[event.pk])).status_code == 405


def test_cancel_from_the_events_page(client, cid_staff):
    event = _event(cid_staff, status=ReviewStatus.APPROVED)
    client.force_login(cid_staff)
    response = client.post(reverse("events:event_cancel", args=[event.pk]), follow=True)
    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED
    assert "is cancelled" in response.content.decode()


def test_the_workspace_panel(client, cid_staff, media_forum):
    _event(cid_staff, series=media_forum, title="ASEAN Media Forum 2019")
    client.force_login(cid_staff)
    html = client.get(reverse("site:workspace")).content.decode()
    assert "Next edition after “ASEAN Media Forum 2019”" in html
    assert Speaker.objects.count() == 0
