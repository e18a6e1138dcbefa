"""The inclusion services: every transition through the review core, the app's own
rules, the child rows in the audit trail, and the reference data loader."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.inclusion import services
from apps.inclusion.models import (
    AccessibilityMeasure,
    CrossCuttingTopic,
    PolicyReview,
    Recommendation,
    StaffCategory,
    WorkforceCount,
    WorkforceSnapshot,
)
from apps.monitoring import review
from apps.monitoring.models import AuditEntry, ReviewStatus
from tests.accounts.factories import AdviserFactory
from tests.inclusion.helpers import count_row, review_data, snapshot_data

pytestmark = pytest.mark.django_db


def test_inclusion_facts_load_is_idempotent(programme_facts):
    first = services.inclusion_facts_load()
    assert first == {"cross-cutting topics": 2, "staff categories": 2}
    assert services.inclusion_facts_load() == {"cross-cutting topics": 0, "staff categories": 0}
    assert set(CrossCuttingTopic.objects.values_list("slug", flat=True)) == {
        "gender-equality",
        "disability-inclusion",
    }
    assert StaffCategory.objects.count() == 2


# --- Policy reviews ---------------------------------------------------------------------


def test_policy_review_create_writes_recommendations_in_order(cad_staff):
    policy_review = services.policy_review_create(user=cad_staff, data=review_data())
    assert policy_review.status == ReviewStatus.DRAFT
    assert policy_review.unit_id == cad_staff.unit_id
    rows = list(policy_review.recommendations.values_list("text", "status", "order"))
    assert rows == [
        ("Gender-balanced selection panels.", "open", 1),
        ("Offer reasonable accommodation in tests.", "in_progress", 2),
    ]


def test_policy_review_create_audits_its_recommendations(cad_staff):
    policy_review = services.policy_review_create(user=cad_staff, data=review_data(), submit=True)
    (entry,) = review.audit_trail(policy_review)
    assert entry.action == AuditEntry.Action.SUBMITTED
    changed = {change["field"]: change["new"] for change in entry.changes}
    assert changed["recommendation:1"].startswith("Gender-balanced selection panels. · Open · HR")
    assert "recommendation:2" in changed


def test_policy_review_update_replaces_recommendations_and_audits_the_change(cad_staff):
    policy_review = services.policy_review_create(user=cad_staff, data=review_data())
    data = review_data(
        recommendations=[
            {"text": "Gender-balanced selection panels.", "status": "implemented", "owner": "HR"}
        ]
    )
    services.policy_review_update(policy_review=policy_review, user=cad_staff, data=data)
    assert list(policy_review.recommendations.values_list("status", flat=True)) == ["implemented"]
    entry = review.audit_trail(policy_review).last()
    assert entry.action == AuditEntry.Action.EDITED
    fields = {change["field"]: change for change in entry.changes}
    assert fields["recommendation:1"]["new"].startswith(
        "Gender-balanced selection panels. · Implemented"
    )
    assert fields["recommendation:2"]["new"] == ""


def test_policy_review_stage_needs_its_date(cad_staff):
    data = review_data(stage=PolicyReview.Stage.ADOPTED)
    with pytest.raises(ValidationError) as error:
        services.policy_review_create(user=cad_staff, data=data)
    assert "recommendations_on" in error.value.error_dict
    assert "adopted_on" in error.value.error_dict
    assert not PolicyReview.objects.exists()


def test_policy_review_dates_follow_the_stages(cad_staff):
    data = review_data(
        stage=PolicyReview.Stage.RECOMMENDATIONS_MADE,
        recommendations_on=datetime.date(2019, 1, 1),
    )
    with pytest.raises(ValidationError, match="cannot be before"):
        services.policy_review_create(user=cad_staff, data=data)


def test_policy_review_date_of_a_stage_not_reached_is_refused(cad_staff):
    data = review_data(adopted_on=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError, match="Leave this empty"):
        services.policy_review_create(user=cad_staff, data=data)


def test_policy_review_implemented_needs_every_recommendation_settled(cad_staff):
    data = review_data(
        stage=PolicyReview.Stage.IMPLEMENTED,
        recommendations_on=datetime.date(2019, 6, 1),
        adopted_on=datetime.date(2019, 9, 1),
        implemented_on=datetime.date(2020, 9, 1),
    )
    with pytest.raises(ValidationError, match=r"[12] still is not"):
        services.policy_review_create(user=cad_staff, data=data)
    settled = [
        {"text": "Panels.", "status": Recommendation.Status.IMPLEMENTED},
        {"text": "Accommodation.", "status": Recommendation.Status.DROPPED},
    ]
    created = services.policy_review_create(
        user=cad_staff, data={**data, "recommendations": settled}
    )
    assert created.stage == PolicyReview.Stage.IMPLEMENTED


def test_policy_review_create_refuses_people_without_a_unit(inclusion_facts):
    with pytest.raises(PermissionDenied):
        services.policy_review_create(user=AdviserFactory(), data=review_data())


def test_policy_review_full_cycle(cad_staff):
    adviser = AdviserFactory()
    policy_review = services.policy_review_create(user=cad_staff, data=review_data())
    policy_review = services.policy_review_submit(policy_review=policy_review, user=cad_staff)
    assert policy_review.status == ReviewStatus.SUBMITTED
    policy_review = services.policy_review_return(
        policy_review=policy_review, reviewer=adviser, note="Add the owner of the second one."
    )
    assert policy_review.status == ReviewStatus.RETURNED
    policy_review = services.policy_review_update(
        policy_review=policy_review, user=cad_staff, data=review_data(), submit=True
    )
    policy_review = services.policy_review_approve(policy_review=policy_review, reviewer=adviser)
    assert policy_review.status == ReviewStatus.APPROVED
    actions = list(review.audit_trail(policy_review).values_list("action", flat=True))
    assert actions == ["created", "submitted", "returned", "submitted", "approved"]


def test_policy_review_approve_refuses_own_work(cad_staff):
    policy_review = services.policy_review_create(user=cad_staff, data=review_data(), submit=True)
    cad_staff.groups.add(*AdviserFactory().groups.all())
    with pytest.raises(ValidationError, match="own work"):
        services.policy_review_approve(policy_review=policy_review, reviewer=cad_staff)


def test_policy_review_return_needs_a_note(cad_staff):
    policy_review = services.policy_review_create(user=cad_staff, data=review_data(), submit=True)
    with pytest.raises(ValidationError, match="Say why"):
        services.policy_review_return(
            policy_review=policy_review, reviewer=AdviserFactory(), note=" "
        )


def test_policy_review_approved_cannot_change(cad_staff):
    policy_review = services.policy_review_create(user=cad_staff, data=review_data(), submit=True)
    services.policy_review_approve(policy_review=policy_review, reviewer=AdviserFactory())
    with pytest.raises(ValidationError, match="approved and cannot be changed"):
        services.policy_review_update(
            policy_review=policy_review, user=cad_staff, data=review_data(title="New")
        )
    assert PolicyReview.objects.get().title == "Recruitment rules of the Secretariat"


def test_policy_review_delete_takes_its_recommendations(cad_staff):
    policy_review = services.policy_review_create(user=cad_staff, data=review_data())
    services.policy_review_delete(policy_review=policy_review, user=cad_staff)
    assert not PolicyReview.objects.exists()
    assert not Recommendation.objects.exists()


def test_policy_review_other_unit_cannot_edit(cad_staff, other_staff):
    policy_review = services.policy_review_create(user=cad_staff, data=review_data())
    with pytest.raises(PermissionDenied):
        services.policy_review_update(
            policy_review=policy_review, user=other_staff, data=review_data()
        )


# --- Workforce snapshots -------------------------------------------------------------------


def test_workforce_snapshot_create_writes_a_row_per_category(cad_staff):
    snapshot = services.workforce_snapshot_create(user=cad_staff, data=snapshot_data(), submit=True)
    assert snapshot.counts.count() == 2
    assert {count.total for count in snapshot.counts.all()} == {60}
    (entry,) = review.audit_trail(snapshot)
    fields = {change["field"] for change in entry.changes}
    assert {"counts:professional", "counts:general-service"} <= fields


def test_workforce_snapshot_breakdowns_must_agree(cad_staff):
    category = StaffCategory.objects.get(slug="professional")
    data = snapshot_data(counts=[count_row(category, without=51)])
    with pytest.raises(ValidationError, match="add up to 61, the counts by sex to 60"):
        services.workforce_snapshot_create(user=cad_staff, data=data)
    assert not WorkforceSnapshot.objects.exists()
    assert not WorkforceCount.objects.exists()


def test_workforce_snapshot_one_per_day(cad_staff):
    services.workforce_snapshot_create(user=cad_staff, data=snapshot_data())
    with pytest.raises(ValidationError) as error:
        services.workforce_snapshot_create(user=cad_staff, data=snapshot_data())
    assert "as_of" in error.value.error_dict


def test_workforce_snapshot_update_changes_only_changed_rows(cad_staff):
    snapshot = services.workforce_snapshot_create(user=cad_staff, data=snapshot_data())
    professional = StaffCategory.objects.get(slug="professional")
    general = StaffCategory.objects.get(slug="general-service")
    data = snapshot_data(counts=[count_row(professional, women=31, without=51), count_row(general)])
    services.workforce_snapshot_update(snapshot=snapshot, user=cad_staff, data=data)
    assert snapshot.counts.get(staff_category=professional).women == 31
    entry = review.audit_trail(snapshot).last()
    assert [change["field"] for change in entry.changes] == ["counts:professional"]


def test_workforce_snapshot_full_cycle(cad_staff):
    adviser = AdviserFactory()
    snapshot = services.workforce_snapshot_create(user=cad_staff, data=snapshot_data())
    snapshot = services.workforce_snapshot_submit(snapshot=snapshot, user=cad_staff)
    snapshot = services.workforce_snapshot_return(
        snapshot=snapshot, reviewer=adviser, note="Source?"
    )
    snapshot = services.workforce_snapshot_update(
        snapshot=snapshot, user=cad_staff, data=snapshot_data(source="HRIS 2020"), submit=True
    )
    snapshot = services.workforce_snapshot_approve(snapshot=snapshot, reviewer=adviser)
    assert snapshot.status == ReviewStatus.APPROVED
    draft = services.workforce_snapshot_create(
        user=cad_staff, data=snapshot_data(as_of=datetime.date(2021, 12, 31))
    )
    services.workforce_snapshot_delete(snapshot=draft, user=cad_staff)
    assert WorkforceSnapshot.objects.count() == 1


# --- Accessibility measures -----------------------------------------------------------------


def measure_data(**overrides) -> dict:
    data = {
        "title": "Accessible documents",
        "kind": AccessibilityMeasure.Kind.COMMUNICATION,
        "stage": AccessibilityMeasure.Stage.IN_PLACE,
        "started_on": datetime.date(2019, 10, 1),
        "in_place_on": datetime.date(2020, 9, 1),
    }
    return {**data, **overrides}


def test_accessibility_measure_full_cycle(cad_staff):
    adviser = AdviserFactory()
    measure = services.accessibility_measure_create(user=cad_staff, data=measure_data())
    measure = services.accessibility_measure_submit(measure=measure, user=cad_staff)
    measure = services.accessibility_measure_return(
        measure=measure, reviewer=adviser, note="Owner?"
    )
    measure = services.accessibility_measure_update(
        measure=measure, user=cad_staff, data=measure_data(owner="CRD"), submit=True
    )
    measure = services.accessibility_measure_approve(measure=measure, reviewer=adviser)
    assert measure.status == ReviewStatus.APPROVED
    draft = services.accessibility_measure_create(user=cad_staff, data=measure_data(title="Ramps"))
    services.accessibility_measure_delete(measure=draft, user=cad_staff)
    assert AccessibilityMeasure.objects.count() == 1


def test_accessibility_measure_in_place_needs_its_date(cad_staff):
    with pytest.raises(ValidationError) as error:
        services.accessibility_measure_create(user=cad_staff, data=measure_data(in_place_on=None))
    assert list(error.value.error_dict) == ["in_place_on"]
