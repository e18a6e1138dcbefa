"""A small results framework for the progress report's tests (`world`): one programme
(2018–2021) with two components, a unit working with both, and indicators of each
measure whose figures straddle the end of 2020:

- 1.a number, non-cumulative, 0 (2018) → 100 (2021): 2020 Q4 approved 60, 2021 Q1
  approved 90, 2020 Q3 submitted 999 (never counts);
- 1.b number, cumulative, 10 (2018) → 50 (2021): 5 in 2020 Q1, 7 in 2020 Q4, 100 in
  2021 Q1 (approved);
- 1.c percentage, non-cumulative, 20% → 80%: 3 of 4 in 2020 Q4, 1 of 4 in 2021 Q1;
- 1.d qualitative: a narrative in 2019 Q4, one in 2020 Q4 and one in 2021 Q1;
- 1.e internal (not public): 2020 Q4 approved 45.
Periods are the real quarters: 2020 Q4 ends on 31 December 2020, 2021 Q1 starts on
1 January 2021."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from apps.monitoring.models import Indicator, ReportingPeriod, ReviewStatus
from tests.accounts.factories import AdviserFactory, StaffUserFactory
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ResultFactory,
)
from tests.programme.factories import ComponentFactory, ProgrammeFactory, UnitFactory

APPROVED, SUBMITTED, DRAFT = ReviewStatus.APPROVED, ReviewStatus.SUBMITTED, ReviewStatus.DRAFT


def quarter(year: int, number: int) -> ReportingPeriod:
    start = datetime.date(year, 3 * number - 2, 1)
    end = datetime.date(year + (number == 4), (3 * number) % 12 + 1, 1) - datetime.timedelta(days=1)
    period, _created = ReportingPeriod.objects.get_or_create(
        start=start, defaults={"name": f"{year} Q{number}", "end": end, "is_locked": True}
    )
    return period


@dataclass
class World:
    programme: object
    component: object
    other: object
    unit: object
    staff: object
    reviewer: object
    result: object
    indicators: dict

    def update(self, code, period, status=APPROVED, **values):
        return IndicatorUpdateFactory(
            indicator=self.indicators[code],
            period=period,
            status=status,
            created_by=self.staff,
            reviewed_by=self.reviewer if status == APPROVED else None,
            **values,
        )

    def activity(self, *, component=None, status=APPROVED, is_public=True, **values):
        values.setdefault("start_date", datetime.date(2020, 6, 10))
        return ActivityFactory(
            component=component or self.component,
            unit=self.unit,
            created_by=self.staff,
            status=status,
            is_public=is_public,
            **values,
        )

    def indicator(self, code, **values):
        values.setdefault("result", self.result)
        values.setdefault("responsible_unit", self.unit)
        self.indicators[code] = IndicatorFactory(code=code, **values)
        return self.indicators[code]


@pytest.fixture
def world(db) -> World:
    programme = ProgrammeFactory(title="Strengthening the Secretariat", short_title="ASEC")
    component = ComponentFactory(
        programme=programme, number=1, slug="organisational-processes", title="Processes"
    )
    other = ComponentFactory(programme=programme, number=2, slug="connectivity", title="Links")
    unit = UnitFactory(components=[component, other])
    staff = StaffUserFactory(unit=unit)
    world = World(
        programme=programme,
        component=component,
        other=other,
        unit=unit,
        staff=staff,
        reviewer=AdviserFactory(),
        result=ResultFactory(component=component, code="1", title="Processes improved"),
        indicators={},
    )
    world.indicator("1.a", title="Processes improved with support", unit_of_measure="processes")
    world.indicator(
        "1.b",
        title="Staff trained",
        baseline_value=Decimal(10),
        target_value=Decimal(50),
        cumulative_rule=Indicator.CumulativeRule.CUMULATIVE,
    )
    world.indicator(
        "1.c",
        title="Share of staff satisfied",
        measure=Indicator.Measure.PERCENTAGE,
        baseline_value=Decimal(20),
        target_value=Decimal(80),
    )
    world.indicator(
        "1.d",
        title="How outreach changed",
        measure=Indicator.Measure.QUALITATIVE,
        target_value=None,
    )
    world.indicator("1.e", title="Internal audit findings closed", is_public=False)

    q4_2019, q1_2020, q3_2020 = quarter(2019, 4), quarter(2020, 1), quarter(2020, 3)
    q4_2020, q1_2021 = quarter(2020, 4), quarter(2021, 1)
    world.update("1.a", q4_2020, value=Decimal(60), comment="Two units joined late.")
    world.update("1.a", q1_2021, value=Decimal(90))
    world.update("1.a", q3_2020, status=SUBMITTED, value=Decimal(999))
    world.update("1.b", q1_2020, value=Decimal(5))
    world.update("1.b", q4_2020, value=Decimal(7))
    world.update("1.b", q1_2021, value=Decimal(100))
    world.update("1.c", q4_2020, value=None, numerator=Decimal(3), denominator=Decimal(4))
    world.update("1.c", q1_2021, value=None, numerator=Decimal(1), denominator=Decimal(4))
    world.update("1.d", q4_2019, value=None, narrative="A review began.")
    world.update("1.d", q4_2020, value=None, narrative="Outreach plans adopted by two units.")
    world.update("1.d", q1_2021, value=None, narrative="Written in 2021: not in 2020.")
    world.update("1.e", q4_2020, value=Decimal(45))
    return world
