"""Finding the way through the daily work: the primary actions where staff look
first, "Delete draft" wherever a draft is listed, and messages that link to the
record just sent."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.monitoring.models import Activity, IndicatorUpdate, ReviewStatus
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.helpers import force_login_verified, query_count
from tests.monitoring.factories import ActivityFactory, IndicatorFactory, ReportingPeriodFactory
from tests.monitoring.test_views import activity_data, activity_of, update_of
from tests.programme.factories import ComponentFactory, UnitFactory

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("site:workspace")
ACTIVITY_LIST = reverse("monitoring:activity_list")
UPDATE_LIST = reverse("monitoring:indicator_update_list")
CREATE = reverse("monitoring:activity_create")
DUE_LIST = reverse("monitoring:indicator_update_due_list")
DRAFT, SUBMITTED = ReviewStatus.DRAFT, ReviewStatus.SUBMITTED

LOG_AN_ACTIVITY = f'<a class="btn btn-primary" href="{CREATE}">Log an activity</a>'
REPORT_PROGRESS = f'<a class="btn btn-primary" href="{DUE_LIST}">Report progress</a>'


@pytest.fixture
def component():
    return ComponentFactory(title="Organisational processes")


@pytest.fixture
def unit(component):
    return UnitFactory(abbreviation="CRD", components=[component])


@pytest.fixture
def staff(unit):
    return StaffUserFactory(unit=unit)


@pytest.fixture
def adviser():
    return AdviserFactory()


@pytest.fixture
def indicator(unit, component):
    return IndicatorFactory(result__component=component, responsible_unit=unit, code="1.1.a")


@pytest.fixture
def period():
    return ReportingPeriodFactory(
        name="2019 Q3", start=datetime.date(2019, 7, 1), end=datetime.date(2019, 9, 30)
    )


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- The primary actions -------------------------------------------------------------


def test_staff_find_log_an_activity_at_the_top_of_the_activity_list(client, staff):
    client.force_login(staff)

    html = html_of(client, ACTIVITY_LIST)

    assert LOG_AN_ACTIVITY in html
    # Right under the heading, before the filter and the table.
    assert html.index(LOG_AN_ACTIVITY) < html.index('aria-label="Filter by status"')


def test_staff_find_report_progress_at_the_top_of_the_update_list(client, staff):
    client.force_login(staff)

    html = html_of(client, UPDATE_LIST)

    assert REPORT_PROGRESS in html
    assert html.index(REPORT_PROGRESS) < html.index('aria-label="Filter by status"')


def test_the_workspace_offers_both_actions_to_staff(client, staff):
    client.force_login(staff)

    html = html_of(client, WORKSPACE)

    assert LOG_AN_ACTIVITY in html
    assert REPORT_PROGRESS in html
    assert html.index(REPORT_PROGRESS) < html.index('id="counts-title"')


def test_advisers_who_only_read_get_no_write_actions(client, adviser, staff):
    activity_of(staff)
    force_login_verified(client, adviser)

    for url in (ACTIVITY_LIST, UPDATE_LIST, WORKSPACE):
        html = html_of(client, url)
        assert "Log an activity" not in html
        assert "Report progress" not in html
        assert "Delete draft" not in html
    # The actions lead to pages advisers may not open anyway.
    assert client.get(CREATE).status_code == 403
    assert client.get(DUE_LIST).status_code == 403


def test_the_lists_ask_anonymous_visitors_to_sign_in(client):
    response = client.get(ACTIVITY_LIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- Delete a draft: wherever drafts are listed ------------------------------------------


def test_the_activity_list_offers_delete_only_on_the_persons_own_drafts(client, staff, unit):
    own = activity_of(staff, title="My draft")
    colleague = StaffUserFactory(unit=unit)
    theirs = activity_of(colleague, title="A colleague's draft")
    client.force_login(staff)

    html = html_of(client, f"{ACTIVITY_LIST}?status=draft")
    every_status = html_of(client, ACTIVITY_LIST)

    delete = reverse("monitoring:activity_delete", args=[own.pk])
    assert delete not in every_status  # the list of drafts is where they are managed
    assert (
        f'<a class="link-danger" href="{delete}">Delete draft'
        '<span class="visually-hidden">: My draft</span></a>' in html
    )
    assert reverse("monitoring:activity_delete", args=[theirs.pk]) not in html


def test_the_update_list_offers_delete_on_own_drafts(client, staff, indicator, period):
    own = update_of(staff, indicator, period)
    client.force_login(staff)

    html = html_of(client, f"{UPDATE_LIST}?status=draft")

    assert reverse("monitoring:indicator_update_delete", args=[own.pk]) in html
    assert '<span class="visually-hidden">: 1.1.a, 2019 Q3</span>' in html


def test_the_workspace_offers_delete_on_own_drafts(client, staff, unit, indicator, period):
    own = activity_of(staff, title="My draft")
    theirs = activity_of(StaffUserFactory(unit=unit), title="Theirs")
    update = update_of(staff, indicator, period)
    client.force_login(staff)

    html = html_of(client, WORKSPACE)

    assert reverse("monitoring:activity_delete", args=[own.pk]) in html
    assert reverse("monitoring:indicator_update_delete", args=[update.pk]) in html
    assert reverse("monitoring:activity_delete", args=[theirs.pk]) not in html


def test_the_drafts_page_offers_delete_draft(client, staff):
    draft = activity_of(staff)
    client.force_login(staff)

    html = html_of(client, draft.get_absolute_url())

    assert reverse("monitoring:activity_delete", args=[draft.pk]) in html
    assert "Delete draft" in html


def test_deleting_a_draft_confirms_then_lists_with_a_message(client, staff):
    draft = activity_of(staff, title="Not needed")
    client.force_login(staff)
    url = reverse("monitoring:activity_delete", args=[draft.pk])

    confirm = client.get(url)
    response = client.post(url, follow=True)

    assert "Delete “Not needed”?" in confirm.content.decode()
    assert response.redirect_chain == [(ACTIVITY_LIST, 302)]
    assert "“Not needed” was deleted." in response.content.decode()
    assert not Activity.objects.filter(pk=draft.pk).exists()


def test_someone_elses_draft_cannot_be_deleted_from_a_guessed_link(client, staff, unit):
    theirs = activity_of(StaffUserFactory(unit=unit))
    client.force_login(staff)

    response = client.post(reverse("monitoring:activity_delete", args=[theirs.pk]))

    assert response.url == theirs.get_absolute_url()
    assert Activity.objects.filter(pk=theirs.pk).exists()


def test_the_lists_query_count_stays_flat_with_delete_links(client, staff, indicator, period):
    client.force_login(staff)
    activity_of(staff)
    few = query_count(client, ACTIVITY_LIST)
    ActivityFactory.create_batch(20, unit=staff.unit, created_by=staff)

    assert query_count(client, ACTIVITY_LIST) == few


# --- Links to the record after sending it ---------------------------------------------------


def test_submitting_from_the_records_page_links_to_it(client, staff):
    activity = activity_of(staff, title="Training <on> statistics")
    client.force_login(staff)

    response = client.post(reverse("monitoring:activity_submit", args=[activity.pk]), follow=True)

    assert response.redirect_chain == [(WORKSPACE, 302)]
    html = response.content.decode()
    url = activity.get_absolute_url()
    # The title is escaped; the link is real.
    assert (
        "“Training &lt;on&gt; statistics” was submitted for review. "
        f'<a class="alert-link" href="{url}">View “Training &lt;on&gt; statistics”</a>' in html
    )
    assert '<div class="portal-messages" role="status">' in html


def test_submitting_an_update_links_to_it(client, staff, indicator, period):
    update = update_of(staff, indicator, period)
    client.force_login(staff)

    response = client.post(reverse("monitoring:indicator_update_submit", args=[update.pk]))

    assert response.url == WORKSPACE
    (message,) = messages_of(response)
    assert message == (
        "1.1.a · 2019 Q3 was submitted for review. "
        f'<a class="alert-link" href="{update.get_absolute_url()}">View 1.1.a · 2019 Q3</a>'
    )
    assert IndicatorUpdate.objects.get().status == SUBMITTED


def test_submitting_from_the_form_links_to_the_record(client, staff, component):
    client.force_login(staff)

    response = client.post(CREATE, activity_data(component, action="submit"), follow=True)

    activity = Activity.objects.get()
    assert response.redirect_chain == [(WORKSPACE, 302)]
    assert f'href="{activity.get_absolute_url()}">View “{activity.title}”</a>' in (
        response.content.decode()
    )


def test_saving_a_draft_leads_to_its_page(client, staff, component):
    client.force_login(staff)

    response = client.post(CREATE, activity_data(component), follow=True)

    activity = Activity.objects.get()
    assert response.redirect_chain == [(activity.get_absolute_url(), 302)]
    assert f"“{activity.title}” was saved as a draft." in response.content.decode()


def test_a_refused_submission_says_why_and_stays_on_the_record(client, staff):
    activity = activity_of(staff, status=SUBMITTED)
    client.force_login(staff)

    response = client.post(reverse("monitoring:activity_submit", args=[activity.pk]))

    assert response.url == activity.get_absolute_url()
    assert messages_of(response)
    assert "View" not in " ".join(messages_of(response))
