"""The advisers' back office for component 3: the queues, the review panel going
through this app's services, the child rows beneath a record, search, the exports
(workforce counts for advisers only) and the reference data."""

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from apps.inclusion import exports
from apps.monitoring import review
from apps.monitoring.models import ReviewStatus
from tests.helpers import force_login_verified
from tests.inclusion.factories import (
    AccessibilityMeasureFactory,
    CrossCuttingTopicFactory,
    PolicyReviewFactory,
    RecommendationFactory,
    StaffCategoryFactory,
    WorkforceCountFactory,
    WorkforceSnapshotFactory,
)

pytestmark = pytest.mark.django_db

SUBMITTED, APPROVED = ReviewStatus.SUBMITTED, ReviewStatus.APPROVED


def admin_url(model: str, page: str, *args) -> str:
    return reverse(f"admin:inclusion_{model}_{page}", args=args)


def _action(client, url, action, records):
    data = {"action": action, "_selected_action": [record.pk for record in records], "index": 0}
    return client.post(url, data)


def _csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("model", "factory"),
    [
        ("policyreview", PolicyReviewFactory),
        ("workforcesnapshot", WorkforceSnapshotFactory),
        ("accessibilitymeasure", AccessibilityMeasureFactory),
    ],
)
def test_queue_and_record_page_open_for_advisers(client, adviser, model, factory):
    record = factory(status=SUBMITTED)
    force_login_verified(client, adviser)
    assert (
        client.get(
            admin_url(model, "changelist"), {"q": "x", "status__exact": "submitted"}
        ).status_code
        == 200
    )
    page = client.get(admin_url(model, "change", record.pk))
    assert page.status_code == 200
    assert "Approve" in page.content.decode()


def test_review_panel_approves_through_the_service(client, adviser):
    policy_review = PolicyReviewFactory(status=SUBMITTED)
    RecommendationFactory(review=policy_review, text="Balanced panels")
    force_login_verified(client, adviser)
    page = client.get(admin_url("policyreview", "change", policy_review.pk)).content.decode()
    assert "Balanced panels" in page  # the recommendations beneath the record
    response = client.post(
        admin_url("policyreview", "review", policy_review.pk), {"decision": "approve"}
    )
    assert response.status_code == 302
    policy_review.refresh_from_db()
    assert policy_review.status == APPROVED
    assert review.audit_trail(policy_review).last().user == adviser


def test_return_without_a_note_changes_nothing(client, adviser):
    snapshot = WorkforceSnapshotFactory(status=SUBMITTED)
    force_login_verified(client, adviser)
    response = client.post(
        admin_url("workforcesnapshot", "review", snapshot.pk), {"decision": "return", "note": ""}
    )
    assert response.status_code == 200
    snapshot.refresh_from_db()
    assert snapshot.status == SUBMITTED


def test_workforce_counts_shown_beneath_the_snapshot(client, adviser):
    snapshot = WorkforceSnapshotFactory(status=SUBMITTED)
    WorkforceCountFactory(
        snapshot=snapshot, staff_category=StaffCategoryFactory(title="Professional staff")
    )
    force_login_verified(client, adviser)
    page = client.get(admin_url("workforcesnapshot", "change", snapshot.pk)).content.decode()
    assert "Professional staff" in page


def test_policy_review_csv_export_one_row_per_recommendation(client, adviser):
    policy_review = PolicyReviewFactory(title="Recruitment rules", status=APPROVED)
    RecommendationFactory(review=policy_review, text="=cmd|' /C calc'!A0")
    RecommendationFactory(review=policy_review, text="Second")
    force_login_verified(client, adviser)
    response = _action(
        client, admin_url("policyreview", "changelist"), "export_csv", [policy_review]
    )
    header, *rows = _csv_rows(response)
    assert header[:3] == ["Id", "Title", "Unit"]
    assert len(rows) == 2
    values = dict(zip(header, rows[0], strict=True))
    assert values["Title"] == "Recruitment rules"
    assert values["Recommendation"].startswith("'=")  # never a formula


def test_workforce_excel_export_has_the_true_counts_for_advisers(client, adviser):
    snapshot = WorkforceSnapshotFactory(status=APPROVED)
    WorkforceCountFactory(snapshot=snapshot, with_disability=3, without_disability=50)
    force_login_verified(client, adviser)
    response = _action(
        client, admin_url("workforcesnapshot", "changelist"), "export_xlsx", [snapshot]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = [list(values) for values in sheet.iter_rows(values_only=True)]
    assert dict(zip(header, row, strict=True))["With disability"] == 3


def test_workforce_table_refuses_anyone_but_advisers(cad_staff):
    with pytest.raises(PermissionDenied):
        exports.workforce_snapshot_table(user=cad_staff)


def test_accessibility_measure_export(client, adviser):
    measure = AccessibilityMeasureFactory(title="Ramps")
    force_login_verified(client, adviser)
    response = _action(
        client, admin_url("accessibilitymeasure", "changelist"), "export_csv", [measure]
    )
    header, row = _csv_rows(response)
    assert dict(zip(header, row, strict=True))["Title"] == "Ramps"


def test_reference_data_search_and_edit(client, adviser):
    CrossCuttingTopicFactory(title="Gender equality", slug="gender-equality")
    force_login_verified(client, adviser)
    page = client.get(
        admin_url("crosscuttingtopic", "changelist"), {"q": "gender"}
    ).content.decode()
    assert "Gender equality" in page
    assert client.get(admin_url("staffcategory", "add")).status_code == 200


def test_staff_have_no_admin(client, cad_staff):
    client.force_login(cad_staff)
    response = client.get(admin_url("workforcesnapshot", "changelist"))
    assert response.status_code == 302
