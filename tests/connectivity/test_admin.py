"""The advisers' back office: reference data edited here, the division's records
reviewed through the app's services, their action items shown, their exports."""

import datetime

import pytest
from django.urls import reverse

from apps.connectivity.models import CoordinationMeeting, StrategicArea
from apps.monitoring import review
from apps.monitoring.models import ReviewStatus
from tests.connectivity.factories import (
    ADMIN_FACTORIES,
    ActionItemFactory,
    CoordinationMeetingFactory,
    InitiativeFactory,
    UrbanisationActionFactory,
)
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def admin_url(model, page="changelist", *args) -> str:
    return reverse(f"admin:connectivity_{model._meta.model_name}_{page}", args=args)


@pytest.fixture
def adviser_client(client, reviewer):
    force_login_verified(client, reviewer)
    return client


@pytest.mark.parametrize("label", ADMIN_FACTORIES)
def test_every_admin_page_answers_an_adviser(adviser_client, label):
    record = ADMIN_FACTORIES[label]()
    model = type(record)
    assert adviser_client.get(admin_url(model)).status_code == 200
    assert adviser_client.get(admin_url(model), {"q": "x"}).status_code == 200
    assert adviser_client.get(admin_url(model, "change", record.pk)).status_code == 200


def test_advisers_edit_the_reference_data(adviser_client, facts):
    area = StrategicArea.objects.get(slug="digital-innovation")
    response = adviser_client.post(
        admin_url(StrategicArea, "change", area.pk),
        {"slug": area.slug, "title": "Digital innovation", "objectives": "New.", "order": 2},
    )
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.objectives == "New."


def test_staff_records_are_read_only_in_the_admin(adviser_client):
    initiative = InitiativeFactory(status=ReviewStatus.SUBMITTED)
    assert adviser_client.get(admin_url(type(initiative), "add")).status_code == 403


def test_adviser_approves_a_meeting_from_its_page(adviser_client, reviewer):
    meeting = CoordinationMeetingFactory(
        status=ReviewStatus.SUBMITTED,
        submitted_at=datetime.datetime(2021, 4, 1, 9, 0, tzinfo=datetime.UTC),
    )
    ActionItemFactory(meeting=meeting, description="Report to the ACCC")
    page = adviser_client.get(admin_url(CoordinationMeeting, "change", meeting.pk))
    html = page.content.decode()
    assert "Report to the ACCC" in html
    assert "Overdue since 1 July 2021" in html
    response = adviser_client.post(
        reverse("admin:connectivity_coordinationmeeting_review", args=[meeting.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == ReviewStatus.APPROVED
    assert meeting.reviewed_by == reviewer
    assert review.audit_trail(meeting).last().action == "approved"


def test_adviser_returns_a_city_action_with_a_note(adviser_client):
    action = UrbanisationActionFactory(status=ReviewStatus.SUBMITTED)
    url = reverse("admin:connectivity_urbanisationaction_review", args=[action.pk])
    refused = adviser_client.post(url, {"decision": "return", "note": ""})
    assert "Write a note: the authors need to know why." in refused.content.decode()
    adviser_client.post(url, {"decision": "return", "note": "Which district?"})
    action.refresh_from_db()
    assert (action.status, action.review_note) == (ReviewStatus.RETURNED, "Which district?")


def test_queue_lists_submitted_first_and_filters(adviser_client):
    InitiativeFactory(title="Approved one", status=ReviewStatus.APPROVED)
    InitiativeFactory(title="Waiting one", status=ReviewStatus.SUBMITTED)
    html = adviser_client.get(admin_url(InitiativeFactory._meta.model)).content.decode()
    assert html.index("Waiting one") < html.index("Approved one")
    filtered = adviser_client.get(
        admin_url(InitiativeFactory._meta.model), {"status__exact": "submitted"}
    ).content.decode()
    assert "Approved one" not in filtered


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_export_selected_meetings(adviser_client, action):
    meeting = CoordinationMeetingFactory(decisions="=HYPERLINK(evil)")
    ActionItemFactory(meeting=meeting)
    response = adviser_client.post(
        admin_url(CoordinationMeeting),
        {"action": action, "_selected_action": [meeting.pk]},
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if action == "export_csv":
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "Overdue action items" in body
        assert "'=HYPERLINK(evil)" in body  # neutralised by monitoring's writer


def test_meeting_history_lists_its_action_items(adviser_client, acd_staff, states):
    from apps.connectivity import services
    from apps.connectivity.models import CoordinationBody

    meeting = services.coordination_meeting_create(
        user=acd_staff,
        data={
            "body": CoordinationBody.objects.get(slug="accc"),
            "held_on": datetime.date(2021, 3, 23),
            "online": True,
        },
        action_items=[
            {
                "description": "Report to the ACCC",
                "owner": "ACD",
                "due_on": datetime.date(2021, 9, 30),
                "status": "open",
                "done_on": None,
            }
        ],
        submit=True,
    )
    html = adviser_client.get(admin_url(CoordinationMeeting, "history", meeting.pk)).content
    assert "Report to the ACCC · ACD · due 2021-09-30 · open" in html.decode()
