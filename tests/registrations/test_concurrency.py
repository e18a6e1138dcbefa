"""Many people registering and cancelling at once, in real parallel transactions on
PostgreSQL (the helpers of tests/monitoring/test_concurrency.py). The event's row
lock makes capacity hold: never more confirmed than places, the queue in order."""

import pytest
from django.core import mail
from django.db import connection

from apps.registrations import services
from apps.registrations.models import Registration
from tests.monitoring.test_concurrency import in_parallel

from .factories import OpenEventFactory, RegistrationFactory, person

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
    ),
]

Status = Registration.Status


def test_twenty_registrations_at_once_for_five_places_confirm_exactly_five():
    event = OpenEventFactory(capacity=5)

    in_parallel([lambda n=n: services.register(event=event, data=person(n)) for n in range(20)])

    rows = Registration.objects.filter(event=event)
    assert rows.count() == 20
    assert rows.filter(status=Status.CONFIRMED).count() == 5
    assert rows.filter(status=Status.WAITING).count() == 15
    queued = list(rows.filter(status=Status.WAITING).values_list("queued_at", flat=True))
    assert len(set(queued)) == 15, "each waiting person has their own place in the queue"
    assert len(mail.outbox) == 20


def test_the_same_email_twenty_times_at_once_writes_one_row():
    event = OpenEventFactory(capacity=5)

    outcomes = in_parallel(
        [lambda: services.register(event=event, data=person(1)) for _ in range(20)]
    )

    assert Registration.objects.filter(event=event).count() == 1
    assert sum(outcome.created for outcome in outcomes) == 1


def test_five_cancellations_at_once_promote_the_first_five_waiting_in_order():
    event = OpenEventFactory(capacity=5)
    confirmed = [RegistrationFactory(event=event) for _ in range(5)]
    waiting = [RegistrationFactory(event=event, status=Status.WAITING) for _ in range(8)]

    in_parallel(
        [lambda r=registration: services.cancel(registration=r) for registration in confirmed]
    )

    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 5
    promoted = set(
        Registration.objects.filter(event=event, status=Status.CONFIRMED).values_list(
            "pk", flat=True
        )
    )
    assert promoted == {registration.pk for registration in waiting[:5]}
