"""Two people clicking at once on the component's records: real parallel requests on
PostgreSQL (the helpers of tests/monitoring/test_concurrency.py). One decision wins,
the others are refused with a reason; one form sent ten times makes one record."""

import uuid

import pytest
from django.db import connection
from django.urls import reverse

from apps.monitoring import review
from apps.monitoring.models import ReviewStatus
from apps.processes.models import LegalInstrument
from apps.processes.services import processes_facts_load
from apps.programme.services import programme_facts_load
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.monitoring.test_concurrency import PARALLEL, in_parallel, signed_in

from .factories import LegalInstrumentFactory
from .helpers import form_post, legal_instrument_data

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
    ),
]


@pytest.fixture
def legal_staff():
    from apps.programme.models import Unit

    programme_facts_load()
    processes_facts_load()
    return StaffUserFactory(unit=Unit.objects.get(abbreviation="LSAD"))


def test_ten_advisers_approving_at_once_make_one_decision(legal_staff):
    instrument = LegalInstrumentFactory(
        unit=legal_staff.unit, created_by=legal_staff, status=ReviewStatus.SUBMITTED
    )
    url = reverse("admin:processes_legalinstrument_review", args=[instrument.pk])
    clients = [signed_in(AdviserFactory()) for _ in range(PARALLEL)]
    in_parallel(
        [lambda client=client: client.post(url, {"decision": "approve"}) for client in clients]
    )
    instrument.refresh_from_db()
    assert instrument.status == ReviewStatus.APPROVED
    actions = [entry.action for entry in review.audit_trail(instrument)]
    assert actions.count("approved") == 1


def test_the_same_form_sent_ten_times_at_once_makes_one_record(legal_staff):
    data = {**form_post(legal_instrument_data()), "token": str(uuid.uuid4())}
    clients = [signed_in(legal_staff) for _ in range(PARALLEL)]
    url = reverse("processes:legal_instrument_create")
    responses = in_parallel([lambda client=client: client.post(url, data) for client in clients])
    assert LegalInstrument.objects.count() == 1
    assert {response.status_code for response in responses} == {302}
