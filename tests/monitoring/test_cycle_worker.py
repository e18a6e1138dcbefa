"""The reporting cycle as production runs it: the `reporting_cycle` task run by
`manage.py db_worker`, its emails queued in the database after the claims commit and
sent by the same worker, and tomorrow's run queued (PORTAL_TASKS_BACKEND "database")."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.monitoring import tasks
from apps.monitoring.models import ReportingPeriod, ReportingReminder
from tests.monitoring.cycle_factories import reporting_world

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
CYCLE = "apps.monitoring.tasks.reporting_cycle"

# The worker closes its database connections, as a long-running process should:
# these tests commit for real.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("database_tasks"),
]


@pytest.fixture
def database_tasks(settings):
    settings.PORTAL_REPORTING_HOUR = 6
    settings.PORTAL_REMINDER_DAYS_AFTER = 7
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def due_today():
    """The world, with its period's updates due today (the task runs as of today)."""
    world = reporting_world()
    today = timezone.localdate()
    ReportingPeriod.objects.filter(pk=world.period.pk).update(
        start=today - datetime.timedelta(days=40),
        end=today - datetime.timedelta(days=10),
        due_date=today,
    )
    return world


def test_the_worker_runs_the_job_sends_the_reminders_and_queues_tomorrows_run():
    due_today()
    tasks.reporting_cycle.enqueue()

    run_worker()

    assert ReportingReminder.objects.get().stage == ReportingReminder.Stage.DUE
    assert sorted(message.to[0] for message in mail.outbox) == [
        "budi@asean.example.org",
        "siti@asean.example.org",
    ]
    [tomorrow] = DBTaskResult.objects.filter(task_path=CYCLE, status="READY")
    # The next 06:00 after the run: tomorrow's, unless the test runs before six.
    assert tomorrow.run_after == tasks.next_run_at()
    assert timezone.localtime(tomorrow.run_after).hour == 6
    assert tomorrow.run_after > timezone.now()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3  # the job, 2 emails


def test_a_second_run_the_same_day_sends_nothing_and_queues_no_other():
    due_today()
    tasks.reporting_cycle.enqueue()
    run_worker()
    tasks.reporting_cycle.enqueue()  # run again by hand, with tomorrow's run waiting

    run_worker()

    assert len(mail.outbox) == 2
    assert DBTaskResult.objects.filter(task_path=CYCLE, status="READY").count() == 1


def test_a_failed_reminder_is_queued_again_later(monkeypatch, settings):
    settings.PORTAL_TASK_RETRY_DELAY = 300
    due_today()

    def mail_server_down(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", mail_server_down)
    before = timezone.now()
    tasks.reporting_cycle.enqueue()
    run_worker()

    retries = DBTaskResult.objects.filter(
        task_path="apps.monitoring.tasks.reminder_email", status="READY"
    )
    assert retries.count() == 2
    for retry in retries:
        assert retry.args_kwargs["args"][3] == 2, "the second attempt"
        assert retry.run_after >= before + datetime.timedelta(seconds=299)
    assert ReportingReminder.objects.count() == 1, "claimed once; the retries send it"


def test_a_failed_day_still_queues_tomorrows_run(monkeypatch):
    due_today()

    def database_away(**kwargs):
        raise ConnectionError("the database went away")

    monkeypatch.setattr("apps.monitoring.cycle.run_cycle", database_away)
    tasks.reporting_cycle.enqueue()
    run_worker()

    assert DBTaskResult.objects.filter(task_path=CYCLE, status="FAILED").count() == 1
    [tomorrow] = DBTaskResult.objects.filter(task_path=CYCLE, status="READY")
    assert tomorrow.run_after == tasks.next_run_at()
    assert not mail.outbox
