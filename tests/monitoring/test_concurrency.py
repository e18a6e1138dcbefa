"""Two people clicking at once: real parallel requests against PostgreSQL.

Each test sends ten requests from ten threads through the whole stack (the
test client: middleware, ATOMIC_REQUESTS, views, services), each thread on
its own database connection, released together by a barrier. Without the row
locks and the re-check under them these tests fail; SQLite takes one writer
at a time, so there is nothing to prove there and they are skipped.
"""

import threading
import uuid
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from apps.monitoring import review
from apps.monitoring.models import Activity, IndicatorUpdate, ReviewStatus
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    ReportingPeriodFactory,
)
from tests.programme.factories import ComponentFactory, UnitFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
    ),
]

PARALLEL = 10
ACTIVITIES = reverse("admin:monitoring_activity_changelist")


def in_parallel(requests: list) -> list:
    """Run each request (a function of no arguments) in its own thread, all released
    at the same moment; return their responses in order."""
    barrier = threading.Barrier(len(requests))
    responses: list = [None] * len(requests)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            responses[index] = requests[index]()
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return responses


def signed_in(user) -> Client:
    """A client signed in as `user`, with the second factor the admin requires."""
    client = Client()
    force_login_verified(client, user)
    return client


def statuses(responses) -> Counter:
    return Counter(response.status_code for response in responses)


@pytest.fixture
def submitted_activity():
    return ActivityFactory(status=ReviewStatus.SUBMITTED)


def test_ten_advisers_approving_and_returning_at_once_make_one_decision(submitted_activity):
    advisers = [signed_in(AdviserFactory()) for _ in range(PARALLEL)]
    approve = {"action": "approve_selected", "_selected_action": [submitted_activity.pk]}
    give_back = {
        "action": "return_selected",
        "_selected_action": [submitted_activity.pk],
        "apply": "yes",
        "note": "Add the participant list.",
    }

    def review_as(client, data):
        return lambda: client.post(ACTIVITIES, data)

    responses = in_parallel(
        [
            review_as(client, approve if index % 2 else give_back)
            for index, client in enumerate(advisers)
        ]
    )

    assert statuses(responses) == {302: PARALLEL}
    submitted_activity.refresh_from_db()
    trail = [entry.action for entry in review.audit_trail(submitted_activity)]
    assert len(trail) == 1  # one decision, whichever came first
    assert submitted_activity.status == trail[0]  # and the record says the same


def test_ten_parallel_approvals_write_one_approval(submitted_activity):
    advisers = [signed_in(AdviserFactory()) for _ in range(PARALLEL)]
    data = {"action": "approve_selected", "_selected_action": [submitted_activity.pk]}

    responses = in_parallel(
        [lambda client=client: client.post(ACTIVITIES, data) for client in advisers]
    )

    assert statuses(responses) == {302: PARALLEL}
    submitted_activity.refresh_from_db()
    assert submitted_activity.status == ReviewStatus.APPROVED
    assert [entry.action for entry in review.audit_trail(submitted_activity)] == ["approved"]


@pytest.fixture
def reporter():
    component = ComponentFactory()
    return StaffUserFactory(unit=UnitFactory(components=[component]))


def test_ten_parallel_first_reports_for_a_period_give_one_update_and_no_error(reporter):
    indicator = IndicatorFactory(responsible_unit=reporter.unit)
    period = ReportingPeriodFactory()
    url = reverse("monitoring:indicator_update_create", args=[indicator.pk, period.pk])
    # Ten different forms (ten tabs, or ten colleagues): ten different tokens.
    clients = [signed_in(reporter) for _ in range(PARALLEL)]

    responses = in_parallel(
        [
            lambda client=client, value=index: client.post(
                url, {"value": str(value), "token": str(uuid.uuid4())}
            )
            for index, client in enumerate(clients)
        ]
    )

    assert IndicatorUpdate.objects.filter(indicator=indicator, period=period).count() == 1
    assert statuses(responses) == {302: 1, 200: PARALLEL - 1}
    refused = [response for response in responses if response.status_code == 200]
    for response in refused:
        assert response.context["form"].non_field_errors() == [
            f"This indicator already has an update for {period}; edit that one."
        ]


def test_a_new_activity_form_sent_ten_times_at_once_saves_one_activity(reporter):
    component = reporter.unit.components.get()
    token = str(uuid.uuid4())
    data = {
        "title": "Regional workshop on outreach",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": "2019-05-14",
        "component": component.pk,
        "participants_women": "12",
        "participants_men": "9",
        "participants_sex_other": "0",
        "participants_with_disability": "1",
        "participants_disability_not_stated": "0",
        "action": "submit",
        "token": token,
    }
    clients = [signed_in(reporter) for _ in range(PARALLEL)]
    url = reverse("monitoring:activity_create")

    responses = in_parallel([lambda client=client: client.post(url, data) for client in clients])

    (activity,) = Activity.objects.filter(title="Regional workshop on outreach")
    assert activity.status == ReviewStatus.SUBMITTED
    assert statuses(responses) == {302: PARALLEL}
    # The first sending goes to the workspace; the others to the activity it saved.
    targets = Counter(response.url for response in responses)
    assert targets == {reverse("site:workspace"): 1, activity.get_absolute_url(): PARALLEL - 1}
    assert [entry.action for entry in review.audit_trail(activity)] == ["submitted"]
