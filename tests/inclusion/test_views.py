"""The staff's pages under /workspace/inclusion/: for each kind the list, the record's
page and the forms; allowed, denied (anonymous, another unit → 404, an adviser
writing → 403) and bad input (errors on the fields, nothing written)."""

import pytest
from django.urls import reverse

from apps.inclusion.models import (
    AccessibilityMeasure,
    PolicyReview,
    Recommendation,
    StaffCategory,
    WorkforceSnapshot,
)
from apps.monitoring.models import ReviewStatus
from tests.accounts.factories import AdviserFactory
from tests.helpers import force_login_verified
from tests.inclusion.factories import (
    AccessibilityMeasureFactory,
    PolicyReviewEvidenceFactory,
    PolicyReviewFactory,
    RecommendationFactory,
    WorkforceCountFactory,
    WorkforceSnapshotFactory,
)
from tests.inclusion.helpers import review_post, snapshot_post
from tests.monitoring.helpers import date_input

pytestmark = pytest.mark.django_db

KINDS = {
    "policy_review": PolicyReviewFactory,
    "workforce_snapshot": WorkforceSnapshotFactory,
    "accessibility_measure": AccessibilityMeasureFactory,
}


def url(kind: str, page: str, *args) -> str:
    return reverse(f"inclusion:{kind}_{page}", args=args)


# --- Lists and pages: allowed and denied ----------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_list_shows_own_units_records_only(client, kind, cad_staff, other_staff):
    own = KINDS[kind](unit=cad_staff.unit)
    theirs = KINDS[kind](unit=other_staff.unit)
    client.force_login(cad_staff)
    page = client.get(url(kind, "list")).content.decode()
    assert str(own) in page
    assert str(theirs) not in page


