"""Load the programme facts and, on a developer's machine, demo accounts and demo data.

Idempotent: a second run changes nothing. Later apps add their demo data here,
each through its own services.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.accounts.services import demo_accounts_create
from apps.monitoring.demo import monitoring_demo_load
from apps.programme.services import programme_facts_load

# Written in the README too. Only ever used when DEBUG is on.
DEMO_PASSWORD = "asean-demo-2025"  # noqa: S105 - a published demo password, by design


class Command(BaseCommand):
    help = (
        "Load the programme facts and (only when DEBUG is on) demo accounts and demo data. "
        "Safe to rerun."
    )

    def handle(self, *args, **options):
        written = programme_facts_load()
        summary = ", ".join(f"{count} {kind}" for kind, count in written.items())
        self.stdout.write(f"Programme facts loaded (rows created or changed: {summary}).")

        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "Demo accounts and demo data refused: DEBUG is off (production settings). "
                    "Create real accounts with `manage.py createsuperuser` and the admin."
                )
            )
            return

        users = demo_accounts_create(password=DEMO_PASSWORD)
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password: {DEMO_PASSWORD}):"))
        for user in users:
            unit = f", {user.unit.abbreviation}" if user.unit else ""
            self.stdout.write(f"  {user.email}  ({user.role_label}{unit})")

        # Authored by the demo staff and reviewed by the demo adviser, so after the accounts.
        written = monitoring_demo_load(users=users)
        summary = ", ".join(f"{count} {kind}" for kind, count in written.items())
        self.stdout.write(f"Monitoring demo data loaded (rows created or changed: {summary}).")
