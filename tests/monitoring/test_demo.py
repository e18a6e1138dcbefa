"""The monitoring demo data: idempotent, written through the workflow, and visible publicly."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from apps.accounts.services import demo_accounts_create
from apps.monitoring import review, selectors
from apps.monitoring.demo import monitoring_demo_load
from apps.monitoring.models import (
    Activity,
    Indicator,
    IndicatorUpdate,
    ReportingPeriod,
    ReviewStatus,
)
from apps.programme.models import Component

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(programme_facts):
    return demo_accounts_create(password="a-demo-password-for-tests")


@pytest.fixture
def demo(demo_users):
    monitoring_demo_load(users=demo_users)
    return demo_users


def _row_counts() -> dict[str, int]:
    """Every monitoring table, the audit trail and history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label == "monitoring"
    }


def test_loading_twice_changes_no_row_counts(demo_users):
    first = monitoring_demo_load(users=demo_users)
    after_first = _row_counts()

    second = monitoring_demo_load(users=demo_users)

    assert _row_counts() == after_first
    assert set(second.values()) == {0}
    assert first["indicator updates"] > 100
    assert first["activities"] >= 30


def test_loading_again_puts_back_a_missing_update_in_a_locked_period(demo):
    update = IndicatorUpdate.objects.get(indicator__code="1.2.b", period__name="2019 Q1")
    update.delete()

    written = monitoring_demo_load(users=demo)

    assert written["indicator updates"] == 1
    restored = IndicatorUpdate.objects.get(indicator__code="1.2.b", period__name="2019 Q1")
    assert restored.status == ReviewStatus.APPROVED
    assert ReportingPeriod.objects.get(name="2019 Q1").is_locked


def test_every_review_state_is_present_for_updates_and_activities(demo):
    for model in (IndicatorUpdate, Activity):
        states = set(model.objects.values_list("status", flat=True))
        assert states == set(ReviewStatus.values), model
        returned = model.objects.filter(status=ReviewStatus.RETURNED)
        assert all(record.review_note for record in returned)
    assert Activity.objects.filter(status=ReviewStatus.APPROVED, is_public=False).exists()
    assert Activity.objects.filter(status=ReviewStatus.APPROVED, is_public=True).count() >= 20


def test_every_component_has_results_activities_and_a_measure_mix(demo):
    for component in Component.objects.all():
        assert selectors.results_public(component=component), component.slug
        assert selectors.activity_list_public(component=component).exists(), component.slug
    measures = set(Indicator.objects.values_list("measure", "cumulative_rule"))
    assert (Indicator.Measure.NUMBER, Indicator.CumulativeRule.CUMULATIVE) in measures
    assert (Indicator.Measure.NUMBER, Indicator.CumulativeRule.NON_CUMULATIVE) in measures
    assert Indicator.objects.filter(measure=Indicator.Measure.PERCENTAGE).exists()
    assert Indicator.objects.filter(measure=Indicator.Measure.QUALITATIVE).exists()
    assert Indicator.objects.filter(direction=Indicator.Direction.DECREASE).exists()
    assert Indicator.objects.filter(disaggregate_by_sex=True).exists()
    assert Indicator.objects.filter(is_public=False).exists()
    units = set(Indicator.objects.values_list("responsible_unit__abbreviation", flat=True))
    assert units <= {"CRD", "ACD", "CAD"}


def test_all_but_the_last_two_quarters_are_locked(demo):
    periods = list(ReportingPeriod.objects.order_by("start"))

    assert [period.name for period in periods][:2] == ["2018 Q1", "2018 Q2"]
    assert periods[-1].name == "2021 Q4"
    assert len(periods) == 16
    assert [period.is_locked for period in periods] == [True] * 14 + [False] * 2


def test_records_are_written_by_the_units_staff_and_reviewed_by_the_adviser(demo):
    adviser = next(user for user in demo if user.is_programme_adviser)
    for update in IndicatorUpdate.objects.select_related(
        "created_by", "indicator__responsible_unit"
    ):
        assert update.created_by.unit_id == update.indicator.responsible_unit_id
        if update.status in (ReviewStatus.APPROVED, ReviewStatus.RETURNED):
            assert update.reviewed_by == adviser
    for activity in Activity.objects.select_related("created_by"):
        assert activity.created_by.unit_id == activity.unit_id
        assert activity.created_by != adviser
    # The audit trail is the workflow's: the author submitted, the adviser approved.
    approved = Activity.objects.filter(status=ReviewStatus.APPROVED).first()
    trail = [(entry.action, entry.user) for entry in review.audit_trail(approved)]
    assert trail == [("submitted", approved.created_by), ("approved", adviser)]


def test_the_results_pages_show_the_demo_results(client, demo):
    # /results/ gives a line per component; each component's page its indicators
    # (the demo has fewer than 10 results a component: one page each).
    slugs = ("organisational-processes", "connectivity", "diversity-inclusion")
    overview = client.get(reverse("site:results")).content.decode()
    assert all(reverse("site:results_component", args=[slug]) in overview for slug in slugs)
    html = "".join(
        client.get(reverse("site:results_component", args=[slug])).content.decode()
        for slug in slugs
    )

    assert "ASEAN cities applying the ASUS assessment framework" in html
    assert "Average time to complete a recruitment at ASEC" in html
    assert "Lower is better" in html
    # 3.1.b's latest approved narrative, not its later draft.
    assert "public web pages meet WCAG 2.1 AA" in html
    assert "follow-up of the second building audit" not in html
    # The internal indicator stays internal.
    assert "Internal ACD coordination meetings" not in html


def test_the_component_page_lists_the_demo_activities(client, demo):
    html = client.get(reverse("site:component_detail", args=["organisational-processes"]))
    html = html.content.decode()

    assert "Anti-corruption workshop with the Corruption Eradication Commission (KPK)" in html
    assert "Legal training on ASEAN contracts with the Centre for International Law" in html
    assert "ASEAN Media Forum 2018" in html
    # Submitted, returned, draft and internal activities are not public.
    assert "ASEAN Media Forum 2021" not in html
    assert "Evaluation workshop on the online outreach campaign" not in html
    assert "Review of the communication strategy" not in html
    assert "Consultation with civil society" not in html


def test_missing_demo_accounts_are_named(programme_facts):
    missing = "missing: ACD, CAD, CID, CRD, IAED, LSAD, the adviser"
    with pytest.raises(ImproperlyConfigured, match=missing):
        monitoring_demo_load(users=[])
