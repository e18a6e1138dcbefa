"""Two people clicking at once on an event: real parallel requests on PostgreSQL
(the helpers of tests/monitoring/test_concurrency.py). The event's row lock, taken by
every service that changes it or its agenda, makes each outcome whole."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from apps.events.models import Event, Session
from apps.monitoring.models import AuditEntry, ReviewStatus
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.helpers import date_input
from tests.monitoring.test_concurrency import PARALLEL, in_parallel, signed_in

from .factories import EventFactory, EventUnitFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
    ),
]


def test_ten_cancels_at_once_cancel_once():
    staff = StaffUserFactory(unit=EventUnitFactory())
    event = EventFactory(unit=staff.unit, created_by=staff, status=ReviewStatus.APPROVED)
    url = reverse("events:event_cancel", args=[event.pk])
    clients = [signed_in(staff) for _ in range(PARALLEL)]

    in_parallel([lambda client=client: client.post(url) for client in clients])

    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED
    entries = AuditEntry.objects.filter(object_id=event.pk, action=AuditEntry.Action.EDITED)
    assert entries.count() == 1


def test_sessions_added_while_the_event_is_submitted_all_land_before_or_are_refused():
    staff = StaffUserFactory(unit=EventUnitFactory())
    event = EventFactory(unit=staff.unit, created_by=staff)
    add = reverse("events:session_add", args=[event.pk])
    submit = reverse("events:event_submit", args=[event.pk])
    form = {
        "kind": "talk",
        "start_time": "10:00",
        "end_time": "11:00",
        **date_input("day", datetime.date(2019, 10, 15)),
    }
    clients = [signed_in(staff) for _ in range(PARALLEL)]
    requests = [
        lambda client=client, n=n: client.post(add, {**form, "title": f"Talk {n}"})
        for n, client in enumerate(clients[1:])
    ]
    requests.append(lambda: clients[0].post(submit))

    in_parallel(requests)

    event.refresh_from_db()
    assert event.status == ReviewStatus.SUBMITTED
    # Every session that exists was added before the submission, in the trail it sent.
    submitted = AuditEntry.objects.get(object_id=event.pk, action=AuditEntry.Action.SUBMITTED)
    added = AuditEntry.objects.filter(
        object_id=event.pk, action=AuditEntry.Action.EDITED, at__lte=submitted.at
    ).count()
    assert Session.objects.filter(event=event).count() == added
