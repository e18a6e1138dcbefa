"""Participants by member state: how many of an activity's participants came from each
member state (a regional forum's reach). Optional boxes on the activity form, never
more than all participants, only states that were members; in the audit trail; public
only as aggregates through the disclosure rule, with the unrecorded rest as a cell of
its own so that a small state's count cannot be worked out from the total.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.monitoring import selectors, services
from apps.monitoring.models import AuditEntry, MemberStateParticipation
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.factories import ActivityFactory
from tests.monitoring.helpers import APPROVED, activity_service_data, with_dates
from tests.programme.factories import ComponentFactory, MemberStateFactory, UnitFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("monitoring:activity_create")
FOUNDED = datetime.date(1967, 8, 8)


@pytest.fixture
def component():
    return ComponentFactory()  # programme 2018–2021


@pytest.fixture
def staff(component):
    return StaffUserFactory(unit=UnitFactory(components=[component]))


@pytest.fixture
def states():
    indonesia = MemberStateFactory(name="Indonesia", iso_code="ID", joined_on=FOUNDED)
    viet_nam = MemberStateFactory(name="Viet Nam", iso_code="VN", joined_on=FOUNDED)
    timor = MemberStateFactory(
        name="Timor-Leste", iso_code="TL", joined_on=datetime.date(2025, 10, 26)
    )
    return indonesia, viet_nam, timor


def post_data(component, **overrides) -> dict:
    """A workshop with 25 participants (14 women, 11 men)."""
    data = {
        "title": "ASEAN Media Forum 2020",
        "activity_type": "workshop",
        "start_date": "2020-11-10",
        "component": component.pk,
        "participants_women": "14",
        "participants_men": "11",
        "participants_sex_other": "0",
        "participants_with_disability": "0",
        "participants_disability_not_stated": "0",
        "action": "draft",
    }
    data.update(overrides)
    return with_dates(data, "start_date")


# --- The form ------------------------------------------------------------------------


def test_form_offers_a_box_per_member_state_of_the_programme_window(client, staff, states):
    client.force_login(staff)

    html = client.get(CREATE).content.decode()

    assert "Participants by member state (optional)" in html
    assert 'name="from_id"' in html
    assert 'name="from_vn"' in html
    assert 'name="from_tl"' not in html  # joined in 2025, after the window
    assert '<details class="portal-fold mb-3">' in html  # folded while empty


def test_counts_are_saved_and_their_states_count_as_involved(client, staff, component, states):
    indonesia, viet_nam, _timor = states
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, from_id="20", from_vn="5"))

    assert response.status_code == 302
    rows = MemberStateParticipation.objects.order_by("member_state__name")
    assert [(row.member_state, row.participants) for row in rows] == [
        (indonesia, 20),
        (viet_nam, 5),
    ]
    activity = rows[0].activity
    assert set(activity.member_states.all()) == {indonesia, viet_nam}


def test_counts_adding_up_to_all_participants_are_accepted(client, staff, component, states):
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, from_id="20", from_vn="5"))  # 25 of 25

    assert response.status_code == 302


def test_counts_adding_up_to_more_than_all_participants_are_refused_beside_the_boxes(
    client, staff, component, states
):
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, from_id="20", from_vn="6"))  # 26 of 25

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["from_id"] == [
        "Participants by member state add up to 26, more than the 25 participants in all "
        "(women + men + other)."
    ]
    assert '<details class="portal-fold mb-3" open>' in response.content.decode()
    assert not MemberStateParticipation.objects.exists()


def test_a_count_that_is_not_a_number_gets_its_own_message(client, staff, component, states):
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, from_vn="many"))

    assert response.context["form"].errors["from_vn"] == [
        "Enter the number from Viet Nam as a whole number, like 12"
    ]
    assert not MemberStateParticipation.objects.exists()


def test_the_form_shows_the_saved_counts_again(client, staff, component, states):
    client.force_login(staff)
    client.post(CREATE, post_data(component, from_id="20"))
    activity = MemberStateParticipation.objects.get().activity

    response = client.get(reverse("monitoring:activity_edit", args=[activity.pk]))

    assert response.context["form"]["from_id"].value() == 20
    assert '<details class="portal-fold mb-3" open>' in response.content.decode()


# --- The service -----------------------------------------------------------------------


def test_service_refuses_a_state_that_joined_after_the_activity(staff, component, states):
    _indonesia, _viet_nam, timor = states
    data = activity_service_data(component, participation_by_state={timor: 3})

    with pytest.raises(ValidationError) as refused:
        services.activity_create(user=staff, data=data)

    assert "Timor-Leste joined ASEAN after this activity's date" in str(refused.value)
    assert not MemberStateParticipation.objects.exists()


def test_service_refuses_more_than_all_participants(staff, component, states):
    indonesia, *_others = states
    data = activity_service_data(component, participation_by_state={indonesia: 26})  # of 25

    with pytest.raises(ValidationError):
        services.activity_create(user=staff, data=data)


def test_changed_counts_replace_the_rows_and_show_in_the_audit_trail(staff, component, states):
    indonesia, viet_nam, _timor = states
    activity = services.activity_create(
        user=staff,
        data=activity_service_data(component, participation_by_state={indonesia: 10}),
    )

    services.activity_update(
        activity=activity,
        user=staff,
        data={"participation_by_state": {indonesia: 0, viet_nam: 7}},
    )

    rows = list(activity.participation_by_state.values_list("member_state__name", "participants"))
    assert rows == [("Viet Nam", 7)]
    edit = AuditEntry.objects.filter(action=AuditEntry.Action.EDITED).get()
    changed = {change["label"]: change for change in edit.changes}
    assert changed["Participants from Indonesia"]["old"] == "10"
    assert changed["Participants from Viet Nam"]["new"] == "7"


def test_unchanged_counts_write_no_audit_entry(staff, component, states):
    indonesia, *_others = states
    activity = services.activity_create(
        user=staff,
        data=activity_service_data(component, participation_by_state={indonesia: 10}),
    )

    services.activity_update(
        activity=activity, user=staff, data={"participation_by_state": {indonesia: 10}}
    )

    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EDITED).exists()


# --- Public figures ------------------------------------------------------------------


def public_activity(component, **counts):
    """An approved public activity of 30 participants, with rows by member state."""
    activity = ActivityFactory(
        component=component,
        status=APPROVED,
        is_public=True,
        participants_women=15,
        participants_men=15,
        participants_sex_other=0,
    )
    for state, count in counts.items():
        MemberStateParticipation.objects.create(
            activity=activity, member_state=state, participants=count
        )
    return activity


def shown(summary) -> dict[str, str]:
    return {cell.label: str(cell.figure) for cell in summary.by_member_state}


def test_public_figures_hide_a_small_state_and_its_complement(component, states):
    indonesia, viet_nam, _timor = states
    activity = public_activity(component)
    MemberStateParticipation.objects.create(
        activity=activity, member_state=indonesia, participants=22
    )
    MemberStateParticipation.objects.create(
        activity=activity, member_state=viet_nam, participants=4
    )

    summary = selectors.participation_public(component=component)

    # 22 + 4 + 4 not recorded = 30: both 4s are small, so neither needs a complement.
    assert shown(summary) == {
        "Indonesia": "20",
        "Viet Nam": "fewer than 5",
        "Member state not recorded": "fewer than 5",
    }


def test_one_small_state_hides_the_next_smallest_cell(component, states):
    indonesia, viet_nam, _timor = states
    activity = public_activity(component)
    MemberStateParticipation.objects.create(
        activity=activity, member_state=indonesia, participants=20
    )
    MemberStateParticipation.objects.create(
        activity=activity, member_state=viet_nam, participants=4
    )

    summary = selectors.participation_public(component=component)

    # 20 + 4 + 6 not recorded: Viet Nam's 4 would be 30 − 20 − 6; the 6 is hidden too.
    assert shown(summary) == {
        "Indonesia": "20",
        "Viet Nam": "fewer than 5",
        "Member state not recorded": "hidden",
    }


def test_a_state_of_exactly_5_is_shown(component, states):
    indonesia, viet_nam, _timor = states
    activity = public_activity(component)
    MemberStateParticipation.objects.create(
        activity=activity, member_state=indonesia, participants=20
    )
    MemberStateParticipation.objects.create(
        activity=activity, member_state=viet_nam, participants=5
    )

    assert shown(selectors.participation_public(component=component))["Viet Nam"] == "5"


def test_only_approved_public_activities_count(component, states):
    indonesia, *_others = states
    draft = ActivityFactory(component=component, participants_women=30)
    MemberStateParticipation.objects.create(activity=draft, member_state=indonesia, participants=30)

    assert selectors.participation_public(component=component).by_member_state == []


def test_component_page_shows_the_table_once_there_are_rows(client, component, states):
    indonesia, *_others = states
    activity = public_activity(component)
    MemberStateParticipation.objects.create(
        activity=activity, member_state=indonesia, participants=25
    )

    html = client.get(reverse("site:component_detail", args=[component.slug])).content.decode()

    assert 'id="participants-by-member-state">Participants by member state</caption>' in html
