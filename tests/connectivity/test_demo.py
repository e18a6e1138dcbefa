"""The demo data: written through the services by the ACD's demo staff member,
reviewed by the demo adviser, idempotent, with one overdue action item."""

import pytest

from apps.accounts.services import demo_accounts_create
from apps.connectivity.demo import connectivity_demo_load
from apps.connectivity.models import ActionItem, CoordinationMeeting, Initiative
from apps.monitoring import review
from apps.monitoring.demo import monitoring_demo_load
from apps.monitoring.models import ReviewStatus

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_its_review_history(facts):
    users = demo_accounts_create(password="demo-password-for-tests")
    monitoring_demo_load(users=users)
    written = connectivity_demo_load(users=users)
    assert written == {"initiatives": 7, "city actions": 8, "coordination meetings": 3}
    assert connectivity_demo_load(users=users) == dict.fromkeys(written, 0)

    # Every MPAC area has an initiative; most are approved by the adviser.
    assert Initiative.objects.values("strategic_area").distinct().count() == 5
    approved = Initiative.objects.filter(status=ReviewStatus.APPROVED)
    assert approved.count() == 6
    assert {entry.action for entry in review.audit_trail(approved.first())} == {
        "submitted",
        "approved",
    }
    # The ACCC meeting: three action items, one of them open and overdue.
    accc = CoordinationMeeting.objects.get(body__slug="accc")
    assert accc.action_items.count() == 3
    assert [item.description for item in ActionItem.objects.overdue()] == [
        "Report progress on people mobility to the ACCC"
    ]
    assert accc.activities.exists()  # linked to monitoring's demo meeting
