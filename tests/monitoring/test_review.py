"""The review core (apps.monitoring.review), through the services that wrap it:
who may review, edit and delete, the audit trail, the form token, reporting
periods that have not begun, the one percentage and the evidence totals."""

import datetime
import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF
from apps.monitoring import evidence, exports, review, services
from apps.monitoring.models import (
    Activity,
    ActivityEvidence,
    AuditEntry,
    Indicator,
    IndicatorUpdate,
    percentage,
)
from apps.monitoring.selectors import indicator_progress
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
)
from tests.monitoring.helpers import (
    APPROVED,
    DRAFT,
    RETURNED,
    SUBMITTED,
    activity_service_data,
    pdf_upload,
)
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    PartnerFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

OWN_WORK = "You cannot review your own work: you created, edited or submitted this record."
ONLY_DRAFTS = "Only a draft can be deleted, and only by the person who wrote it."
OWN_UNIT = "You can only change your own unit's records."


def _both_roles(unit):
    """Secretariat staff who is also a programme adviser: may write and may review."""
    return StaffUserFactory(unit=unit, roles=[SECRETARIAT_STAFF, PROGRAMME_ADVISERS], is_staff=True)


def trail(record) -> list[tuple[str, object]]:
    return [(entry.action, entry.user) for entry in review.audit_trail(record)]


@pytest.fixture
def unit_and_component():
    component = ComponentFactory()
    return UnitFactory(components=[component]), component


@pytest.fixture
def staff(unit_and_component):
    unit, _ = unit_and_component
    return StaffUserFactory(unit=unit)


@pytest.fixture
def component(unit_and_component):
    return unit_and_component[1]


# --- Who may review ----------------------------------------------------------------

REVIEWS = {
    "approve": lambda activity, reviewer: services.activity_approve(
        activity=activity, reviewer=reviewer
    ),
    "return": lambda activity, reviewer: services.activity_return(
        activity=activity, reviewer=reviewer, note="Add the agenda."
    ),
}
REVIEWED_STATUS = {"approve": APPROVED, "return": RETURNED}


@pytest.fixture
def shared_work(unit_and_component):
    """A colleague's draft that another colleague (adviser too) edited and a third
    (adviser too) submitted."""
    unit, component = unit_and_component
    creator, editor, submitter = StaffUserFactory(unit=unit), _both_roles(unit), _both_roles(unit)
    activity = services.activity_create(user=creator, data=activity_service_data(component))
    services.activity_update(activity=activity, user=editor, data={"title": "Edited title"})
    services.activity_submit(activity=activity, user=submitter)
    return SimpleNamespace(activity=activity, creator=creator, editor=editor, submitter=submitter)


@pytest.mark.parametrize("action", REVIEWS)
def test_review_refused_to_a_colleague_who_only_edited_the_record(shared_work, action):
    work, activity = shared_work, shared_work.activity
    assert work.editor.pk not in (activity.created_by_id, activity.submitted_by_id)

    with pytest.raises(ValidationError) as error:
        REVIEWS[action](activity, work.editor)

    assert error.value.messages == [OWN_WORK]
    activity.refresh_from_db()
    assert activity.status == SUBMITTED
    assert [done for done, _ in trail(activity)] == ["created", "edited", "submitted"]


@pytest.mark.parametrize("action", REVIEWS)
def test_review_refused_to_a_colleague_who_only_submitted_the_record(shared_work, action):
    work, activity = shared_work, shared_work.activity

    with pytest.raises(ValidationError) as error:
        REVIEWS[action](activity, work.submitter)

    assert error.value.messages == [OWN_WORK]
    activity.refresh_from_db()
    assert activity.status == SUBMITTED


@pytest.mark.parametrize("action", REVIEWS)
def test_review_refused_to_who_submitted_an_earlier_round(shared_work, action):
    """The last submission is the author's; the colleague's earlier one still counts."""
    work, activity = shared_work, shared_work.activity
    services.activity_return(activity=activity, reviewer=AdviserFactory(), note="Add the date.")
    services.activity_submit(activity=activity, user=work.creator)
    activity.refresh_from_db()
    assert activity.submitted_by == work.creator

    with pytest.raises(ValidationError, match="own work"):
        REVIEWS[action](activity, work.submitter)


