"""The activity form under /workspace/activities/: dates typed as day, month and year,
participant counts that must be filled, "All ASEAN member states", the states and
partners offered, one component not asked, messages that say what to do, and the
GOV.UK order of label, hint, error and input. The services' rules behind it
(membership on the activity's date, no executing agency as partner) at the end.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.monitoring import services
from apps.monitoring.models import Activity
from apps.programme.models import Partner
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.factories import ActivityFactory
from tests.monitoring.helpers import activity_service_data, date_input, with_dates
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    PartnerFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("monitoring:activity_create")
FOUNDED = datetime.date(1967, 8, 8)
TIMOR_LESTE_JOINED = datetime.date(2025, 10, 26)


@pytest.fixture
def component():
    return ComponentFactory(title="Organisational processes")  # programme 2018–2021


@pytest.fixture
def staff(component):
    unit = UnitFactory(name="Community Relations Division", components=[component])
    return StaffUserFactory(unit=unit)


@pytest.fixture
def members():
    """The ten members of the programme's term, and Timor-Leste (joined in 2025)."""
    ten = [MemberStateFactory(name=f"Member {n:02d}", joined_on=FOUNDED) for n in range(10)]
    timor = MemberStateFactory(name="Timor-Leste", iso_code="TL", joined_on=TIMOR_LESTE_JOINED)
    return ten, timor


def post_data(component, /, **overrides) -> dict:
    data = {
        "title": "ASEAN Media Forum 2021",
        "activity_type": Activity.Type.WORKSHOP,
        "start_date": "2021-12-10",
        "component": component.pk,
        "location": "Jakarta",
        "participants_women": "48",
        "participants_men": "42",
        "participants_sex_other": "0",
        "participants_with_disability": "3",
        "participants_disability_not_stated": "0",
        "action": "draft",
    }
    data.update(overrides)
    return with_dates(data, "start_date", "end_date")


def errors(response, field) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


# --- Dates: day, month and year ---------------------------------------------------


def test_date_typed_as_10_12_2021_is_saved_as_10_december_2021(client, staff, component):
    client.force_login(staff)

    response = client.post(CREATE, post_data(component))

    assert response.status_code == 302
    assert Activity.objects.get().start_date == datetime.date(2021, 12, 10)


def test_date_is_three_labelled_boxes_in_a_fieldset_with_an_example(client, staff):
    client.force_login(staff)

    html = client.get(CREATE).content.decode()

    assert 'type="date"' not in html
    fieldset = between(html, 'aria-describedby="id_start_date_helptext"', "</fieldset>")
    assert re.search(r"<legend[^>]*>Date<span class=\"asteriskField\">\*</span></legend>", fieldset)
    assert "The day it took place, or began. For example, 10 12 2021" in fieldset
    for index, label in enumerate(("Day", "Month", "Year")):
        assert (
            f'<label class="form-label portal-date-input__label" for="id_start_date_{index}">'
            f"{label}</label>"
        ) in fieldset
        box = re.search(rf'<input [^>]*name="start_date_{index}"[^>]*>', fieldset).group(0)
        assert 'type="text"' in box
        assert 'inputmode="numeric"' in box
        assert 'autocomplete="off"' in box
    assert "Only if it lasted more than one day. For example, 11 12 2021" in html


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date the activity took place or started"),
        ("10", "", "2021", "The date must include a month"),
        ("", "", "2021", "The date must include a day and month"),
        ("10", "12", "", "The date must include a year"),
        ("31", "2", "2021", "Enter a real date"),
        ("0", "12", "2021", "Enter a real date"),
        ("10", "13", "2021", "Enter a real date"),
        ("10", "12", "21", "The year must have 4 numbers, for example 2021"),
        ("10", "12", "02021", "The year must have 4 numbers, for example 2021"),
        ("10th", "12", "2021", "Enter the date in numbers, for example 10 12 2021"),
    ],
)
def test_date_says_what_is_wrong_with_it(client, staff, component, day, month, year, message):
    client.force_login(staff)
    data = post_data(component)
    data.update(start_date_0=day, start_date_1=month, start_date_2=year)

    response = client.post(CREATE, data)

    assert errors(response, "start_date") == [message]
    html = response.content.decode()
    # What was typed comes back as it was; the summary's link goes to the day box.
    assert f'name="start_date_2" value="{year}"' in html or not year
    assert 'href="#id_start_date_0"' in html
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [(" 10 ", "12", "2021"), ("10", "Dec", "2021"), ("10", "december", "2021")],
)
def test_date_takes_spaces_and_month_names(client, staff, component, day, month, year):
    client.force_login(staff)
    data = post_data(component)
    data.update(start_date_0=day, start_date_1=month, start_date_2=year)

    client.post(CREATE, data)

    assert Activity.objects.get().start_date == datetime.date(2021, 12, 10)


