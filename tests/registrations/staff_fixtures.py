"""Fixtures of the staff-side tests (participants, check-in, import, set-up,
certificates), imported by name into those test modules: a published two-day event
that has taken place (15–16 October 2019, Jakarta) with five places and a
registration set-up, its organising unit's staff member, staff of another unit, an
adviser (a reviewer of events) and a signed-in account with no role."""

import datetime

import pytest

from apps.monitoring.models import ReviewStatus
from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.events.factories import EventFactory, jakarta
from tests.helpers import force_login_verified

from .factories import RegistrationFactory, RegistrationSetupFactory


def past_event(**kwargs):
    """A published event that has taken place, with a registration set-up."""
    values = {
        "status": ReviewStatus.APPROVED,
        "capacity": 5,
        "starts_at": jakarta(2019, 10, 15, 9),
        "ends_at": jakarta(2019, 10, 16, 17),
    }
    event = EventFactory(**{**values, **kwargs})
    RegistrationSetupFactory(
        event=event,
        opens_at=event.starts_at - datetime.timedelta(days=30),
        closes_at=event.starts_at,
    )
    return event


def four_day_event(**kwargs):
    return past_event(
        starts_at=jakarta(2019, 10, 14, 9), ends_at=jakarta(2019, 10, 17, 17), **kwargs
    )


@pytest.fixture
def event(db):
    return past_event()


@pytest.fixture
def manager(event):
    return StaffUserFactory(unit=event.unit, full_name="Putri Wulandari")


@pytest.fixture
def outsider(db):
    """Secretariat staff of another unit."""
    return StaffUserFactory(full_name="Nguyen Thi Lan")


@pytest.fixture
def reviewer(db):
    return AdviserFactory(full_name="Jonas Weber")


@pytest.fixture
def no_role(db):
    return UserFactory()


@pytest.fixture
def participant(event):
    return RegistrationFactory(
        event=event, name="Amara Wongsakul", email="amara@example.org", organisation="Bangkok Daily"
    )


@pytest.fixture
def as_manager(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def as_reviewer(client, reviewer):
    force_login_verified(client, reviewer)
    return client