@pytest.mark.parametrize("action", REVIEWS)
@pytest.mark.parametrize("who", ["adviser", "colleague with both roles"])
def test_review_allowed_to_whoever_did_none_of_it(shared_work, action, who):
    work, activity = shared_work, shared_work.activity
    reviewer = AdviserFactory() if who == "adviser" else _both_roles(work.creator.unit)

    REVIEWS[action](activity, reviewer)

    activity.refresh_from_db()
    assert activity.status == REVIEWED_STATUS[action]
    assert activity.reviewed_by == reviewer
    assert trail(activity)[-1] == ({"approve": "approved", "return": "returned"}[action], reviewer)


# --- may_edit, may_delete, may_review ------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"), [(DRAFT, True), (RETURNED, True), (SUBMITTED, False), (APPROVED, False)]
)
def test_may_edit_only_a_draft_or_returned_record(status, expected):
    activity = ActivityFactory(status=status)

    assert review.may_edit(user=activity.created_by, record=activity) is expected


def test_may_edit_by_unit_colleagues_but_not_other_units_or_advisers():
    activity = ActivityFactory()

    assert review.may_edit(user=StaffUserFactory(unit=activity.unit), record=activity) is True
    assert review.may_edit(user=StaffUserFactory(), record=activity) is False
    assert review.may_edit(user=AdviserFactory(), record=activity) is False
    assert review.edit_refusal(user=StaffUserFactory(), record=activity) == OWN_UNIT


def test_may_edit_not_in_a_locked_period_and_says_why():
    update = IndicatorUpdateFactory(period=ReportingPeriodFactory(is_locked=True))

    assert review.may_edit(user=update.created_by, record=update) is False
    assert review.edit_refusal(user=update.created_by, record=update) == (
        f"The reporting period {update.period.name} is locked: updates for it cannot be added "
        "or changed. Ask a programme adviser to unlock it."
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [(DRAFT, True), (RETURNED, False), (SUBMITTED, False), (APPROVED, False)],
)
def test_may_delete_only_a_draft_by_its_creator(status, expected):
    activity = ActivityFactory(status=status)

    assert review.may_delete(user=activity.created_by, record=activity) is expected


def test_may_delete_not_by_a_unit_colleague_nor_another_unit():
    activity = ActivityFactory()

    assert review.may_delete(user=StaffUserFactory(unit=activity.unit), record=activity) is False
    assert review.may_delete(user=StaffUserFactory(), record=activity) is False


def test_may_delete_not_a_draft_in_a_locked_period():
    update = IndicatorUpdateFactory(period=ReportingPeriodFactory(is_locked=True))

    assert review.may_delete(user=update.created_by, record=update) is False


@pytest.mark.parametrize(
    ("status", "expected"),
    [(SUBMITTED, True), (DRAFT, False), (RETURNED, False), (APPROVED, False)],
)
def test_may_review_only_a_submitted_record(status, expected):
    activity = ActivityFactory(status=status)

    assert review.may_review(user=AdviserFactory(), record=activity) is expected


def test_may_review_not_by_staff_an_inactive_adviser_or_the_author():
    author = _both_roles(UnitFactory())
    activity = ActivityFactory(status=SUBMITTED, unit=author.unit, created_by=author)

    assert review.may_review(user=StaffUserFactory(unit=activity.unit), record=activity) is False
    assert review.may_review(user=AdviserFactory(is_active=False), record=activity) is False
    assert review.may_review(user=author, record=activity) is False
    assert review.may_review(user=_both_roles(activity.unit), record=activity) is True


# --- Delete ---------------------------------------------------------------------------


def test_activity_delete_removes_the_draft_keeps_an_audit_entry_and_its_file_goes_on_commit(
    staff, component, django_capture_on_commit_callbacks
):
    activity = services.activity_create(
        user=staff, data=activity_service_data(component), files=[pdf_upload("agenda.pdf")]
    )
    stored = activity.evidence_files.get()
    name, storage, pk = stored.file.name, stored.file.storage, activity.pk
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.activity_delete(activity=activity, user=staff)
        assert storage.exists(name)  # kept until the deletion is committed

    assert not storage.exists(name)
    assert not Activity.objects.filter(pk=pk).exists()
    assert not ActivityEvidence.objects.exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETED)
    assert (entry.object_id, entry.user, entry.record_label) == (
        pk,
        staff,
        "Workshop on trade facilitation",
    )
    changes = {change["field"]: change for change in entry.changes}
    assert changes["title"] == {
        "field": "title",
        "label": "Title",
        "old": "Workshop on trade facilitation",
        "new": "",
    }
    assert changes["evidence_files"]["old"] == "agenda.pdf"
    assert changes["evidence_files"]["new"] == ""