def test_end_date_is_optional_and_has_its_own_messages(client, staff, component):
    client.force_login(staff)
    data = post_data(component)
    data.update(date_input("end_date", None) | {"end_date_0": "11", "end_date_2": "2021"})

    response = client.post(CREATE, data)

    assert errors(response, "end_date") == ["The end date must include a month"]
    client.post(CREATE, post_data(component, end_date=""))
    assert Activity.objects.get().end_date is None


def test_date_sent_as_one_iso_value_is_still_understood(client, staff, component):
    """A form opened before the change, sent after it."""
    client.force_login(staff)
    data = post_data(component)
    for index in range(3):
        del data[f"start_date_{index}"]
    data["start_date"] = "2019-05-14"

    client.post(CREATE, data)

    assert Activity.objects.get().start_date == datetime.date(2019, 5, 14)


def test_date_outside_the_programme_window_gets_the_models_message(client, staff, component):
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, start_date="2031-12-10"))

    assert errors(response, "start_date") == [
        "Activities of this programme (2018–2021) are dated from 1 January 2017 to "
        "31 December 2022."
    ]


# --- Participants: empty until filled, and 0 in all asks once -----------------------


def test_participant_counts_start_empty_and_are_required_with_their_own_messages(
    client, staff, component
):
    client.force_login(staff)

    html = client.get(CREATE).content.decode()
    response = client.post(
        CREATE, post_data(component, participants_men="", participants_sex_other="")
    )

    box = re.search(r'<input [^>]*name="participants_women"[^>]*>', html).group(0)
    assert "value=" not in box
    assert 'inputmode="numeric"' in box
    assert errors(response, "participants_men") == ["Enter the number of men who took part, or 0"]
    assert errors(response, "participants_sex_other") == [
        "Enter the number of participants of another or unstated sex, or 0"
    ]
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "The number of women cannot be below 0"),
        ("twelve", "Enter the number of women as a whole number, like 12"),
        ("1.5", "Enter the number of women as a whole number, like 12"),
    ],
)
def test_participant_count_refuses_what_is_not_a_count(client, staff, component, typed, message):
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, participants_women=typed))

    assert errors(response, "participants_women") == [message]


def test_participant_count_takes_a_thousands_separator(client, staff, component):
    client.force_login(staff)

    client.post(CREATE, post_data(component, participants_women="1,250"))

    assert Activity.objects.get().participants_women == 1250


ZERO = {
    "participants_women": "0",
    "participants_men": "0",
    "participants_sex_other": "0",
    "participants_with_disability": "0",
    "participants_disability_not_stated": "0",
}


def test_zero_participants_at_a_workshop_asks_once_and_keeps_what_was_typed(
    client, staff, component
):
    client.force_login(staff)

    asked = client.post(CREATE, post_data(component, **ZERO))
    confirmed = client.post(
        CREATE, post_data(component, **ZERO, confirm_no_participants="on"), follow=False
    )

    html = asked.content.decode()
    assert asked.status_code == 200
    assert errors(asked, "confirm_no_participants") == [
        "You entered 0 participants for this workshop. If people took part, enter how many; "
        "if nobody did, tick “Yes, nobody took part”."
    ]
    assert '<input type="checkbox" name="confirm_no_participants"' in html
    assert 'href="#id_confirm_no_participants"' in html
    assert 'value="ASEAN Media Forum 2021"' in html
    assert 'name="start_date_0" value="10"' in html
    assert confirmed.status_code == 302
    assert Activity.objects.get().participants_total == 0


@pytest.mark.parametrize("kind", [Activity.Type.STUDY, Activity.Type.STRATEGY, Activity.Type.OTHER])
def test_zero_participants_is_fine_for_work_nobody_attends(client, staff, component, kind):
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, activity_type=kind, **ZERO))

    assert response.status_code == 302
    assert Activity.objects.get().participants_total == 0


