"""The workspace pages of the connectivity records: allowed, denied (anonymous →
sign-in, another unit → 404, an adviser writing → 403), bad input (errors on the
form, nothing written), and the meeting form with its action items."""

import datetime

import pytest
from django.urls import reverse

from apps.connectivity.models import (
    ActionItem,
    City,
    CoordinationBody,
    CoordinationMeeting,
    FocusArea,
    Initiative,
    StrategicArea,
    UrbanisationAction,
)
from apps.monitoring.models import ReviewStatus
from tests.connectivity.factories import (
    ActionItemFactory,
    CoordinationMeetingEvidenceFactory,
    CoordinationMeetingFactory,
    InitiativeFactory,
    UrbanisationActionFactory,
)
from tests.helpers import force_login_verified
from tests.monitoring.helpers import date_input

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
KINDS = {
    "initiative": InitiativeFactory,
    "city_action": UrbanisationActionFactory,
    "meeting": CoordinationMeetingFactory,
}


def url(name: str, *args) -> str:
    return reverse(f"connectivity:{name}", args=args)


# --- Every kind: reading and the denied cases -------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_list_shows_only_the_units_records(client, kind, acd_staff, other_staff):
    mine = KINDS[kind](unit=acd_staff.unit, created_by=acd_staff)
    theirs = KINDS[kind](unit=other_staff.unit, created_by=other_staff)
    client.force_login(acd_staff)
    response = client.get(url(f"{kind}_list"))
    assert response.status_code == 200
    assert str(mine) in response.content.decode()
    assert mine.get_absolute_url() in response.content.decode()
    assert theirs.get_absolute_url() not in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("page", ["detail", "edit", "delete"])