def _assert_not_deleted(record):
    assert type(record).objects.filter(pk=record.pk).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.DELETED).exists()


def test_activity_delete_refused_for_a_returned_record(staff, component):
    activity = services.activity_create(
        user=staff, data=activity_service_data(component), submit=True
    )
    services.activity_return(activity=activity, reviewer=AdviserFactory(), note="Add the date.")

    with pytest.raises(ValidationError) as error:
        services.activity_delete(activity=activity, user=staff)

    assert error.value.messages == [ONLY_DRAFTS]
    _assert_not_deleted(activity)


def test_activity_delete_refused_to_a_unit_colleague(staff, component):
    activity = services.activity_create(user=staff, data=activity_service_data(component))

    with pytest.raises(ValidationError) as error:
        services.activity_delete(activity=activity, user=StaffUserFactory(unit=staff.unit))

    assert error.value.messages == [ONLY_DRAFTS]
    _assert_not_deleted(activity)


def test_activity_delete_refused_to_another_unit(staff, component):
    activity = services.activity_create(user=staff, data=activity_service_data(component))

    with pytest.raises(PermissionDenied, match=OWN_UNIT):
        services.activity_delete(activity=activity, user=StaffUserFactory())

    _assert_not_deleted(activity)


@pytest.fixture
def indicator():
    return IndicatorFactory(disaggregate_by_sex=True)


@pytest.fixture
def reporter(indicator):
    return StaffUserFactory(unit=indicator.responsible_unit)


def test_indicator_update_delete_refused_in_a_locked_period(indicator, reporter):
    update = services.indicator_update_create(
        indicator=indicator, period=ReportingPeriodFactory(), user=reporter, data={"value": 3}
    )
    update.period.is_locked = True
    update.period.save()

    with pytest.raises(ValidationError) as error:
        services.indicator_update_delete(update=update, user=reporter)

    assert error.value.messages == [
        f"The reporting period {update.period.name} is locked: updates for it cannot be added "
        "or changed. Ask a programme adviser to unlock it."
    ]
    _assert_not_deleted(update)


def test_indicator_update_delete_removes_a_draft_by_its_creator(
    indicator, reporter, django_capture_on_commit_callbacks
):
    update = services.indicator_update_create(
        indicator=indicator,
        period=ReportingPeriodFactory(),
        user=reporter,
        data={"value": 3},
        files=[pdf_upload()],
    )
    name = update.evidence_files.get().file.name
    storage = update.evidence_files.get().file.storage
    label = f"{indicator.code} · {update.period.name}"

    with django_capture_on_commit_callbacks(execute=True):
        services.indicator_update_delete(update=update, user=reporter)

    assert not IndicatorUpdate.objects.exists()
    assert not storage.exists(name)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETED)
    assert (entry.record_label, entry.user) == (label, reporter)


def test_indicator_update_delete_refused_for_a_submitted_one_and_a_colleague(indicator, reporter):
    update = services.indicator_update_create(
        indicator=indicator, period=ReportingPeriodFactory(), user=reporter, data={"value": 3}
    )

    with pytest.raises(ValidationError, match=ONLY_DRAFTS):
        services.indicator_update_delete(
            update=update, user=StaffUserFactory(unit=indicator.responsible_unit)
        )
    services.indicator_update_submit(update=update, user=reporter)
    with pytest.raises(ValidationError, match="is submitted and cannot be changed"):
        services.indicator_update_delete(update=update, user=reporter)

    _assert_not_deleted(update)


# --- The audit trail: one entry per service call -----------------------------------


