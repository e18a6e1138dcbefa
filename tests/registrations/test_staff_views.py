"""Staff's pages of an event's participants under /workspace/events/<pk>/: who may
open them (the organising unit's staff and event reviewers; others 403, visitors
sign in), the participants page and its buttons, the invitation form, check-in,
certificates and the workspace panel; bad input changes nothing."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from apps.registrations.models import Attendance, Registration, RegistrationSetup
from tests.accounts.factories import StaffUserFactory
from tests.helpers import assert_size_flat, query_count, response_size

from . import staff_fixtures
from .factories import AttendanceFactory, OpenEventFactory, RegistrationFactory
from .staff_fixtures import four_day_event, past_event

# The staff side's fixtures (staff_fixtures.py), by name.
as_manager = staff_fixtures.as_manager
as_reviewer = staff_fixtures.as_reviewer
event = staff_fixtures.event
manager = staff_fixtures.manager
no_role = staff_fixtures.no_role
outsider = staff_fixtures.outsider
participant = staff_fixtures.participant
reviewer = staff_fixtures.reviewer

pytestmark = pytest.mark.django_db

Status = Registration.Status
DAY_1 = "2019-10-15"


def pages(event, registration) -> list[str]:
    """Every page (GET) of the staff side of `event`."""
    return [
        reverse("registrations:setup", args=[event.pk]),
        reverse("registrations:participants", args=[event.pk]),
        reverse("registrations:invite", args=[event.pk]),
        reverse("registrations:checkin", args=[event.pk, DAY_1]),
        reverse("registrations:attendance_import", args=[event.pk]),
        reverse("registrations:certificates", args=[event.pk]),
    ]


def buttons(event, registration) -> list[str]:
    """Every POST-only address of the staff side."""
    return [
        reverse("registrations:fill_places", args=[event.pk]),
        reverse("registrations:approve", args=[event.pk, registration.pk]),
        reverse("registrations:decline", args=[event.pk, registration.pk]),
        reverse("registrations:cancel", args=[event.pk, registration.pk]),
        reverse("registrations:accommodation", args=[event.pk, registration.pk]),
        reverse("registrations:checkin_mark", args=[event.pk, DAY_1, registration.pk]),
    ]


# --- Who may open them -------------------------------------------------------------------


def test_the_organising_units_staff_open_every_page(as_manager, event, participant):
    for url in pages(event, participant):
        assert as_manager.get(url).status_code == 200, url


def test_event_reviewers_open_every_page(as_reviewer, event, participant):
    for url in pages(event, participant):
        assert as_reviewer.get(url).status_code == 200, url


def test_visitors_are_sent_to_sign_in(client, event, participant):
    for url in pages(event, participant) + buttons(event, participant):
        method = client.post if url in buttons(event, participant) else client.get
        response = method(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]
    assert Registration.objects.get(pk=participant.pk).status == Status.CONFIRMED


def test_another_units_staff_get_403_and_see_no_participant(client, outsider, event, participant):
    client.force_login(outsider)
    for url in pages(event, participant):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Amara" not in response.content.decode()
    for url in buttons(event, participant):
        assert client.post(url, {"accommodation": "provided"}).status_code == 403, url
    participant.refresh_from_db()
    assert participant.status == Status.CONFIRMED
    assert not Attendance.objects.exists()


def test_a_signed_in_account_without_a_role_gets_403(client, no_role, event, participant):
    client.force_login(no_role)
    assert client.get(pages(event, participant)[1]).status_code == 403
    assert client.get(reverse("registrations:certificate", args=[event.pk, 1])).status_code == 403


def test_an_event_that_does_not_exist_is_a_404(as_manager, event):
    assert as_manager.get(reverse("registrations:participants", args=[999999])).status_code == 404


def test_another_events_registration_is_a_404_under_this_event(as_manager, event):
    elsewhere = RegistrationFactory(event=past_event(unit=event.unit, title="Other"))
    for url in (
        reverse("registrations:cancel", args=[event.pk, elsewhere.pk]),
        reverse("registrations:checkin_mark", args=[event.pk, DAY_1, elsewhere.pk]),
    ):
        assert as_manager.post(url).status_code == 404
    assert (
        as_manager.get(reverse("registrations:certificate", args=[event.pk, elsewhere.pk]))
    ).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == Status.CONFIRMED


def test_the_event_page_links_to_participants_for_its_managers(as_manager, event):
    html = as_manager.get(event.get_absolute_url()).content.decode()
    assert reverse("registrations:participants", args=[event.pk]) in html
    assert reverse("registrations:setup", args=[event.pk]) in html


# --- The participants page ----------------------------------------------------------------


def participants_url(event) -> str:
    return reverse("registrations:participants", args=[event.pk])


def test_participants_page_counts_and_lists(as_manager, event, participant):
    RegistrationFactory(event=event, status=Status.WAITING, name="Waiting Person")
    RegistrationFactory(event=event, status=Status.PENDING, name="Pending Person")
    RegistrationFactory(event=event, status=Status.CANCELLED, name="Gone Person")
    RegistrationFactory(name="Someone Elsewhere")  # another event

    response = as_manager.get(participants_url(event))

    html = response.content.decode()
    counts = response.context["counts"]
    assert counts[Status.CONFIRMED] == 1
    assert counts[Status.WAITING] == 1
    assert counts[Status.PENDING] == 1
    assert counts[Status.CANCELLED] == 1
    assert counts["places_left"] == 4
    assert "Amara Wongsakul" in html
    assert "Pending Person" in html
    assert "Someone Elsewhere" not in html


def test_participants_page_leads_to_the_events_figures(as_manager, event):
    html = as_manager.get(participants_url(event)).content.decode()

    figures = reverse("registrations_figures:event_participation", args=[event.pk])
    assert f'href="{figures}">Figures</a>' in html


def test_participants_filter_by_status_and_search(as_manager, event, participant):
    RegistrationFactory(event=event, status=Status.WAITING, name="Maria Dela Cruz")
    RegistrationFactory(event=event, name="Lan Nguyen", organisation="Hanoi Times")

    waiting = as_manager.get(participants_url(event), {"status": "waiting"}).content.decode()
    by_org = as_manager.get(participants_url(event), {"q": "hanoi"}).content.decode()
    by_email = as_manager.get(participants_url(event), {"q": "AMARA@"}).content.decode()

    assert "Maria Dela Cruz" in waiting
    assert "Amara" not in waiting
    assert "Lan Nguyen" in by_org
    assert "Amara" not in by_org
    assert "Amara Wongsakul" in by_email
    assert "Lan Nguyen" not in by_email


def test_participants_filter_not_understood_shows_everyone(as_manager, event, participant):
    response = as_manager.get(participants_url(event), {"status": "party", "page": "x"})
    assert response.status_code == 200
    assert "Amara Wongsakul" in response.content.decode()


def _participants(event, count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        registration = RegistrationFactory(
            event=event,
            name=f"Participant {number:03d}",
            email=f"p{number}@example.org",
            needs=["wheelchair"] if number % 3 == 0 else [],
            accommodation="requested" if number % 3 == 0 else "none",
        )
        AttendanceFactory(registration=registration, day=datetime.date(2019, 10, 15))


PARTICIPANTS_QUERIES = 12  # measured: 12 (sign-in 5, event, counts, page count, rows, nav)
PARTICIPANTS_BYTES = 150_000  # measured: 21,979 (5), 95,731 (a page of 50, of 60)
CHECKIN_QUERIES = 13  # measured: 13 (sign-in 5, event, counts, present, page count, rows, nav)


def test_participants_page_queries_stay_flat(client, manager, event):
    event.capacity = None
    event.save()
    client.force_login(manager)
    url = participants_url(event)
    _participants(event, 5)
    few, small = query_count(client, url), response_size(client, url)
    _participants(event, 55, start=5)
    many, large = query_count(client, url), response_size(client, url)

    assert few == many <= PARTICIPANTS_QUERIES
    assert large <= PARTICIPANTS_BYTES
    # A page of 50 against 5 rows: each row's size is bounded, not the page's.
    assert large <= small * 50 / 5


def test_checkin_page_queries_and_size_stay_flat(client, manager, event):
    client.force_login(manager)
    url = reverse("registrations:checkin", args=[event.pk, DAY_1])
    _participants(event, 5)
    few = query_count(client, url)
    _participants(event, 200, start=5)
    many, large = query_count(client, url), response_size(client, url)
    small_page = response_size(client, url, q="Participant 00")

    assert few == many <= CHECKIN_QUERIES
    assert_size_flat(url=url, small=large, large=response_size(client, url), budget=120_000)
    assert small_page < large


# --- Its buttons ------------------------------------------------------------------------


def test_approve_a_pending_registration(as_manager, event, django_capture_on_commit_callbacks):
    pending = RegistrationFactory(event=event, status=Status.PENDING, name="Pending Person")

    with django_capture_on_commit_callbacks(execute=True):
        response = as_manager.post(
            reverse("registrations:approve", args=[event.pk, pending.pk]), {"status": "pending"}
        )

    assert response.status_code == 302
    assert response["Location"].endswith(f"?status=pending#r-{pending.pk}")
    pending.refresh_from_db()
    assert pending.status == Status.CONFIRMED
    assert len(mail.outbox) == 1


def test_approve_what_is_no_longer_pending_changes_nothing(as_manager, event, participant):
    response = as_manager.post(
        reverse("registrations:approve", args=[event.pk, participant.pk]), follow=True
    )
    assert "already decided" in response.content.decode()
    participant.refresh_from_db()
    assert participant.status == Status.CONFIRMED


def test_decline_a_pending_registration(as_manager, event):
    pending = RegistrationFactory(event=event, status=Status.PENDING)
    as_manager.post(reverse("registrations:decline", args=[event.pk, pending.pk]))
    pending.refresh_from_db()
    assert pending.status == Status.DECLINED


def test_cancel_promotes_the_first_waiting(as_manager, event):
    confirmed = [RegistrationFactory(event=event) for _ in range(5)]
    waiting = RegistrationFactory(event=event, status=Status.WAITING)

    response = as_manager.post(
        reverse("registrations:cancel", args=[event.pk, confirmed[0].pk]),
        {"q": "Part", "page": "1"},
        follow=True,
    )

    assert "registration is cancelled" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert response.redirect_chain[-1][0].endswith(f"?q=Part&page=1#r-{confirmed[0].pk}")


def test_cancel_twice_says_so_and_changes_nothing(as_manager, event, participant):
    url = reverse("registrations:cancel", args=[event.pk, participant.pk])
    as_manager.post(url)
    response = as_manager.post(url, follow=True)
    assert "already “Cancelled”" in response.content.decode()


def test_accommodation_steps(as_manager, event):
    person = RegistrationFactory(event=event, needs=["sign_language"], accommodation="requested")
    url = reverse("registrations:accommodation", args=[event.pk, person.pk])

    as_manager.post(url, {"accommodation": "arranged"})
    person.refresh_from_db()
    assert person.accommodation == "arranged"
    as_manager.post(url, {"accommodation": "provided"})
    person.refresh_from_db()
    assert person.accommodation == "provided"
    assert person.history.count() >= 3


@pytest.mark.parametrize("value", ["none", "teleport", ""])
def test_accommodation_bad_value_changes_nothing(as_manager, event, value):
    person = RegistrationFactory(event=event, needs=["wheelchair"], accommodation="requested")
    response = as_manager.post(
        reverse("registrations:accommodation", args=[event.pk, person.pk]),
        {"accommodation": value},
        follow=True,
    )
    assert "Choose one of the steps" in response.content.decode()
    person.refresh_from_db()
    assert person.accommodation == "requested"


def test_accommodation_for_someone_who_asked_nothing_is_refused(as_manager, event, participant):
    response = as_manager.post(
        reverse("registrations:accommodation", args=[event.pk, participant.pk]),
        {"accommodation": "provided"},
        follow=True,
    )
    assert "did not ask for any accommodation" in response.content.decode()
    participant.refresh_from_db()
    assert participant.accommodation == "none"


def test_the_list_shows_needs_and_their_step(as_manager, event):
    RegistrationFactory(
        event=event, needs=["wheelchair"], needs_note="Ramp to the stage", accommodation="arranged"
    )
    html = as_manager.get(participants_url(event)).content.decode()
    assert "Wheelchair access" in html
    assert "Ramp to the stage" in html
    assert '<option value="arranged" selected>' in html


def test_fill_free_places_from_the_waiting_list(as_manager, event):
    for _ in range(5):
        RegistrationFactory(event=event)
    waiting = [RegistrationFactory(event=event, status=Status.WAITING) for _ in range(3)]
    event.capacity = 7
    event.save()

    response = as_manager.post(reverse("registrations:fill_places", args=[event.pk]), follow=True)

    assert "2 people from the waiting list have a place now" in response.content.decode()
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING]


def test_fill_free_places_when_none_is_free(as_manager, event):
    response = as_manager.post(reverse("registrations:fill_places", args=[event.pk]), follow=True)
    assert "nothing changed" in response.content.decode()


def test_buttons_answer_only_post(as_manager, event, participant):
    assert (
        as_manager.get(reverse("registrations:cancel", args=[event.pk, participant.pk])).status_code
        == 405
    )


# --- Invitations -------------------------------------------------------------------------


def invite_form(states, **overrides) -> dict:
    data = {
        "name": "Siti Rahman",
        "email": "siti@example.org",
        "organisation": "Ministry of Information",
        "job_title": "Director",
        "role": "government",
        "member_state": str(states["indonesia"].pk),
        "sex": "woman",
        "disability": "no",
        "needs": ["accessible_documents"],
        "needs_note": "",
        "agreed": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_invite_a_nominee(client, states, django_capture_on_commit_callbacks):
    event = OpenEventFactory(capacity=5)
    staff = StaffUserFactory(unit=event.unit)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registrations:invite", args=[event.pk]), invite_form(states)
        )

    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#r-{registration.pk}")
    assert registration.source == Registration.Source.INVITED
    assert registration.invited_by == staff
    assert registration.status == Status.CONFIRMED
    assert registration.accommodation == "requested"
    assert len(mail.outbox) == 1


def test_invite_without_the_nominees_agreement_writes_nothing(as_manager, event, states):
    response = as_manager.post(
        reverse("registrations:invite", args=[event.pk]), invite_form(states, agreed=None)
    )
    assert response.status_code == 200
    assert "Tick this once the nominee has agreed" in response.content.decode()
    assert not Registration.objects.exists()


def test_invite_with_bad_input_shows_errors(as_manager, event, states):
    response = as_manager.post(
        reverse("registrations:invite", args=[event.pk]),
        invite_form(states, name="", email="not-an-email", role=None),
    )
    html = response.content.decode()
    assert "Enter the nominee&#x27;s full name" in html or "Enter the nominee's full name" in html
    assert "Enter an email address like name@example.org" in html
    assert "Choose what best describes the nominee" in html
    assert not Registration.objects.exists()


def test_invite_someone_already_registered_changes_nothing(as_manager, event, states, participant):
    response = as_manager.post(
        reverse("registrations:invite", args=[event.pk]),
        invite_form(states, email="AMARA@example.org"),
        follow=True,
    )
    assert "already registered for this event" in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_invite_into_a_full_event_waits(as_manager, event, states):
    for _ in range(5):
        RegistrationFactory(event=event)
    as_manager.post(reverse("registrations:invite", args=[event.pk]), invite_form(states))
    assert Registration.objects.get(email="siti@example.org").status == Status.WAITING


# --- Check-in ----------------------------------------------------------------------------


def checkin_url(event, day=DAY_1) -> str:
    return reverse("registrations:checkin", args=[event.pk, day])


def mark_url(event, registration, day=DAY_1) -> str:
    return reverse("registrations:checkin_mark", args=[event.pk, day, registration.pk])


def test_checkin_start_opens_the_first_day_of_a_past_event(as_manager, event):
    response = as_manager.get(reverse("registrations:checkin_start", args=[event.pk]))
    assert response["Location"] == checkin_url(event)


def test_checkin_lists_confirmed_people_with_counts(as_manager, event, participant):
    RegistrationFactory(event=event, status=Status.WAITING, name="Waiting Person")
    AttendanceFactory(registration=participant, day=datetime.date(2019, 10, 15))

    response = as_manager.get(checkin_url(event))

    html = response.content.decode()
    assert "Amara Wongsakul" in html
    assert "Waiting Person" not in html
    assert "1 of 1 confirmed participants present" in html
    assert 'Undo<span class="visually-hidden">: Amara Wongsakul is not present' in html


def test_checkin_search(as_manager, event, participant):
    RegistrationFactory(event=event, name="Maria Dela Cruz")
    html = as_manager.get(checkin_url(event), {"q": "maria"}).content.decode()
    assert "Maria Dela Cruz" in html
    assert "Amara" not in html


def test_mark_present_comes_back_to_the_search_and_row(as_manager, event, participant):
    response = as_manager.post(
        mark_url(event, participant), {"action": "present", "q": "amara", "page": "1"}
    )

    assert response["Location"] == f"{checkin_url(event)}?q=amara&page=1#p-{participant.pk}"
    assert Attendance.objects.filter(registration=participant, day="2019-10-15").count() == 1


def test_mark_present_twice_keeps_one_row(as_manager, event, participant):
    as_manager.post(mark_url(event, participant), {"action": "present"})
    response = as_manager.post(mark_url(event, participant), {"action": "present"}, follow=True)
    assert "already marked present" in response.content.decode()
    assert Attendance.objects.filter(registration=participant).count() == 1


def test_undo(as_manager, event, participant):
    AttendanceFactory(registration=participant, day=datetime.date(2019, 10, 15))
    as_manager.post(mark_url(event, participant), {"action": "undo"})
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("day", ["2019-10-14", "2019-10-17", "15-10-2019", "yesterday"])
def test_checkin_of_a_day_not_of_the_event_is_a_404(as_manager, event, participant, day):
    assert as_manager.get(checkin_url(event, day)).status_code == 404
    assert as_manager.post(mark_url(event, participant, day)).status_code == 404
    assert not Attendance.objects.exists()


def test_checkin_of_someone_not_confirmed_is_refused(as_manager, event):
    waiting = RegistrationFactory(event=event, status=Status.WAITING)
    response = as_manager.post(mark_url(event, waiting), {"action": "present"}, follow=True)
    assert "is not a confirmed participant" in response.content.decode()
    assert not Attendance.objects.exists()


def test_checkin_of_a_day_to_come_is_refused(as_manager, states):
    event = OpenEventFactory()
    person = RegistrationFactory(event=event)
    client = as_manager
    client.force_login(StaffUserFactory(unit=event.unit))
    day = event.start_date.isoformat()

    page = client.get(checkin_url(event, day)).content.decode()
    response = client.post(mark_url(event, person, day), {"action": "present"}, follow=True)

    assert "This day has not come yet" in page
    assert "has not come yet" in response.content.decode()
    assert not Attendance.objects.exists()


# --- Certificates ------------------------------------------------------------------------


def _present_on(registration, *days: int) -> None:
    for day in days:
        AttendanceFactory(registration=registration, day=datetime.date(2019, 10, day))


def test_certificate_at_the_boundary_three_of_four_days_at_75(client):
    event = four_day_event()
    client.force_login(StaffUserFactory(unit=event.unit))
    three = RegistrationFactory(event=event, name="Three Days")
    two = RegistrationFactory(event=event, name="Two Days")
    _present_on(three, 14, 15, 16)
    _present_on(two, 14, 15)

    ok = client.get(reverse("registrations:certificate", args=[event.pk, three.pk]))
    refused = client.get(reverse("registrations:certificate", args=[event.pk, two.pk]))
    every = client.get(reverse("registrations:certificates", args=[event.pk])).content.decode()
    listing = client.get(participants_url(event)).content.decode()

    assert ok.status_code == 200
    assert "Three Days" in ok.content.decode()
    assert "present on 3 days of 4" in ok.content.decode()
    assert refused.status_code == 404
    assert "was not present on enough days" in refused.content.decode()
    assert "3 of 4" in refused.content.decode()
    assert "Three Days" in every
    assert "Two Days" not in every
    assert reverse("registrations:certificate", args=[event.pk, three.pk]) in listing
    assert reverse("registrations:certificate", args=[event.pk, two.pk]) not in listing


def test_certificate_share_set_to_50_lets_two_of_four_qualify(client):
    event = four_day_event()
    RegistrationSetup.objects.filter(event=event).update(certificate_share=50)
    client.force_login(StaffUserFactory(unit=event.unit))
    two = RegistrationFactory(event=event)
    _present_on(two, 14, 15)
    assert (
        client.get(reverse("registrations:certificate", args=[event.pk, two.pk])).status_code == 200
    )


def test_no_certificate_after_the_personal_data_is_removed(as_manager, event, participant):
    _present_on(participant, 15, 16)
    Registration.objects.filter(pk=participant.pk).update(
        name="", email="", anonymised_at=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC)
    )
    url = reverse("registrations:certificate", args=[event.pk, participant.pk])
    assert as_manager.get(url).status_code == 404


# --- The workspace panel ------------------------------------------------------------------


def test_workspace_panel_lists_the_units_next_events_with_counts(client):
    event = OpenEventFactory(title="Media Forum 2031")
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Status.WAITING)
    OpenEventFactory(title="Another Unit's Forum")
    client.force_login(StaffUserFactory(unit=event.unit))

    html = client.get(reverse("site:workspace")).content.decode()

    assert "Events to run" in html
    assert "Media Forum 2031" in html
    assert "Another Unit" not in html
    assert reverse("registrations:participants", args=[event.pk]) in html


def test_workspace_panel_is_absent_without_upcoming_events(as_manager, event):
    assert "Events to run" not in as_manager.get(reverse("site:workspace")).content.decode()
