from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.monitoring import evidence as evidence_rules
from apps.monitoring import review, services
from apps.monitoring.models import Activity, Disaggregation, Indicator, ReviewStatus
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.monitoring.factories import (
    ActivityFactory,
    DisaggregationFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
)
from tests.monitoring.helpers import activity_service_data
from tests.programme.factories import ComponentFactory, MemberStateFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_with_component():
    component = ComponentFactory()
    unit = UnitFactory(components=[component])
    return StaffUserFactory(unit=unit), component


def trail(record) -> list[tuple[str, object]]:
    """The record's audit trail as (action, user) pairs, oldest first."""
    return [(entry.action, entry.user) for entry in review.audit_trail(record)]


# --- Activities: create and submit ------------------------------------------


def test_activity_create_logs_a_draft_for_the_users_unit(staff_with_component):
    staff, component = staff_with_component

    activity = services.activity_create(user=staff, data=activity_service_data(component))

    assert activity.status == ReviewStatus.DRAFT
    assert activity.unit == staff.unit
    assert activity.created_by == staff
    assert activity.participants_total == 25
    assert activity.participants_without_disability == 20
    assert trail(activity) == [("created", staff)]


def test_activity_create_and_submit_in_one_step(staff_with_component):
    staff, component = staff_with_component

    activity = services.activity_create(
        user=staff, data=activity_service_data(component), submit=True
    )

    assert activity.status == ReviewStatus.SUBMITTED
    assert activity.submitted_at is not None


def test_activity_create_refuses_more_disability_answers_than_participants(
    staff_with_component,
):
    staff, component = staff_with_component
    data = activity_service_data(component, participants_with_disability=30)

    with pytest.raises(ValidationError, match="cannot be more than all participants"):
        services.activity_create(user=staff, data=data)

    assert Activity.objects.count() == 0


def test_activity_create_refuses_a_component_the_unit_does_not_work_with(staff_with_component):
    staff, _ = staff_with_component

    with pytest.raises(ValidationError, match="does not work with this component"):
        services.activity_create(user=staff, data=activity_service_data(ComponentFactory()))


def test_activity_create_refuses_indicators_of_another_component(staff_with_component):
    staff, component = staff_with_component
    foreign = IndicatorFactory(code="9.9.z")

    with pytest.raises(ValidationError, match=r"another component: 9\.9\.z"):
        services.activity_create(
            user=staff, data=activity_service_data(component, indicators=[foreign])
        )


def test_activity_create_refused_to_advisers_and_users_without_a_unit(staff_with_component):
    _, component = staff_with_component

    for user in (AdviserFactory(), StaffUserFactory(unit=None)):
        with pytest.raises(PermissionDenied):
            services.activity_create(user=user, data=activity_service_data(component))


def test_activity_create_saves_relations(staff_with_component):
    staff, component = staff_with_component
    states = MemberStateFactory.create_batch(2)
    indicator = IndicatorFactory(result__component=component)

    activity = services.activity_create(
        user=staff,
        data=activity_service_data(component, member_states=states, indicators=[indicator]),
    )

    assert set(activity.member_states.all()) == set(states)
    assert list(activity.indicators.all()) == [indicator]


# --- Activities: the workflow ----------------------------------------------


def test_activity_update_by_another_unit_is_refused():
    activity = ActivityFactory()
    outsider = StaffUserFactory()

    with pytest.raises(PermissionDenied, match="own unit"):
        services.activity_update(activity=activity, user=outsider, data={"title": "Hijacked"})


def test_activity_update_of_a_submitted_record_is_refused():
    activity = ActivityFactory(status=ReviewStatus.SUBMITTED)

    with pytest.raises(ValidationError, match="is submitted and cannot be changed"):
        services.activity_update(
            activity=activity, user=activity.created_by, data={"title": "Changed"}
        )


def test_activity_approve_by_an_adviser():
    activity = ActivityFactory(status=ReviewStatus.SUBMITTED)
    adviser = AdviserFactory()

    services.activity_approve(activity=activity, reviewer=adviser)

    activity.refresh_from_db()
    assert activity.status == ReviewStatus.APPROVED
    assert activity.reviewed_by == adviser
    assert trail(activity) == [("approved", adviser)]