def test_another_units_record_is_404(client, kind, page, acd_staff, other_staff):
    theirs = KINDS[kind](unit=other_staff.unit, created_by=other_staff)
    client.force_login(acd_staff)
    assert client.get(url(f"{kind}_{page}", theirs.pk)).status_code == 404
    assert client.post(url(f"{kind}_submit", theirs.pk)).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_visitors_are_sent_to_sign_in(client, kind):
    response = client.get(url(f"{kind}_list"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


@pytest.mark.parametrize("kind", KINDS)
def test_advisers_read_every_unit_but_do_not_write(client, kind, acd_staff, reviewer):
    record = KINDS[kind](unit=acd_staff.unit, created_by=acd_staff)
    force_login_verified(client, reviewer)
    assert client.get(record.get_absolute_url()).status_code == 200
    assert client.get(url(f"{kind}_create")).status_code == 403


def test_detail_shows_the_record_and_its_evidence(client, acd_staff):
    evidence = CoordinationMeetingEvidenceFactory(
        record=CoordinationMeetingFactory(unit=acd_staff.unit, created_by=acd_staff)
    )
    client.force_login(acd_staff)
    response = client.get(evidence.record.get_absolute_url())
    assert "report.pdf" in response.content.decode()
    download = client.get(evidence.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_submit_from_the_records_page(client, acd_staff):
    initiative = InitiativeFactory(unit=acd_staff.unit, created_by=acd_staff)
    client.force_login(acd_staff)
    response = client.post(url("initiative_submit", initiative.pk))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == ReviewStatus.SUBMITTED


def test_submitted_record_cannot_be_opened_for_change(client, acd_staff):
    initiative = InitiativeFactory(
        unit=acd_staff.unit, created_by=acd_staff, status=ReviewStatus.SUBMITTED
    )
    client.force_login(acd_staff)
    response = client.get(url("initiative_edit", initiative.pk))
    assert response.status_code == 302
    assert response.url == initiative.get_absolute_url()


def test_delete_a_draft(client, acd_staff):
    action = UrbanisationActionFactory(unit=acd_staff.unit, created_by=acd_staff)
    client.force_login(acd_staff)
    assert client.get(url("city_action_delete", action.pk)).status_code == 200
    response = client.post(url("city_action_delete", action.pk))
    assert response.status_code == 302
    assert not UrbanisationAction.objects.exists()


# --- Initiatives and city actions: the forms ------------------------------------------------------


def initiative_post(states, **overrides) -> dict:
    data = {
        "title": "Study on the supply chain efficiency of commodities",
        "strategic_area": StrategicArea.objects.get(slug="seamless-logistics").pk,
        "lead": "ASEAN Connectivity Division",
        "progress": "ongoing",
        "progress_note": "Route studies started.",
        **date_input("start_date", datetime.date(2019, 6, 1)),
        **date_input("end_date", None),
        "member_states": [states["MY"].pk, states["SG"].pk],
        "is_public": "on",
        "action": "submit",
    }
    return {**data, **overrides}


def test_initiative_form_records_and_submits(client, acd_staff, states):
    client.force_login(acd_staff)
    assert client.get(url("initiative_create")).status_code == 200
    response = client.post(url("initiative_create"), initiative_post(states))
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.status == ReviewStatus.SUBMITTED
    assert initiative.unit == acd_staff.unit
    assert initiative.created_by == acd_staff


def test_initiative_form_bad_input_writes_nothing(client, acd_staff, states):
    client.force_login(acd_staff)
    data = initiative_post(states, title="", progress="completed", member_states=[states["TL"].pk])
    response = client.post(url("initiative_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "This field is required." in html
    assert not Initiative.objects.exists()


def test_initiative_form_service_rule_lands_on_the_field(client, acd_staff, states):
    client.force_login(acd_staff)
    data = initiative_post(states, member_states=[states["TL"].pk])
    response = client.post(url("initiative_create"), data)
    assert response.status_code == 200
    assert "Timor-Leste joined ASEAN on 26 October 2025" in response.content.decode()
    assert not Initiative.objects.exists()


def test_city_action_form_offers_no_secretariat_as_partner(client, acd_staff):
    client.force_login(acd_staff)
    html = client.get(url("city_action_create")).content.decode()
    assert "Da Nang (Viet Nam)" in html
    # The Secretariat and GIZ run the programme: they are no city's partners.
    assert "ASEAN Secretariat (ASEC)</label>" not in html
    assert "(GIZ)</label>" not in html
    assert "Centre for International Law (CIL)</label>" in html
    data = {
        "title": "Flood early warning system",
        "city": City.objects.get(name="Da Nang").pk,
        "focus_area": FocusArea.objects.get(slug="security").pk,
        "progress": "ongoing",
        **date_input("start_date", "2019-09-01"),
        **date_input("end_date", None),
        "action": "draft",
    }
    response = client.post(url("city_action_create"), data)
    assert response.status_code == 302
    assert UrbanisationAction.objects.get().status == ReviewStatus.DRAFT


def test_city_action_form_bad_date(client, acd_staff):
    client.force_login(acd_staff)
    data = {
        "title": "Flood early warning system",
        "city": City.objects.get(name="Da Nang").pk,
        "focus_area": FocusArea.objects.get(slug="security").pk,
        "progress": "ongoing",
        "start_date_0": "31",
        "start_date_1": "2",
        "start_date_2": "2021",
        "action": "draft",
    }
    response = client.post(url("city_action_create"), data)
    assert response.status_code == 200
    assert "Enter a real date" in response.content.decode()
    assert not UrbanisationAction.objects.exists()


# --- The meeting form with its action items ------------------------------------------------------


def items_post(*rows: dict, initial: int = 0, extra: int = 3) -> dict:
    """The formset's fields as the browser sends them: the management form, the rows
    given, then blank rows up to `extra` more."""
    data = {
        "items-TOTAL_FORMS": str(len(rows) + extra),
        "items-INITIAL_FORMS": str(initial),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "50",
    }
    blank = {"description": "", "owner": "", "due_on": None, "status": "open", "done_on": None}
    for index, row in enumerate([*rows, *[blank] * extra]):
        row = {**blank, **row}
        prefix = f"items-{index}-"
        data[prefix + "description"] = row["description"]
        data[prefix + "owner"] = row["owner"]
        data[prefix + "status"] = row["status"]
        data.update(date_input(prefix + "due_on", row["due_on"]))
        data.update(date_input(prefix + "done_on", row["done_on"]))
        if row.get("DELETE"):
            data[prefix + "DELETE"] = "on"
    return data


def meeting_post(states, *rows, **overrides) -> dict:
    data = {
        "body": CoordinationBody.objects.get(slug="accc").pk,
        **date_input("held_on", "2021-03-23"),
        "place": "",
        "online": "on",
        "member_states": [states["ID"].pk],
        "agenda": "Mid-term review",
        "decisions": "Terms of reference endorsed.",
        "internal_notes": "",
        "is_public": "on",
        "action": "submit",
        **items_post(*rows),
    }
    return {**data, **overrides}


DONE_ROW = {
    "description": "Circulate the terms of reference",
    "owner": "ACD",
    "due_on": "2021-04-15",
    "status": "done",
    "done_on": "2021-04-12",
}
OPEN_ROW = {"description": "Report to the ACCC", "owner": "ACD", "due_on": "2021-09-30"}


def test_meeting_form_shows_three_blank_action_items(client, acd_staff):
    client.force_login(acd_staff)
    html = client.get(url("meeting_create")).content.decode()
    assert "Action item 3" in html
    assert "Action item 4" not in html
    assert 'name="items-TOTAL_FORMS"' in html


def test_meeting_form_records_the_meeting_and_its_items(client, acd_staff, states):
    client.force_login(acd_staff)
    response = client.post(url("meeting_create"), meeting_post(states, DONE_ROW, OPEN_ROW))
    assert response.status_code == 302
    meeting = CoordinationMeeting.objects.get()
    assert meeting.status == ReviewStatus.SUBMITTED
    items = list(meeting.action_items.order_by("due_on"))
    assert [(i.description, i.status) for i in items] == [
        ("Circulate the terms of reference", "done"),
        ("Report to the ACCC", "open"),
    ]


def test_meeting_form_item_errors_write_nothing(client, acd_staff, states):
    client.force_login(acd_staff)
    bad = {**DONE_ROW, "done_on": None}
    response = client.post(url("meeting_create"), meeting_post(states, bad))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Check the action items: some need a correction." in html
    assert "Enter the day it was done." in html
    assert not CoordinationMeeting.objects.exists()
    assert not ActionItem.objects.exists()


def test_meeting_form_item_due_before_the_meeting(client, acd_staff, states):
    client.force_login(acd_staff)
    early = {**OPEN_ROW, "due_on": "2021-01-01"}
    response = client.post(url("meeting_create"), meeting_post(states, early))
    assert response.status_code == 200
    assert "Action item 1: it cannot be due before the meeting" in response.content.decode()
    assert not CoordinationMeeting.objects.exists()


def test_meeting_form_without_place_or_online(client, acd_staff, states):
    client.force_login(acd_staff)
    data = meeting_post(states, OPEN_ROW)
    del data["online"]
    response = client.post(url("meeting_create"), data)
    assert response.status_code == 200
    assert "Give the place, or tick “held online”." in response.content.decode()
    assert not CoordinationMeeting.objects.exists()


def test_meeting_edit_removes_and_adds_items(client, acd_staff, states):
    meeting = CoordinationMeetingFactory(unit=acd_staff.unit, created_by=acd_staff)
    ActionItemFactory(meeting=meeting, description="Old one", due_on=datetime.date(2021, 4, 1))
    client.force_login(acd_staff)
    html = client.get(url("meeting_edit", meeting.pk)).content.decode()
    assert 'value="Old one"' in html
    assert "Remove this action item" in html
    old = {"description": "Old one", "owner": "ACD", "due_on": "2021-04-01", "DELETE": True}
    data = meeting_post(states, action="draft")
    data.update(items_post(old, OPEN_ROW, initial=1, extra=1))
    response = client.post(url("meeting_edit", meeting.pk), data)
    assert response.status_code == 302
    assert list(meeting.action_items.values_list("description", flat=True)) == [
        "Report to the ACCC"
    ]


def test_meeting_page_never_shows_its_internal_notes_publicly(client, acd_staff):
    CoordinationMeetingFactory(
        unit=acd_staff.unit,
        created_by=acd_staff,
        status=ReviewStatus.APPROVED,
        internal_notes="Secret: two delegations were late.",
    )
    html = client.get(reverse("site:component_detail", args=["connectivity"])).content.decode()
    assert "two delegations were late" not in html


def test_another_units_evidence_is_404(client, acd_staff, other_staff):
    evidence = CoordinationMeetingEvidenceFactory(
        record=CoordinationMeetingFactory(unit=other_staff.unit, created_by=other_staff)
    )
    client.force_login(acd_staff)
    assert client.get(evidence.get_absolute_url()).status_code == 404
    assert client.post(evidence.get_delete_url()).status_code == 404


def test_remove_evidence_from_a_draft(client, acd_staff):
    evidence = CoordinationMeetingEvidenceFactory(
        record=CoordinationMeetingFactory(unit=acd_staff.unit, created_by=acd_staff)
    )
    client.force_login(acd_staff)
    response = client.post(evidence.get_delete_url())
    assert response.status_code == 302
    assert not evidence.record.evidence_files.exists()


def test_workspace_panel_only_for_the_components_units(client, acd_staff, other_staff):
    client.force_login(acd_staff)
    assert "Record a coordination meeting" in client.get(reverse("site:workspace")).content.decode()
    client.force_login(other_staff)
    assert (
        "Record a coordination meeting"
        not in client.get(reverse("site:workspace")).content.decode()
    )


def test_public_pages_are_purged_when_a_published_record_changes(acd_staff, monkeypatch):
    from apps.core import public_cache

    purged = []
    monkeypatch.setattr(public_cache, "public_pages_purge", lambda: purged.append(True))
    initiative = InitiativeFactory(unit=acd_staff.unit, created_by=acd_staff)
    purged.clear()  # its strategic area, created with it, is public reference data
    initiative.save()
    assert purged == []  # a draft never shows in public
    initiative.status = ReviewStatus.APPROVED
    initiative.save()
    assert purged == [True]


@pytest.mark.parametrize("page", ["meeting_create", "meeting_edit"])
def test_meeting_form_sent_empty_answers_with_errors(client, acd_staff, page):
    meeting = CoordinationMeetingFactory(unit=acd_staff.unit, created_by=acd_staff)
    client.force_login(acd_staff)
    args = (meeting.pk,) if page == "meeting_edit" else ()
    response = client.post(url(page, *args), {})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert CoordinationMeeting.objects.count() == 1
