"""The advisers' back office: review queues, workflow actions, exports, key figures."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF
from apps.monitoring import exports, review, services
from apps.monitoring.models import (
    Activity,
    Indicator,
    IndicatorUpdate,
    ReportingPeriod,
)
from apps.monitoring.selectors import (
    indicator_progress,
    progress_percent,
)
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.helpers import assert_size_flat, force_login_verified, query_count, response_size
from tests.monitoring.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    DisaggregationFactory,
    IndicatorFactory,
    IndicatorUpdateEvidenceFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
    ResultFactory,
)
from tests.monitoring.helpers import APPROVED, DRAFT, RETURNED, SUBMITTED
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    PartnerFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

ACTIVITIES = reverse("admin:monitoring_activity_changelist")
UPDATES = reverse("admin:monitoring_indicatorupdate_changelist")
PERIODS = reverse("admin:monitoring_reportingperiod_changelist")
RESULTS = reverse("admin:monitoring_result_changelist")
INDICATORS = reverse("admin:monitoring_indicator_changelist")


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _action(client, url, action, records, **extra):
    """POST an admin action as the changelist's form does."""
    data = {"action": action, "_selected_action": [record.pk for record in records], "index": 0}
    return client.post(url, {**data, **extra})


def _csv_rows(response) -> list[list[str]]:
    # CSV downloads stream (exports.csv_response): read them as a browser would.
    content = b"".join(response.streaming_content)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# --- The review queues --------------------------------------------------------


def test_activity_queue_shows_submitted_first_to_an_adviser(client, adviser):
    submitted = ActivityFactory.create_batch(2, status=SUBMITTED)
    # Created later, so newer: they would come first without the queue's ordering.
    others = [ActivityFactory(status=status) for status in (DRAFT, APPROVED, RETURNED)]
    force_login_verified(client, adviser)

    response = client.get(ACTIVITIES)

    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert {a.pk for a in listed[:2]} == {a.pk for a in submitted}
    assert {a.pk for a in listed[2:]} == {a.pk for a in others}
    # Then newest first: the last one created heads the rest.
    assert listed[2] == others[-1]


def test_indicator_update_queue_shows_submitted_first_and_filters_by_period(client, adviser):
    period, other_period = ReportingPeriodFactory(), ReportingPeriodFactory()
    submitted = IndicatorUpdateFactory(status=SUBMITTED, period=period)
    draft = IndicatorUpdateFactory(status=DRAFT, period=period)
    IndicatorUpdateFactory(status=SUBMITTED, period=other_period)
    force_login_verified(client, adviser)

    response = client.get(UPDATES, {"period__id__exact": period.pk})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [submitted, draft]