@pytest.mark.parametrize(
    "status", [ReviewStatus.DRAFT, ReviewStatus.RETURNED, ReviewStatus.APPROVED]
)
def test_activity_approve_refuses_records_not_submitted(status):
    activity = ActivityFactory(status=status)

    with pytest.raises(ValidationError, match="Only submitted records can be reviewed"):
        services.activity_approve(activity=activity, reviewer=AdviserFactory())


def test_activity_approve_refuses_own_work():
    adviser = AdviserFactory()
    activity = ActivityFactory(status=ReviewStatus.SUBMITTED, created_by=adviser)

    with pytest.raises(ValidationError, match="own work"):
        services.activity_approve(activity=activity, reviewer=adviser)


def test_activity_approve_refused_to_staff():
    activity = ActivityFactory(status=ReviewStatus.SUBMITTED)

    with pytest.raises(PermissionDenied, match="Only programme advisers"):
        services.activity_approve(activity=activity, reviewer=StaffUserFactory())


def test_activity_return_needs_a_note_and_then_allows_resubmission():
    activity = ActivityFactory(status=ReviewStatus.SUBMITTED)
    adviser = AdviserFactory()

    with pytest.raises(ValidationError, match="Say why"):
        services.activity_return(activity=activity, reviewer=adviser, note="  ")
    services.activity_return(activity=activity, reviewer=adviser, note="Add the participants.")
    activity.refresh_from_db()
    assert activity.status == ReviewStatus.RETURNED
    assert activity.review_note == "Add the participants."

    services.activity_update(
        activity=activity, user=activity.created_by, data={"participants_women": 20}, submit=True
    )

    activity.refresh_from_db()
    assert activity.status == ReviewStatus.SUBMITTED
    assert activity.participants_women == 20
    # One entry per action; the resubmission carries what the author changed.
    assert trail(activity) == [("returned", adviser), ("submitted", activity.created_by)]
    resubmitted = review.audit_trail(activity).last()
    assert resubmitted.changes == [
        {"field": "participants_women", "label": "Women", "old": "12", "new": "20"}
    ]


def test_approval_clears_an_earlier_reviewers_note():
    activity = ActivityFactory(status=ReviewStatus.SUBMITTED, review_note="Old note")

    services.activity_approve(activity=activity, reviewer=AdviserFactory())

    assert activity.review_note == ""


# --- Indicator updates ------------------------------------------------------


@pytest.fixture
def indicator():
    return IndicatorFactory(disaggregate_by_sex=True, disaggregate_by_member_state=True)


@pytest.fixture
def reporter(indicator):
    return StaffUserFactory(unit=indicator.responsible_unit)


def test_indicator_update_create_with_disaggregations(indicator, reporter):
    state = MemberStateFactory()
    rows = [
        {"category": "sex", "group": "women", "value": "6"},
        {"category": "sex", "group": "men", "value": "4"},
        {"category": "member_state", "group": "member_state", "member_state": state, "value": 3},
        {"category": "sex", "group": "sex_other", "value": ""},
    ]

    update = services.indicator_update_create(
        indicator=indicator,
        period=ReportingPeriodFactory(),
        user=reporter,
        data={"value": Decimal("10"), "disaggregations": rows},
    )

    assert update.value == Decimal("10")
    assert update.disaggregations.count() == 3
    assert update.disaggregations.get(member_state=state).value == 3


def test_indicator_update_disaggregations_cannot_add_up_to_more_than_the_total(indicator, reporter):
    rows = [
        {"category": "sex", "group": "women", "value": "7"},
        {"category": "sex", "group": "men", "value": "4"},
    ]

    with pytest.raises(ValidationError, match="by sex add up to 11, more than the total of 10"):
        services.indicator_update_create(
            indicator=indicator,
            period=ReportingPeriodFactory(),
            user=reporter,
            data={"value": Decimal("10"), "disaggregations": rows},
        )

    assert indicator.updates.count() == 0


def test_indicator_update_change_keeps_existing_disaggregations_within_a_new_total(
    indicator, reporter
):
    update = IndicatorUpdateFactory(indicator=indicator, created_by=reporter, value=10)
    DisaggregationFactory(update=update, value=8)

    with pytest.raises(ValidationError, match="more than the total of 5"):
        services.indicator_update_change(update=update, user=reporter, data={"value": 5})

    update.refresh_from_db()
    assert update.value == 10


