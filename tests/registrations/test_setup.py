"""The registration set-up: the service's rules (opens before it closes, closes at the
latest when the event starts, under the event's lock) and its form, with times typed
in the event's own time zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.events.models import Event
from apps.registrations.models import RegistrationSetup
from apps.registrations.setup import registration_setup_save
from tests.accounts.factories import StaffUserFactory
from tests.events.factories import EventFactory, jakarta
from tests.monitoring.helpers import date_input

from . import staff_fixtures

outsider = staff_fixtures.outsider
reviewer = staff_fixtures.reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    """A draft event without a set-up: 15–16 October 2019, 9:00 Jakarta time."""
    return EventFactory(capacity=50)


@pytest.fixture
def manager(event):
    return StaffUserFactory(unit=event.unit)


def data(**overrides) -> dict:
    values = {
        "opens_at": jakarta(2019, 9, 1, 9),
        "closes_at": jakarta(2019, 10, 15, 9),
        "requires_approval": False,
        "retention_months": 24,
        "certificate_share": 75,
    }
    return {**values, **overrides}


def test_create_then_change(event, manager):
    setup = registration_setup_save(event=event, user=manager, data=data())
    assert setup.closes_at == event.starts_at
    changed = registration_setup_save(
        event=event, user=manager, data=data(requires_approval=True, certificate_share=100)
    )
    assert RegistrationSetup.objects.count() == 1
    assert changed.requires_approval
    assert changed.certificate_share == 100
    assert changed.history.count() == 2


def test_reviewers_may_set_up(event, reviewer):
    registration_setup_save(event=event, user=reviewer, data=data())
    assert RegistrationSetup.objects.filter(event=event).exists()


def test_another_units_staff_may_not(event, outsider):
    with pytest.raises(PermissionDenied):
        registration_setup_save(event=event, user=outsider, data=data())
    assert not RegistrationSetup.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"closes_at": jakarta(2019, 10, 15, 9, 1)}, "closes_at", "at the latest when the event"),
        ({"closes_at": jakarta(2019, 9, 1, 9)}, "closes_at", "close after it opens"),
        (
            {"opens_at": jakarta(2019, 10, 1, 9), "closes_at": jakarta(2019, 9, 1, 9)},
            "closes_at",
            "close after it opens",
        ),
        ({"retention_months": 0}, "retention_months", "1 to 120"),
        ({"retention_months": 121}, "retention_months", "1 to 120"),
        ({"certificate_share": 0}, "certificate_share", "from 1 to 100"),
        ({"certificate_share": 101}, "certificate_share", "from 1 to 100"),
    ],
)
def test_rules(event, manager, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        registration_setup_save(event=event, user=manager, data=data(**overrides))
    assert message in " ".join(error.value.message_dict[field])
    assert not RegistrationSetup.objects.exists()


def test_the_edges_are_allowed(event, manager):
    setup = registration_setup_save(
        event=event,
        user=manager,
        data=data(retention_months=120, certificate_share=1, closes_at=event.starts_at),
    )
    assert setup.retention_months == 120


def test_a_cancelled_event_takes_no_set_up(event, manager):
    Event.objects.filter(pk=event.pk).update(state=Event.State.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled"):
        registration_setup_save(event=event, user=manager, data=data())


# --- The form --------------------------------------------------------------------------


def form(**overrides) -> dict:
    values = {
        **date_input("opens_date", datetime.date(2019, 9, 1)),
        "opens_time": "08:00",
        **date_input("closes_date", datetime.date(2019, 10, 15)),
        "closes_time": "09:00",
        "retention_months": "24",
        "certificate_share": "75",
    }
    values.update(overrides)
    return values


def url(event) -> str:
    return reverse("registrations:setup", args=[event.pk])


def test_the_form_takes_times_in_the_events_zone(client, manager):
    event = EventFactory(
        unit=manager.unit,
        time_zone="Asia/Manila",
        starts_at=datetime.datetime(2019, 10, 15, 9, tzinfo=ZoneInfo("Asia/Manila")),
        ends_at=datetime.datetime(2019, 10, 15, 17, tzinfo=ZoneInfo("Asia/Manila")),
    )
    client.force_login(manager)

    response = client.post(url(event), form(requires_approval="on"))

    assert response.status_code == 302
    assert response["Location"] == reverse("registrations:participants", args=[event.pk])
    setup = RegistrationSetup.objects.get(event=event)
    assert setup.closes_at == event.starts_at
    assert setup.opens_at == datetime.datetime(2019, 9, 1, 0, tzinfo=datetime.UTC)
    assert setup.requires_approval


def test_the_form_shows_the_set_up(client, event, manager):
    registration_setup_save(event=event, user=manager, data=data(certificate_share=60))
    client.force_login(manager)
    html = client.get(url(event)).content.decode()
    assert 'value="60"' in html
    assert "Jakarta time (UTC+7)" in html


def test_the_form_offers_the_events_start_as_the_close(client, event, manager):
    client.force_login(manager)
    html = client.get(url(event)).content.decode()
    assert 'name="closes_time" value="09:00"' in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"closes_time": "09:30"}, "at the latest when the event starts"),
        (date_input("closes_date", datetime.date(2019, 8, 1)), "must close after it opens"),
        ({"opens_time": "25:00"}, "Enter the time on the 24-hour clock"),
        (date_input("opens_date", ""), "Enter a date"),
        ({"opens_date_0": "31", "opens_date_1": "2", "opens_date_2": "2019"}, "Enter a real date"),
        ({"retention_months": "0"}, "at least 1 month"),
        ({"retention_months": "many"}, "Enter a whole number of months"),
        ({"certificate_share": "101"}, "from 1 to 100"),
        ({"certificate_share": ""}, "Enter a percentage"),
    ],
)
def test_the_form_with_bad_input_writes_nothing(client, event, manager, overrides, message):
    client.force_login(manager)
    response = client.post(url(event), form(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert not RegistrationSetup.objects.exists()


def test_another_units_staff_cannot_post_the_form(client, event, outsider):
    client.force_login(outsider)
    assert client.post(url(event), form()).status_code == 403
    assert not RegistrationSetup.objects.exists()
