"""Staff's work under /workspace/: the dashboard, activities, indicator updates, evidence.

Every view has an allowed test, the denied ones (anonymous → sign-in page,
another unit → 404, an adviser writing → 403) and a bad-input test.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.monitoring import evidence as evidence_rules
from apps.monitoring import review, services
from apps.monitoring.models import (
    Activity,
    ActivityEvidence,
    Disaggregation,
    Indicator,
    IndicatorUpdate,
)
from tests.accounts.factories import AdviserFactory, StaffUserFactory
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
from tests.monitoring.helpers import APPROVED, DRAFT, RETURNED, SUBMITTED, with_dates
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    PartnerFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("site:workspace")
LOGIN = reverse("accounts:login")


# --- Fixtures and helpers ---------------------------------------------------------


@pytest.fixture
def component():
    return ComponentFactory(title="Organisational processes")


@pytest.fixture
def unit(component):
    return UnitFactory(
        name="Community Relations Division", abbreviation="CRD", components=[component]
    )


@pytest.fixture
def staff(unit):
    return StaffUserFactory(unit=unit, full_name="Siti Rahma")


@pytest.fixture
def other_unit_staff(component):
    """Secretariat staff of another unit that works with the same component."""
    return StaffUserFactory(unit=UnitFactory(components=[component]))


@pytest.fixture
def adviser():
    return AdviserFactory(full_name="Jonas Weber")


@pytest.fixture
def indicator(unit, component):
    return IndicatorFactory(
        result__component=component, responsible_unit=unit, code="1.1.a", title="Staff trained"
    )


@pytest.fixture
def period():
    return ReportingPeriodFactory(
        name="2019 Q3", start=datetime.date(2019, 7, 1), end=datetime.date(2019, 9, 30)
    )


def activity_of(user, **kwargs) -> Activity:
    component = user.unit.components.first()
    return ActivityFactory(unit=user.unit, component=component, created_by=user, **kwargs)


def update_of(user, indicator, period, **kwargs) -> IndicatorUpdate:
    return IndicatorUpdateFactory(indicator=indicator, period=period, created_by=user, **kwargs)


def activity_data(component, **overrides) -> dict:
    data = {
        "title": "Briefing for the ASEAN Media Forum",
        "activity_type": Activity.Type.MEETING,
        "start_date": "2019-05-14",
        "end_date": "",
        "component": component.pk,
        "location": "Jakarta",
        "description": "Media leaders met the Secretariat.",
        "participants_women": "12",
        "participants_men": "9",
        "participants_sex_other": "1",
        "participants_with_disability": "2",
        "participants_disability_not_stated": "0",
        "action": "draft",
    }
    data.update(overrides)
    return with_dates(data, "start_date", "end_date")


def pdf(name="minutes.pdf", content=b"%PDF-1.4 minutes of the meeting"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_login_redirect(response, url):
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={url}"


def field_errors(response, field) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


# --- The workspace dashboard ------------------------------------------------------


def test_workspace_lists_the_units_records_by_status(client, staff, adviser, indicator, period):
    activity_of(staff, title="Draft workshop")
    activity_of(staff, title="Submitted launch", status=SUBMITTED)
    activity_of(staff, title="Approved training", status=APPROVED, reviewed_by=adviser)
    update_of(staff, indicator, period, status=SUBMITTED)
    ActivityFactory(title="Another unit's workshop")
    client.force_login(staff)

    response = client.get(WORKSPACE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Community Relations Division (CRD)" in html
    assert [a.title for a in response.context["draft_activities"]] == ["Draft workshop"]
    assert [a.title for a in response.context["submitted_activities"]] == ["Submitted launch"]
    assert [a.title for a in response.context["approved_activities"]] == ["Approved training"]
    assert [u.pk for u in response.context["submitted_updates"]] == [
        IndicatorUpdate.objects.get().pk
    ]
    assert "Another unit&#x27;s workshop" not in html
    assert response.context["activity_counts"] == {
        DRAFT: 1,
        SUBMITTED: 1,
        RETURNED: 0,
        APPROVED: 1,
    }
    assert response.context["update_counts"][SUBMITTED] == 1
    assert "1.1.a Staff trained, 2019 Q3" in html
    assert reverse("monitoring:activity_create") in html


def test_workspace_shows_returned_records_with_the_reviewers_note(
    client, staff, adviser, indicator, period
):
    activity = activity_of(
        staff,
        title="Anti-corruption event with KPK",
        status=RETURNED,
        reviewed_by=adviser,
        review_note="Please add the participant list as evidence.",
    )
    update = update_of(
        staff,
        indicator,
        period,
        status=RETURNED,
        reviewed_by=adviser,
        review_note="The value looks like a running total; report the increment.",
    )
    client.force_login(staff)

    html = client.get(WORKSPACE).content.decode()

    assert "Returned to you" in html
    assert "Please add the participant list as evidence." in html
    assert "The value looks like a running total; report the increment." in html
    assert "Note from Jonas Weber:" in html
    assert reverse("monitoring:activity_edit", args=[activity.pk]) in html
    assert reverse("monitoring:indicator_update_edit", args=[update.pk]) in html


def test_workspace_lists_indicators_to_report_with_a_link(client, staff, indicator, period):
    reported = IndicatorFactory(responsible_unit=staff.unit, code="1.1.b")
    update_of(staff, reported, period)
    IndicatorFactory(code="9.9.z")  # another unit's
    client.force_login(staff)

    response = client.get(WORKSPACE)

    html = response.content.decode()
    assert [(due.indicator.code, due.period.name) for due in response.context["reports_due"]] == [
        ("1.1.a", "2019 Q3")
    ]
    assert "Report 1.1.a for 2019 Q3" in html
    assert reverse("monitoring:indicator_update_create", args=[indicator.pk, period.pk]) in html
    assert "9.9.z" not in html


def test_workspace_shows_advisers_without_a_unit_the_review_queue(client, adviser):
    force_login_verified(client, adviser)

    response = client.get(WORKSPACE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Review queue" in html
    assert 'href="/admin/monitoring/activity/?status__exact=submitted"' in html
    assert "dashboard" not in response.context
    assert "Log an activity" not in html


def test_workspace_shows_superusers_without_a_unit_the_review_queue(client, superuser):
    force_login_verified(client, superuser)

    html = client.get(WORKSPACE).content.decode()

    assert 'href="/admin/monitoring/indicatorupdate/?status__exact=submitted"' in html
    assert "To report" not in html


def test_workspace_redirects_anonymous_visitors(client):
    assert_login_redirect(client.get(WORKSPACE), WORKSPACE)


def test_workspace_cuts_long_lists_and_links_to_all(client, staff):
    for number in range(12):
        activity_of(staff, title=f"Draft number {number}")
    client.force_login(staff)

    response = client.get(WORKSPACE)

    assert len(response.context["draft_activities"]) == 10
    assert "All 12 activities" in response.content.decode()
    assert f"{reverse('monitoring:activity_list')}?status=draft" in response.content.decode()


def test_workspace_query_count_is_flat(client, staff, adviser, indicator):
    def add_records(count):
        for number in range(count):
            status = [DRAFT, SUBMITTED, RETURNED, APPROVED][number % 4]
            reviewer = adviser if status in (RETURNED, APPROVED) else None
            activity_of(staff, status=status, reviewed_by=reviewer, review_note="Note.")
            update_of(
                staff, indicator, ReportingPeriodFactory(), status=status, reviewed_by=reviewer
            )

    client.force_login(staff)
    add_records(10)
    few = query_count(client, WORKSPACE)
    add_records(190)
    many = query_count(client, WORKSPACE)

    assert few == many


DUE_LIST = reverse("monitoring:indicator_update_due_list")


def _to_report(unit, count: int) -> list[Indicator]:
    """`count` indicators of the unit with nothing reported yet, under one result."""
    result = ResultFactory(component=unit.components.first())
    return IndicatorFactory.create_batch(count, responsible_unit=unit, result=result)


# Bytes the dashboard may send with many records; about 30% over what it sent when
# the budget was set (measured size in the comment).
WORKSPACE_SIZE_BUDGET = 31_500  # 25,200 (the front door's header, footer and sharing tags)


def test_workspace_size_is_flat(client, staff, adviser, indicator):
    """Every list of the dashboard is cut (10 of each status, 5 approved, 10 to report):
    with 11 records of each status it shows as much as with 40."""

    def add_records(count):
        for number in range(count):
            status = [DRAFT, SUBMITTED, RETURNED, APPROVED][number % 4]
            reviewer = adviser if status in (RETURNED, APPROVED) else None
            activity_of(staff, status=status, reviewed_by=reviewer, review_note="Note.")
            update_of(
                staff, indicator, ReportingPeriodFactory(), status=status, reviewed_by=reviewer
            )
        _to_report(staff.unit, count // 4)

    client.force_login(staff)
    add_records(44)
    small = response_size(client, WORKSPACE)
    add_records(116)
    large = response_size(client, WORKSPACE)

    assert_size_flat(url=WORKSPACE, small=small, large=large, budget=WORKSPACE_SIZE_BUDGET)


@pytest.mark.parametrize(("due", "cut"), [(10, False), (11, True)])
def test_workspace_cuts_the_list_to_report_at_ten(client, staff, period, due, cut):
    _to_report(staff.unit, due)
    client.force_login(staff)

    response = client.get(WORKSPACE)

    html = response.content.decode()
    assert len(response.context["reports_due"]) == 10
    assert response.context["reports_due_count"] == due
    assert html.count('href="/workspace/updates/new/') == 10
    # "Report progress" always leads there; "See all" only when the list is cut.
    assert html.count(f'href="{DUE_LIST}"') == (2 if cut else 1)
    assert ("All 11 indicators to report" in html) is cut


# --- Indicators to report: the full list ------------------------------------------


def test_due_list_shows_the_units_indicators_to_report_with_links(
    client, staff, other_unit_staff, indicator, period
):
    reported = IndicatorFactory(responsible_unit=staff.unit, code="1.1.b")
    update_of(staff, reported, period)
    IndicatorFactory(code="9.9.z", responsible_unit=other_unit_staff.unit)
    client.force_login(staff)

    response = client.get(DUE_LIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Indicators to report ·" in html
    assert [(due.indicator.code, due.period.name) for due in response.context["reports_due"]] == [
        ("1.1.a", "2019 Q3")
    ]
    assert f'href="{create_url(indicator, period)}">Report 1.1.a for 2019 Q3</a>' in html
    assert "1 indicator to report" in html
    assert "9.9.z" not in html
    assert "1.1.b" not in html


def test_due_list_orders_by_period_then_code(client, staff, period):
    later = ReportingPeriodFactory(
        name="2019 Q4", start=datetime.date(2019, 10, 1), end=datetime.date(2019, 12, 31)
    )
    result = ResultFactory(component=staff.unit.components.get())
    for code in ("1.1.b", "1.1.a"):
        IndicatorFactory(responsible_unit=staff.unit, result=result, code=code)
    client.force_login(staff)

    response = client.get(DUE_LIST)

    assert [(due.indicator.code, due.period) for due in response.context["reports_due"]] == [
        ("1.1.a", period),
        ("1.1.b", period),
        ("1.1.a", later),
        ("1.1.b", later),
    ]


def test_due_list_is_for_staff_only(client, adviser, superuser):
    assert_login_redirect(client.get(DUE_LIST), DUE_LIST)
    for person in (adviser, superuser):
        force_login_verified(client, person)
        assert client.get(DUE_LIST).status_code == 403


def test_due_list_without_anything_due_says_so(client, staff, indicator, period):
    update_of(staff, indicator, period)
    client.force_login(staff)

    response = client.get(DUE_LIST)

    assert response.status_code == 200
    assert "Nothing to report" in response.content.decode()


def test_due_list_pages_fifty_at_a_time(client, staff, period):
    _to_report(staff.unit, 51)
    client.force_login(staff)

    first = client.get(DUE_LIST)
    second = client.get(DUE_LIST, {"page": 2})

    assert len(first.context["reports_due"]) == 50
    assert "51 indicators to report" in first.content.decode()
    assert 'aria-current="page" aria-label="Page 1"' in first.content.decode()
    assert '<a class="page-link" href="?page=2" rel="next">' in first.content.decode()
    assert len(second.context["reports_due"]) == 1
    assert "<title>Indicators to report (page 2) ·" in second.content.decode()
    assert client.get(DUE_LIST, {"page": 3}).status_code == 404  # as the other lists


DUE_LIST_SIZE_BUDGET = 19_000  # 18,091: 50 rows, with the header's search form


def test_due_list_query_count_and_size_are_flat(client, staff, period):
    """55 pairs to report fill the first page of 50; 165 (three periods) show as much."""
    client.force_login(staff)
    _to_report(staff.unit, 55)
    few = query_count(client, DUE_LIST)
    small = response_size(client, DUE_LIST)
    for start in (datetime.date(2019, 10, 1), datetime.date(2020, 1, 1)):
        ReportingPeriodFactory(start=start)
    many = query_count(client, DUE_LIST)
    large = response_size(client, DUE_LIST)

    assert few == many
    assert few <= 12  # the due list's query budget
    assert_size_flat(url=DUE_LIST, small=small, large=large, budget=DUE_LIST_SIZE_BUDGET)


# --- Activities: create -----------------------------------------------------------

CREATE = reverse("monitoring:activity_create")


def test_activity_form_offers_the_units_components_and_indicators(
    client, staff, indicator, component
):
    IndicatorFactory(code="7.7.x", title="Another component's indicator")
    MemberStateFactory(name="Indonesia")
    PartnerFactory(name="Centre for International Law", acronym="CIL")
    client.force_login(staff)

    response = client.get(CREATE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Log an activity ·" in html
    assert list(response.context["form"].fields["indicators"].queryset) == [indicator]
    assert "1.1.a Staff trained" in html
    assert "7.7.x" not in html
    assert 'type="checkbox"' in html
    assert "Indonesia" in html
    assert "Centre for International Law (CIL)" in html
    # The unit's only component is not offered as a choice, only named; nothing
    # autofocuses a field.
    assert f'<input type="hidden" name="component" value="{component.pk}"' in html
    assert "Component:</span> Organisational processes" in html
    assert '<select name="component"' not in html
    assert "autofocus" not in html
    assert 'enctype="multipart/form-data"' in html
    assert "Save draft" in html
    assert "Submit for review" in html


def test_activity_form_groups_the_indicators_by_component_and_result(client, staff, component):
    first = ResultFactory(component=component, code="1.1", title="Processes are efficient", order=1)
    second = ResultFactory(component=component, code="1.2", title="Staff are trained", order=2)
    IndicatorFactory(result=second, code="1.2.a", title="Staff trained")
    IndicatorFactory(result=first, code="1.1.b", title="Days to approve")
    IndicatorFactory(result=first, code="1.1.a", title="Procedures documented")
    client.force_login(staff)

    html = client.get(CREATE).content.decode()

    select = html[
        html.index('<select name="indicators"') : html.index(
            "</select>", html.index('<select name="indicators"')
        )
    ]
    assert " multiple" in select.split(">")[0]
    assert 'aria-describedby="id_indicators_helptext"' in select
    number = component.number
    assert re.findall(r'<optgroup label="([^"]+)">', select) == [
        f"Component {number}, 1.1 Processes are efficient",
        f"Component {number}, 1.2 Staff are trained",
    ]
    assert re.findall(r"<option [^>]*>([^<]+)</option>", select) == [
        "1.1.a Procedures documented",
        "1.1.b Days to approve",
        "1.2.a Staff trained",
    ]
    assert 'for="id_indicators"' in html  # its label: "Contributes to indicators"
    assert "hold Ctrl (Cmd on a Mac)" in html
    assert 'name="indicators" type="checkbox"' not in html


def test_activity_form_keeps_the_chosen_indicators_when_sent_back(client, staff, component):
    chosen = IndicatorFactory(result__component=component, code="1.1.a")
    IndicatorFactory(result__component=component, code="1.1.b")
    client.force_login(staff)

    response = client.post(CREATE, activity_data(component, title="", indicators=[chosen.pk]))

    html = response.content.decode()
    select = html[html.index('<select name="indicators"') :]
    select = select[: select.index("</select>")]
    assert field_errors(response, "title")
    assert f'<option value="{chosen.pk}" selected>1.1.a' in select
    assert select.count(" selected>") == 1


# Markup an indicator adds to the activity form besides its label's text: an <option>
# in its result's <optgroup> is about 30 bytes (a checkbox with its label and wrapper
# was some 250).
MARKUP_PER_CHOICE = 40
ACTIVITY_FORM_SIZE_BUDGET = 21_000  # 16,252 with one indicator to choose


def test_activity_form_grows_only_by_a_short_option_per_indicator(client, staff, component):
    result = ResultFactory(component=component)
    title = "Share of events with an accessible venue"

    def add(count):
        for _ in range(count):
            IndicatorFactory(result=result, title=title, responsible_unit=staff.unit)

    client.force_login(staff)
    add(5)
    small = response_size(client, CREATE)
    add(55)
    large = response_size(client, CREATE)

    label = len(f"{Indicator.objects.last().code} {title}")
    assert (large - small) / 55 - label <= MARKUP_PER_CHOICE


def test_activity_form_query_count_and_size_are_flat(client, staff, indicator):
    """The unit's records and other units' indicators do not reach the form."""
    other_component = ComponentFactory()
    other_unit = UnitFactory(components=[other_component])

    def add(count):
        for _ in range(count):
            activity_of(staff)
            update_of(staff, indicator, ReportingPeriodFactory())
            IndicatorFactory(result__component=other_component, responsible_unit=other_unit)

    client.force_login(staff)
    add(5)
    few, small = query_count(client, CREATE), response_size(client, CREATE)
    add(55)
    many, large = query_count(client, CREATE), response_size(client, CREATE)

    assert few == many
    assert_size_flat(url=CREATE, small=small, large=large, budget=ACTIVITY_FORM_SIZE_BUDGET)


def test_activity_create_saves_a_draft_with_relations_and_evidence(client, staff, indicator):
    state = MemberStateFactory(name="Indonesia")
    partner = PartnerFactory()
    client.force_login(staff)
    data = activity_data(
        staff.unit.components.get(),
        member_states=[state.pk],
        partners=[partner.pk],
        indicators=[indicator.pk],
        evidence=[pdf("agenda.pdf"), pdf("participants.pdf")],
    )

    response = client.post(CREATE, data)

    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("monitoring:activity_detail", args=[activity.pk])
    assert messages_of(response) == ["“Briefing for the ASEAN Media Forum” was saved as a draft."]
    assert activity.status == DRAFT
    assert activity.unit == staff.unit
    assert activity.created_by == staff
    assert activity.participants_total == 22
    assert list(activity.member_states.all()) == [state]
    assert list(activity.partners.all()) == [partner]
    assert list(activity.indicators.all()) == [indicator]
    assert sorted(activity.evidence_files.values_list("original_name", flat=True)) == [
        "agenda.pdf",
        "participants.pdf",
    ]
    (created,) = review.audit_trail(activity)
    assert (created.action, created.user) == ("created", staff)


def test_activity_create_and_submit_in_one_post(client, staff):
    client.force_login(staff)

    response = client.post(
        CREATE,
        activity_data(staff.unit.components.get(), action="submit", evidence=pdf()),
        follow=True,
    )

    activity = Activity.objects.get()
    assert activity.status == SUBMITTED
    assert activity.submitted_at is not None
    assert activity.evidence_files.count() == 1
    assert response.redirect_chain == [(WORKSPACE, 302)]
    html = response.content.decode()
    assert "“Briefing for the ASEAN Media Forum” was submitted for review." in html
    assert [a.pk for a in response.context["submitted_activities"]] == [activity.pk]


def test_activity_create_redirects_anonymous_visitors(client):
    assert_login_redirect(client.get(CREATE), CREATE)
    assert_login_redirect(client.post(CREATE, {}), CREATE)
    assert not Activity.objects.exists()


def test_activity_create_is_denied_to_advisers(client, adviser, component):
    force_login_verified(client, adviser)

    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, activity_data(component)).status_code == 403
    assert not Activity.objects.exists()


def test_activity_create_refuses_more_participants_with_disability_than_in_all(client, staff):
    client.force_login(staff)
    data = activity_data(
        staff.unit.components.get(),
        participants_women="3",
        participants_men="2",
        participants_sex_other="0",
        participants_with_disability="4",
        participants_disability_not_stated="2",
        action="submit",
    )

    response = client.post(CREATE, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert field_errors(response, "participants_with_disability") == [
        "Persons with disabilities and “disability not stated” together cannot be more than "
        "all participants (women + men + other)."
    ]
    assert "<title>Error: Log an activity ·" in html
    assert 'id="error-summary"' in html
    assert 'href="#id_participants_with_disability"' in html
    assert 'aria-invalid="true"' in html
    # What the user typed is kept, and nothing was written.
    assert 'value="Briefing for the ASEAN Media Forum"' in html
    assert not Activity.objects.exists()
    assert not ActivityEvidence.objects.exists()


def test_activity_create_refuses_an_end_before_the_start(client, staff):
    client.force_login(staff)

    response = client.post(
        CREATE, activity_data(staff.unit.components.get(), end_date="2019-05-01")
    )

    assert field_errors(response, "end_date") == [
        "The end date cannot be before the date it began."
    ]
    assert not Activity.objects.exists()


def test_activity_create_sent_empty_names_the_required_fields(client, staff):
    client.force_login(staff)

    response = client.post(CREATE, {"action": "draft"})

    assert response.status_code == 200
    assert field_errors(response, "title") == ["Enter the activity's title"]
    assert field_errors(response, "start_date") == [
        "Enter the date the activity took place or started"
    ]
    assert field_errors(response, "participants_women") == [
        "Enter the number of women who took part, or 0"
    ]
    assert not Activity.objects.exists()


def test_activity_create_refuses_an_indicator_of_another_component(client, staff, component):
    # The unit works with two components; the indicator belongs to the other one.
    second = ComponentFactory(title="Diversity and inclusion")
    staff.unit.components.add(second)
    foreign = IndicatorFactory(result__component=second, code="3.1.a")
    client.force_login(staff)

    response = client.post(CREATE, activity_data(component, indicators=[foreign.pk]))

    assert field_errors(response, "indicators") == [
        "These indicators belong to another component: 3.1.a."
    ]
    # The error summary links to the list of indicators (one <select multiple>).
    assert '<a href="#id_indicators">' in response.content.decode()
    assert not Activity.objects.exists()


def test_activity_create_refuses_an_indicator_outside_the_units_components(client, staff):
    foreign = IndicatorFactory(code="8.1.a")
    client.force_login(staff)

    response = client.post(
        CREATE, activity_data(staff.unit.components.get(), indicators=[foreign.pk])
    )

    assert field_errors(response, "indicators") == ["Choose the indicators from the list"]
    assert not Activity.objects.exists()


def test_activity_create_refuses_an_executable_renamed_pdf(client, staff):
    client.force_login(staff)
    renamed = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03 an executable")

    response = client.post(
        CREATE, activity_data(staff.unit.components.get(), evidence=renamed, action="submit")
    )

    assert field_errors(response, "evidence") == [
        "report.pdf: The file's content does not match its PDF extension."
    ]
    assert 'value="Briefing for the ASEAN Media Forum"' in response.content.decode()
    assert not Activity.objects.exists()
    assert not ActivityEvidence.objects.exists()


def test_activity_create_refuses_a_file_type_it_does_not_accept(client, staff):
    client.force_login(staff)

    response = client.post(
        CREATE,
        activity_data(
            staff.unit.components.get(), evidence=SimpleUploadedFile("setup.exe", b"MZ\x90")
        ),
    )

    assert field_errors(response, "evidence")[0].startswith(
        "setup.exe: Files of this type cannot be attached. Allowed:"
    )
    assert not Activity.objects.exists()


def test_activity_create_refuses_evidence_over_the_size_limit(client, staff):
    client.force_login(staff)
    too_big = pdf("scan.pdf", b"%PDF" + b"0" * evidence_rules.MAX_FILE_BYTES)

    response = client.post(CREATE, activity_data(staff.unit.components.get(), evidence=too_big))

    assert field_errors(response, "evidence") == [
        "scan.pdf: The file is 10.1 MB; the limit is 10 MB."
    ]
    assert not Activity.objects.exists()
    assert not ActivityEvidence.objects.exists()


# --- Activities: detail -----------------------------------------------------------


def test_activity_detail_shows_the_record_its_note_and_evidence(client, staff, adviser):
    activity = activity_of(
        staff,
        title="Launch of the Communication Master Plan II",
        status=RETURNED,
        reviewed_by=adviser,
        review_note="Add the press release.",
    )
    evidence = ActivityEvidenceFactory(record=activity, original_name="programme.pdf")
    client.force_login(staff)

    response = client.get(reverse("monitoring:activity_detail", args=[activity.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Launch of the Communication Master Plan II" in html
    assert "Returned" in html
    assert "Add the press release." in html
    assert evidence.get_absolute_url() in html
    assert "programme.pdf" in html
    assert reverse("monitoring:activity_edit", args=[activity.pk]) in html
    assert reverse("monitoring:activity_submit", args=[activity.pk]) in html
    assert evidence.get_delete_url() in html
    assert "Submit again for review" in html


def test_activity_detail_lets_advisers_read_but_not_change(client, staff, adviser):
    activity = activity_of(staff, status=SUBMITTED)
    force_login_verified(client, adviser)

    response = client.get(reverse("monitoring:activity_detail", args=[activity.pk]))

    assert response.status_code == 200
    assert response.context["can_change"] is False
    assert reverse("monitoring:activity_edit", args=[activity.pk]) not in response.content.decode()


def test_activity_detail_of_another_unit_is_not_found(client, staff, other_unit_staff):
    activity = activity_of(other_unit_staff)
    client.force_login(staff)

    assert client.get(reverse("monitoring:activity_detail", args=[activity.pk])).status_code == 404


def test_activity_detail_redirects_anonymous_visitors(client, staff):
    url = reverse("monitoring:activity_detail", args=[activity_of(staff).pk])

    assert_login_redirect(client.get(url), url)


def test_activity_detail_of_an_unknown_record_is_not_found(client, staff):
    client.force_login(staff)

    assert client.get("/workspace/activities/999999/").status_code == 404
    assert client.get("/workspace/activities/not-a-number/").status_code == 404


# --- Activities: edit -------------------------------------------------------------


def test_activity_edit_shows_the_saved_values_and_changes_them(client, staff, indicator):
    activity = activity_of(staff, title="Old title")
    activity.indicators.add(indicator)
    url = reverse("monitoring:activity_edit", args=[activity.pk])
    client.force_login(staff)

    form_page = client.get(url)
    response = client.post(url, activity_data(activity.component, title="New title"))

    assert form_page.status_code == 200
    assert 'value="Old title"' in form_page.content.decode()
    assert list(form_page.context["form"].initial["indicators"]) == [indicator]
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "New title"
    assert activity.status == DRAFT
    assert list(activity.indicators.all()) == []


def test_activity_edit_resubmits_a_returned_activity(client, staff, adviser):
    activity = activity_of(staff, status=RETURNED, reviewed_by=adviser, review_note="Fix it.")
    url = reverse("monitoring:activity_edit", args=[activity.pk])
    client.force_login(staff)

    page = client.get(url)
    response = client.post(url, activity_data(activity.component, action="submit"))

    assert "Fix it." in page.content.decode()
    assert response.url == WORKSPACE
    activity.refresh_from_db()
    assert activity.status == SUBMITTED


def test_activity_edit_of_another_unit_is_not_found(client, staff, other_unit_staff):
    activity = activity_of(other_unit_staff, title="Theirs")
    url = reverse("monitoring:activity_edit", args=[activity.pk])
    client.force_login(staff)

    assert client.get(url).status_code == 404
    assert client.post(url, activity_data(activity.component, title="Mine")).status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Theirs"


def test_activity_edit_is_denied_to_advisers_and_anonymous_visitors(client, staff, adviser):
    activity = activity_of(staff, title="Theirs")
    url = reverse("monitoring:activity_edit", args=[activity.pk])

    assert_login_redirect(client.get(url), url)
    force_login_verified(client, adviser)
    assert client.get(url).status_code == 403
    assert client.post(url, activity_data(activity.component, title="Mine")).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Theirs"


def test_activity_edit_of_a_submitted_activity_is_refused(client, staff):
    activity = activity_of(staff, title="Sent", status=SUBMITTED)
    url = reverse("monitoring:activity_edit", args=[activity.pk])
    client.force_login(staff)

    page = client.get(url)
    response = client.post(url, activity_data(activity.component, title="Changed"))

    assert page.status_code == 302
    assert page.url == reverse("monitoring:activity_detail", args=[activity.pk])
    assert messages_of(page) == ["This activity is submitted and cannot be changed."]
    assert response.context["form"].non_field_errors() == [
        "This activity is submitted and cannot be changed."
    ]
    activity.refresh_from_db()
    assert activity.title == "Sent"


def test_activity_edit_with_bad_participants_changes_nothing(client, staff):
    activity = activity_of(staff, title="Kept")
    url = reverse("monitoring:activity_edit", args=[activity.pk])
    client.force_login(staff)

    response = client.post(
        url,
        activity_data(
            activity.component,
            title="Changed",
            participants_women="1",
            participants_men="0",
            participants_sex_other="0",
            participants_with_disability="2",
            evidence=pdf(),
        ),
    )

    html = response.content.decode()
    assert field_errors(response, "participants_with_disability")
    assert 'value="Changed"' in html
    assert "Please choose them again." in html
    activity.refresh_from_db()
    assert activity.title == "Kept"
    assert not activity.evidence_files.exists()


# --- Activities: submit from the detail page ---------------------------------------


def test_activity_submit_sends_a_draft_for_review(client, staff):
    activity = activity_of(staff, title="Training on statistics")
    client.force_login(staff)

    response = client.post(reverse("monitoring:activity_submit", args=[activity.pk]))

    assert response.url == WORKSPACE
    assert messages_of(response) == [
        "“Training on statistics” was submitted for review. "
        f'<a class="alert-link" href="{activity.get_absolute_url()}">'
        "View “Training on statistics”</a>"
    ]
    activity.refresh_from_db()
    assert activity.status == SUBMITTED


def test_activity_submit_resubmits_a_returned_activity(client, staff, adviser):
    activity = activity_of(staff, status=RETURNED, reviewed_by=adviser, review_note="Fix.")
    client.force_login(staff)

    client.post(reverse("monitoring:activity_submit", args=[activity.pk]))

    activity.refresh_from_db()
    assert activity.status == SUBMITTED


def test_activity_submit_is_denied_outside_the_unit(client, staff, other_unit_staff, adviser):
    activity = activity_of(other_unit_staff)
    url = reverse("monitoring:activity_submit", args=[activity.pk])

    assert_login_redirect(client.post(url), url)
    client.force_login(staff)
    assert client.post(url).status_code == 404
    force_login_verified(client, adviser)
    assert client.post(url).status_code == 403
    activity.refresh_from_db()
    assert activity.status == DRAFT


def test_activity_submit_only_answers_post(client, staff):
    activity = activity_of(staff)
    client.force_login(staff)

    assert client.get(reverse("monitoring:activity_submit", args=[activity.pk])).status_code == 405


def test_activity_submit_of_an_approved_activity_says_why_not(client, staff, adviser):
    activity = activity_of(staff, status=APPROVED, reviewed_by=adviser)
    client.force_login(staff)

    response = client.post(reverse("monitoring:activity_submit", args=[activity.pk]))

    assert response.url == reverse("monitoring:activity_detail", args=[activity.pk])
    assert messages_of(response) == ["This activity is approved and cannot be changed."]
    activity.refresh_from_db()
    assert activity.status == APPROVED


# --- Activity list ----------------------------------------------------------------

ACTIVITY_LIST = reverse("monitoring:activity_list")


def test_activity_list_shows_the_units_activities_of_one_status(client, staff):
    activity_of(staff, title="A draft")
    activity_of(staff, title="A submission", status=SUBMITTED)
    ActivityFactory(title="Another unit's draft")
    client.force_login(staff)

    response = client.get(ACTIVITY_LIST, {"status": "draft"})

    assert [a.title for a in response.context["activities"]] == ["A draft"]
    assert "<title>Activities: Draft ·" in response.content.decode()


def test_activity_list_ignores_an_unknown_status(client, staff):
    activity_of(staff, title="A draft")
    activity_of(staff, title="A submission", status=SUBMITTED)
    client.force_login(staff)

    response = client.get(ACTIVITY_LIST, {"status": "deleted"})

    assert response.status_code == 200
    assert len(response.context["activities"]) == 2
    assert response.context["status"] == ""


def test_activity_list_redirects_anonymous_visitors(client):
    assert_login_redirect(client.get(ACTIVITY_LIST), ACTIVITY_LIST)


def test_activity_list_query_count_is_flat(client, staff):
    client.force_login(staff)
    for _ in range(3):
        activity_of(staff)
    few = query_count(client, ACTIVITY_LIST)
    for _ in range(40):
        activity_of(staff)

    assert query_count(client, ACTIVITY_LIST) == few


# Page → the most bytes it may send with 90 records (25 a page); about 30% over what it
# sent when the budget was set (measured size in the comment).
LIST_SIZE_BUDGETS = {
    # Measured with the front door's header, footer and sharing tags.
    reverse("monitoring:activity_list"): 18_000,  # 14,540
    reverse("monitoring:indicator_update_list"): 17_500,  # 14,200
}


@pytest.mark.parametrize(("url", "budget"), LIST_SIZE_BUDGETS.items())
def test_list_page_size_is_flat(client, staff, indicator, url, budget):
    """30 records fill the first page of 25; 90 show as much."""

    def add(count):
        for _ in range(count):
            activity_of(staff)
            update_of(staff, indicator, ReportingPeriodFactory())

    client.force_login(staff)
    add(30)
    small = response_size(client, url)
    add(60)
    large = response_size(client, url)

    assert_size_flat(url=url, small=small, large=large, budget=budget)


# --- Indicator updates: create ----------------------------------------------------


def create_url(indicator, period) -> str:
    return reverse("monitoring:indicator_update_create", args=[indicator.pk, period.pk])


@pytest.mark.parametrize(
    ("measure", "shown", "hidden"),
    [
        (Indicator.Measure.NUMBER, ["value"], ["numerator", "denominator", "narrative"]),
        (Indicator.Measure.PERCENTAGE, ["numerator", "denominator"], ["value", "narrative"]),
        (Indicator.Measure.QUALITATIVE, ["narrative"], ["value", "numerator", "denominator"]),
    ],
)
def test_update_form_shows_only_the_fields_the_measure_asks_for(
    client, staff, indicator, period, measure, shown, hidden
):
    Indicator.objects.filter(pk=indicator.pk).update(measure=measure)
    client.force_login(staff)

    response = client.get(create_url(indicator, period))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Report 1.1.a for 2019 Q3 ·" in html
    for name in shown:
        assert f'name="{name}"' in html
    for name in hidden:
        assert f'name="{name}"' not in html
    assert 'name="comment"' in html
    assert 'name="evidence"' in html
    assert 'name="dis_women"' not in html


def test_update_form_shows_the_disaggregation_the_indicator_asks_for(
    client, staff, indicator, period
):
    Indicator.objects.filter(pk=indicator.pk).update(
        disaggregate_by_sex=True, disaggregate_by_disability=True, disaggregate_by_member_state=True
    )
    states = [MemberStateFactory(name=name) for name in ("Indonesia", "Malaysia", "Timor-Leste")]
    client.force_login(staff)

    html = client.get(create_url(indicator, period)).content.decode()

    for name in ("dis_women", "dis_men", "dis_sex_other"):
        assert f'name="{name}"' in html
    for name in ("dis_with_disability", "dis_without_disability", "dis_disability_not_stated"):
        assert f'name="{name}"' in html
    for state in states:
        assert f'name="dis_member_state_{state.pk}"' in html
        assert state.name in html
    assert "<legend" in html
    assert "By member state" in html


def test_update_create_saves_value_breakdown_and_evidence(client, staff, indicator, period):
    Indicator.objects.filter(pk=indicator.pk).update(
        disaggregate_by_sex=True, disaggregate_by_member_state=True
    )
    indonesia = MemberStateFactory(name="Indonesia")
    client.force_login(staff)

    response = client.post(
        create_url(indicator, period),
        {
            "value": "20",
            "dis_women": "11",
            "dis_men": "8",
            "dis_sex_other": "",
            f"dis_member_state_{indonesia.pk}": "20",
            "comment": "From the training records.",
            "evidence": pdf("attendance.pdf"),
            "action": "draft",
        },
    )

    update = IndicatorUpdate.objects.get()
    assert response.url == reverse("monitoring:indicator_update_detail", args=[update.pk])
    assert messages_of(response) == ["1.1.a · 2019 Q3 was saved as a draft."]
    assert update.value == Decimal("20")
    assert update.comment == "From the training records."
    assert update.created_by == staff
    assert update.status == DRAFT
    assert sorted((d.group, d.member_state_id, d.value) for d in update.disaggregations.all()) == [
        ("member_state", indonesia.pk, Decimal("20")),
        ("men", None, Decimal("8")),
        ("women", None, Decimal("11")),
    ]
    assert update.evidence_files.get().original_name == "attendance.pdf"


def test_update_create_and_submit_in_one_post(client, staff, indicator, period):
    client.force_login(staff)

    response = client.post(create_url(indicator, period), {"value": "5", "action": "submit"})

    assert response.url == WORKSPACE
    assert IndicatorUpdate.objects.get().status == SUBMITTED


def test_update_create_of_a_percentage_refuses_a_numerator_above_the_denominator(
    client, staff, indicator, period
):
    Indicator.objects.filter(pk=indicator.pk).update(measure=Indicator.Measure.PERCENTAGE)
    client.force_login(staff)

    response = client.post(
        create_url(indicator, period), {"numerator": "12", "denominator": "10", "action": "draft"}
    )

    assert field_errors(response, "numerator") == [
        "The numerator cannot be larger than the denominator."
    ]
    assert not IndicatorUpdate.objects.exists()


def test_update_create_refuses_a_breakdown_above_the_total(client, staff, indicator, period):
    Indicator.objects.filter(pk=indicator.pk).update(disaggregate_by_sex=True)
    client.force_login(staff)

    response = client.post(
        create_url(indicator, period),
        {"value": "10", "dis_women": "7", "dis_men": "5", "action": "submit"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert field_errors(response, "dis_women") == [
        "The values by sex add up to 12, more than the total of 10."
    ]
    assert "<title>Error: Report 1.1.a for 2019 Q3 ·" in html
    assert 'name="dis_men" value="5"' in html or 'value="5"' in html
    assert not IndicatorUpdate.objects.exists()
    assert not Disaggregation.objects.exists()


def test_update_create_sent_empty_asks_for_the_value(client, staff, indicator, period):
    client.force_login(staff)

    response = client.post(create_url(indicator, period), {"action": "draft"})

    assert field_errors(response, "value") == ["Enter the value for this period."]
    assert not IndicatorUpdate.objects.exists()


def test_update_create_in_a_locked_period_says_so(client, staff, indicator, period):
    period.is_locked = True
    period.save()
    client.force_login(staff)

    page = client.get(create_url(indicator, period))
    response = client.post(create_url(indicator, period), {"value": "5", "action": "submit"})

    locked = (
        "The reporting period 2019 Q3 is locked: updates for it cannot be added or changed. "
        "Ask a programme adviser to unlock it."
    )
    assert locked in page.content.decode()
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [locked]
    assert not IndicatorUpdate.objects.exists()


def test_update_create_refuses_an_executable_renamed_pdf(client, staff, indicator, period):
    client.force_login(staff)
    renamed = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 an executable")

    response = client.post(
        create_url(indicator, period), {"value": "5", "evidence": renamed, "action": "draft"}
    )

    assert field_errors(response, "evidence") == [
        "evidence.pdf: The file's content does not match its PDF extension."
    ]
    assert not IndicatorUpdate.objects.exists()


def test_update_create_for_a_reported_period_goes_to_the_existing_update(
    client, staff, indicator, period
):
    update = update_of(staff, indicator, period)
    client.force_login(staff)

    response = client.get(create_url(indicator, period))
    post = client.post(create_url(indicator, period), {"value": "5", "action": "draft"})

    assert response.url == reverse("monitoring:indicator_update_edit", args=[update.pk])
    assert post.context["form"].non_field_errors() == [
        "This indicator already has an update for 2019 Q3; edit that one."
    ]
    assert IndicatorUpdate.objects.count() == 1


def test_update_create_for_another_units_indicator_is_not_found(
    client, other_unit_staff, indicator, period
):
    client.force_login(other_unit_staff)

    assert client.get(create_url(indicator, period)).status_code == 404
    assert client.post(create_url(indicator, period), {"value": "5"}).status_code == 404
    assert not IndicatorUpdate.objects.exists()


def test_update_create_is_denied_to_advisers_and_anonymous_visitors(
    client, adviser, indicator, period
):
    url = create_url(indicator, period)

    assert_login_redirect(client.get(url), url)
    force_login_verified(client, adviser)
    assert client.get(url).status_code == 403
    assert client.post(url, {"value": "5"}).status_code == 403
    assert not IndicatorUpdate.objects.exists()


# --- Indicator updates: detail, edit, submit -----------------------------------------


def test_update_detail_shows_values_breakdown_note_and_evidence(
    client, staff, adviser, indicator, period
):
    update = update_of(
        staff, indicator, period, status=RETURNED, reviewed_by=adviser, review_note="Source?"
    )
    DisaggregationFactory(update=update, group=Disaggregation.Group.WOMEN, value=Decimal("4"))
    evidence = IndicatorUpdateEvidenceFactory(record=update, uploaded_by=staff)
    client.force_login(staff)

    response = client.get(reverse("monitoring:indicator_update_detail", args=[update.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "1.1.a, 2019 Q3" in html
    assert "Source?" in html
    assert "Women" in html
    assert evidence.get_absolute_url() in html
    assert reverse("monitoring:indicator_update_submit", args=[update.pk]) in html


def test_update_detail_writes_figures_as_people_do(client, staff, indicator, period):
    Indicator.objects.filter(pk=indicator.pk).update(measure=Indicator.Measure.PERCENTAGE)
    update = update_of(
        staff, indicator, period, value=None, numerator=Decimal("6"), denominator=Decimal("8")
    )
    client.force_login(staff)

    html = client.get(reverse("monitoring:indicator_update_detail", args=[update.pk])).content

    text = html.decode()
    assert "<dd>6</dd>" in text
    assert "<dd>8</dd>" in text
    assert "<dd>75%</dd>" in text
    assert "6.00" not in text


def test_update_detail_is_readable_by_advisers(client, staff, adviser, indicator, period):
    update = update_of(staff, indicator, period, status=SUBMITTED)
    force_login_verified(client, adviser)

    response = client.get(reverse("monitoring:indicator_update_detail", args=[update.pk]))

    assert response.status_code == 200
    assert response.context["can_change"] is False


def test_update_detail_is_denied_outside_the_unit(
    client, staff, other_unit_staff, indicator, period
):
    update = update_of(staff, indicator, period)
    url = reverse("monitoring:indicator_update_detail", args=[update.pk])

    assert_login_redirect(client.get(url), url)
    client.force_login(other_unit_staff)
    assert client.get(url).status_code == 404


def test_update_edit_changes_the_value_and_breakdown(client, staff, indicator, period):
    Indicator.objects.filter(pk=indicator.pk).update(disaggregate_by_sex=True)
    update = update_of(staff, indicator, period, value=Decimal("10"))
    DisaggregationFactory(update=update, group=Disaggregation.Group.WOMEN, value=Decimal("4"))
    url = reverse("monitoring:indicator_update_edit", args=[update.pk])
    client.force_login(staff)

    page = client.get(url)
    response = client.post(url, {"value": "30", "dis_women": "16", "dis_men": "14"})

    assert page.context["form"].initial["dis_women"] == Decimal("4")
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.value == Decimal("30")
    assert sorted((d.group, d.value) for d in update.disaggregations.all()) == [
        ("men", Decimal("14")),
        ("women", Decimal("16")),
    ]


def test_update_edit_in_a_locked_period_changes_nothing(client, staff, indicator, period):
    update = update_of(staff, indicator, period, value=Decimal("10"))
    period.is_locked = True
    period.save()
    url = reverse("monitoring:indicator_update_edit", args=[update.pk])
    client.force_login(staff)

    response = client.post(url, {"value": "30", "action": "submit"})

    assert response.status_code == 200
    assert "is locked" in response.context["form"].non_field_errors()[0]
    update.refresh_from_db()
    assert update.value == Decimal("10")
    assert update.status == DRAFT


def test_update_edit_is_denied_outside_the_unit(
    client, staff, other_unit_staff, adviser, indicator, period
):
    update = update_of(staff, indicator, period, value=Decimal("10"))
    url = reverse("monitoring:indicator_update_edit", args=[update.pk])

    assert_login_redirect(client.get(url), url)
    client.force_login(other_unit_staff)
    assert client.get(url).status_code == 404
    assert client.post(url, {"value": "99"}).status_code == 404
    force_login_verified(client, adviser)
    assert client.post(url, {"value": "99"}).status_code == 403
    update.refresh_from_db()
    assert update.value == Decimal("10")


def test_update_edit_of_an_approved_update_goes_to_its_page(
    client, staff, adviser, indicator, period
):
    update = update_of(staff, indicator, period, status=APPROVED, reviewed_by=adviser)
    client.force_login(staff)

    response = client.get(reverse("monitoring:indicator_update_edit", args=[update.pk]))

    assert response.url == reverse("monitoring:indicator_update_detail", args=[update.pk])
    assert messages_of(response) == ["This indicator update is approved and cannot be changed."]


def test_update_submit_sends_it_for_review(client, staff, indicator, period):
    update = update_of(staff, indicator, period)
    client.force_login(staff)

    response = client.post(reverse("monitoring:indicator_update_submit", args=[update.pk]))

    assert response.url == WORKSPACE
    assert messages_of(response) == [
        "1.1.a · 2019 Q3 was submitted for review. "
        f'<a class="alert-link" href="{update.get_absolute_url()}">View 1.1.a · 2019 Q3</a>'
    ]
    update.refresh_from_db()
    assert update.status == SUBMITTED


def test_update_submit_in_a_locked_period_says_why_not(client, staff, indicator, period):
    update = update_of(staff, indicator, period)
    period.is_locked = True
    period.save()
    client.force_login(staff)

    response = client.post(reverse("monitoring:indicator_update_submit", args=[update.pk]))

    assert response.url == reverse("monitoring:indicator_update_detail", args=[update.pk])
    assert messages_of(response)[0].startswith("The reporting period 2019 Q3 is locked")
    update.refresh_from_db()
    assert update.status == DRAFT


def test_update_submit_is_denied_outside_the_unit(
    client, staff, other_unit_staff, adviser, indicator, period
):
    update = update_of(staff, indicator, period)
    url = reverse("monitoring:indicator_update_submit", args=[update.pk])

    assert_login_redirect(client.post(url), url)
    client.force_login(other_unit_staff)
    assert client.post(url).status_code == 404
    force_login_verified(client, adviser)
    assert client.post(url).status_code == 403
    assert client.get(url).status_code == 403
    update.refresh_from_db()
    assert update.status == DRAFT


def test_update_list_shows_the_units_updates(client, staff, indicator, period):
    update_of(staff, indicator, period)
    IndicatorUpdateFactory()
    client.force_login(staff)

    response = client.get(reverse("monitoring:indicator_update_list"))

    assert [u.indicator.code for u in response.context["updates"]] == ["1.1.a"]


def test_update_list_query_count_is_flat(client, staff, indicator):
    client.force_login(staff)
    url = reverse("monitoring:indicator_update_list")
    for _ in range(3):
        update_of(staff, indicator, ReportingPeriodFactory())
    few = query_count(client, url)
    for _ in range(40):
        update_of(staff, indicator, ReportingPeriodFactory())

    assert query_count(client, url) == few


# --- Evidence ---------------------------------------------------------------------


def test_evidence_download_serves_the_file_as_an_attachment(client, staff):
    evidence = ActivityEvidenceFactory(
        record=activity_of(staff), original_name="Agenda Media Forum.pdf"
    )
    client.force_login(staff)

    response = client.get(evidence.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Agenda Media Forum.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


def test_evidence_download_of_an_update_is_open_to_advisers(
    client, staff, adviser, indicator, period
):
    update = update_of(staff, indicator, period)
    evidence = IndicatorUpdateEvidenceFactory(record=update, uploaded_by=staff)
    force_login_verified(client, adviser)

    response = client.get(evidence.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_evidence_download_is_denied_outside_the_unit(client, staff, other_unit_staff):
    evidence = ActivityEvidenceFactory(record=activity_of(other_unit_staff))
    url = evidence.get_absolute_url()

    assert_login_redirect(client.get(url), url)
    client.force_login(staff)
    assert client.get(url).status_code == 404


def test_evidence_download_of_a_missing_file_is_not_found(client, staff):
    evidence = ActivityEvidenceFactory(record=activity_of(staff))
    evidence.file.storage.delete(evidence.file.name)
    client.force_login(staff)

    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_evidence_delete_removes_the_file(client, staff, django_capture_on_commit_callbacks):
    activity = activity_of(staff)
    evidence = ActivityEvidenceFactory(record=activity, original_name="old.pdf")
    stored = evidence.file.name
    storage = evidence.file.storage
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(evidence.get_delete_url())

    assert response.url == reverse("monitoring:activity_detail", args=[activity.pk])
    assert messages_of(response) == ["“old.pdf” was removed."]
    assert not ActivityEvidence.objects.exists()
    assert not storage.exists(stored)


def test_evidence_delete_of_a_submitted_record_is_refused(client, staff):
    activity = activity_of(staff, status=SUBMITTED)
    evidence = ActivityEvidenceFactory(record=activity)
    client.force_login(staff)

    response = client.post(evidence.get_delete_url())

    assert messages_of(response) == ["This activity is submitted and cannot be changed."]
    assert ActivityEvidence.objects.filter(pk=evidence.pk).exists()


def test_evidence_delete_is_denied_outside_the_unit(client, staff, other_unit_staff, adviser):
    evidence = ActivityEvidenceFactory(record=activity_of(other_unit_staff))
    url = evidence.get_delete_url()

    assert_login_redirect(client.post(url), url)
    client.force_login(staff)
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    force_login_verified(client, adviser)
    assert client.post(url).status_code == 403
    assert ActivityEvidence.objects.filter(pk=evidence.pk).exists()


# --- Deleting a draft ----------------------------------------------------------------


def test_activity_delete_asks_first_then_deletes_the_draft(client, staff):
    activity = activity_of(staff, title="Not needed after all")
    url = reverse("monitoring:activity_delete", args=[activity.pk])
    client.force_login(staff)

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert "Delete “Not needed after all”?" in page.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists() is False
    assert response.url == reverse("monitoring:activity_list")
    assert messages_of(response) == ["“Not needed after all” was deleted."]


def test_activity_delete_is_refused_for_a_returned_activity(client, staff, adviser):
    activity = activity_of(staff, status=RETURNED, reviewed_by=adviser)
    url = reverse("monitoring:activity_delete", args=[activity.pk])
    client.force_login(staff)

    response = client.post(url)

    assert response.url == activity.get_absolute_url()
    assert messages_of(response) == [
        "Only a draft can be deleted, and only by the person who wrote it."
    ]
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_activity_delete_is_refused_to_a_colleague_of_the_author(client, staff):
    activity = activity_of(staff)
    colleague = StaffUserFactory(unit=staff.unit)
    client.force_login(colleague)

    page = client.get(reverse("monitoring:activity_delete", args=[activity.pk]))

    assert page.status_code == 302
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_activity_delete_is_denied_outside_the_unit_and_to_others(
    client, staff, other_unit_staff, adviser
):
    activity = activity_of(staff)
    url = reverse("monitoring:activity_delete", args=[activity.pk])

    anonymous = client.post(url)
    client.force_login(other_unit_staff)
    other_unit = client.post(url)
    force_login_verified(client, adviser)
    as_adviser = client.post(url)

    assert_login_redirect(anonymous, url)
    assert other_unit.status_code == 404
    assert as_adviser.status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_update_delete_removes_a_draft_and_its_files(
    client, staff, indicator, period, django_capture_on_commit_callbacks
):
    update = update_of(staff, indicator, period)
    evidence = IndicatorUpdateEvidenceFactory(record=update, uploaded_by=staff)
    storage, name = evidence.file.storage, evidence.file.name
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:indicator_update_delete", args=[update.pk]))

    assert response.url == reverse("monitoring:indicator_update_list")
    assert not IndicatorUpdate.objects.filter(pk=update.pk).exists()
    assert not storage.exists(name)


def test_record_page_offers_delete_only_on_the_authors_draft(client, staff, adviser):
    draft = activity_of(staff)
    returned = activity_of(staff, status=RETURNED, reviewed_by=adviser)
    client.force_login(staff)

    draft_page = client.get(draft.get_absolute_url()).content.decode()
    returned_page = client.get(returned.get_absolute_url()).content.decode()

    assert reverse("monitoring:activity_delete", args=[draft.pk]) in draft_page
    assert reverse("monitoring:activity_delete", args=[returned.pk]) not in returned_page


# --- A form sent twice, periods not begun ---------------------------------------------


def test_activity_form_sent_twice_saves_one_activity(client, staff, component):
    token = "3f2b8e0c-6a4d-4e59-9c1a-2b7d5e8f9a10"
    data = activity_data(component, title="Sent twice", token=token)
    client.force_login(staff)

    first = client.post(reverse("monitoring:activity_create"), data)
    second = client.post(reverse("monitoring:activity_create"), data)

    (activity,) = Activity.objects.filter(title="Sent twice")
    assert first.url == activity.get_absolute_url()
    assert second.url == activity.get_absolute_url()
    assert messages_of(second)[-1] == "This form was already sent; “Sent twice” was saved then."


def test_activity_form_with_a_garbled_token_says_reload(client, staff, component):
    client.force_login(staff)

    response = client.post(
        reverse("monitoring:activity_create"), activity_data(component, token="not-a-token")
    )

    assert response.status_code == 200
    assert "This form is out of date. Reload the page and retry." in response.content.decode()
    assert not Activity.objects.exists()


def test_update_create_for_a_period_not_begun_leads_back_to_the_workspace(client, staff, indicator):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = ReportingPeriodFactory(start=tomorrow, end=tomorrow + datetime.timedelta(days=90))
    url = reverse("monitoring:indicator_update_create", args=[indicator.pk, future.pk])
    client.force_login(staff)

    page = client.get(url)
    sent = client.post(url, {"value": "3"})

    assert page.url == WORKSPACE
    assert messages_of(page)[0].startswith(f"The reporting period {future} starts on ")
    assert sent.status_code == 200
    assert (
        sent.context["form"]
        .non_field_errors()[0]
        .startswith(f"The reporting period {future} starts on ")
    )
    assert not IndicatorUpdate.objects.exists()


def test_evidence_sent_together_over_the_limit_is_refused(client, staff, component, monkeypatch):
    monkeypatch.setattr(evidence_rules, "MAX_TOTAL_BYTES", 60)
    client.force_login(staff)
    files = [pdf("a.pdf", b"%PDF" + b"1" * 26), pdf("b.pdf", b"%PDF" + b"2" * 27)]

    response = client.post(
        reverse("monitoring:activity_create"), {**activity_data(component), "evidence": files}
    )

    assert response.status_code == 200
    assert field_errors(response, "evidence") == [
        "These files come to 0.1 MB; at most 0 MB can be attached at once. "
        "Send them in smaller groups."
    ]
    assert not Activity.objects.exists()


# --- History and the review queue in the workspace -------------------------------------


def test_record_page_shows_its_history_with_names(client, staff, adviser, component):
    client.force_login(staff)
    client.post(reverse("monitoring:activity_create"), activity_data(component, action="submit"))
    activity = Activity.objects.get()
    services.activity_return(activity=activity, reviewer=adviser, note="Add the agenda.")

    html = client.get(activity.get_absolute_url()).content.decode()

    assert "<strong>Submitted</strong>" in html
    assert "by Siti Rahma on" in html
    assert "<strong>Returned</strong>" in html
    assert "by Jonas Weber on" in html
    assert "Add the agenda." in html


def test_workspace_shows_reviewers_every_queue_with_its_count(client, adviser, staff):
    activity_of(staff, status=SUBMITTED, submitted_at=timezone.now())
    force_login_verified(client, adviser)

    html = client.get(WORKSPACE).content.decode()

    activities = reverse("admin:monitoring_activity_changelist")
    assert f'href="{activities}?status__exact=submitted">Activities: 1 waiting' in html
    assert "Indicator updates: 0 waiting for review" in html
