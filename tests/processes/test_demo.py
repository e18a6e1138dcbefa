"""The component's demo records: written through the workflow by the demo staff of
their units, reviewed by the demo adviser, linked to monitoring's demo activities, shown
on the public page, and loaded only once however often seed_demo runs."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from apps.accounts.services import demo_accounts_create
from apps.monitoring import review
from apps.monitoring.demo import monitoring_demo_load
from apps.monitoring.models import ReviewStatus
from apps.processes.demo import RECORDS, processes_demo_load
from apps.processes.models import LegalInstrument, ProcessImprovement, Strategy, Workstream

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(facts):
    users = demo_accounts_create(password="a-demo-password-for-tests")
    monitoring_demo_load(users=users)
    return users


def test_demo_loads_once(demo_users):
    first = processes_demo_load(users=demo_users)
    assert sum(first.values()) == len(RECORDS) + first["workstream indicators"]
    assert processes_demo_load(users=demo_users) == {"workstream indicators": 0}


def test_demo_records_have_their_real_history(demo_users):
    processes_demo_load(users=demo_users)
    contract = LegalInstrument.objects.get(title="ASEAN model contract for procurement")
    assert contract.status == ReviewStatus.APPROVED
    assert contract.created_by.unit.abbreviation == "LSAD"
    assert contract.reviewed_by.is_programme_adviser
    assert [entry.action for entry in review.audit_trail(contract)] == ["submitted", "approved"]
    assert contract.activities.get().unit == contract.unit

    plan = Strategy.objects.get(title="ASEAN Communication Master Plan II")
    assert plan.unit.abbreviation == "CID"
    assert plan.audiences.count() == 4
    returned = ProcessImprovement.objects.get(title="Clearance of press releases")
    assert returned.status == ReviewStatus.RETURNED
    assert returned.review_note


def test_demo_links_the_workstreams_to_the_demo_indicators(demo_users):
    processes_demo_load(users=demo_users)
    hr = Workstream.objects.get(slug="strategic-hr")
    assert sorted(hr.indicators.values_list("code", flat=True)) == ["1.2.b", "1.a"]


def test_demo_shows_on_the_component_page(client, demo_users):
    processes_demo_load(users=demo_users)
    html = client.get(
        reverse("site:component_detail", args=["organisational-processes"])
    ).content.decode()
    assert "ASEAN Communication Master Plan II" in html
    assert "Recruitment of professional staff" in html
    assert "Outreach strategy for civil society" not in html  # still waiting for review


def test_demo_needs_its_authors(facts):
    with pytest.raises(ImproperlyConfigured, match="demo adviser"):
        processes_demo_load(users=[])
