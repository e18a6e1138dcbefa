"""Two reporting jobs at once: two threads run the day's job against PostgreSQL at the
same moment (two workers, or a worker and a cron job), each on its own connection.
Each reminder and the week's digest are still sent once: the claim's INSERT of one
waits for the other's commit and then finds its row. SQLite takes one writer at a
time, so there is nothing to prove there."""

import datetime
import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection, connections

from apps.monitoring import cycle
from apps.monitoring.models import AdviserDigest, ReportingReminder
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.monitoring.cycle_factories import DUE, reporting_world
from tests.monitoring.factories import IndicatorFactory, ReportingPeriodFactory
from tests.programme.factories import UnitFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writers, so no race can happen",
    ),
]

JOBS = 2


def run_at_once(today: datetime.date, jobs: int = JOBS) -> list[cycle.CycleResult]:
    """Run the day's job in `jobs` threads released together; their results in order."""
    barrier = threading.Barrier(jobs)
    results: list = [None] * jobs
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = cycle.run_cycle(today=today)
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=run, args=(index,)) for index in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_two_jobs_at_once_send_each_reminder_once():
    world = reporting_world()
    later = ReportingPeriodFactory(
        name="2021 Q4",
        start=datetime.date(2021, 10, 1),
        end=datetime.date(2021, 12, 31),
        due_date=datetime.date(2022, 1, 30),
    )
    # More units, so the two jobs interleave over several claims.
    for abbreviation in ("ACD", "LSAD", "IAED"):
        unit = UnitFactory(abbreviation=abbreviation)
        StaffUserFactory(unit=unit, email=f"staff.{abbreviation.lower()}@asean.example.org")
        IndicatorFactory(responsible_unit=unit)
    AdviserFactory(email="jonas@giz.example.org")
    today = later.reports_due  # Q3 overdue, Q4 due today; a Sunday, in the digest's week

    results = run_at_once(today)

    reminders = ReportingReminder.objects.count()
    assert reminders == 8  # 4 units × 2 periods
    assert sum(len(result.reminders) for result in results) == reminders, "each claimed once"
    # One email per person (both periods in it), and one digest.
    addresses = Counter(address for message in mail.outbox for address in message.to)
    assert addresses == {
        world.siti.email: 1,
        world.budi.email: 1,
        "staff.acd@asean.example.org": 1,
        "staff.lsad@asean.example.org": 1,
        "staff.iaed@asean.example.org": 1,
        "jonas@giz.example.org": 1,
    }
    assert AdviserDigest.objects.count() == 1
    assert sum(result.digest is not None for result in results) == 1


def test_many_jobs_at_once_on_the_due_day_send_once():
    reporting_world()

    results = run_at_once(DUE, jobs=5)

    assert ReportingReminder.objects.get().stage == ReportingReminder.Stage.DUE
    assert sum(len(result.reminders) for result in results) == 1
    assert len(mail.outbox) == 2
