"""The indicator update form under /workspace/updates/: figures shown as people write
them ("90", "12.5", never "90.00"), messages that name the figure, the GOV.UK order
of label, hint, error and input, and a breakdown by member state that offers only
the states that were members by the end of the period (and a service that refuses
the others).
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.monitoring import services
from apps.monitoring.models import Disaggregation, Indicator
from tests.accounts.factories import StaffUserFactory
from tests.monitoring.factories import (
    DisaggregationFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
)
from tests.programme.factories import ComponentFactory, MemberStateFactory, UnitFactory

pytestmark = pytest.mark.django_db

FOUNDED = datetime.date(1967, 8, 8)


@pytest.fixture
def staff():
    return StaffUserFactory(unit=UnitFactory(components=[ComponentFactory()]))


@pytest.fixture
def indicator(staff):
    return IndicatorFactory(
        responsible_unit=staff.unit,
        result__component=staff.unit.components.get(),
        code="1.1.a",
        unit_of_measure="people",
        disaggregate_by_sex=True,
    )


@pytest.fixture
def period():
    return ReportingPeriodFactory(
        name="2020 Q1", start=datetime.date(2020, 1, 1), end=datetime.date(2020, 3, 31)
    )


def edit_url(update) -> str:
    return reverse("monitoring:indicator_update_edit", args=[update.pk])


def create_url(indicator, period) -> str:
    return reverse("monitoring:indicator_update_create", args=[indicator.pk, period.pk])


def box(html: str, name: str) -> str:
    return re.search(rf'<input [^>]*name="{name}"[^>]*>', html).group(0)


def test_figures_show_as_people_write_them(client, staff, indicator, period):
    update = IndicatorUpdateFactory(
        indicator=indicator, period=period, value=Decimal("90.00"), created_by=staff
    )
    DisaggregationFactory(update=update, group=Disaggregation.Group.WOMEN, value=Decimal("49.00"))
    DisaggregationFactory(update=update, group=Disaggregation.Group.MEN, value=Decimal("40.50"))
    client.force_login(staff)

    html = client.get(edit_url(update)).content.decode()

    assert 'value="90"' in box(html, "value")
    assert 'value="49"' in box(html, "dis_women")
    assert 'value="40.5"' in box(html, "dis_men")
    assert ".00" not in html
    assert 'inputmode="decimal"' in box(html, "value")
    assert 'type="number"' not in html


def test_a_percentage_shows_numerator_and_denominator_without_decimals(
    client, staff, indicator, period
):
    Indicator.objects.filter(pk=indicator.pk).update(measure=Indicator.Measure.PERCENTAGE)
    update = IndicatorUpdateFactory(
        indicator=indicator,
        period=period,
        value=None,
        numerator=Decimal("3.00"),
        denominator=Decimal("4.00"),
        created_by=staff,
    )
    client.force_login(staff)

    html = client.get(edit_url(update)).content.decode()

    assert 'value="3"' in box(html, "numerator")
    assert 'value="4"' in box(html, "denominator")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the value for this period."),
        ("twelve", "Value must be a number, like 12 or 12.5"),
        ("-1", "Value cannot be below 0"),
        ("12.125", "Value can have at most 2 decimals, like 12.25"),
        ("1234567890123", "Value is too large: at most 12 digits before the point"),
    ],
)
def test_value_says_what_is_wrong_with_it(client, staff, indicator, period, typed, message):
    client.force_login(staff)

    response = client.post(create_url(indicator, period), {"value": typed, "action": "draft"})

    html = response.content.decode()
    assert response.context["form"].errors["value"] == [message]
    # What was typed comes back as it was.
    assert f'value="{typed}"' in box(html, "value") or not typed
    assert not indicator.updates.exists()


def test_a_breakdown_figure_names_its_group_in_the_message(client, staff, indicator, period):
    client.force_login(staff)

    response = client.post(
        create_url(indicator, period), {"value": "10", "dis_women": "many", "action": "draft"}
    )

    assert response.context["form"].errors["dis_women"] == [
        "Women must be a number, like 12 or 12.5"
    ]


def test_label_hint_error_and_input_come_in_that_order(client, staff, indicator, period):
    client.force_login(staff)

    response = client.post(create_url(indicator, period), {"value": "", "action": "draft"})

    html = response.content.decode()
    field = html[html.index('id="div_id_value"') :]
    order = [
        field.index('for="id_value"'),
        field.index('id="id_value_helptext"'),
        field.index('id="id_value_error"'),
        field.index('name="value"'),
    ]
    assert order == sorted(order)
    assert 'aria-describedby="id_value_helptext id_value_error"' in box(html, "value")
    assert '<a href="#id_value">Enter the value for this period.</a>' in html


# --- The breakdown by member state ----------------------------------------------------------


def test_breakdown_offers_the_states_that_were_members_by_the_periods_end(
    client, staff, indicator, period
):
    Indicator.objects.filter(pk=indicator.pk).update(disaggregate_by_member_state=True)
    founder = MemberStateFactory(name="Indonesia", joined_on=FOUNDED)
    on_the_last_day = MemberStateFactory(name="Newland", joined_on=period.end)
    day_after = MemberStateFactory(
        name="Lateland", joined_on=period.end + datetime.timedelta(days=1)
    )
    client.force_login(staff)

    html = client.get(create_url(indicator, period)).content.decode()

    assert f'name="dis_member_state_{founder.pk}"' in html
    assert f'name="dis_member_state_{on_the_last_day.pk}"' in html
    assert f'name="dis_member_state_{day_after.pk}"' not in html


def test_edit_form_leaves_out_states_that_joined_after_the_period(client, staff, indicator, period):
    Indicator.objects.filter(pk=indicator.pk).update(disaggregate_by_member_state=True)
    MemberStateFactory(name="Indonesia", joined_on=FOUNDED)
    MemberStateFactory(name="Timor-Leste", joined_on=datetime.date(2025, 10, 26))
    update = IndicatorUpdateFactory(indicator=indicator, period=period, created_by=staff)
    client.force_login(staff)

    html = client.get(edit_url(update)).content.decode()

    assert "Indonesia" in html
    assert "Timor-Leste" not in html


def test_update_create_refuses_a_state_that_joined_after_the_period(staff, indicator, period):
    Indicator.objects.filter(pk=indicator.pk).update(disaggregate_by_member_state=True)
    indicator.refresh_from_db()
    timor = MemberStateFactory(name="Timor-Leste", joined_on=datetime.date(2025, 10, 26))
    row = {
        "category": Disaggregation.Category.MEMBER_STATE,
        "group": Disaggregation.Group.MEMBER_STATE,
        "member_state": timor,
        "value": Decimal("2"),
    }

    with pytest.raises(ValidationError) as refused:
        services.indicator_update_create(
            indicator=indicator,
            period=period,
            user=staff,
            data={"value": Decimal("10"), "disaggregations": [row]},
        )

    assert refused.value.messages == [
        "Timor-Leste joined ASEAN on 26 October 2025, after the period 2020 Q1: leave it out "
        "of the breakdown."
    ]
    assert not indicator.updates.exists()
