"""A unit with four indicators (a number broken down by sex and disability, a
percentage, a qualitative one, a number broken down by member state), two member
states and a reporting period that is open."""

import datetime

import pytest

from apps.monitoring.models import Indicator
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.factories import IndicatorFactory, ReportingPeriodFactory, ResultFactory
from tests.programme.factories import ComponentFactory, MemberStateFactory, UnitFactory


@pytest.fixture
def component():
    return ComponentFactory(title="Organisational processes")


@pytest.fixture
def unit(component):
    return UnitFactory(
        name="Community Relations Division", abbreviation="CRD", components=[component]
    )


@pytest.fixture
def staff(unit):
    return StaffUserFactory(unit=unit, full_name="Siti Rahma")


@pytest.fixture
def states():
    return [
        MemberStateFactory(name="Indonesia", iso_code="XI"),
        MemberStateFactory(name="Malaysia", iso_code="XM"),
        MemberStateFactory(
            name="Late joiner", iso_code="XL", joined_on=datetime.date(2025, 10, 26)
        ),
    ]


@pytest.fixture
def indicators(unit, component, states):
    result = ResultFactory(component=component, code="1.1", title="Staff work better")
    return {
        "1.1.a": IndicatorFactory(
            result=result,
            code="1.1.a",
            title="Staff trained",
            responsible_unit=unit,
            disaggregate_by_sex=True,
            disaggregate_by_disability=True,
            order=1,
        ),
        "1.1.b": IndicatorFactory(
            result=result,
            code="1.1.b",
            title="Share of events with an accessible venue",
            measure=Indicator.Measure.PERCENTAGE,
            unit_of_measure="events",
            responsible_unit=unit,
            order=2,
        ),
        "1.1.c": IndicatorFactory(
            result=result,
            code="1.1.c",
            title="Progress on the staff manual",
            measure=Indicator.Measure.QUALITATIVE,
            target_value=None,
            responsible_unit=unit,
            order=3,
        ),
        "1.1.d": IndicatorFactory(
            result=result,
            code="1.1.d",
            title="Officials briefed",
            responsible_unit=unit,
            disaggregate_by_member_state=True,
            order=4,
        ),
    }


@pytest.fixture
def period():
    return ReportingPeriodFactory(
        name="2019 Q3", start=datetime.date(2019, 7, 1), end=datetime.date(2019, 9, 30)
    )


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff)
    return client
