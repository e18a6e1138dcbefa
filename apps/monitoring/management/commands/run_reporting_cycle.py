"""`manage.py run_reporting_cycle [--date YYYY-MM-DD] [--schedule]`: the reporting
cycle's day's job (docs/reporting-cycle.md).

Without options it runs the job now: the reminders due today and, in its week, the
advisers' digest. Run it once a day from a plain scheduler (cron, a Kubernetes
CronJob); a rerun sends nothing twice. `--schedule` runs nothing: it queues the job
for the task worker at the next PORTAL_REPORTING_HOUR, unless a run waits already
(the `worker` service does this before it starts; safe to repeat).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.formats import date_format

from apps.monitoring import cycle, tasks


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date takes a date as YYYY-MM-DD, not “{text}”.") from None


class Command(BaseCommand):
    help = (
        "Send the reporting reminders due today and the advisers' weekly digest, each "
        "once (safe to rerun); with --schedule, queue the job for the task worker instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="Run as on this day (default: today), e.g. to catch up a missed day.",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=(
                "Run nothing now: queue the job for the task worker at the next "
                "PORTAL_REPORTING_HOUR, unless a run is already waiting."
            ),
        )

    def handle(self, *args, date: str | None = None, schedule: bool = False, **options):
        today = _day(date) if date is not None else None
        if schedule:
            if today is not None:
                raise CommandError("--schedule queues the daily job; it takes no --date.")
            self._schedule()
            return
        result = cycle.run_cycle(today=today)
        self.stdout.write(self.style.SUCCESS(f"Reporting cycle: {result.summary()}"))

    def _schedule(self) -> None:
        if not tasks.reporting_cycle.get_backend().supports_defer:
            self.stdout.write(
                "Tasks run at once here (PORTAL_TASKS_BACKEND=immediate): nothing to schedule. "
                "Run this command daily from a scheduler instead."
            )
            return
        run_after = tasks.schedule_reporting_cycle()
        if run_after is None:
            self.stdout.write("The reporting cycle is already queued for the task worker.")
            return
        when = date_format(timezone.localtime(run_after), "DATETIME_FORMAT")
        self.stdout.write(self.style.SUCCESS(f"The reporting cycle is queued for {when}."))
