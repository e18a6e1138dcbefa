"""The connectivity services: reference data, every review transition of the three
records, and the app's own rules (member states, progress, partners, action items)."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.connectivity import services
from apps.connectivity.models import (
    ActionItem,
    City,
    CoordinationBody,
    CoordinationMeeting,
    FocusArea,
    Initiative,
    Progress,
    StrategicArea,
    UrbanisationAction,
)
from apps.monitoring import review
from apps.monitoring.models import AuditEntry, ReviewStatus
from apps.programme.models import Partner

pytestmark = pytest.mark.django_db

OPEN, DONE = ActionItem.Status.OPEN, ActionItem.Status.DONE


def initiative_data(states, **overrides) -> dict:
    data = {
        "title": "Rolling pipeline of infrastructure projects",
        "strategic_area": StrategicArea.objects.get(slug="sustainable-infrastructure"),
        "lead": "ASEAN Connectivity Division",
        "progress": Progress.ONGOING,
        "progress_note": "The second pipeline is in review.",
        "start_date": datetime.date(2019, 1, 15),
        "end_date": None,
        "member_states": [states["ID"], states["VN"]],
        "is_public": True,
    }
    return {**data, **overrides}


def meeting_data(states, **overrides) -> dict:
    data = {
        "body": CoordinationBody.objects.get(slug="accc"),
        "held_on": datetime.date(2021, 3, 23),
        "place": "",
        "online": True,
        "member_states": [states["ID"], states["TH"]],
        "agenda": "Mid-term review",
        "decisions": "Terms of reference endorsed.",
        "internal_notes": "Two delegations were late.",
        "is_public": True,
    }
    return {**data, **overrides}


def item(description="Circulate the terms of reference", **overrides) -> dict:
    data = {
        "description": description,
        "owner": "ACD",
        "due_on": datetime.date(2021, 4, 15),
        "status": OPEN,
        "done_on": None,
    }
    return {**data, **overrides}


# --- Reference data ------------------------------------------------------------------


def test_facts_load_writes_the_reference_data_once(programme_facts):
    first = services.connectivity_facts_load()
    assert first == {
        "strategic areas": 5,
        "focus areas": 6,
        "cities": 26,
        "coordination bodies": 4,
    }
    assert services.connectivity_facts_load() == dict.fromkeys(first, 0)
    assert City.objects.filter(in_smart_cities_network=True).count() == 26
    assert City.objects.get(name="Da Nang").member_state.iso_code == "VN"
    assert list(StrategicArea.objects.values_list("slug", flat=True))[-1] == "people-mobility"
    assert FocusArea.objects.count() == 6


def test_facts_load_restores_a_changed_title(facts):
    StrategicArea.objects.filter(slug="digital-innovation").update(title="Digital")
    assert services.connectivity_facts_load()["strategic areas"] == 1
    assert StrategicArea.objects.get(slug="digital-innovation").title == "Digital innovation"


# --- Initiatives: the transitions ---------------------------------------------------------


def test_initiative_create_writes_a_draft_with_one_audit_entry(acd_staff, states):
    initiative = services.initiative_create(user=acd_staff, data=initiative_data(states))
    assert initiative.status == ReviewStatus.DRAFT
    assert initiative.unit == acd_staff.unit
    assert set(initiative.member_states.values_list("iso_code", flat=True)) == {"ID", "VN"}
    [entry] = review.audit_trail(initiative)
    assert entry.action == AuditEntry.Action.CREATED


def test_initiative_submit_approve_publishes_it(acd_staff, reviewer, states):
    initiative = services.initiative_create(user=acd_staff, data=initiative_data(states))
    services.initiative_submit(initiative=initiative, user=acd_staff)
    initiative = services.initiative_approve(initiative=initiative, reviewer=reviewer)
    assert initiative.status == ReviewStatus.APPROVED
    assert list(Initiative.objects.filter(status=ReviewStatus.APPROVED)) == [initiative]


def test_initiative_return_needs_a_note_then_goes_back_to_its_author(acd_staff, reviewer, states):
    initiative = services.initiative_create(
        user=acd_staff, data=initiative_data(states), submit=True
    )
    with pytest.raises(ValidationError, match="Say why you return it"):
        services.initiative_return(initiative=initiative, reviewer=reviewer, note="  ")
    initiative = services.initiative_return(
        initiative=initiative, reviewer=reviewer, note="Which projects?"
    )
    assert initiative.status == ReviewStatus.RETURNED
    updated = services.initiative_update(
        initiative=initiative,
        user=acd_staff,
        data={"progress_note": "Projects 1 to 19 listed."},
        submit=True,
    )
    assert updated.status == ReviewStatus.SUBMITTED
    assert updated.progress_note == "Projects 1 to 19 listed."


def test_initiative_approve_refuses_staff(acd_staff, states):
    initiative = services.initiative_create(
        user=acd_staff, data=initiative_data(states), submit=True
    )
    with pytest.raises(PermissionDenied):
        services.initiative_approve(initiative=initiative, reviewer=acd_staff)


def test_initiative_update_refused_once_approved(acd_staff, reviewer, states):
    initiative = services.initiative_create(
        user=acd_staff, data=initiative_data(states), submit=True
    )
    services.initiative_approve(initiative=initiative, reviewer=reviewer)
    with pytest.raises(ValidationError, match="approved and cannot be changed"):
        services.initiative_update(initiative=initiative, user=acd_staff, data={"title": "New"})


def test_initiative_delete_only_a_draft_of_its_author(acd_staff, other_staff, states):
    initiative = services.initiative_create(user=acd_staff, data=initiative_data(states))
    with pytest.raises(PermissionDenied):
        services.initiative_delete(initiative=initiative, user=other_staff)
    services.initiative_delete(initiative=initiative, user=acd_staff)
    assert not Initiative.objects.exists()


def test_initiative_create_refuses_people_without_a_unit(reviewer, states):
    with pytest.raises(PermissionDenied):
        services.initiative_create(user=reviewer, data=initiative_data(states))


# --- Initiatives: the app's rules ------------------------------------------------------------


def test_initiative_refuses_a_state_that_joined_after_its_start(acd_staff, states):
    data = initiative_data(states, member_states=[states["TL"]])
    with pytest.raises(ValidationError, match="Timor-Leste joined ASEAN on 26 October 2025"):
        services.initiative_create(user=acd_staff, data=data)
    assert not Initiative.objects.exists()


def test_initiative_completed_needs_an_end_date(acd_staff, states):
    with pytest.raises(ValidationError) as refused:
        services.initiative_create(
            user=acd_staff, data=initiative_data(states, progress=Progress.COMPLETED)
        )
    assert refused.value.message_dict == {"end_date": ["Enter the date it was completed."]}


def test_initiative_stalled_says_why(acd_staff, states):
    data = initiative_data(states, progress=Progress.STALLED, progress_note="")
    with pytest.raises(ValidationError, match="Say why it stalled"):
        services.initiative_create(user=acd_staff, data=data)


def test_initiative_end_not_before_start(acd_staff, states):
    data = initiative_data(states, end_date=datetime.date(2018, 1, 1))
    with pytest.raises(ValidationError, match="cannot be before the start date"):
        services.initiative_create(user=acd_staff, data=data)


# --- City actions ------------------------------------------------------------------------


def city_action_data(**overrides) -> dict:
    data = {
        "title": "Flood early warning system",
        "city": City.objects.get(name="Da Nang"),
        "focus_area": FocusArea.objects.get(slug="security"),
        "description": "River sensors and text alerts.",
        "progress": Progress.ONGOING,
        "start_date": datetime.date(2019, 9, 1),
        "partners": [Partner.objects.get(acronym="GIZ")],
        "is_public": True,
    }
    return {**data, **overrides}


def test_city_action_goes_through_review(acd_staff, reviewer):
    action = services.city_action_create(user=acd_staff, data=city_action_data(), submit=True)
    action = services.city_action_return(action=action, reviewer=reviewer, note="Dates?")
    action = services.city_action_update(
        action=action, user=acd_staff, data={"end_date": None}, submit=False
    )
    services.city_action_submit(action=action, user=acd_staff)
    action = services.city_action_approve(action=action, reviewer=reviewer)
    assert action.status == ReviewStatus.APPROVED
    actions = [entry.action for entry in review.audit_trail(action)]
    assert actions == ["submitted", "returned", "submitted", "approved"]


def test_city_action_refuses_the_secretariat_as_partner(acd_staff):
    data = city_action_data(partners=[Partner.objects.get(acronym="ASEC")])
    with pytest.raises(ValidationError, match="cannot be a partner of a city's action"):
        services.city_action_create(user=acd_staff, data=data)
    assert not UrbanisationAction.objects.exists()


def test_city_action_delete(acd_staff):
    action = services.city_action_create(user=acd_staff, data=city_action_data())
    services.city_action_delete(action=action, user=acd_staff)
    assert not UrbanisationAction.objects.exists()


# --- Coordination meetings and their action items -----------------------------------------------


def test_meeting_create_writes_its_items_in_the_same_audit_entry(acd_staff, states):
    meeting = services.coordination_meeting_create(
        user=acd_staff,
        data=meeting_data(states),
        action_items=[item(), item("Collect national reports", due_on=datetime.date(2021, 5, 31))],
        submit=True,
    )
    assert meeting.status == ReviewStatus.SUBMITTED
    assert meeting.action_items.count() == 2
    [entry] = review.audit_trail(meeting)
    labels = {change["label"]: change["new"] for change in entry.changes}
    assert labels["Action item 1"] == (
        "Circulate the terms of reference · ACD · due 2021-04-15 · open"
    )
    assert labels["Action item 2"].startswith("Collect national reports")


def test_meeting_update_changes_items_and_the_trail_says_so(acd_staff, states):
    meeting = services.coordination_meeting_create(
        user=acd_staff, data=meeting_data(states), action_items=[item()]
    )
    services.coordination_meeting_update(
        meeting=meeting,
        user=acd_staff,
        data={},
        action_items=[item(status=DONE, done_on=datetime.date(2021, 4, 10))],
    )
    [row] = meeting.action_items.all()
    assert row.status == DONE
    entry = review.audit_trail(meeting).last()
    assert entry.action == AuditEntry.Action.EDITED
    assert entry.changes == [
        {
            "field": "action_item:1",
            "label": "Action item 1",
            "old": "Circulate the terms of reference · ACD · due 2021-04-15 · open",
            "new": "Circulate the terms of reference · ACD · due 2021-04-15 · done 2021-04-10",
        }
    ]


def test_meeting_update_without_items_leaves_them(acd_staff, states):
    meeting = services.coordination_meeting_create(
        user=acd_staff, data=meeting_data(states), action_items=[item()]
    )
    first = meeting.action_items.get()
    services.coordination_meeting_update(
        meeting=meeting, user=acd_staff, data={"agenda": "New agenda"}
    )
    services.coordination_meeting_update(
        meeting=meeting, user=acd_staff, data={}, action_items=[item()]
    )
    assert meeting.action_items.get().pk == first.pk  # the same items: not rewritten


def test_meeting_needs_a_place_or_online(acd_staff, states):
    with pytest.raises(ValidationError, match="Give the place, or tick “held online”"):
        services.coordination_meeting_create(
            user=acd_staff, data=meeting_data(states, online=False, place="")
        )
    assert not CoordinationMeeting.objects.exists()


def test_meeting_item_cannot_be_due_before_the_meeting(acd_staff, states):
    with pytest.raises(ValidationError) as refused:
        services.coordination_meeting_create(
            user=acd_staff,
            data=meeting_data(states),
            action_items=[item(), item(due_on=datetime.date(2021, 1, 1))],
        )
    assert refused.value.message_dict == {
        "action_items": ["Action item 2: it cannot be due before the meeting (23 March 2021)."]
    }
    assert not CoordinationMeeting.objects.exists()
    assert not ActionItem.objects.exists()


def test_meeting_item_done_needs_its_day(acd_staff, states):
    with pytest.raises(ValidationError, match=r"Action item 1: Enter the day it was done\."):
        services.coordination_meeting_create(
            user=acd_staff, data=meeting_data(states), action_items=[item(status=DONE)]
        )


def test_meeting_item_open_has_no_done_day(acd_staff, states):
    with pytest.raises(ValidationError, match="An open item has no “done on” date"):
        services.coordination_meeting_create(
            user=acd_staff,
            data=meeting_data(states),
            action_items=[item(done_on=datetime.date(2021, 4, 1))],
        )


def test_meeting_refuses_a_state_that_was_not_a_member_then(acd_staff, states):
    with pytest.raises(ValidationError, match="Timor-Leste joined ASEAN"):
        services.coordination_meeting_create(
            user=acd_staff, data=meeting_data(states, member_states=[states["TL"]])
        )


def test_meeting_approve_return_and_delete(acd_staff, reviewer, states):
    meeting = services.coordination_meeting_create(
        user=acd_staff, data=meeting_data(states), action_items=[item()], submit=True
    )
    meeting = services.coordination_meeting_return(
        meeting=meeting, reviewer=reviewer, note="Add the place."
    )
    services.coordination_meeting_submit(meeting=meeting, user=acd_staff)
    meeting = services.coordination_meeting_approve(meeting=meeting, reviewer=reviewer)
    assert meeting.status == ReviewStatus.APPROVED

    draft = services.coordination_meeting_create(
        user=acd_staff, data=meeting_data(states, held_on=datetime.date(2021, 6, 1))
    )
    services.coordination_meeting_delete(meeting=draft, user=acd_staff)
    assert list(CoordinationMeeting.objects.all()) == [meeting]


def test_meeting_create_by_someone_without_a_unit_is_refused(reviewer, states):
    with pytest.raises(PermissionDenied):
        services.coordination_meeting_create(user=reviewer, data=meeting_data(states))


def test_meeting_form_sent_twice_makes_one_meeting(acd_staff, states):
    token = uuid.uuid4()
    first = services.coordination_meeting_create(
        user=acd_staff, data=meeting_data(states), action_items=[item()], token=token
    )
    with pytest.raises(review.DuplicateSubmission) as again:
        services.coordination_meeting_create(
            user=acd_staff, data=meeting_data(states), action_items=[item()], token=token
        )
    assert again.value.record == first
    assert CoordinationMeeting.objects.count() == 1
    assert ActionItem.objects.count() == 1
