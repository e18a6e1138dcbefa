"""An approved record that has moved on: its unit reopens it to record the next stage
(review.reopen, from the record's page), it leaves the public page until an adviser
approves it again, and the trail keeps both approvals. Only staff of its unit, only
an approved record, and only models that move through stages (activities do not)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from apps.monitoring import review
from apps.monitoring.models import AuditEntry, ReviewStatus
from apps.processes import services
from apps.processes.models import LegalInstrument
from apps.processes.services import processes_facts_load
from apps.programme.models import Unit
from apps.programme.services import programme_facts_load
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import ActivityFactory
from tests.monitoring.test_concurrency import PARALLEL, in_parallel, signed_in

from .factories import LegalInstrumentFactory

PAGE = "/components/organisational-processes/"


def approved_instrument(staff, **fields) -> LegalInstrument:
    return LegalInstrumentFactory(
        unit=staff.unit,
        created_by=staff,
        status=ReviewStatus.APPROVED,
        submitted_by=staff,
        submitted_at=datetime.datetime(2020, 3, 1, tzinfo=datetime.UTC),
        reviewed_by=AdviserFactory(),
        is_public=True,
        **fields,
    )


def reopen_url(record) -> str:
    return reverse("processes:legal_instrument_reopen", args=[record.pk])


@pytest.mark.django_db
class TestReopen:
    def test_staff_of_its_unit_reopen_it_and_land_on_its_form(self, client, legal_staff):
        instrument = approved_instrument(legal_staff, title="ASEAN model contract")
        client.force_login(legal_staff)

        response = client.post(reopen_url(instrument))

        assert response.status_code == 302
        assert response["Location"] == reverse(
            "processes:legal_instrument_edit", args=[instrument.pk]
        )
        instrument.refresh_from_db()
        assert instrument.status == ReviewStatus.DRAFT
        entry = review.audit_trail(instrument).first()
        assert (entry.action, entry.user) == (AuditEntry.Action.REOPENED, legal_staff)

    def test_the_record_page_offers_it_only_when_approved(self, client, legal_staff):
        approved = approved_instrument(legal_staff)
        draft = LegalInstrumentFactory(unit=legal_staff.unit, created_by=legal_staff)
        client.force_login(legal_staff)

        assert "Reopen to change" in client.get(approved.get_absolute_url()).content.decode()
        assert "Reopen to change" not in client.get(draft.get_absolute_url()).content.decode()

    def test_it_leaves_the_public_page_until_approved_again(self, client, legal_staff, reviewer):
        instrument = approved_instrument(legal_staff, title="ASEAN model contract")
        assert "ASEAN model contract" in client.get(PAGE).content.decode()

        reopened = services.legal_instrument_reopen(instrument=instrument, user=legal_staff)
        assert "ASEAN model contract" not in client.get(PAGE).content.decode()

        data = {"stage": LegalInstrument.Stage.ADOPTED, "adopted_on": datetime.date(2021, 6, 1)}
        services.legal_instrument_update(
            instrument=reopened, user=legal_staff, data=data, submit=True
        )
        services.legal_instrument_approve(instrument=reopened, reviewer=reviewer)

        html = client.get(PAGE).content.decode()
        assert "ASEAN model contract" in html
        actions = [entry.action for entry in review.audit_trail(instrument)]
        assert actions.count(AuditEntry.Action.APPROVED) == 1  # the factory's has no entry
        assert AuditEntry.Action.REOPENED in actions

    def test_a_reopened_record_is_no_draft_its_author_may_delete(self, legal_staff):
        instrument = approved_instrument(legal_staff)

        reopened = review.reopen(record=instrument, user=legal_staff)

        assert not review.may_delete(user=legal_staff, record=reopened)

    def test_staff_of_another_unit_get_404(self, client, legal_staff, corporate_staff):
        instrument = approved_instrument(legal_staff)
        client.force_login(corporate_staff)

        assert client.post(reopen_url(instrument)).status_code == 404
        instrument.refresh_from_db()
        assert instrument.status == ReviewStatus.APPROVED

    def test_advisers_are_refused(self, client, legal_staff, reviewer):
        instrument = approved_instrument(legal_staff)
        force_login_verified(client, reviewer)

        assert client.post(reopen_url(instrument)).status_code == 403
        instrument.refresh_from_db()
        assert instrument.status == ReviewStatus.APPROVED

    def test_get_is_not_allowed(self, client, legal_staff):
        instrument = approved_instrument(legal_staff)
        client.force_login(legal_staff)

        assert client.get(reopen_url(instrument)).status_code == 405

    @pytest.mark.parametrize("status", [ReviewStatus.SUBMITTED, ReviewStatus.RETURNED])
    def test_a_record_that_is_not_approved_is_refused_with_the_reason(
        self, client, legal_staff, status
    ):
        instrument = LegalInstrumentFactory(
            unit=legal_staff.unit, created_by=legal_staff, status=status
        )
        client.force_login(legal_staff)

        response = client.post(reopen_url(instrument), follow=True)

        assert "Only an approved record is reopened" in response.content.decode()
        instrument.refresh_from_db()
        assert instrument.status == status
        assert not review.audit_trail(instrument).exists()

    def test_activities_are_never_reopened(self, legal_staff):
        activity = ActivityFactory(
            unit=legal_staff.unit, created_by=legal_staff, status=ReviewStatus.APPROVED
        )

        with pytest.raises(ValidationError, match="cannot be reopened"):
            review.reopen(record=activity, user=legal_staff)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
)
def test_ten_people_reopening_at_once_reopen_it_once():
    programme_facts_load()
    processes_facts_load()
    staff = StaffUserFactory(unit=Unit.objects.get(abbreviation="LSAD"))
    instrument = approved_instrument(staff)
    clients = [signed_in(staff) for _ in range(PARALLEL)]

    in_parallel([lambda client=client: client.post(reopen_url(instrument)) for client in clients])

    instrument.refresh_from_db()
    assert instrument.status == ReviewStatus.DRAFT
    actions = [entry.action for entry in review.audit_trail(instrument)]
    assert actions.count(AuditEntry.Action.REOPENED) == 1