def test_one_participant_is_not_questioned_and_the_checkbox_is_not_shown(client, staff, component):
    client.force_login(staff)

    html = client.get(CREATE).content.decode()
    response = client.post(CREATE, post_data(component, **{**ZERO, "participants_men": "1"}))

    assert "confirm_no_participants" not in html
    assert response.status_code == 302


# --- Member states ----------------------------------------------------------------------


def test_all_member_states_means_every_member_on_the_activitys_date(
    client, staff, component, members
):
    ten, _timor = members
    client.force_login(staff)

    html = client.get(CREATE).content.decode()
    client.post(CREATE, post_data(component, all_member_states="on", member_states=[ten[0].pk]))

    fieldset = between(html, "Member states involved", "</fieldset>")
    assert fieldset.index("All ASEAN member states") < fieldset.index("Member 00")
    assert set(Activity.objects.get().member_states.all()) == set(ten)


def test_member_states_offered_are_those_of_the_programmes_window(
    client, staff, component, members
):
    ten, _timor = members
    late_joiner = MemberStateFactory(name="Newland", joined_on=datetime.date(2022, 6, 1))
    client.force_login(staff)

    response = client.get(CREATE)

    offered = list(response.context["form"].fields["member_states"].queryset)
    assert offered == [*ten, late_joiner]
    assert "Timor-Leste" not in response.content.decode()


def test_a_state_that_had_not_joined_yet_is_refused_with_its_joining_date(
    client, staff, component, members
):
    ten, timor = members
    late_joiner = MemberStateFactory(name="Newland", joined_on=datetime.date(2022, 6, 1))
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, member_states=[ten[0].pk, late_joiner.pk]))
    forged = client.post(CREATE, post_data(component, member_states=[timor.pk]))

    assert errors(response, "member_states") == [
        "Newland joined ASEAN on 1 June 2022, after this activity's date (10 December 2021): "
        "untick it."
    ]
    assert errors(forged, "member_states") == ["Choose the member states from the list"]
    assert not Activity.objects.exists()


def test_edit_ticks_all_member_states_when_the_activity_had_every_member(
    client, staff, component, members
):
    ten, _timor = members
    every = ActivityFactory(unit=staff.unit, component=component, created_by=staff)
    every.member_states.set(ten)
    some = ActivityFactory(unit=staff.unit, component=component, created_by=staff)
    some.member_states.set(ten[:3])
    client.force_login(staff)

    every_form = client.get(reverse("monitoring:activity_edit", args=[every.pk]))
    some_form = client.get(reverse("monitoring:activity_edit", args=[some.pk]))

    html = every_form.content.decode()
    assert re.search(r'<input type="checkbox" name="all_member_states"[^>]* checked', html)
    assert " checked" not in between(html, 'name="member_states"', "</fieldset>")
    assert not some_form.context["form"]["all_member_states"].value()
    assert len(re.findall(r'name="member_states"[^>]* checked', some_form.content.decode())) == 3


# --- Partners and components --------------------------------------------------------------


def test_the_executing_agency_is_not_offered_as_a_partner(client, staff, component):
    asec = PartnerFactory(
        name="ASEAN Secretariat", acronym="ASEC", kind=Partner.Kind.EXECUTING_AGENCY
    )
    cil = PartnerFactory(name="Centre for International Law", acronym="CIL")
    client.force_login(staff)

    response = client.get(CREATE)
    forged = client.post(CREATE, post_data(component, partners=[asec.pk]))

    assert list(response.context["form"].fields["partners"].queryset) == [cil]
    assert "ASEAN Secretariat" not in between(
        response.content.decode(), ">Partners<", "</fieldset>"
    )
    assert errors(forged, "partners") == ["Choose the partners from the list"]


def test_a_unit_with_two_components_chooses_one(client, component):
    second = ComponentFactory(programme=component.programme, title="Connectivity")
    staff = StaffUserFactory(unit=UnitFactory(components=[component, second]))
    client.force_login(staff)

    response = client.get(CREATE)
    sent_without = client.post(CREATE, post_data(component, component=""))

    html = response.content.decode()
    assert '<select name="component"' in html
    assert "Component:</span>" not in html
    assert errors(sent_without, "component") == ["Choose the component the activity belongs to"]


# --- Messages and the order of label, hint, error and input ---------------------------------