def test_audit_create_writes_one_created_entry_with_the_initial_values(staff, component):
    activity = services.activity_create(user=staff, data=activity_service_data(component))

    assert trail(activity) == [("created", staff)]
    changes = {change["field"]: change for change in review.audit_trail(activity).get().changes}
    assert changes["title"] == {
        "field": "title",
        "label": "Title",
        "old": "",
        "new": "Workshop on trade facilitation",
    }
    assert changes["start_date"] == {
        "field": "start_date",
        "label": "Date",
        "old": "",
        "new": "2019-09-10",
    }
    assert changes["activity_type"]["new"] == "Workshop"
    assert changes["unit"]["new"] == staff.unit.name
    assert changes["participants_women"] == {
        "field": "participants_women",
        "label": "Women",
        "old": "",
        "new": "14",
    }
    assert changes["is_public"]["new"] == "no"
    # Workflow bookkeeping is not part of what was written, nor are empty fields.
    assert not set(changes) & {*Activity.REVIEW_FIELDS, "description", "end_date"}


def test_audit_create_and_submit_writes_one_submitted_entry(staff, component):
    activity = services.activity_create(
        user=staff, data=activity_service_data(component), submit=True
    )

    assert trail(activity) == [("submitted", staff)]
    changes = review.audit_trail(activity).get().changes
    assert {"field": "title", "label": "Title", "old": "", "new": activity.title} in changes


def test_audit_update_and_submit_writes_one_entry_with_only_what_changed(staff, component):
    activity = services.activity_create(user=staff, data=activity_service_data(component))

    services.activity_update(
        activity=activity,
        user=staff,
        data=activity_service_data(component, location="Jakarta"),
        submit=True,
    )

    assert trail(activity) == [("created", staff), ("submitted", staff)]
    assert review.audit_trail(activity).last().changes == [
        {"field": "location", "label": "Location", "old": "", "new": "Jakarta"}
    ]


def test_audit_an_update_that_changes_nothing_writes_no_entry(staff, component):
    activity = services.activity_create(user=staff, data=activity_service_data(component))
    updated_at = Activity.objects.get(pk=activity.pk).updated_at

    services.activity_update(
        activity=activity,
        user=staff,
        data=activity_service_data(component, member_states=[], partners=[], indicators=[]),
    )

    assert trail(activity) == [("created", staff)]
    assert Activity.objects.get(pk=activity.pk).updated_at == updated_at


def test_audit_approve_and_return_write_one_entry_each_with_the_note(staff, component):
    adviser = AdviserFactory()
    activity = services.activity_create(
        user=staff, data=activity_service_data(component), submit=True
    )

    services.activity_return(activity=activity, reviewer=adviser, note="  Add the agenda.  ")
    services.activity_submit(activity=activity, user=staff)
    services.activity_approve(activity=activity, reviewer=adviser)

    assert trail(activity) == [
        ("submitted", staff),
        ("returned", adviser),
        ("submitted", staff),
        ("approved", adviser),
    ]
    returned = review.audit_trail(activity).get(action=AuditEntry.Action.RETURNED)
    assert returned.note == "Add the agenda."
    # A plain resubmission changed nothing.
    assert review.audit_trail(activity)[2].changes == []


def test_audit_shows_changed_member_states_partners_and_indicators(staff, component):
    activity = services.activity_create(user=staff, data=activity_service_data(component))
    laos, brunei = MemberStateFactory(name="Lao PDR"), MemberStateFactory(name="Brunei")
    partner = PartnerFactory(name="World Bank", acronym="WB")
    contributes = IndicatorFactory(result__component=component, code="1.1.a", title="Trade rules")

    services.activity_update(
        activity=activity,
        user=staff,
        data={"member_states": [laos, brunei], "partners": [partner], "indicators": [contributes]},
    )
    services.activity_update(activity=activity, user=staff, data={"member_states": [laos]})

    first, second = review.audit_trail(activity).filter(action=AuditEntry.Action.EDITED)
    assert first.changes == [
        {
            "field": "member_states",
            "label": "Member states involved",
            "old": "",
            "new": "Brunei; Lao PDR",
        },
        {"field": "partners", "label": "Partners", "old": "", "new": "World Bank (WB)"},
        {
            "field": "indicators",
            "label": "Contributes to indicators",
            "old": "",
            "new": "1.1.a Trade rules",
        },
    ]
    assert second.changes == [
        {
            "field": "member_states",
            "label": "Member states involved",
            "old": "Brunei; Lao PDR",
            "new": "Lao PDR",
        }
    ]