@pytest.mark.parametrize("kind", KINDS)
def test_pages_of_another_units_record_are_404(client, kind, cad_staff, other_staff):
    record = KINDS[kind](unit=other_staff.unit)
    client.force_login(cad_staff)
    for page in ("detail", "edit", "delete"):
        assert client.get(url(kind, page, record.pk)).status_code == 404
    assert client.post(url(kind, "submit", record.pk)).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_visitors_are_sent_to_sign_in(client, kind):
    response = client.get(url(kind, "list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("kind", KINDS)
def test_advisers_read_every_unit_but_write_nothing(client, kind, cad_staff):
    record = KINDS[kind](unit=cad_staff.unit)
    adviser = AdviserFactory()
    force_login_verified(client, adviser)
    assert client.get(url(kind, "detail", record.pk)).status_code == 200
    assert client.get(url(kind, "create")).status_code == 403


@pytest.mark.parametrize("kind", KINDS)
def test_submit_from_the_records_page(client, kind, cad_staff):
    record = KINDS[kind](unit=cad_staff.unit, created_by=cad_staff)
    if kind == "workforce_snapshot":
        for category in StaffCategory.objects.all():
            WorkforceCountFactory(snapshot=record, staff_category=category)
    client.force_login(cad_staff)
    response = client.post(url(kind, "submit", record.pk))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ReviewStatus.SUBMITTED


def test_evidence_of_another_units_review_is_404(client, cad_staff, other_staff):
    evidence = PolicyReviewEvidenceFactory(record=PolicyReviewFactory(unit=other_staff.unit))
    client.force_login(cad_staff)
    response = client.get(
        url("policy_review", "evidence_download", evidence.record_id, evidence.pk)
    )
    assert response.status_code == 404


def test_policy_review_page_lists_its_recommendations(client, cad_staff):
    policy_review = PolicyReviewFactory(unit=cad_staff.unit)
    RecommendationFactory(review=policy_review, text="Gender-balanced panels")
    client.force_login(cad_staff)
    page = client.get(policy_review.get_absolute_url()).content.decode()
    assert "Gender-balanced panels" in page


# --- The policy review form with its recommendations ---------------------------------------


def test_policy_review_form_shows_three_empty_recommendation_rows(client, cad_staff):
    client.force_login(cad_staff)
    page = client.get(url("policy_review", "create")).content.decode()
    assert 'name="recommendations-TOTAL_FORMS" value="3"' in page
    assert "Recommendation 3" in page


def test_policy_review_create_with_two_recommendations(client, cad_staff):
    client.force_login(cad_staff)
    rows = [
        {"text": "Gender-balanced selection panels.", "owner": "HR", "due_on": "2020-06-30"},
        {"text": "Offer reasonable accommodation in tests.", "status": "in_progress"},
    ]
    response = client.post(
        url("policy_review", "create"), review_post(action="submit", recommendations=rows)
    )
    assert response.status_code == 302
    policy_review = PolicyReview.objects.get()
    assert policy_review.status == ReviewStatus.SUBMITTED
    assert list(policy_review.recommendations.values_list("text", flat=True)) == [
        "Gender-balanced selection panels.",
        "Offer reasonable accommodation in tests.",
    ]


def test_policy_review_edit_removes_a_cleared_row(client, cad_staff):
    policy_review = PolicyReviewFactory(unit=cad_staff.unit, created_by=cad_staff)
    RecommendationFactory(review=policy_review, text="Keep", order=1)
    RecommendationFactory(review=policy_review, text="Drop", order=2)
    client.force_login(cad_staff)
    page = client.get(url("policy_review", "edit", policy_review.pk)).content.decode()
    assert 'name="recommendations-TOTAL_FORMS" value="5"' in page
    data = review_post(recommendations=[{"text": "Keep"}, {"text": ""}])
    data.update({"recommendations-TOTAL_FORMS": "5", "recommendations-INITIAL_FORMS": "2"})
    response = client.post(url("policy_review", "edit", policy_review.pk), data)
    assert response.status_code == 302
    assert list(Recommendation.objects.values_list("text", flat=True)) == ["Keep"]


def test_policy_review_form_bad_input_changes_nothing(client, cad_staff):
    client.force_login(cad_staff)
    rows = [{"text": "", "owner": "HR"}]
    data = review_post(recommendations=rows, title="", **date_input("started_on", None))
    response = client.post(url("policy_review", "create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Recommendation 1: Write the recommendation" in page
    assert "Give the date of “Under review”" in page or "This field is required" in page
    assert not PolicyReview.objects.exists()


def test_policy_review_form_stage_without_its_date(client, cad_staff):
    client.force_login(cad_staff)
    response = client.post(url("policy_review", "create"), review_post(stage="adopted"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the date of “Adopted”" in page
    assert not PolicyReview.objects.exists()


# --- The workforce grid ------------------------------------------------------------------


def test_workforce_form_draws_a_labelled_grid(client, cad_staff):
    client.force_login(cad_staff)
    page = client.get(url("workforce_snapshot", "create")).content.decode()
    assert "Professional staff by sex" in page
    assert "General service staff by disability" in page
    assert page.count('inputmode="numeric"') >= 12


def test_workforce_snapshot_create(client, cad_staff):
    client.force_login(cad_staff)
    response = client.post(url("workforce_snapshot", "create"), snapshot_post())
    assert response.status_code == 302
    snapshot = WorkforceSnapshot.objects.get()
    assert snapshot.counts.count() == StaffCategory.objects.count()


def test_workforce_form_totals_must_agree_error_on_the_field(client, cad_staff):
    client.force_login(cad_staff)
    data = snapshot_post(counts={"professional": (30, 28, 2, 3, 50, 6)})
    response = client.post(url("workforce_snapshot", "create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Professional staff: The counts by disability add up to 59, the counts by sex to 60" in page
    )
    assert "portal-field--error" in page
    assert not WorkforceSnapshot.objects.exists()


def test_workforce_form_refuses_negative_and_text(client, cad_staff):
    client.force_login(cad_staff)
    category = StaffCategory.objects.get(slug="professional")
    data = snapshot_post(**{f"count_{category.pk}_women": "-1", f"count_{category.pk}_men": "many"})
    response = client.post(url("workforce_snapshot", "create"), data)
    assert response.status_code == 200
    assert not WorkforceSnapshot.objects.exists()


def test_workforce_form_second_snapshot_for_a_day(client, cad_staff):
    WorkforceSnapshotFactory(unit=cad_staff.unit, as_of="2020-12-31")
    client.force_login(cad_staff)
    response = client.post(url("workforce_snapshot", "create"), snapshot_post())
    assert "There is a snapshot for this day already" in response.content.decode()
    assert WorkforceSnapshot.objects.count() == 1


def test_workforce_edit_shows_the_counts(client, cad_staff):
    snapshot = WorkforceSnapshotFactory(unit=cad_staff.unit, created_by=cad_staff)
    category = StaffCategory.objects.get(slug="professional")
    WorkforceCountFactory(
        snapshot=snapshot, staff_category=category, women=31, without_disability=51
    )
    client.force_login(cad_staff)
    page = client.get(url("workforce_snapshot", "edit", snapshot.pk)).content.decode()
    assert f'name="count_{category.pk}_women" value="31"' in page


# --- Accessibility measures ------------------------------------------------------------------


def test_accessibility_measure_create_and_bad_input(client, cad_staff):
    client.force_login(cad_staff)
    data = {
        "title": "",
        "kind": "it",
        "stage": "in_place",
        "owner": "",
        "description": "",
        "action": "draft",
    }
    data |= date_input("started_on", None) | date_input("in_place_on", None)
    response = client.post(url("accessibility_measure", "create"), data)
    assert response.status_code == 200
    assert not AccessibilityMeasure.objects.exists()
    data |= {"title": "Screen readers", "stage": "planned"}
    response = client.post(url("accessibility_measure", "create"), data)
    assert response.status_code == 302
    assert AccessibilityMeasure.objects.get().title == "Screen readers"


# --- The workspace panel -------------------------------------------------------------------


def test_workspace_panel_for_cad_staff(client, cad_staff):
    PolicyReviewFactory(unit=cad_staff.unit)
    client.force_login(cad_staff)
    page = client.get(reverse("site:workspace")).content.decode()
    assert "Diversity and inclusion records of CAD" in page
    assert url("policy_review", "create") in page


def test_workspace_panel_not_for_units_of_other_components(client, other_staff):
    client.force_login(other_staff)
    page = client.get(reverse("site:workspace")).content.decode()
    assert "Diversity and inclusion records" not in page


def test_workspace_panel_for_advisers_links_the_lists(client, inclusion_facts):
    force_login_verified(client, AdviserFactory())
    page = client.get(reverse("site:workspace")).content.decode()
    assert url("workforce_snapshot", "list") in page


def test_policy_review_form_attaches_evidence_with_its_rows(client, cad_staff):
    from tests.monitoring.helpers import pdf_upload

    client.force_login(cad_staff)
    data = review_post(recommendations=[{"text": "Panels."}], evidence=pdf_upload("review.pdf"))
    response = client.post(url("policy_review", "create"), data)
    assert response.status_code == 302
    policy_review = PolicyReview.objects.get()
    assert [str(file) for file in policy_review.evidence_files.all()] == ["review.pdf"]
    assert policy_review.recommendations.count() == 1


def test_policy_review_form_without_its_rows_management_data_is_an_error_not_a_crash(
    client, cad_staff
):
    client.force_login(cad_staff)
    data = {
        key: value for key, value in review_post().items() if not key.startswith("recommendations-")
    }
    response = client.post(url("policy_review", "create"), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not PolicyReview.objects.exists()