def test_indicator_update_refuses_categories_the_indicator_does_not_ask_for(indicator, reporter):
    rows = [{"category": "disability", "group": "with_disability", "value": 1}]

    with pytest.raises(ValidationError, match="not disaggregated by disability"):
        services.indicator_update_create(
            indicator=indicator,
            period=ReportingPeriodFactory(),
            user=reporter,
            data={"value": 5, "disaggregations": rows},
        )


def test_indicator_update_create_refused_in_a_locked_period(indicator, reporter):
    period = ReportingPeriodFactory(is_locked=True)

    with pytest.raises(ValidationError, match=f"{period.name} is locked"):
        services.indicator_update_create(
            indicator=indicator, period=period, user=reporter, data={"value": 5}
        )


def test_indicator_update_change_refused_once_the_period_is_locked(indicator, reporter):
    update = IndicatorUpdateFactory(indicator=indicator, created_by=reporter)
    update.period.is_locked = True
    update.period.save()

    with pytest.raises(ValidationError, match="is locked"):
        services.indicator_update_change(update=update, user=reporter, data={"value": 12})
    with pytest.raises(ValidationError, match="is locked"):
        services.indicator_update_submit(update=update, user=reporter)


def test_indicator_update_create_refuses_a_second_update_for_the_period(indicator, reporter):
    existing = IndicatorUpdateFactory(indicator=indicator, created_by=reporter)

    with pytest.raises(ValidationError, match="already has an update"):
        services.indicator_update_create(
            indicator=indicator, period=existing.period, user=reporter, data={"value": 1}
        )


def test_indicator_update_create_refused_for_another_units_indicator(indicator):
    with pytest.raises(PermissionDenied, match="own unit's indicators"):
        services.indicator_update_create(
            indicator=indicator,
            period=ReportingPeriodFactory(),
            user=StaffUserFactory(),
            data={"value": 1},
        )


@pytest.mark.parametrize(
    ("measure", "data", "field", "message"),
    [
        (Indicator.Measure.NUMBER, {}, "value", "Enter the value"),
        (Indicator.Measure.PERCENTAGE, {"numerator": 5}, "denominator", "greater than zero"),
        (
            Indicator.Measure.PERCENTAGE,
            {"numerator": 6, "denominator": 5},
            "numerator",
            "cannot be larger",
        ),
        (Indicator.Measure.QUALITATIVE, {"narrative": " "}, "narrative", "Describe the progress"),
    ],
)
def test_indicator_update_asks_for_what_the_measure_needs(measure, data, field, message):
    indicator = IndicatorFactory(measure=measure)
    reporter = StaffUserFactory(unit=indicator.responsible_unit)

    with pytest.raises(ValidationError) as error:
        services.indicator_update_create(
            indicator=indicator, period=ReportingPeriodFactory(), user=reporter, data=data
        )

    assert message in error.value.message_dict[field][0]


def test_indicator_update_review_cycle(indicator, reporter):
    update = IndicatorUpdateFactory(indicator=indicator, created_by=reporter)
    adviser = AdviserFactory()

    services.indicator_update_submit(update=update, user=reporter)
    services.indicator_update_return(update=update, reviewer=adviser, note="Check the source.")
    services.indicator_update_change(update=update, user=reporter, data={"value": 11}, submit=True)
    services.indicator_update_approve(update=update, reviewer=adviser)

    update.refresh_from_db()
    assert update.status == ReviewStatus.APPROVED
    assert update.value == 11
    with pytest.raises(ValidationError, match="is approved and cannot be changed"):
        services.indicator_update_change(update=update, user=reporter, data={"value": 12})


def test_indicator_update_approve_refuses_own_work(indicator):
    adviser = AdviserFactory()
    update = IndicatorUpdateFactory(
        indicator=indicator, created_by=adviser, status=ReviewStatus.SUBMITTED
    )

    with pytest.raises(ValidationError, match="own work"):
        services.indicator_update_approve(update=update, reviewer=adviser)


# --- Indicators: rules fixed once approved data exists ------------------------


