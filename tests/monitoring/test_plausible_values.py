"""Values that would break a page are refused with a message on the field, and the
database refuses them too when validation is bypassed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.monitoring import services
from apps.monitoring.models import Activity, Indicator
from tests.accounts.factories import StaffUserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import ActivityFactory, IndicatorFactory
from tests.monitoring.helpers import activity_service_data
from tests.programme.factories import ComponentFactory, ProgrammeFactory, UnitFactory

pytestmark = pytest.mark.django_db

YEAR_MESSAGE = "Enter a year from 2000 to 2100."
DATE_MESSAGE = (
    "Activities of this programme (2018–2021) are dated from 1 January 2017 to 31 December 2022."
)
END_BEFORE_START = "The end date cannot be before the date it began."


# --- Indicator years -------------------------------------------------------------


@pytest.mark.parametrize("field", ["baseline_year", "target_year"])
@pytest.mark.parametrize("year", [1999, 2101])
def test_indicator_year_outside_2000_to_2100_is_refused(field, year):
    indicator = IndicatorFactory(baseline_year=None, target_year=None)
    setattr(indicator, field, year)

    with pytest.raises(ValidationError) as error:
        indicator.full_clean()

    assert error.value.message_dict == {field: [YEAR_MESSAGE]}


@pytest.mark.parametrize("field", ["baseline_year", "target_year"])
@pytest.mark.parametrize("year", [2000, 2100])
def test_indicator_year_at_the_bounds_is_accepted(field, year):
    indicator = IndicatorFactory(baseline_year=None, target_year=None)
    setattr(indicator, field, year)

    indicator.full_clean()
    indicator.save()

    indicator.refresh_from_db()
    assert getattr(indicator, field) == year


def test_indicator_baseline_2000_and_target_2100_together_are_accepted():
    indicator = IndicatorFactory(baseline_year=2000, target_year=2100)

    indicator.full_clean()


def test_indicator_target_year_before_the_baseline_year_is_refused():
    indicator = IndicatorFactory(baseline_year=2020, target_year=2019)

    with pytest.raises(ValidationError) as error:
        indicator.full_clean()

    assert error.value.message_dict == {
        "target_year": ["The target year cannot be before the baseline year."]
    }


def test_indicator_target_year_equal_to_the_baseline_year_is_accepted():
    IndicatorFactory(baseline_year=2020, target_year=2020).full_clean()


@pytest.mark.parametrize("field", ["baseline_year", "target_year"])
@pytest.mark.parametrize("year", [1999, 2101, 10000])
def test_indicator_year_refused_by_the_database_when_validation_is_bypassed(field, year):
    indicator = IndicatorFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.filter(pk=indicator.pk).update(**{field: year})

    indicator.refresh_from_db()
    assert getattr(indicator, field) == {"baseline_year": 2018, "target_year": 2021}[field]


def test_indicator_years_at_the_bounds_accepted_by_the_database():
    indicator = IndicatorFactory()

    Indicator.objects.filter(pk=indicator.pk).update(baseline_year=2000, target_year=2100)

    indicator.refresh_from_db()
    assert (indicator.baseline_year, indicator.target_year) == (2000, 2100)


# --- Activity dates ---------------------------------------------------------------


@pytest.fixture
def staff_and_component():
    component = ComponentFactory()  # its programme runs 2018–2021
    return StaffUserFactory(unit=UnitFactory(components=[component])), component


def test_activity_dated_on_the_first_and_last_allowed_days_is_accepted(staff_and_component):
    staff, component = staff_and_component

    activity = services.activity_create(
        user=staff,
        data=activity_service_data(
            component,
            start_date=datetime.date(2017, 1, 1),
            end_date=datetime.date(2022, 12, 31),
        ),
    )

    activity.refresh_from_db()
    assert (activity.start_date, activity.end_date) == (
        datetime.date(2017, 1, 1),
        datetime.date(2022, 12, 31),
    )


@pytest.mark.parametrize("day", [datetime.date(2016, 12, 31), datetime.date(2023, 1, 1)])
def test_activity_start_date_a_day_outside_the_window_is_refused(staff_and_component, day):
    staff, component = staff_and_component

    with pytest.raises(ValidationError) as error:
        services.activity_create(user=staff, data=activity_service_data(component, start_date=day))

    assert error.value.message_dict == {"start_date": [DATE_MESSAGE]}
    assert not Activity.objects.exists()


def test_activity_end_date_a_day_outside_the_window_is_refused(staff_and_component):
    staff, component = staff_and_component

    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=staff,
            data=activity_service_data(
                component,
                start_date=datetime.date(2022, 12, 31),
                end_date=datetime.date(2023, 1, 1),
            ),
        )

    assert error.value.message_dict == {"end_date": [DATE_MESSAGE]}


def test_activity_start_date_outside_the_window_refused_on_update(staff_and_component):
    staff, component = staff_and_component
    activity = services.activity_create(user=staff, data=activity_service_data(component))

    with pytest.raises(ValidationError) as error:
        services.activity_update(
            activity=activity, user=staff, data={"start_date": datetime.date(2023, 1, 1)}
        )

    assert error.value.message_dict == {"start_date": [DATE_MESSAGE]}
    activity.refresh_from_db()
    assert activity.start_date == datetime.date(2019, 9, 10)


def test_activity_end_date_before_the_start_date_is_refused(staff_and_component):
    staff, component = staff_and_component

    with pytest.raises(ValidationError) as error:
        services.activity_create(
            user=staff,
            data=activity_service_data(
                component,
                start_date=datetime.date(2019, 9, 10),
                end_date=datetime.date(2019, 9, 9),
            ),
        )

    assert error.value.message_dict == {"end_date": [END_BEFORE_START]}


def test_activity_ending_on_the_day_it_began_is_accepted(staff_and_component):
    staff, component = staff_and_component
    day = datetime.date(2019, 9, 10)

    activity = services.activity_create(
        user=staff, data=activity_service_data(component, start_date=day, end_date=day)
    )

    assert activity.end_date == day


@pytest.mark.parametrize(
    "values",
    [
        {"start_date": datetime.date(9999, 1, 1)},
        {"start_date": datetime.date(1999, 12, 31)},
        {"end_date": datetime.date(9999, 1, 1)},
        {"end_date": datetime.date(2101, 1, 1)},
    ],
    ids=["start 9999", "start 1999-12-31", "end 9999", "end 2101-01-01"],
)
def test_activity_date_refused_by_the_database_when_validation_is_bypassed(values):
    activity = ActivityFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(**values)

    activity.refresh_from_db()
    assert (activity.start_date, activity.end_date) == (datetime.date(2019, 5, 14), None)


def test_activity_dates_at_the_portals_bounds_accepted_by_the_database():
    activity = ActivityFactory()

    Activity.objects.filter(pk=activity.pk).update(
        start_date=datetime.date(2000, 1, 1), end_date=datetime.date(2100, 12, 31)
    )

    activity.refresh_from_db()
    assert (activity.start_date, activity.end_date) == (
        datetime.date(2000, 1, 1),
        datetime.date(2100, 12, 31),
    )


def test_activity_end_before_start_refused_by_the_database():
    activity = ActivityFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(end_date=datetime.date(2019, 5, 13))


@pytest.mark.parametrize(
    ("term", "day"),
    [((2095, 2100), datetime.date(2101, 1, 1)), ((2000, 2004), datetime.date(1999, 12, 31))],
    ids=["programme ending 2100", "programme starting 2000"],
)
def test_activity_date_beyond_the_portals_years_is_refused_on_the_field(term, day):
    component = ComponentFactory(programme__start_year=term[0], programme__end_year=term[1])
    staff = StaffUserFactory(unit=UnitFactory(components=[component]))

    with pytest.raises(ValidationError) as error:
        services.activity_create(user=staff, data=activity_service_data(component, start_date=day))

    assert list(error.value.message_dict) == ["start_date"]


@pytest.mark.parametrize("field", ["start_year", "end_year"])
def test_programme_year_typo_is_refused_with_the_year_message(field):
    programme = ProgrammeFactory.build(**{field: 9999})

    with pytest.raises(ValidationError) as error:
        programme.full_clean()

    assert error.value.message_dict[field] == [YEAR_MESSAGE]


# --- Pages with years at the bounds ------------------------------------------------


def test_admin_answers_for_an_adviser_with_indicator_years_at_the_bounds(client, adviser):
    IndicatorFactory(baseline_year=2000, target_year=2100, code="3.2.b")
    force_login_verified(client, adviser)

    index = client.get(reverse("admin:index"))
    changelist = client.get(reverse("admin:monitoring_indicator_changelist"))

    assert index.status_code == 200
    assert changelist.status_code == 200
    assert "3.2.b" in changelist.content.decode()
    assert "2100" in changelist.content.decode()