def test_required_fields_say_what_to_do_and_the_summary_shows_the_messages(client, staff):
    client.force_login(staff)

    response = client.post(CREATE, {"action": "draft"})

    html = response.content.decode()
    assert errors(response, "title") == ["Enter the activity's title"]
    assert errors(response, "activity_type") == ["Choose the type of activity"]
    summary = between(html, 'id="error-summary"', "</div>")
    assert '<a href="#id_title">Enter the activity\'s title</a>' in summary.replace("&#x27;", "'")
    assert "This field is required" not in html


def test_label_hint_error_and_input_come_in_that_order(client, staff, component):
    client.force_login(staff)

    response = client.post(CREATE, post_data(component, location="x" * 201, start_date=""))

    html = response.content.decode()
    location = between(html, 'id="div_id_location"', 'id="div_id_description"')
    order = [
        location.index('<label class="form-label" for="id_location">'),
        location.index('id="id_location_helptext"'),
        location.index('id="id_location_error"'),
        location.index('<input type="text" name="location"'),
    ]
    assert order == sorted(order)
    box = re.search(r'<input type="text" name="location"[^>]*>', html).group(0)
    assert 'aria-describedby="id_location_helptext id_location_error"' in box
    assert 'aria-invalid="true"' in box
    date = between(html, 'id="div_id_start_date"', "</fieldset>")
    order = [
        date.index("<legend"),
        date.index('id="id_start_date_helptext"'),
        date.index('id="id_start_date_error"'),
        date.index('name="start_date_0"'),
    ]
    assert order == sorted(order)
    assert 'aria-describedby="id_start_date_helptext id_start_date_error"' in date


def test_form_carries_its_creation_token(client, staff):
    """The double-click guard needs the token in the page, not only in the form class."""
    client.force_login(staff)

    html = client.get(CREATE).content.decode()

    assert re.search(r'<input type="hidden" name="token" value="[0-9a-f-]{36}"', html)


# --- The services' rules behind the form ----------------------------------------------------


def test_activity_create_refuses_a_state_that_joined_after_the_activity(staff, component):
    newland = MemberStateFactory(name="Newland", joined_on=datetime.date(2020, 1, 1))
    founder = MemberStateFactory(joined_on=FOUNDED)

    with pytest.raises(ValidationError) as refused:
        services.activity_create(
            user=staff, data=activity_service_data(component, member_states=[founder, newland])
        )
    on_the_day = services.activity_create(
        user=staff,
        data=activity_service_data(
            component, start_date=datetime.date(2020, 1, 1), member_states=[founder, newland]
        ),
    )

    assert refused.value.message_dict == {
        "member_states": [
            "Newland joined ASEAN on 1 January 2020, after this activity's date "
            "(10 September 2019): untick it."
        ]
    }
    assert set(on_the_day.member_states.all()) == {founder, newland}


def test_activity_update_refuses_an_earlier_date_than_a_states_joining(staff, component):
    newland = MemberStateFactory(name="Newland", joined_on=datetime.date(2020, 1, 1))
    activity = services.activity_create(
        user=staff,
        data=activity_service_data(
            component, start_date=datetime.date(2020, 3, 1), member_states=[newland]
        ),
    )

    with pytest.raises(ValidationError, match="Newland joined ASEAN on 1 January 2020"):
        services.activity_update(
            activity=activity, user=staff, data={"start_date": datetime.date(2019, 12, 31)}
        )

    activity.refresh_from_db()
    assert activity.start_date == datetime.date(2020, 3, 1)


def test_activity_create_refuses_the_executing_agency_as_partner(staff, component):
    asec = PartnerFactory(
        name="ASEAN Secretariat", acronym="ASEC", kind=Partner.Kind.EXECUTING_AGENCY
    )
    giz = PartnerFactory(name="GIZ", acronym="", kind=Partner.Kind.IMPLEMENTING_AGENCY)

    with pytest.raises(ValidationError) as refused:
        services.activity_create(
            user=staff, data=activity_service_data(component, partners=[giz, asec])
        )
    saved = services.activity_create(
        user=staff, data=activity_service_data(component, partners=[giz])
    )

    assert refused.value.message_dict == {
        "partners": [
            "ASEAN Secretariat (ASEC) is the programme's executing agency, the Secretariat "
            "itself: it cannot be a partner of its own activities."
        ]
    }
    assert list(saved.partners.all()) == [giz]
    assert Activity.objects.count() == 1