def test_indicator_measure_and_cumulative_rule_fixed_once_approved_data_exists():
    update = IndicatorUpdateFactory(status=ReviewStatus.APPROVED)
    indicator = update.indicator
    indicator.cumulative_rule = Indicator.CumulativeRule.CUMULATIVE
    indicator.measure = Indicator.Measure.PERCENTAGE

    with pytest.raises(ValidationError) as error:
        indicator.full_clean()

    assert "approved values exist" in error.value.message_dict["cumulative_rule"][0]
    assert "approved values exist" in error.value.message_dict["measure"][0]


def test_indicator_rules_may_change_while_no_update_is_approved():
    update = IndicatorUpdateFactory(status=ReviewStatus.SUBMITTED)
    indicator = update.indicator
    indicator.cumulative_rule = Indicator.CumulativeRule.CUMULATIVE

    indicator.full_clean()


def test_percentage_indicator_target_must_be_a_percentage():
    indicator = IndicatorFactory.build(
        measure=Indicator.Measure.PERCENTAGE,
        target_value=Decimal("120"),
        result=IndicatorFactory().result,
        responsible_unit=UnitFactory(),
    )

    with pytest.raises(ValidationError, match="between 0 and 100"):
        indicator.full_clean()


# --- Periods ----------------------------------------------------------------


def test_period_lock_and_unlock_by_an_adviser_only():
    period = ReportingPeriodFactory()
    adviser = AdviserFactory()

    services.period_set_locked(period=period, locked=True, user=adviser)
    assert period.is_locked
    services.period_set_locked(period=period, locked=False, user=adviser)
    assert not period.is_locked
    assert period.history.first().history_user == adviser
    with pytest.raises(PermissionDenied):
        services.period_set_locked(period=period, locked=True, user=StaffUserFactory())


# --- Evidence ---------------------------------------------------------------


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_evidence_attach_stores_under_a_server_made_name():
    activity = ActivityFactory()

    evidence = services.evidence_attach(
        record=activity,
        file=_upload("../../etc/Attendance list.pdf", b"%PDF-1.7 attendance"),
        user=activity.created_by,
    )

    assert evidence.original_name == "Attendance list.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.file.name.startswith("evidence/")
    assert "Attendance" not in evidence.file.name
    assert evidence.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "cannot be attached"),
        ("renamed.pdf", b"MZ\x90\x00 not a pdf", "does not match its PDF extension"),
        ("empty.pdf", b"", "The file is empty"),
        ("binary.csv", b"a,b\x00\x01", "does not look like a text file"),
    ],
)
def test_evidence_attach_refuses_bad_files(name, content, message):
    activity = ActivityFactory()

    with pytest.raises(ValidationError, match=message):
        services.evidence_attach(
            record=activity, file=_upload(name, content), user=activity.created_by
        )

    assert activity.evidence_files.count() == 0


def test_evidence_attach_refuses_files_over_the_limit(monkeypatch):
    monkeypatch.setattr(evidence_rules, "MAX_FILE_BYTES", 10)
    activity = ActivityFactory()

    with pytest.raises(ValidationError, match="the limit is"):
        services.evidence_attach(
            record=activity, file=_upload("big.pdf", b"%PDF" + b"x" * 20), user=activity.created_by
        )


def test_evidence_attach_refused_on_another_units_record():
    activity = ActivityFactory()

    with pytest.raises(PermissionDenied):
        services.evidence_attach(
            record=activity, file=_upload("a.pdf", b"%PDF-1"), user=StaffUserFactory()
        )


def test_evidence_delete_removes_the_row_and_the_file(django_capture_on_commit_callbacks):
    activity = ActivityFactory()
    evidence = services.evidence_attach(
        record=activity, file=_upload("a.pdf", b"%PDF-1"), user=activity.created_by
    )
    storage, name = evidence.file.storage, evidence.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(evidence=evidence, user=activity.created_by)

    assert activity.evidence_files.count() == 0
    assert not storage.exists(name)


def test_disaggregation_rows_are_unique_per_group():
    update = IndicatorUpdateFactory(indicator__disaggregate_by_sex=True)
    DisaggregationFactory(update=update, group=Disaggregation.Group.WOMEN)

    with pytest.raises(ValidationError):
        DisaggregationFactory.build(update=update, group=Disaggregation.Group.WOMEN).full_clean()