def test_activity_queue_filters_by_component_unit_status_and_date(client, adviser):
    wanted = ActivityFactory(status=SUBMITTED, start_date=datetime.date(2020, 3, 2))
    ActivityFactory(status=SUBMITTED, start_date=datetime.date(2020, 3, 2))  # other unit
    ActivityFactory(
        status=DRAFT, unit=wanted.unit, component=wanted.component, start_date=wanted.start_date
    )
    ActivityFactory(
        status=SUBMITTED,
        unit=wanted.unit,
        component=wanted.component,
        start_date=datetime.date(2019, 1, 1),
    )
    force_login_verified(client, adviser)

    response = client.get(
        ACTIVITIES,
        {
            "component__id__exact": wanted.component_id,
            "unit__id__exact": wanted.unit_id,
            "status__exact": SUBMITTED,
            "start_date__year": 2020,
        },
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [wanted]


def test_staff_without_back_office_access_is_sent_to_the_admin_login(client, staff_user):
    activity = ActivityFactory(status=SUBMITTED, unit=staff_user.unit)
    client.force_login(staff_user)

    listing = client.get(ACTIVITIES)
    action = _action(client, ACTIVITIES, "approve_selected", [activity])

    assert listing.status_code == 302
    assert reverse("admin:login") in listing.url
    assert action.status_code == 302
    assert reverse("admin:login") in action.url
    activity.refresh_from_db()
    assert activity.status == SUBMITTED


def test_adviser_cannot_change_staff_records_through_the_change_form(client, adviser):
    activity = ActivityFactory(status=SUBMITTED, title="As the staff wrote it")
    force_login_verified(client, adviser)
    url = reverse("admin:monitoring_activity_change", args=[activity.pk])

    page = client.get(url)
    post = client.post(url, {"title": "Changed by an adviser", "status": APPROVED})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert post.status_code == 403
    activity.refresh_from_db()
    assert activity.title == "As the staff wrote it"
    assert activity.status == SUBMITTED


def test_adviser_sees_disaggregations_and_evidence_read_only(client, adviser):
    update = IndicatorUpdateFactory(status=SUBMITTED)
    DisaggregationFactory(update=update)
    evidence = IndicatorUpdateEvidenceFactory(record=update, uploaded_by=update.created_by)
    force_login_verified(client, adviser)

    response = client.get(reverse("admin:monitoring_indicatorupdate_change", args=[update.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Women" in content
    download = evidence.get_absolute_url()
    assert f'href="{download}"' in content
    for formset in response.context["inline_admin_formsets"]:
        assert not formset.has_add_permission
        assert not formset.has_change_permission
        assert not formset.has_delete_permission


def test_staff_records_are_read_only_in_the_admin_even_for_superusers(client, superuser):
    activity = ActivityFactory(title="As the staff wrote it")
    force_login_verified(client, superuser)
    url = reverse("admin:monitoring_activity_change", args=[activity.pk])

    page = client.get(url)
    post = client.post(url, {"title": "Changed in the admin"})
    add = client.get(reverse("admin:monitoring_indicatorupdate_add"))

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert post.status_code == 403
    assert add.status_code == 403
    activity.refresh_from_db()
    assert activity.title == "As the staff wrote it"


def test_a_reporting_period_cannot_be_unlocked_by_reverting_its_history(client, adviser):
    period = ReportingPeriodFactory()
    unlocked_version = period.history.first()
    period.is_locked = True
    period.save()
    force_login_verified(client, adviser)
    url = reverse(
        "admin:monitoring_reportingperiod_simple_history",
        args=[period.pk, unlocked_version.history_id],
    )

    page = client.get(url)
    response = client.post(url, {"name": period.name, "start": period.start, "end": period.end})

    assert page.status_code == 200
    assert response.status_code == 403
    period.refresh_from_db()
    assert period.is_locked


# --- Approve and return -------------------------------------------------------


def test_bulk_approve_approves_submitted_activities_and_reports_the_refused(client, adviser):
    ready = ActivityFactory.create_batch(2, status=SUBMITTED)
    own = ActivityFactory(status=SUBMITTED, created_by=adviser, title="My own workshop")
    draft = ActivityFactory(status=DRAFT, title="Unfinished draft")
    force_login_verified(client, adviser)

    response = _action(client, ACTIVITIES, "approve_selected", [*ready, own, draft])

    assert response.status_code == 302
    for activity in ready:
        activity.refresh_from_db()
        assert activity.status == APPROVED
        assert activity.reviewed_by == adviser
    own.refresh_from_db()
    draft.refresh_from_db()
    assert own.status == SUBMITTED
    assert draft.status == DRAFT
    notes = _messages(response)
    assert "Approved 2 activities." in notes
    assert (
        "Not changed: “My own workshop”. You cannot review your own work: you created, "
        "edited or submitted this record." in notes
    )
    assert (
        "Not changed: “Unfinished draft”. Only submitted records can be reviewed; "
        "this one is draft." in notes
    )


def test_bulk_approve_approves_indicator_updates_through_the_service(client, adviser):
    update = IndicatorUpdateFactory(status=SUBMITTED)
    approved = IndicatorUpdateFactory(status=APPROVED)
    force_login_verified(client, adviser)

    response = _action(client, UPDATES, "approve_selected", [update, approved])

    update.refresh_from_db()
    assert update.status == APPROVED
    assert [(entry.action, entry.user) for entry in review.audit_trail(update)] == [
        ("approved", adviser)
    ]
    notes = _messages(response)
    assert "Approved 1 indicator update." in notes
    assert f"Not changed: “{approved}”. Only submitted records can be reviewed; " in notes[0]


def test_approve_needs_the_review_permission(client):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_activity"))
    activity = ActivityFactory(status=SUBMITTED)
    force_login_verified(client, viewer)

    listing = client.get(ACTIVITIES)
    response = _action(client, ACTIVITIES, "approve_selected", [activity])

    assert "approve_selected" not in dict(listing.context["action_form"].fields["action"].choices)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == SUBMITTED
    assert _messages(response) == ["No action selected."]


def test_return_with_note_asks_for_the_note_first(client, adviser):
    activities = ActivityFactory.create_batch(2, status=SUBMITTED)
    force_login_verified(client, adviser)

    response = _action(client, ACTIVITIES, "return_selected", activities)

    assert response.status_code == 200
    assert "admin/monitoring/return_with_note.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert '<label class="required" for="id_note">Note to the authors</label>' in content
    for activity in activities:
        assert activity.title in content
        assert f'name="_selected_action" value="{activity.pk}"' in content
    assert {a.status for a in Activity.objects.all()} == {SUBMITTED}


def test_return_with_an_empty_note_shows_an_error_and_changes_nothing(client, adviser):
    activities = ActivityFactory.create_batch(2, status=SUBMITTED)
    force_login_verified(client, adviser)

    response = client.post(
        ACTIVITIES,
        {
            "action": "return_selected",
            "_selected_action": [a.pk for a in activities],
            "apply": "yes",
            "note": "   ",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "note": ["Write a note: the authors need to know why."]
    }
    assert 'aria-invalid="true"' in response.content.decode()
    assert {a.status for a in Activity.objects.all()} == {SUBMITTED}
    assert not any(a.review_note for a in Activity.objects.all())


def test_return_with_a_note_returns_each_record_and_reports_the_refused(client, adviser):
    activities = ActivityFactory.create_batch(2, status=SUBMITTED)
    own = ActivityFactory(status=SUBMITTED, created_by=adviser, title="Mine")
    force_login_verified(client, adviser)

    response = client.post(
        ACTIVITIES,
        {
            "action": "return_selected",
            "_selected_action": [a.pk for a in [*activities, own]],
            "apply": "yes",
            "note": "  Add the participants list.  ",
        },
    )

    assert response.status_code == 302
    for activity in activities:
        activity.refresh_from_db()
        assert activity.status == RETURNED
        assert activity.review_note == "Add the participants list."
        assert activity.reviewed_by == adviser
    own.refresh_from_db()
    assert own.status == SUBMITTED
    assert _messages(response) == [
        "Not changed: “Mine”. You cannot review your own work: you created, edited or "
        "submitted this record.",
        "Returned 2 activities with your note.",
    ]


def test_return_with_a_note_works_for_indicator_updates(client, adviser):
    update = IndicatorUpdateFactory(status=SUBMITTED)
    force_login_verified(client, adviser)

    response = client.post(
        UPDATES,
        {
            "action": "return_selected",
            "_selected_action": [update.pk],
            "apply": "yes",
            "note": "The value looks too high.",
        },
    )

    update.refresh_from_db()
    assert update.status == RETURNED
    assert update.review_note == "The value looks too high."
    assert _messages(response) == ["Returned 1 indicator update with your note."]


# --- Reporting periods ----------------------------------------------------------


def test_adviser_locks_and_unlocks_periods_through_the_actions(client, adviser):
    periods = ReportingPeriodFactory.create_batch(2)
    force_login_verified(client, adviser)

    locked = _action(client, PERIODS, "lock_selected", periods)

    assert _messages(locked) == ["2 periods are now locked."]
    assert all(p.is_locked for p in ReportingPeriod.objects.all())
    assert periods[0].history.first().history_user == adviser

    opened = _action(client, PERIODS, "unlock_selected", periods[:1])

    assert "1 period is now open." in _messages(opened)
    assert list(ReportingPeriod.objects.filter(is_locked=True)) == [periods[1]]


def test_lock_is_not_a_form_field(client, adviser):
    period = ReportingPeriodFactory()
    force_login_verified(client, adviser)
    url = reverse("admin:monitoring_reportingperiod_change", args=[period.pk])

    response = client.post(
        url, {"name": period.name, "start": period.start, "end": period.end, "is_locked": "on"}
    )

    assert response.status_code == 302
    period.refresh_from_db()
    assert period.is_locked is False


@pytest.mark.parametrize(
    ("start", "end", "accepted"),
    [
        ("2000-01-01", "2000-03-31", True),
        ("2100-10-01", "2100-12-31", True),
        ("1999-10-01", "1999-12-31", False),
        ("2100-10-01", "2101-01-01", False),
        ("9999-10-01", "9999-12-31", False),
    ],
)
def test_reporting_period_dates_must_be_plausible(client, adviser, start, end, accepted):
    force_login_verified(client, adviser)

    response = client.post(
        reverse("admin:monitoring_reportingperiod_add"), {"name": "Odd", "start": start, "end": end}
    )
    changelist = client.get(reverse("admin:monitoring_reportingperiod_changelist"))

    assert changelist.status_code == 200  # the date drill-down copes with what is stored
    assert ReportingPeriod.objects.filter(name="Odd").exists() is accepted
    if not accepted:
        assert response.status_code == 200
        assert "Enter dates from 2000-01-01 to 2100-12-31." in response.content.decode()


# --- History and evidence -------------------------------------------------------


@pytest.mark.parametrize(
    ("model_name", "factory"),
    [("indicator", IndicatorFactory), ("reportingperiod", ReportingPeriodFactory)],
)
def test_adviser_opens_the_history_of_the_results_framework(client, adviser, model_name, factory):
    record = factory()
    force_login_verified(client, adviser)

    listing = client.get(reverse(f"admin:monitoring_{model_name}_history", args=[record.pk]))
    version = record.history.first()
    one = client.get(
        reverse(
            f"admin:monitoring_{model_name}_simple_history", args=[record.pk, version.history_id]
        )
    )

    assert listing.status_code == 200
    assert str(record) in listing.content.decode()
    assert one.status_code == 200


@pytest.mark.parametrize("model_name", ["activity", "indicatorupdate"])
def test_history_of_a_reviewed_record_is_its_audit_trail(client, adviser, model_name):
    author = StaffUserFactory(full_name="Siti Rahma")
    if model_name == "activity":
        record = ActivityFactory(created_by=author, unit=author.unit)
        services.activity_submit(activity=record, user=author)
    else:
        indicator = IndicatorFactory(responsible_unit=author.unit)
        record = IndicatorUpdateFactory(indicator=indicator, created_by=author)
        services.indicator_update_submit(update=record, user=author)
    force_login_verified(client, adviser)

    history = client.get(reverse(f"admin:monitoring_{model_name}_history", args=[record.pk]))
    change = client.get(reverse(f"admin:monitoring_{model_name}_change", args=[record.pk]))

    assert history.status_code == 200
    assert change.status_code == 200
    for page in (history, change):
        html = page.content.decode()
        assert "Siti Rahma" in html
        assert "<td>Submitted</td>" in html
        assert "Deleted user" not in html


def test_audit_trail_shows_a_breakdown_change_and_an_evidence_upload(client, adviser):
    author = StaffUserFactory(full_name="Siti Rahma")
    indicator = IndicatorFactory(responsible_unit=author.unit, disaggregate_by_sex=True)
    period = ReportingPeriodFactory()
    update = services.indicator_update_create(
        indicator=indicator,
        period=period,
        user=author,
        data={"value": Decimal("10"), "disaggregations": [_women(4)]},
    )
    services.indicator_update_change(
        update=update,
        user=author,
        data={"value": Decimal("10"), "disaggregations": [_women(6)]},
        files=[SimpleUploadedFile("attendance.pdf", b"%PDF-1.4 list")],
        submit=True,
    )
    force_login_verified(client, adviser)

    html = client.get(
        reverse("admin:monitoring_indicatorupdate_history", args=[update.pk])
    ).content.decode()

    assert "<td>Created</td>" in html
    assert "<td>Submitted</td>" in html
    assert "Breakdown by sex: Women: 4 → 6" in html
    assert "Evidence files: attendance.pdf" in html
    assert f"{timezone.localtime(review.audit_trail(update).last().at):%-d %b %Y, %H:%M}" in html


def _women(value: int) -> dict:
    return {"category": "sex", "group": "women", "member_state": None, "value": Decimal(value)}


@pytest.mark.parametrize("model_name", ["activity", "indicatorupdate"])
def test_nobody_deletes_a_reviewed_record_in_the_admin(client, superuser, model_name):
    factory = ActivityFactory if model_name == "activity" else IndicatorUpdateFactory
    record = factory(status=APPROVED)
    force_login_verified(client, superuser)
    changelist = reverse(f"admin:monitoring_{model_name}_changelist")

    page = client.get(reverse(f"admin:monitoring_{model_name}_delete", args=[record.pk]))
    bulk = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"}
    )

    actions = client.get(changelist).context["action_form"].fields["action"].choices
    assert page.status_code == 403
    assert "delete_selected" not in [name for name, _label in actions]
    assert bulk.status_code == 302  # "No action selected": Django refuses an unknown action
    assert type(record).objects.filter(pk=record.pk).exists()


def test_adviser_downloads_evidence_linked_from_the_admin(client, adviser):
    evidence = ActivityEvidenceFactory(original_name="attendance.pdf")
    force_login_verified(client, adviser)
    change = client.get(reverse("admin:monitoring_activity_change", args=[evidence.record_id]))
    url = evidence.get_absolute_url()

    response = client.get(url)

    assert f'href="{url}"' in change.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="attendance.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


# --- Exports ----------------------------------------------------------------------


@pytest.fixture
def exported_activity():
    activity = ActivityFactory(
        title="ASEAN Media Forum 2019",
        status=APPROVED,
        start_date=datetime.date(2019, 9, 3),
        end_date=datetime.date(2019, 9, 4),
        location="Jakarta",
        participants_women=20,
        participants_men=15,
        participants_sex_other=1,
        participants_with_disability=3,
        participants_disability_not_stated=2,
        is_public=True,
    )
    activity.member_states.add(
        MemberStateFactory(name="Indonesia", iso_code="ID"),
        MemberStateFactory(name="Viet Nam", iso_code="VN"),
    )
    activity.partners.add(PartnerFactory(name="Centre for International Law", acronym="CIL"))
    indicator = IndicatorFactory(code="1.1.a", result__component=activity.component)
    activity.indicators.add(indicator)
    return activity


ACTIVITY_HEADER = [
    "ID",
    "Title",
    "Status",
    "Date",
    "End date",
    "Type",
    "Component",
    "Unit",
    "Location",
    "Description",
    "Women",
    "Men",
    "Other or not stated",
    "Participants in total",
    "Persons with disabilities",
    "Persons without disabilities",
    "Disability not stated",
    "Member states",
    "Partners",
    "Indicators",
    "Public",
    "Created by",
    "Submitted at",
    "Reviewed by",
    "Reviewed at",
    "Reviewer's note",
]


def test_activity_csv_export_has_the_header_and_values(client, adviser, exported_activity):
    activity = exported_activity
    force_login_verified(client, adviser)

    response = _action(client, ACTIVITIES, "export_csv", [activity])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="activities-')
    header, row = _csv_rows(response)
    assert header == ACTIVITY_HEADER
    values = dict(zip(header, row, strict=True))
    assert values["ID"] == str(activity.pk)
    assert values["Title"] == "ASEAN Media Forum 2019"
    assert values["Status"] == "Approved"
    assert values["Date"] == "2019-09-03"
    assert values["End date"] == "2019-09-04"
    assert values["Type"] == "Workshop"
    assert values["Component"] == activity.component.title
    assert values["Unit"] == activity.unit.name
    assert values["Women"] == "20"
    assert values["Men"] == "15"
    assert values["Other or not stated"] == "1"
    assert values["Participants in total"] == "36"
    assert values["Persons with disabilities"] == "3"
    assert values["Persons without disabilities"] == "31"
    assert values["Disability not stated"] == "2"
    assert values["Member states"] == "Indonesia; Viet Nam"
    assert values["Partners"] == "Centre for International Law (CIL)"
    assert values["Indicators"] == "1.1.a"
    assert values["Public"] == "yes"
    assert values["Created by"] == str(activity.created_by)


def test_activity_xlsx_export_has_the_header_and_values(client, adviser, exported_activity):
    activity = exported_activity
    force_login_verified(client, adviser)

    response = _action(client, ACTIVITIES, "export_xlsx", [activity])

    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    header, row = _xlsx_rows(response)
    assert header == ACTIVITY_HEADER
    values = dict(zip(header, row, strict=True))
    assert values["ID"] == activity.pk
    assert values["Title"] == "ASEAN Media Forum 2019"
    assert values["Date"] == datetime.datetime(2019, 9, 3)
    assert values["Participants in total"] == 36
    assert values["Persons with disabilities"] == 3
    assert values["Member states"] == "Indonesia; Viet Nam"
    assert values["Unit"] == activity.unit.name


def test_exports_never_turn_staff_text_into_formulas(client, adviser):
    activity = ActivityFactory(title='=HYPERLINK("http://evil.example","x")')
    force_login_verified(client, adviser)

    as_csv = _action(client, ACTIVITIES, "export_csv", [activity])
    as_xlsx = _action(client, ACTIVITIES, "export_xlsx", [activity])

    assert _csv_rows(as_csv)[1][1] == '\'=HYPERLINK("http://evil.example","x")'
    sheet = openpyxl.load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet["B2"].data_type == "s"
    assert sheet["B2"].value == activity.title


def test_activity_export_holds_only_what_the_user_may_see(staff_user):
    own = ActivityFactory(unit=staff_user.unit)
    ActivityFactory()  # another unit's

    table = exports.activity_table(user=staff_user, activities=Activity.objects.all())

    assert [row[0] for row in table.rows] == [own.pk]


def _indicator_with_approved_values() -> Indicator:
    """Cumulative: baseline 10, target 50; +5 and +15 approved, +100 still submitted."""
    indicator = IndicatorFactory(
        code="2.1.a",
        baseline_value=Decimal("10"),
        target_value=Decimal("50"),
        cumulative_rule=Indicator.CumulativeRule.CUMULATIVE,
    )
    for value, status in (("5", APPROVED), ("15", APPROVED), ("100", SUBMITTED)):
        IndicatorUpdateFactory(indicator=indicator, value=Decimal(value), status=status)
    return indicator


TARGETS_HEADER = [
    "Component",
    "Result",
    "Indicator code",
    "Indicator",
    "Measure",
    "Unit of measure",
    "Baseline value",
    "Baseline year",
    "Target value",
    "Target year",
    "Period",
    "Actual as of the period",
    "Progress (%)",
    "Narrative",
]


def test_targets_vs_actuals_csv_matches_indicator_progress(client, adviser):
    indicator = _indicator_with_approved_values()
    silent = IndicatorFactory(code="2.1.b", result=indicator.result)
    force_login_verified(client, adviser)

    response = _action(client, RESULTS, "export_targets_csv", [indicator.result])

    assert response.status_code == 200
    header, *rows = _csv_rows(response)
    assert header == TARGETS_HEADER
    series = indicator_progress(indicators=[indicator])[indicator.pk].series

    def plain(number) -> str:  # CSV holds data: no trailing zeros (exports._csv_value)
        return f"{number.normalize():f}"

    expected = [
        [
            indicator.result.component.title,
            str(indicator.result),
            "2.1.a",
            indicator.title,
            "Number",
            "staff members",
            "10",
            "2018",
            "50",
            "2021",
            entry.period.name,
            plain(entry.value),
            plain(
                progress_percent(
                    actual=entry.value,
                    baseline=indicator.baseline_value,
                    target=indicator.target_value,
                )
            ),
            "",
        ]
        for entry in series
    ]
    assert rows[:2] == expected
    assert [row[11:13] for row in rows[:2]] == [["15", "12.5"], ["30", "50"]]
    # An indicator without approved values still shows its baseline and target.
    assert rows[2][2] == silent.code
    assert rows[2][10:13] == ["", "", ""]
    assert len(rows) == 3


def test_targets_vs_actuals_xlsx_from_the_indicator_list(client, adviser):
    indicator = _indicator_with_approved_values()
    force_login_verified(client, adviser)

    response = _action(client, INDICATORS, "export_targets_xlsx", [indicator])

    assert response.status_code == 200
    header, *rows = _xlsx_rows(response)
    assert header == TARGETS_HEADER
    progress = indicator_progress(indicators=[indicator])[indicator.pk]
    assert [row[11] for row in rows] == [entry.value for entry in progress.series]
    assert rows[-1][12] == float(progress.progress_percent)


# --- Key figures on the admin index ----------------------------------------------


# What the figures count and link to: test_key_figures.py.


def test_admin_index_hides_the_key_figures_from_users_who_do_not_review(client):
    viewer = UserFactory(is_staff=True)
    force_login_verified(client, viewer)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "Key figures" not in response.content.decode()


# --- Query budgets: the same with 10 and with 200 records -------------------------


def _activities(n: int, *, unit, component, author) -> None:
    member_state, partner = MemberStateFactory(), PartnerFactory()
    indicator = IndicatorFactory(result__component=component)
    for activity in ActivityFactory.create_batch(
        n, unit=unit, component=component, created_by=author, status=SUBMITTED
    ):
        activity.member_states.add(member_state)
        activity.partners.add(partner)
        activity.indicators.add(indicator)


def _updates(n_indicators: int, n_periods: int, *, status=SUBMITTED) -> None:
    result, unit = ResultFactory(), UnitFactory()
    periods = ReportingPeriodFactory.create_batch(n_periods)
    for _ in range(n_indicators):
        indicator = IndicatorFactory(result=result, responsible_unit=unit)
        author = IndicatorUpdateFactory(indicator=indicator, period=periods[0], status=status)
        for period in periods[1:]:
            IndicatorUpdateFactory(
                indicator=indicator, period=period, status=status, created_by=author.created_by
            )


def _post_count(client, url, action, ids) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"action": action, "_selected_action": ids, "index": 0})
        if response.streaming:  # a CSV download reads its rows as it is sent
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def test_activity_changelist_query_count_is_flat(client, adviser):
    unit, component = UnitFactory(), ComponentFactory()
    author = UserFactory(unit=unit)
    force_login_verified(client, adviser)
    _activities(10, unit=unit, component=component, author=author)
    with_few = query_count(client, ACTIVITIES)

    _activities(190, unit=unit, component=component, author=author)
    with_many = query_count(client, ACTIVITIES)

    assert with_many == with_few


def test_indicator_update_changelist_query_count_is_flat(client, adviser):
    force_login_verified(client, adviser)
    _updates(2, 5)
    with_few = query_count(client, UPDATES)

    _updates(19, 10)
    assert IndicatorUpdate.objects.count() == 200
    with_many = query_count(client, UPDATES)

    assert with_many == with_few


# Changelist → the most bytes it may send with a full page of records and 60 more;
# about 30% over what it sent when the budget was set (measured size in the comment).
CHANGELIST_SIZE_BUDGETS = {
    ACTIVITIES: 71_000,  # 54,729
    UPDATES: 65_000,  # 49,698
}


def _activity_rows(count: int, *, unit, component, author, member_state, partner) -> None:
    for activity in ActivityFactory.create_batch(
        count, unit=unit, component=component, created_by=author, status=SUBMITTED
    ):
        activity.member_states.add(member_state)
        activity.partners.add(partner)


def test_activity_changelist_size_is_flat(client, adviser):
    """A full page (list_per_page), then 60 records more: the page shows as much.
    The filters' choices (components, units) stay as they are."""
    per_page = admin.site._registry[Activity].list_per_page
    unit, component = UnitFactory(), ComponentFactory()
    records = {
        "unit": unit,
        "component": component,
        "author": UserFactory(unit=unit),
        "member_state": MemberStateFactory(),
        "partner": PartnerFactory(),
    }
    force_login_verified(client, adviser)
    _activity_rows(per_page, **records)
    small = response_size(client, ACTIVITIES)
    _activity_rows(60, **records)
    large = response_size(client, ACTIVITIES)

    assert_size_flat(
        url=ACTIVITIES,
        small=small,
        large=large,
        budget=CHANGELIST_SIZE_BUDGETS[ACTIVITIES],
    )


def test_indicator_update_changelist_size_is_flat(client, adviser):
    """A full page, then 60 updates more, in the same ten periods of one unit."""
    per_page = admin.site._registry[IndicatorUpdate].list_per_page
    result, unit = ResultFactory(), UnitFactory()
    periods = ReportingPeriodFactory.create_batch(10)

    def add(indicators):
        for _ in range(indicators):
            indicator = IndicatorFactory(result=result, responsible_unit=unit)
            author = StaffUserFactory(unit=unit)
            for period in periods:
                IndicatorUpdateFactory(
                    indicator=indicator, period=period, status=SUBMITTED, created_by=author
                )

    force_login_verified(client, adviser)
    add(per_page // len(periods))
    small = response_size(client, UPDATES)
    add(6)
    large = response_size(client, UPDATES)

    assert_size_flat(url=UPDATES, small=small, large=large, budget=CHANGELIST_SIZE_BUDGETS[UPDATES])


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_activity_export_query_count_is_flat(client, adviser, action):
    unit, component = UnitFactory(), ComponentFactory()
    author = UserFactory(unit=unit)
    force_login_verified(client, adviser)
    _activities(10, unit=unit, component=component, author=author)
    with_few = _post_count(
        client, ACTIVITIES, action, list(Activity.objects.values_list("pk", flat=True))
    )

    _activities(190, unit=unit, component=component, author=author)
    with_many = _post_count(
        client, ACTIVITIES, action, list(Activity.objects.values_list("pk", flat=True))
    )

    assert with_many == with_few


@pytest.mark.parametrize("action", ["export_targets_csv", "export_targets_xlsx"])
def test_targets_export_query_count_is_flat(client, adviser, action):
    force_login_verified(client, adviser)
    _updates(2, 5, status=APPROVED)
    with_few = _post_count(
        client, INDICATORS, action, list(Indicator.objects.values_list("pk", flat=True))
    )

    _updates(19, 10, status=APPROVED)
    with_many = _post_count(
        client, INDICATORS, action, list(Indicator.objects.values_list("pk", flat=True))
    )

    assert with_many == with_few


def test_adviser_cannot_change_the_measure_once_approved_values_exist(client, adviser):
    update = IndicatorUpdateFactory(status=APPROVED)
    indicator = update.indicator
    force_login_verified(client, adviser)
    url = reverse("admin:monitoring_indicator_change", args=[indicator.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(measure=Indicator.Measure.PERCENTAGE, cumulative_rule="cumulative")

    response = client.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "approved values exist" in errors["measure"][0]
    assert "approved values exist" in errors["cumulative_rule"][0]
    indicator.refresh_from_db()
    assert indicator.measure == Indicator.Measure.NUMBER


def test_adviser_changes_an_indicator_title_with_approved_values(client, adviser):
    update = IndicatorUpdateFactory(status=APPROVED)
    indicator = update.indicator
    force_login_verified(client, adviser)
    url = reverse("admin:monitoring_indicator_change", args=[indicator.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data["title"] = "A clearer title"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    indicator.refresh_from_db()
    assert indicator.title == "A clearer title"


def test_review_actions_appear_in_the_admins_recent_actions(client, adviser):
    activity = ActivityFactory(status=SUBMITTED, title="Media Forum 2019")
    force_login_verified(client, adviser)

    client.post(
        reverse("admin:monitoring_activity_changelist"),
        {"action": "approve_selected", "_selected_action": [activity.pk]},
    )

    entry = LogEntry.objects.get()
    assert entry.user == adviser
    assert entry.object_repr == "Media Forum 2019"
    assert entry.get_change_message() == "Approved."


def test_change_page_tells_a_reviewer_up_front_about_their_own_work(client):
    both = StaffUserFactory(is_staff=True, roles=[SECRETARIAT_STAFF, PROGRAMME_ADVISERS])
    own = ActivityFactory(created_by=both, unit=both.unit, status=SUBMITTED)
    other = ActivityFactory(status=SUBMITTED)
    force_login_verified(client, both)

    own_page = client.get(reverse("admin:monitoring_activity_change", args=[own.pk]))
    other_page = client.get(reverse("admin:monitoring_activity_change", args=[other.pk]))

    # In the review panel, in place of the buttons (test_review_page.py has the rest).
    refusal = "You cannot review your own work: you created, edited or submitted this record."
    assert own_page.context["review"]["refusal"] == refusal
    assert other_page.context["review"]["refusal"] is None
    assert "Return to the authors" in other_page.content.decode()
