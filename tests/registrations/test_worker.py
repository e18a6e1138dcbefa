"""Registration emails as production sends them: queued in the database after the
transaction commits, sent by `manage.py db_worker`, tried again when the mail
server fails (config.settings.production: PORTAL_TASKS_BACKEND "database")."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.registrations import services
from apps.registrations.models import Registration

from .factories import OpenEventFactory, person

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# The worker closes its database connections, as a long-running process should:
# these tests commit for real.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_tasks"),
]


@pytest.fixture
def database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_the_email_waits_for_the_commit_then_for_the_worker():
    event = OpenEventFactory(capacity=5)

    with transaction.atomic():  # the request's transaction (ATOMIC_REQUESTS)
        services.register(event=event, data=person(1))
        assert DBTaskResult.objects.count() == 0, "nothing queued before the commit"
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == [], "the request does not send it"

    run_worker()
    assert [message.to for message in mail.outbox] == [["person1@example.org"]]
    assert mail.outbox[0].attachments[0][0].endswith(".ics")


def test_a_failed_send_is_queued_again_later(monkeypatch):
    event = OpenEventFactory(capacity=5)
    services.register(event=event, data=person(1))

    def mail_server_down(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", mail_server_down)
    before = timezone.now()
    run_worker()

    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.args_kwargs["args"][2] == 2, "the second attempt"
    assert retry.run_after >= before + datetime.timedelta(seconds=299)
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