def test_audit_shows_a_changed_breakdown(indicator, reporter):
    update = services.indicator_update_create(
        indicator=indicator,
        period=ReportingPeriodFactory(),
        user=reporter,
        data={
            "value": Decimal("10"),
            "disaggregations": [{"category": "sex", "group": "women", "value": "4"}],
        },
    )

    services.indicator_update_change(
        update=update,
        user=reporter,
        data={"disaggregations": [{"category": "sex", "group": "women", "value": "6.5"}]},
    )

    assert [done for done, _ in trail(update)] == ["created", "edited"]
    assert review.audit_trail(update).last().changes == [
        {"field": "breakdown:women", "label": "Breakdown by sex: Women", "old": "4", "new": "6.5"}
    ]


def test_audit_shows_an_attached_evidence_file(staff, component):
    activity = services.activity_create(user=staff, data=activity_service_data(component))

    services.evidence_attach(record=activity, file=pdf_upload("name.pdf"), user=staff)
    services.evidence_attach(record=activity, file=pdf_upload("second.pdf"), user=staff)

    first, second = review.audit_trail(activity).filter(action=AuditEntry.Action.EDITED)
    assert first.changes == [
        {"field": "evidence_files", "label": "Evidence files", "old": "", "new": "name.pdf"}
    ]
    assert second.changes == [
        {
            "field": "evidence_files",
            "label": "Evidence files",
            "old": "name.pdf",
            "new": "name.pdf; second.pdf",
        }
    ]


# --- The form token -------------------------------------------------------------------


def test_token_sent_twice_by_the_same_user_gives_back_the_first_activity(staff, component):
    token = uuid.uuid4()
    first = services.activity_create(user=staff, data=activity_service_data(component), token=token)

    with pytest.raises(review.DuplicateSubmission) as duplicate:
        services.activity_create(user=staff, data=activity_service_data(component), token=token)

    assert duplicate.value.record == first
    assert Activity.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_token_used_by_another_user_is_refused(staff, component):
    token = uuid.uuid4()
    services.activity_create(user=staff, data=activity_service_data(component), token=token)

    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=StaffUserFactory(unit=staff.unit),
            data=activity_service_data(component),
            token=token,
        )

    assert error.value.messages == ["This form cannot be sent again. Reload the page and retry."]
    assert Activity.objects.count() == 1


def test_a_new_token_creates_a_second_activity(staff, component):
    services.activity_create(user=staff, data=activity_service_data(component), token=uuid.uuid4())
    services.activity_create(user=staff, data=activity_service_data(component), token=uuid.uuid4())

    assert Activity.objects.count() == 2


# --- Indicator updates only for periods that have begun -----------------------------


def test_indicator_update_create_refuses_a_period_starting_tomorrow(indicator, reporter):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    period = ReportingPeriodFactory(start=tomorrow, end=tomorrow + datetime.timedelta(days=90))

    with pytest.raises(ValidationError) as error:
        services.indicator_update_create(
            indicator=indicator, period=period, user=reporter, data={"value": 3}
        )

    assert error.value.messages == [
        f"The reporting period {period.name} starts on "
        f"{tomorrow.day} {tomorrow:%B} {tomorrow.year}: report on it once it has begun."
    ]
    assert not IndicatorUpdate.objects.exists()


def test_indicator_update_create_accepts_a_period_starting_today(indicator, reporter):
    today = timezone.localdate()
    period = ReportingPeriodFactory(start=today, end=today + datetime.timedelta(days=90))

    update = services.indicator_update_create(
        indicator=indicator, period=period, user=reporter, data={"value": 3}
    )

    assert update.period == period
    assert update.status == DRAFT


# --- One number: the percentage --------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(1, 16, "6.3"), (1, 8, "12.5"), (0, 5, "0.0"), (5, 5, "100.0"), (1, 3, "33.3")],
)
def test_percentage_to_one_decimal_halves_rounded_up(numerator, denominator, expected):
    result = percentage(Decimal(numerator), Decimal(denominator))

    # Compared as text: Decimal("6.30") == Decimal("6.3"), but it reads differently.
    assert str(result) == expected


