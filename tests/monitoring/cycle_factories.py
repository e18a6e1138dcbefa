"""Factories and a small world for the reporting cycle's tests (docs/reporting-cycle.md).

`ADMIN_FACTORIES` names one factory per model of the cycle in the admin
(tests/test_admin_smoke.py).
"""

import datetime
from dataclasses import dataclass

import factory

from apps.accounts.models import User
from apps.monitoring.models import AdviserDigest, Indicator, ReportingPeriod, ReportingReminder
from apps.programme.models import Unit
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.factories import IndicatorFactory, ReportingPeriodFactory
from tests.programme.factories import ComponentFactory, UnitFactory

# 2021 Q3: ends 30 September, its updates due 30 October 2021 (a Saturday).
DUE = datetime.date(2021, 10, 30)


class ReportingReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingReminder

    period = factory.SubFactory(ReportingPeriodFactory)
    unit = factory.SubFactory(UnitFactory)
    stage = ReportingReminder.Stage.BEFORE
    recipients = 2


class AdviserDigestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviserDigest

    week = factory.Sequence(lambda n: datetime.date(2021, 1, 4) + datetime.timedelta(weeks=n))
    recipients = 3


ADMIN_FACTORIES = {
    "monitoring.reportingreminder": ReportingReminderFactory,
    "monitoring.adviserdigest": AdviserDigestFactory,
}


@dataclass
class World:
    """One unit (CRD) with two staff members and two indicators, and an open period
    (2021 Q3) whose updates are due on DUE."""

    unit: Unit
    siti: User
    budi: User
    indicators: list[Indicator]
    period: ReportingPeriod


def reporting_world() -> World:
    component = ComponentFactory(title="Organisational processes")
    unit = UnitFactory(
        name="Community Relations Division", abbreviation="CRD", components=[component]
    )
    siti = StaffUserFactory(unit=unit, full_name="Siti Rahma", email="siti@asean.example.org")
    budi = StaffUserFactory(unit=unit, full_name="Budi Santoso", email="budi@asean.example.org")
    indicators = [
        IndicatorFactory(result__component=component, responsible_unit=unit, code=code, title=title)
        for code, title in (("1.1.a", "Staff trained"), ("1.1.b", "Processes improved"))
    ]
    period = ReportingPeriodFactory(
        name="2021 Q3",
        start=datetime.date(2021, 7, 1),
        end=datetime.date(2021, 9, 30),
        due_date=DUE,
    )
    return World(unit=unit, siti=siti, budi=budi, indicators=indicators, period=period)
