"""The public registration pages (apps/registrations/public.py): registering while open,
the waiting list, approval, the same email twice, the honeypot, bad input, cancelling by
the link in the emails, the event page's "Registration" section, and the register
page's query budget."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.monitoring.models import ReviewStatus
from apps.registrations import services, tokens
from apps.registrations.models import Registration, RegistrationSetup
from tests.events.factories import EventFactory

from .factories import OpenEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def register_url(event) -> str:
    return reverse("registrations_public:register", args=[event.slug])


def cancel_url(registration) -> str:
    return reverse(
        "registrations_public:cancel",
        args=[registration.event.slug, tokens.cancel_token(registration)],
    )


def form_data(n: int = 1, **overrides) -> dict:
    """What a person sends: every required field filled, nothing else."""
    return {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "organisation": "Regional Daily",
        "job_title": "Editor",
        "role": Registration.Role.MEDIA,
        "member_state": "outside",
        "sex": Registration.Sex.WOMAN,
        "disability": Registration.Disability.NO,
        "needs_note": "",
        "consent": "on",
        **overrides,
    }


def post(client, event, data, *, follow=True):
    return client.post(register_url(event), data, follow=follow)


# --- The form ---------------------------------------------------------------------------


def test_register_page_shows_the_event_places_and_form(client, states):
    event = OpenEventFactory(capacity=5, title="Media Forum 2021")
    RegistrationFactory.create_batch(2, event=event)

    response = client.get(register_url(event))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Register for Media Forum 2021" in html
    assert "3 places left" in html
    assert "no-store" in response["Cache-Control"]
    assert 'name="website"' in html
    assert 'tabindex="-1"' in html
    assert 'aria-hidden="true"' in html
    assert "/privacy/" in html
    assert f"version {settings.PORTAL_PRIVACY_NOTICE_VERSION}" in html


def test_member_states_are_those_that_were_members_on_the_event_date(client, states):
    event = OpenEventFactory()

    html = client.get(register_url(event)).content.decode()

    assert "Indonesia" in html

    assert "Philippines" in html
    assert "Newland" not in html
    options = re.findall(r"<option value=\"([^\"]*)\"", html)
    assert options[:2] == ["", "outside"]


def test_one_place_left_is_singular(client):
    event = OpenEventFactory(capacity=1)

    assert "1 place left" in client.get(register_url(event)).content.decode()


def test_no_capacity_shows_no_count(client):
    event = OpenEventFactory(capacity=None)

    html = client.get(register_url(event)).content.decode()

    assert "places left" not in html

    assert "place left" not in html
    assert ">Register<" in html


def test_full_event_offers_the_waiting_list(client):
    event = OpenEventFactory(capacity=2)
    RegistrationFactory.create_batch(2, event=event)

    html = client.get(register_url(event)).content.decode()

    assert "The event is full: you can join the waiting list" in html
    assert "Join the waiting list" in html


def test_event_that_requires_approval_says_so(client):
    event = OpenEventFactory(requires_approval=True)

    html = client.get(register_url(event)).content.decode()

    assert "The organisers confirm each participant" in html
    assert "Send my registration" in html


@pytest.mark.parametrize(
    "event_kwargs",
    [
        {"status": ReviewStatus.DRAFT},
        {"status": ReviewStatus.SUBMITTED},
        {"is_public": False},
    ],
    ids=["draft", "submitted", "not public"],
)
def test_unpublished_event_is_404(client, event_kwargs):
    event = OpenEventFactory(**event_kwargs)

    assert client.get(register_url(event)).status_code == 404
    assert client.post(register_url(event), form_data()).status_code == 404
    assert not Registration.objects.exists()


def test_published_event_without_registration_is_404(client):
    event = EventFactory(status=ReviewStatus.APPROVED)

    assert client.get(register_url(event)).status_code == 404


def test_unknown_event_is_404(client):
    assert client.get("/events/no-such-event/register/").status_code == 404


def test_before_opening_the_page_says_when_and_takes_nothing(client):
    event = OpenEventFactory()
    RegistrationSetup.objects.filter(event=event).update(
        opens_at=timezone.now() + datetime.timedelta(days=2)
    )

    html = client.get(register_url(event)).content.decode()
    assert "Registration opens on" in html
    assert '<form method="post"' not in html

    response = client.post(register_url(event), form_data())
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_after_closing_the_page_says_closed_and_takes_nothing(client):
    event = OpenEventFactory()
    RegistrationSetup.objects.filter(event=event).update(
        opens_at=timezone.now() - datetime.timedelta(days=5),
        closes_at=timezone.now() - datetime.timedelta(hours=1),
    )

    html = client.get(register_url(event)).content.decode()
    assert "Registration has closed" in html

    client.post(register_url(event), form_data())
    assert not Registration.objects.exists()


def test_cancelled_event_takes_no_registrations(client):
    event = OpenEventFactory(state="cancelled")

    html = client.get(register_url(event)).content.decode()

    assert "This event is cancelled" in html
    assert '<form method="post"' not in html


# --- Registering --------------------------------------------------------------------------


def test_registering_confirms_a_place_and_says_an_email_was_sent(
    client, states, django_capture_on_commit_callbacks
):
    event = OpenEventFactory(capacity=5)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            event,
            form_data(
                member_state=states["indonesia"].pk,
                needs=["wheelchair", "dietary"],
                needs_note="Vegetarian",
                listed_publicly="on",
            ),
        )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your place is confirmed" in html
    assert "person1@example.org" in html
    assert "no-store" in response["Cache-Control"]
    registration = Registration.objects.get()
    assert registration.status == Status.CONFIRMED
    assert registration.member_state == states["indonesia"]
    assert registration.needs == ["wheelchair", "dietary"]
    assert registration.needs_note == "Vegetarian"
    assert registration.listed_publicly is True
    assert registration.source == Registration.Source.PUBLIC
    assert registration.privacy_notice_version == settings.PORTAL_PRIVACY_NOTICE_VERSION
    assert len(mail.outbox) == 1


def test_outside_asean_is_saved_as_no_member_state(client):
    event = OpenEventFactory()

    post(client, event, form_data(member_state="outside"))

    assert Registration.objects.get().member_state is None


def test_disability_left_out_is_not_stated(client):
    event = OpenEventFactory()
    data = form_data()
    del data["disability"]

    post(client, event, data)

    assert Registration.objects.get().disability == Registration.Disability.NOT_STATED


def test_full_event_puts_the_person_on_the_waiting_list(client):
    event = OpenEventFactory(capacity=1)
    RegistrationFactory(event=event)

    response = post(client, event, form_data())

    assert "You are on the waiting list" in response.content.decode()
    assert Registration.objects.get(email="person1@example.org").status == Status.WAITING


def test_event_that_requires_approval_makes_the_registration_pending(client):
    event = OpenEventFactory(requires_approval=True)

    response = post(client, event, form_data())

    assert "Your registration is waiting for approval" in response.content.decode()
    assert Registration.objects.get().status == Status.PENDING


def test_the_same_email_twice_gives_already_registered_and_one_row(
    client, django_capture_on_commit_callbacks
):
    event = OpenEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event, form_data())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, event, form_data(name="Someone Else", email="PERSON1@example.org"))

    html = response.content.decode()
    assert "You are already registered" in html
    assert "Confirmed" not in html, "where someone stands is not told to whoever types the email"
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Person 1"
    assert mail.outbox == []


def test_someone_who_cancelled_may_register_again(client):
    event = OpenEventFactory()
    RegistrationFactory(event=event, email="person1@example.org", status=Status.CANCELLED)

    response = post(client, event, form_data())

    assert "Your place is confirmed" in response.content.decode()
    assert Registration.objects.get().status == Status.CONFIRMED


def test_empty_form_shows_every_error_and_writes_nothing(client, states):
    event = OpenEventFactory()

    response = client.post(register_url(event), {})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "<title>Error:" in html
    for message in (
        "Enter your full name",
        "Enter your email address",
        "Choose what best describes you",
        "Choose a member state, or “Outside ASEAN”",
        "Choose one, or “Prefer not to say”",
        "Agree to the privacy notice to register",
    ):
        assert message in html, message
    assert 'href="#id_role_0"' in html
    assert not Registration.objects.exists()


def test_bad_input_keeps_what_was_typed(client):
    event = OpenEventFactory()

    response = client.post(
        register_url(event), form_data(email="not-an-email", needs_note="Sign language: BIM")
    )

    html = response.content.decode()
    assert "Enter an email address like name@example.org" in html
    assert 'value="Person 1"' in html
    assert "Sign language: BIM" in html
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("role", "astronaut", "Choose one of the roles listed"),
        ("sex", "x", "Choose one of the answers listed for sex"),
        ("disability", "maybe", "Choose one of the answers listed on disability"),
        ("needs", "teleport", "Choose needs from the list"),
        ("member_state", "999999", "Choose one of the member states listed"),
        ("member_state", "not-a-number", "Choose one of the member states listed"),
        ("name", "x" * 151, "Full name must be 150 characters or fewer"),
        ("needs_note", "x" * 1001, "Other needs must be 1,000 characters or fewer"),
    ],
)
def test_a_value_that_is_not_offered_is_refused_beside_its_field(client, field, value, message):
    event = OpenEventFactory()

    response = client.post(register_url(event), form_data(**{field: value}))

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert not Registration.objects.exists()


def test_a_state_that_was_not_a_member_on_the_event_date_is_refused(client, states):
    event = OpenEventFactory()

    response = client.post(register_url(event), form_data(member_state=states["future"].pk))

    assert "Choose one of the member states listed" in response.content.decode()
    assert not Registration.objects.exists()


def test_without_consent_nothing_is_written(client):
    event = OpenEventFactory()
    data = form_data()
    del data["consent"]

    response = client.post(register_url(event), data)

    assert "Agree to the privacy notice to register" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (ValidationError("Registration for this event is not open."), "is not open."),
        (ValidationError({"email": "This email address is already registered."}), "already"),
        (ValidationError({"status": "Something about the status"}), "about the status"),
    ],
    ids=["no field", "a field", "a field the form has not"],
)
def test_the_services_refusal_shows_on_the_form_with_what_was_typed(
    client, monkeypatch, error, shown
):
    """Registration closes while the person types, say: the service's message shows on
    the form (beside its field where the form has it), nothing lost, nothing written."""
    event = OpenEventFactory()

    def refuse(**kwargs):
        raise error

    monkeypatch.setattr(services, "register", refuse)

    response = client.post(register_url(event), form_data())

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert shown in html
    assert 'value="Person 1"' in html
    assert not Registration.objects.exists()


def test_honeypot_writes_nothing_and_answers_as_if_done(client, caplog):
    event = OpenEventFactory()

    with caplog.at_level("INFO", logger="apps.registrations.public"):
        response = post(client, event, form_data(website="http://spam.example"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "If your registration went through" in html
    assert not Registration.objects.exists()
    assert mail.outbox == []
    assert "hidden field was filled" in caplog.text


def test_done_page_without_its_value_is_neutral(client):
    event = OpenEventFactory()
    RegistrationFactory(event=event, email="secret@example.org")

    response = client.get(
        reverse("registrations_public:registered", args=[event.slug]) + "?r=forged"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "If your registration went through" in html
    assert "secret@example.org" not in html


def test_done_page_of_another_event_shows_nothing(client):
    event, other = OpenEventFactory(), OpenEventFactory()
    response = post(client, event, form_data(), follow=False)
    query = response["Location"].split("?", 1)[1]

    html = client.get(
        reverse("registrations_public:registered", args=[other.slug]) + "?" + query
    ).content.decode()

    assert "person1@example.org" not in html


@pytest.mark.parametrize("registered", [5, 60])
def test_register_page_query_budget(client, states, django_assert_max_num_queries, registered):
    event = OpenEventFactory(capacity=100)
    RegistrationFactory.create_batch(registered, event=event)

    # The event with its set-up, the places taken, the member states, the menu's
    # components; and the savepoint pair of ATOMIC_REQUESTS.
    with django_assert_max_num_queries(6):
        response = client.get(register_url(event))

    assert response.status_code == 200
    assert len(response.content) < 60_000


def test_register_post_query_budget(client, states, django_assert_max_num_queries):
    event = OpenEventFactory(capacity=100)
    RegistrationFactory.create_batch(60, event=event)

    with django_assert_max_num_queries(20):
        response = client.post(register_url(event), form_data())

    assert response.status_code == 302


# --- Cancelling ---------------------------------------------------------------------------


def test_cancel_link_asks_first_and_changes_nothing_on_get(client):
    registration = RegistrationFactory(event__title="Media Forum 2021")

    response = client.get(cancel_url(registration))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Cancel your registration for Media Forum 2021?" in html
    assert "Yes, cancel my registration" in html
    assert "no-store" in response["Cache-Control"]
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancel_post_cancels_and_promotes_the_first_waiting(
    client, django_capture_on_commit_callbacks
):
    event = OpenEventFactory(capacity=1)
    registration = RegistrationFactory(event=event)
    first = RegistrationFactory(event=event, status=Status.WAITING, email="first@example.org")
    RegistrationFactory(event=event, status=Status.WAITING, email="second@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(registration))

    assert "Your registration is cancelled" in response.content.decode()
    registration.refresh_from_db()
    first.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert first.status == Status.CONFIRMED
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["first@example.org"].startswith("A place is free for you")
    assert "second@example.org" not in subjects


def test_cancel_twice_says_already_cancelled(client):
    registration = RegistrationFactory()
    client.post(cancel_url(registration))

    get = client.get(cancel_url(registration))
    again = client.post(cancel_url(registration))

    assert "Your registration is already cancelled" in get.content.decode()
    assert "Your registration is already cancelled" in again.content.decode()


def test_declined_registration_has_nothing_to_cancel(client):
    registration = RegistrationFactory(status=Status.DECLINED)

    response = client.post(cancel_url(registration))

    assert "Nothing to cancel" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.DECLINED


@pytest.mark.parametrize(
    "token",
    ["nonsense", "abc:def:ghi", "A" * 32],
    ids=["nonsense", "forged signature", "bare key"],
)
def test_forged_cancel_link_is_404_and_changes_nothing(client, token):
    registration = RegistrationFactory()
    url = reverse("registrations_public:cancel", args=[registration.event.slug, token])

    get, post_ = client.get(url), client.post(url)

    assert get.status_code == post_.status_code == 404
    assert "This cancel link does not work" in post_.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_bare_key_without_signature_is_refused(client):
    registration = RegistrationFactory()
    url = reverse(
        "registrations_public:cancel", args=[registration.event.slug, registration.cancel_key]
    )

    assert client.post(url).status_code == 404


def test_cancel_link_of_another_event_is_404(client):
    registration = RegistrationFactory()
    other = OpenEventFactory()
    url = reverse(
        "registrations_public:cancel", args=[other.slug, tokens.cancel_token(registration)]
    )

    assert client.post(url).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_expired_cancel_link_is_404(client, monkeypatch):
    registration = RegistrationFactory()
    url = cancel_url(registration)
    # Any age is too old now: the signature's timestamp check refuses the link.
    monkeypatch.setattr(tokens, "MAX_AGE", datetime.timedelta(seconds=-1))

    response = client.post(url)

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancel_link_after_the_event_started_is_410(client):
    registration = RegistrationFactory()
    start = timezone.now() - datetime.timedelta(hours=1)
    type(registration.event).objects.filter(pk=registration.event_id).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=8)
    )

    response = client.post(cancel_url(registration))

    assert response.status_code == 410
    assert "The event has started" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancel_link_in_the_email_works(client, django_capture_on_commit_callbacks):
    event = OpenEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, event, form_data())
    link = re.search(r"http://\S+/register/cancel/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)

    assert "Your registration is cancelled" in response.content.decode()
    assert Registration.objects.get().status == Status.CANCELLED
    assert mail.outbox[-1].subject.endswith("is cancelled")


# --- The event's page ---------------------------------------------------------------------


def test_event_page_links_to_the_register_page_without_counts(client):
    event = OpenEventFactory(capacity=3)
    RegistrationFactory.create_batch(2, event=event)

    html = client.get(event.get_public_url()).content.decode()

    assert 'id="registration-title"' in html
    assert register_url(event) in html
    assert "places left" not in html
    assert "place left" not in html


def test_event_page_of_an_event_without_registration_has_no_section(client):
    event = EventFactory(status=ReviewStatus.APPROVED)

    html = client.get(event.get_public_url()).content.decode()

    assert 'id="registration-title"' not in html


def test_event_page_after_closing_says_closed_without_link(client):
    event = OpenEventFactory()
    RegistrationSetup.objects.filter(event=event).update(
        opens_at=timezone.now() - datetime.timedelta(days=5),
        closes_at=timezone.now() - datetime.timedelta(hours=1),
    )

    html = client.get(event.get_public_url()).content.decode()

    assert "Registration for this event has closed." in html
    assert register_url(event) not in html


def test_event_page_reads_the_setup_in_its_one_event_query(client, django_assert_num_queries):
    """The section costs no query: the set-up comes with the event (select_related)."""
    with_setup = OpenEventFactory()
    without = EventFactory(
        status=ReviewStatus.APPROVED, starts_at=with_setup.starts_at, ends_at=with_setup.ends_at
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as plain:
        client.get(without.get_public_url())
    with CaptureQueriesContext(connection) as offered:
        client.get(with_setup.get_public_url())

    assert len(offered) == len(plain)


def test_changing_the_setup_purges_the_public_pages(settings, django_capture_on_commit_callbacks):
    from apps.core import public_cache

    settings.PORTAL_PUBLIC_PAGE_CACHE = True
    event = OpenEventFactory()
    before = public_cache.generation()

    with django_capture_on_commit_callbacks(execute=True):
        setup = RegistrationSetup.objects.get(event=event)
        setup.requires_approval = True
        setup.save()

    assert public_cache.generation() != before


def test_a_registration_does_not_purge_the_public_pages(
    client, settings, django_capture_on_commit_callbacks
):
    from apps.core import public_cache

    event = OpenEventFactory()
    before = public_cache.generation()

    with django_capture_on_commit_callbacks(execute=True):
        post(client, event, form_data())

    assert public_cache.generation() == before
