"""Load the programme facts and, on a developer's machine, demo accounts and demo data.

Idempotent: a second run changes nothing. The component apps add theirs through
`facts_loader` and `demo_loader` in their AppConfig (apps.core.panels).

`--scale N` (benchmarks, DEBUG only) then makes the monitoring data N times the
demo's shape with bulk inserts (`apps.monitoring.demo.monitoring_volume_load`);
a rerun only tops up to N.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.services import demo_accounts_create
from apps.core.panels import app_hooks
from apps.monitoring.demo import (
    VOLUME_SCALE_MAX,
    VolumeLoad,
    monitoring_demo_load,
    monitoring_volume_load,
)
from apps.photos.demo import photos_demo_load
from apps.programme.services import programme_facts_load

# Written in the README too. Only ever used when DEBUG is on.
DEMO_PASSWORD = "asean-demo-2025"  # noqa: S105 - a published demo password, by design


class Command(BaseCommand):
    help = (
        "Load the programme facts and (only when DEBUG is on) demo accounts and demo data. "
        "Safe to rerun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            metavar="N",
            help=(
                "Benchmark volume, only when DEBUG is on: make the monitoring demo data N times "
                f"its shape with bulk inserts (1 to {VOLUME_SCALE_MAX}; default 1, the demo "
                "alone). A rerun adds only the copies missing up to N."
            ),
        )

    def handle(self, *args, scale: int = 1, **options):
        # Both refusals come before anything is written: a benchmark asking for
        # volume must fail loudly, not measure the demo alone.
        scale_refusal(scale=scale)

        written = programme_facts_load()
        summary = ", ".join(f"{count} {kind}" for kind, count in written.items())
        self.stdout.write(f"Programme facts loaded (rows created or changed: {summary}).")
        # The component apps' reference data (workstreams, MPAC areas…): apps.core.panels.
        for load in app_hooks("facts_loader"):
            self.report(load.__module__, "facts", load())

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

        # The component apps' demo records, written by the demo staff through their
        # services and reviewed by the demo adviser; they link monitoring's activities.
        for load in app_hooks("demo_loader"):
            self.report(load.__module__, "demo data", load(users=users))

        # Illustrations drawn for the demo, honestly credited; real photos are uploaded.
        written = photos_demo_load()
        self.stdout.write(f"Demo illustrations loaded (created: {written['illustrations']}).")

        if scale > 1:
            started = time.monotonic()
            loaded = monitoring_volume_load(scale=scale, users=users)
            self.stdout.write(
                volume_summary(loaded=loaded, asked=scale, seconds=time.monotonic() - started)
            )

    def report(self, module: str, what: str, written: dict) -> None:
        app = module.split(".")[1]
        summary = ", ".join(f"{count} {kind}" for kind, count in written.items()) or "nothing"
        self.stdout.write(f"{app.capitalize()} {what} loaded (rows created or changed: {summary}).")


def scale_refusal(*, scale: int) -> None:
    """Raise CommandError for a scale out of range, or any scale above 1 without DEBUG."""
    if not 1 <= scale <= VOLUME_SCALE_MAX:
        raise CommandError(
            f"--scale must be a whole number from 1 to {VOLUME_SCALE_MAX}, not {scale}: "
            "1 loads the demo alone, N makes the monitoring data N times the demo."
        )
    if scale > 1 and not settings.DEBUG:
        raise CommandError(
            f"--scale {scale} refused: volume data is for benchmarks on a developer's machine "
            "and is loaded only when DEBUG is on; it is off here (as under production settings). "
            "Nothing was written; `seed_demo` without --scale loads the programme facts."
        )


def volume_summary(*, loaded: VolumeLoad, asked: int, seconds: float) -> str:
    """One line on what --scale did: copies added, or why nothing was."""
    if not any(loaded.written.values()):
        more = (
            f", more than the {asked}× asked for; nothing removed" if loaded.found > asked else ""
        )
        return (
            f"Volume data left as it is: the monitoring data is already {loaded.found}× "
            f"the demo{more}."
        )
    summary = ", ".join(f"{count} {kind}" for kind, count in loaded.written.items())
    return (
        f"Volume data loaded: the monitoring data is now {loaded.scale}× the demo, "
        f"from {loaded.found}× (rows inserted: {summary}; {seconds:.1f} s)."
    )
