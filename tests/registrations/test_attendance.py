"""Attendance services: marking is idempotent and limited to confirmed participants on
days of the event that have come; the accommodation steps; the certificate's rule at
its boundaries; two staff checking in the same person at once write one row
(PostgreSQL, real parallel transactions)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from apps.registrations import attendance
from apps.registrations.models import Attendance, Registration
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.test_concurrency import in_parallel

from . import staff_fixtures
from .factories import OpenEventFactory, RegistrationFactory

event = staff_fixtures.event
manager = staff_fixtures.manager
outsider = staff_fixtures.outsider
participant = staff_fixtures.participant
reviewer = staff_fixtures.reviewer

Status = Registration.Status
DAY_1 = datetime.date(2019, 10, 15)
DAY_2 = datetime.date(2019, 10, 16)


@pytest.mark.django_db
def test_mark_twice_keeps_one_row(participant, manager):
    first, created = attendance.attendance_mark(registration=participant, day=DAY_1, user=manager)
    again, created_again = attendance.attendance_mark(
        registration=participant, day=DAY_1, user=manager
    )
    assert created
    assert not created_again
    assert first.pk == again.pk
    assert first.recorded_by == manager
    assert Attendance.objects.count() == 1


@pytest.mark.django_db
def test_each_day_is_its_own_mark(participant, manager):
    attendance.attendance_mark(registration=participant, day=DAY_1, user=manager)
    attendance.attendance_mark(registration=participant, day=DAY_2, user=manager)
    assert Attendance.objects.filter(registration=participant).count() == 2


@pytest.mark.django_db
def test_event_reviewers_may_mark(participant, reviewer):
    attendance.attendance_mark(registration=participant, day=DAY_1, user=reviewer)
    assert Attendance.objects.count() == 1


@pytest.mark.django_db
def test_another_units_staff_may_not_mark(participant, outsider):
    with pytest.raises(PermissionDenied):
        attendance.attendance_mark(registration=participant, day=DAY_1, user=outsider)
    with pytest.raises(PermissionDenied):
        attendance.attendance_unmark(registration=participant, day=DAY_1, user=outsider)
    assert not Attendance.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "message"),
    [
        (datetime.date(2019, 10, 14), "is not a day of this event"),
        (datetime.date(2019, 10, 17), "is not a day of this event"),
    ],
)
def test_mark_outside_the_event_is_refused(participant, manager, day, message):
    with pytest.raises(ValidationError, match=message):
        attendance.attendance_mark(registration=participant, day=day, user=manager)
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_mark_a_day_to_come_is_refused():
    event = OpenEventFactory()
    person = RegistrationFactory(event=event)
    staff = StaffUserFactory(unit=event.unit)
    with pytest.raises(ValidationError, match="has not come yet"):
        attendance.attendance_mark(registration=person, day=event.start_date, user=staff)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Status.WAITING, Status.PENDING, Status.CANCELLED, Status.DECLINED]
)
def test_only_confirmed_participants_are_marked(event, manager, status):
    person = RegistrationFactory(event=event, status=status)
    with pytest.raises(ValidationError, match="is not a confirmed participant"):
        attendance.attendance_mark(registration=person, day=DAY_1, user=manager)
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_unmark(participant, manager):
    attendance.attendance_mark(registration=participant, day=DAY_1, user=manager)
    assert attendance.attendance_unmark(registration=participant, day=DAY_1, user=manager)
    assert not attendance.attendance_unmark(registration=participant, day=DAY_1, user=manager)
    assert not Attendance.objects.exists()


# --- Accommodation ----------------------------------------------------------------------


@pytest.mark.django_db
def test_accommodation_steps_and_refusals(event, manager, outsider):
    person = RegistrationFactory(
        event=event, needs_note="Vegetarian meals", accommodation="requested"
    )
    for step in ("arranged", "not_possible", "provided"):
        attendance.accommodation_set(registration=person, status=step, user=manager)
        person.refresh_from_db()
        assert person.accommodation == step
    with pytest.raises(ValidationError):
        attendance.accommodation_set(registration=person, status="none", user=manager)
    with pytest.raises(PermissionDenied):
        attendance.accommodation_set(registration=person, status="arranged", user=outsider)
    person.refresh_from_db()
    assert person.accommodation == "provided"


@pytest.mark.django_db
def test_registering_with_needs_asks_for_accommodation(event, manager):
    from apps.registrations import services

    from .factories import person

    outcome = services.register(
        event=event, data=person(1, needs=["wheelchair"]), invited_by=manager
    )
    plain = services.register(event=event, data=person(2), invited_by=manager)
    assert outcome.registration.accommodation == Registration.Accommodation.REQUESTED
    assert plain.registration.accommodation == Registration.Accommodation.NONE


# --- Certificates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "share", "needed"),
    [
        (4, 75, 3),  # 3 of 4 = 75 % qualifies, 2 of 4 does not
        (4, 76, 4),
        (4, 50, 2),
        (4, 51, 3),
        (3, 66, 2),
        (3, 67, 3),
        (2, 75, 2),
        (1, 75, 1),
        (5, 1, 1),
        (5, 100, 5),
    ],
)
def test_certificate_days_needed(days, share, needed):
    assert attendance.certificate_days_needed(days=days, share=share) == needed


# --- Two staff at once --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
)
def test_two_staff_checking_in_the_same_person_at_once_write_one_row():
    event = staff_fixtures.past_event()
    person = RegistrationFactory(event=event)
    first, second = StaffUserFactory(unit=event.unit), StaffUserFactory(unit=event.unit)

    outcomes = in_parallel(
        [
            lambda user=user: attendance.attendance_mark(registration=person, day=DAY_1, user=user)
            for user in (first, second, first, second)
        ]
    )

    assert Attendance.objects.filter(registration=person, day=DAY_1).count() == 1
    assert sum(created for _mark, created in outcomes) == 1
