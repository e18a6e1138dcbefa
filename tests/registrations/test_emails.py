"""The emails to registrants (apps/registrations/tasks.py): sent only after the
transaction commits, the event attached as a calendar file when the person has a
place, a working cancel link, the first person waiting told when a place frees up,
and a failed send tried again, PORTAL_TASK_RETRIES times at most."""

import re

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse

from apps.registrations import services
from apps.registrations.models import Registration

from .factories import OpenEventFactory, RegistrationFactory, person
from .test_public import form_data

pytestmark = pytest.mark.django_db

Status = Registration.Status


def register(client, event, n: int = 1):
    return client.post(reverse("registrations_public:register", args=[event.slug]), form_data(n))


def test_email_leaves_only_after_the_transaction_commits(
    client, django_capture_on_commit_callbacks
):
    event = OpenEventFactory()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register(client, event)
    assert Registration.objects.count() == 1
    assert mail.outbox == [], "nothing is sent before the commit"

    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_a_rolled_back_registration_sends_nothing(django_capture_on_commit_callbacks):
    event = OpenEventFactory()

    @transaction.atomic
    def register_then_fail():
        services.register(event=event, data=person(1))
        raise RuntimeError("something later failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        register_then_fail()

    assert callbacks == []
    assert mail.outbox == []
    assert not Registration.objects.exists()


def test_confirmation_carries_the_event_as_a_calendar_file(
    client, django_capture_on_commit_callbacks
):
    event = OpenEventFactory(title="Media Forum 2021")

    with django_capture_on_commit_callbacks(execute=True):
        register(client, event)

    (message,) = mail.outbox
    assert message.to == ["person1@example.org"]
    assert message.subject == "Your place at Media Forum 2021 is confirmed"
    assert "Dear Person 1," in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name == f"{event.slug}.ics"
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content
    assert "Media Forum 2021" in content


@pytest.mark.parametrize(
    ("setup", "subject"),
    [
        ({"capacity": 0}, "You are on the waiting list for"),
        ({"requires_approval": True}, "We received your registration for"),
    ],
    ids=["waiting", "pending"],
)
def test_without_a_place_there_is_no_calendar_file(
    client, django_capture_on_commit_callbacks, setup, subject
):
    event = OpenEventFactory(**setup)

    with django_capture_on_commit_callbacks(execute=True):
        register(client, event)

    (message,) = mail.outbox
    assert message.subject.startswith(subject)
    assert message.attachments == []
    assert "/register/cancel/" in message.body


def test_the_cancel_link_in_the_email_cancels(client, django_capture_on_commit_callbacks):
    event = OpenEventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event)
    path = re.search(r"https?://[^/\s]+(/\S+/register/cancel/\S+/)", mail.outbox[0].body)[1]

    assert Registration.objects.get().status == Status.CONFIRMED
    assert "Yes, cancel my registration" in client.get(path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)

    assert Registration.objects.get().status == Status.CANCELLED
    assert mail.outbox[-1].subject.endswith("is cancelled")


def test_cancelling_promotes_the_first_waiting_and_emails_them(
    client, django_capture_on_commit_callbacks
):
    event = OpenEventFactory(capacity=1, title="Media Forum 2021")
    leaving = RegistrationFactory(event=event)
    first = RegistrationFactory(event=event, status=Status.WAITING, email="first@example.org")
    RegistrationFactory(event=event, status=Status.WAITING, email="second@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=leaving)

    first.refresh_from_db()
    assert first.status == Status.CONFIRMED
    to_first = [m for m in mail.outbox if m.to == ["first@example.org"]]
    assert len(to_first) == 1
    assert to_first[0].subject == "A place is free for you at Media Forum 2021"
    assert to_first[0].attachments[0][2] == "text/calendar"
    assert not [m for m in mail.outbox if m.to == ["second@example.org"]]


def test_a_failed_send_is_tried_again(client, monkeypatch, django_capture_on_commit_callbacks):
    """The mail server fails once: the task queues itself again (with the immediate
    backend that second try runs at once), and the person gets one email."""
    real_send = EmailMessage.send
    calls = []

    def flaky_send(message, *args, **kwargs):
        calls.append(message.subject)
        if len(calls) == 1:
            raise ConnectionRefusedError("the mail server is down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky_send)
    event = OpenEventFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event)

    assert response.status_code == 302, "the registration itself succeeded"
    assert len(calls) == 2
    assert len(mail.outbox) == 1


def test_a_send_that_keeps_failing_stops_after_the_retries(
    client, monkeypatch, settings, caplog, django_capture_on_commit_callbacks
):
    settings.PORTAL_TASK_RETRIES = 3
    calls = []

    def broken_send(message, *args, **kwargs):
        calls.append(message.subject)
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(EmailMessage, "send", broken_send)
    event = OpenEventFactory()

    with (
        caplog.at_level("WARNING", logger="apps.registrations.tasks"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = register(client, event)

    assert response.status_code == 302
    assert len(calls) == 3
    assert mail.outbox == []
    assert "failed for good" in caplog.text
    assert Registration.objects.get().status == Status.CONFIRMED


def test_an_anonymised_registration_gets_no_email(django_capture_on_commit_callbacks):
    from apps.registrations import tasks

    registration = RegistrationFactory(email="")

    assert tasks.registration_email.call(registration.pk, "confirmed") is False
    assert mail.outbox == []
