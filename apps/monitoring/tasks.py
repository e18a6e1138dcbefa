"""The reporting cycle's tasks (docs/reporting-cycle.md): the day's job, which
schedules itself again for tomorrow, and its emails.

`cycle.py` queues the emails with `transaction.on_commit`, one task per person,
after it has claimed the mailing. A send that fails is queued again, as the
registration emails are (apps/registrations/tasks.py): PORTAL_TASK_RETRY_DELAY
seconds later where the backend can defer, up to PORTAL_TASK_RETRIES attempts.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from apps.accounts.models import User

from . import cycle
from .models import AdviserDigest, ReportingReminder

logger = logging.getLogger(__name__)


def _recipient(user_id: int) -> User | None:
    """The person, if they still take these emails (they may have opted out, or left,
    since the job queued the email)."""
    return (
        User.objects.select_related("unit")
        .filter(pk=user_id, is_active=True, gets_reporting_emails=True)
        .first()
    )


@task()
def reminder_email(user_id: int, reminder_ids: list[int], today: str, attempt: int = 1) -> bool:
    """Send one person their reminder about the claimed reminders; False when there is
    nothing left to say or nobody to say it to."""
    user = _recipient(user_id)
    if user is None:
        return False
    reminders = list(
        ReportingReminder.objects.select_related("period")
        .filter(pk__in=reminder_ids)
        .order_by("period__start")
    )
    message = cycle.reminder_email(
        user=user, reminders=reminders, today=datetime.date.fromisoformat(today)
    )
    if message is None:
        return False
    try:
        message.send()
    except Exception:
        _retry(reminder_email, (user_id, reminder_ids, today), attempt)
        raise
    return True


@task()
def digest_email(user_id: int, digest_id: int, today: str, attempt: int = 1) -> bool:
    """Send one adviser the week's digest; False when nothing waits and no unit is late
    by now, or the adviser no longer takes it."""
    user = _recipient(user_id)
    if user is None or not AdviserDigest.objects.filter(pk=digest_id).exists():
        return False
    message = cycle.digest_email(user=user, today=datetime.date.fromisoformat(today))
    if message is None:
        return False
    try:
        message.send()
    except Exception:
        _retry(digest_email, (user_id, digest_id, today), attempt)
        raise
    return True


def _retry(email_task, args: tuple, attempt: int) -> None:
    name = email_task.name
    if attempt >= settings.PORTAL_TASK_RETRIES:
        logger.error("%s %s failed for good", name, args)
        return
    queued = email_task
    if email_task.get_backend().supports_defer:
        delay = datetime.timedelta(seconds=settings.PORTAL_TASK_RETRY_DELAY * attempt)
        queued = email_task.using(run_after=timezone.now() + delay)
    logger.warning("%s %s failed; trying again", name, args)
    queued.enqueue(*args, attempt + 1)


# --- The day's job -----------------------------------------------------------------------


@task()
def reporting_cycle() -> str:
    """Run the day's reminders and the week's digest, then queue tomorrow's run: also
    when today's failed (the database was away), so one bad day does not end the chain."""
    try:
        result = cycle.run_cycle()
    finally:
        schedule_reporting_cycle()
    logger.info("Reporting cycle: %s", result.summary())
    return result.summary()


def next_run_at(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next PORTAL_REPORTING_HOUR o'clock (local time) after `now`: today's if it
    is still ahead, else tomorrow's."""
    now = timezone.localtime(now)
    run = now.replace(hour=settings.PORTAL_REPORTING_HOUR, minute=0, second=0, microsecond=0)
    if run <= now:
        day = now.date() + datetime.timedelta(days=1)
        run = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(settings.PORTAL_REPORTING_HOUR))
        )
    return run


def reporting_cycle_waiting() -> bool:
    """Whether a run of the job is already queued and not yet started. Only the database
    backend can say; for any other, False."""
    backend = reporting_cycle.get_backend()
    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the package is a dependency
        return False
    if not isinstance(backend, DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=reporting_cycle.module_path, backend_name=backend.alias, status="READY"
    ).exists()


def schedule_reporting_cycle() -> datetime.datetime | None:
    """Queue the job's next run for the next PORTAL_REPORTING_HOUR, unless one waits
    already; the time it was queued for, or None.

    Only a backend that can defer a task schedules (the database backend, in
    production); the "immediate" one would run it at once, over and over. Two
    workers checking at the same moment may both queue one: harmless, since every
    mailing is claimed once, and the next day's runs collapse into one again (the
    second finds the first's next run waiting).
    """
    if not reporting_cycle.get_backend().supports_defer or reporting_cycle_waiting():
        return None
    run_after = next_run_at()
    reporting_cycle.using(run_after=run_after).enqueue()
    return run_after
