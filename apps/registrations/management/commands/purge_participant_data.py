"""`manage.py purge_participant_data [--dry-run] [--now YYYY-MM-DD]`: remove the
personal data of the participants of every event whose retention period has run
out (apps.registrations.retention; docs/participation.md). The figures stay.
Run it daily (a cron job or the scheduler of the platform); a rerun changes nothing.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from apps.registrations import retention


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--now takes a date as YYYY-MM-DD, not “{text}”.") from None


class Command(BaseCommand):
    help = (
        "Remove the names, emails, organisations and needs of the participants of events "
        "whose retention period has run out; the participation figures stay. Safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only list the events whose participants' personal data would be removed.",
        )
        parser.add_argument(
            "--now",
            metavar="YYYY-MM-DD",
            help="Purge as on this day (default: today), e.g. to check a coming purge.",
        )

    def handle(self, *args, dry_run: bool = False, now: str | None = None, **options):
        today = _day(now) if now else None
        result = retention.purge_due(today=today, dry_run=dry_run)
        if not result.events:
            self.stdout.write("No participant data is due for removal.")
            return
        verb = "would be removed" if dry_run else "removed"
        for item in result.events:
            self.stdout.write(
                f"{item.event.title} (ended {item.event.end_date:%Y-%m-%d}, due "
                f"{item.purge_day:%Y-%m-%d}): {item.registrations} participants' personal data "
                f"{verb}."
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Personal data removed from {result.anonymised} registrations of "
                    f"{len(result.events)} events; the figures are unchanged."
                )
            )