@pytest.mark.parametrize(("numerator", "denominator"), [(1, 0), (None, 5), (1, None)])
def test_percentage_without_a_ratio_is_none(numerator, denominator):
    assert percentage(numerator, denominator) is None


def test_percentage_reads_the_same_in_the_model_selectors_export_and_admin(client, adviser):
    indicator = IndicatorFactory(
        measure=Indicator.Measure.PERCENTAGE, target_value=Decimal("50"), code="2.1.a"
    )
    update = IndicatorUpdateFactory(
        indicator=indicator,
        value=None,
        numerator=Decimal("1"),
        denominator=Decimal("16"),
        status=APPROVED,
    )

    assert str(update.reported_value) == "6.3"
    assert str(indicator_progress(indicators=[indicator])[indicator.pk].actual) == "6.3"
    table = exports.targets_vs_actuals_table(user=adviser)
    header = [str(name) for name in table.header]
    (row,) = [row for row in table.rows if row[header.index("Indicator code")] == "2.1.a"]
    assert str(row[header.index("Actual as of the period")]) == "6.3"
    force_login_verified(client, adviser)
    response = client.get(reverse("admin:monitoring_indicatorupdate_changelist"))
    assert response.status_code == 200
    assert "6.3%" in response.content.decode()


# --- Evidence totals ------------------------------------------------------------------

MB = evidence.MB


def _sized(size: int) -> SimpleUploadedFile:
    """An upload that says it holds `size` bytes (validate_total reads only the size)."""
    file = SimpleUploadedFile("report.pdf", b"%PDF")
    file.size = size
    return file


def test_validate_total_accepts_files_exactly_at_the_limit():
    evidence.validate_total(files=[_sized(30 * MB), _sized(20 * MB)])
    evidence.validate_total(files=[_sized(MB)], stored_bytes=49 * MB)


def test_validate_total_refuses_one_byte_over_the_limit():
    with pytest.raises(ValidationError) as error:
        evidence.validate_total(files=[_sized(30 * MB), _sized(20 * MB + 1)])

    assert error.value.messages == [
        "These files come to 50.1 MB; at most 50 MB can be attached at once. "
        "Send them in smaller groups."
    ]


def test_validate_total_refuses_one_byte_over_what_the_record_holds():
    with pytest.raises(ValidationError) as error:
        evidence.validate_total(files=[_sized(MB + 1)], stored_bytes=49 * MB)

    assert error.value.messages == [
        "These files come to 1.1 MB, but the record already holds 49.0 MB and all its files "
        "together may not exceed 50 MB. Remove a file or attach smaller ones."
    ]


@pytest.fixture
def small_limits(monkeypatch):
    """A "megabyte" of 10 bytes and a 40-byte limit per record."""
    monkeypatch.setattr(evidence, "MB", 10)
    monkeypatch.setattr(evidence, "MAX_TOTAL_BYTES", 40)
    monkeypatch.setattr(evidence, "MAX_FILE_BYTES", 40)


@pytest.fixture
def nearly_full_activity():
    """A draft holding two files of 17 bytes: 34 of 40 bytes."""
    activity = ActivityFactory()
    ActivityEvidenceFactory.create_batch(2, record=activity)
    return activity


def _stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


def test_evidence_attach_refuses_a_file_beyond_what_the_record_holds(
    small_limits, nearly_full_activity, media_root
):
    activity = nearly_full_activity

    with pytest.raises(ValidationError) as error:
        services.evidence_attach(
            record=activity, file=pdf_upload(content=b"%PDF-1."), user=activity.created_by
        )

    assert error.value.messages == [
        "These files come to 0.7 MB, but the record already holds 3.4 MB and all its files "
        "together may not exceed 4 MB. Remove a file or attach smaller ones."
    ]
    assert activity.evidence_files.count() == 2
    assert len(_stored_files(media_root)) == 2
    assert not AuditEntry.objects.exists()


def test_evidence_attach_accepts_a_file_filling_the_record_exactly(
    small_limits, nearly_full_activity, media_root
):
    activity = nearly_full_activity

    services.evidence_attach(
        record=activity, file=pdf_upload(content=b"%PDF-1"), user=activity.created_by
    )

    assert activity.evidence_files.count() == 3
    assert len(_stored_files(media_root)) == 3
    assert [done for done, _ in trail(activity)] == ["edited"]
