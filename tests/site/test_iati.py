"""/open-data/iati-activities.xml: the programme as one IATI 2.03 activity, valid against
the official schema (../shared/iati-2.03/, read in place, never copied)."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from lxml import etree

from apps.monitoring.models import Disaggregation, Result, ReviewStatus
from apps.programme.models import Component, MemberState, Programme, Unit
from apps.site import iati
from tests.monitoring.factories import (
    DisaggregationFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
    ResultFactory,
)

pytestmark = pytest.mark.django_db

SCHEMA = Path(settings.BASE_DIR).parent / "shared" / "iati-2.03" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def schema():
    if not SCHEMA.exists():
        pytest.skip(
            f"The official IATI 2.03 schema is not at {SCHEMA}: "
            "it exists only on the team's machines and in CI."
        )
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture
def framework(programme_facts):
    """An outcome with a public number indicator reported by sex in two approved 2021
    quarters (one of them with a small cell), a draft value, and a private indicator."""
    component = Component.objects.get(slug="connectivity")
    unit = Unit.objects.get(abbreviation="ACD")
    result = ResultFactory(
        component=component, level=Result.Level.OUTCOME, code="2.1", title="Coordination works"
    )
    indicator = IndicatorFactory(
        result=result,
        responsible_unit=unit,
        code="2.1.a",
        title="Staff trained",
        baseline_value=Decimal("10"),
        baseline_year=2018,
        target_value=Decimal("80"),
        target_year=2021,
        disaggregate_by_sex=True,
    )
    q1 = ReportingPeriodFactory(
        name="2021 Q1", start=datetime.date(2021, 1, 1), end=datetime.date(2021, 3, 31)
    )
    q2 = ReportingPeriodFactory(
        name="2021 Q2", start=datetime.date(2021, 4, 1), end=datetime.date(2021, 6, 30)
    )
    q3 = ReportingPeriodFactory(
        name="2021 Q3", start=datetime.date(2021, 7, 1), end=datetime.date(2021, 9, 30)
    )
    first = IndicatorUpdateFactory(
        indicator=indicator,
        period=q1,
        status=ReviewStatus.APPROVED,
        value=Decimal("40"),
        narrative="Good start",
    )
    DisaggregationFactory(update=first, group=Disaggregation.Group.WOMEN, value=Decimal("22"))
    DisaggregationFactory(update=first, group=Disaggregation.Group.MEN, value=Decimal("18"))
    second = IndicatorUpdateFactory(
        indicator=indicator, period=q2, status=ReviewStatus.APPROVED, value=Decimal("61")
    )
    DisaggregationFactory(update=second, group=Disaggregation.Group.WOMEN, value=Decimal("58"))
    DisaggregationFactory(update=second, group=Disaggregation.Group.MEN, value=Decimal("3"))
    IndicatorUpdateFactory(
        indicator=indicator, period=q3, status=ReviewStatus.SUBMITTED, value=Decimal("987654")
    )
    IndicatorFactory(result=result, responsible_unit=unit, title="Private one", is_public=False)
    ResultFactory(component=component, code="2.9", title="Result without public indicators")
    return indicator


def fetch(client) -> etree._Element:
    response = client.get(reverse("site:open_data_iati"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.content)


def test_the_file_is_valid_against_the_official_schema(client, framework, schema):
    document = fetch(client)
    schema.assertValid(document)


def test_the_demo_programme_file_is_valid_too(client, programme_facts, schema):
    """Without any result: still one valid activity."""
    schema.assertValid(fetch(client))


def test_the_activity_carries_the_programme(client, framework, settings):
    settings.PORTAL_IATI_ACTIVITY_IDENTIFIER = "DE-1-201822620"
    activity = fetch(client).find("iati-activity")
    programme = Programme.objects.get()
    assert activity.findtext("iati-identifier") == "DE-1-201822620"
    reporting = activity.find("reporting-org")
    assert reporting.get("ref") == "DE-1"
    assert reporting.get("type") == "10"
    assert activity.findtext("title/narrative") == programme.title
    roles = {
        org.get("role"): org.findtext("narrative") for org in activity.findall("participating-org")
    }
    assert roles["1"].endswith("(BMZ)")
    assert "ASEAN Secretariat" in roles["2"]
    assert "GIZ" in roles["4"]
    dates = {d.get("type"): d.get("iso-date") for d in activity.findall("activity-date")}
    assert dates["1"] == "2018-01-01"
    assert dates["3"] == "2021-12-31"
    countries = activity.findall("recipient-country")
    assert len(countries) == 10  # the members during 2018–2021: not Timor-Leste
    assert "TL" not in {country.get("code") for country in countries}
    assert sum(Decimal(country.get("percentage")) for country in countries) == 100
    sector = activity.find("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("1", "15110")


def test_the_identifier_is_derived_while_the_publisher_has_not_set_one(
    client, programme_facts, settings
):
    settings.PORTAL_IATI_ACTIVITY_IDENTIFIER = ""
    assert fetch(client).findtext("iati-activity/iati-identifier") == "DE-1-ASEC-2018-2021"


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (datetime.date(2021, 12, 31), "2"),
        (datetime.date(2022, 1, 1), "3"),
        (datetime.date(2022, 12, 31), "3"),
        (datetime.date(2023, 1, 1), "4"),
    ],
)
def test_status_follows_the_term(programme_facts, today, status):
    document = etree.fromstring(iati.build_activities(today=today))
    assert document.find("iati-activity/activity-status").get("code") == status
    actual_end = [d for d in document.iter("activity-date") if d.get("type") == "4"]
    assert bool(actual_end) == (status != "2")


def test_results_carry_baseline_periods_targets_and_approved_actuals(client, framework):
    activity = fetch(client).find("iati-activity")
    results = activity.findall("result")
    assert [r.findtext("title/narrative") for r in results] == ["2.1 Coordination works"]
    assert results[0].get("type") == "2"  # outcome
    indicators = results[0].findall("indicator")
    assert len(indicators) == 1  # the private one is left out
    indicator = indicators[0]
    assert (indicator.get("measure"), indicator.get("ascending")) == ("1", "1")
    assert indicator.findtext("title/narrative") == "2.1.a Staff trained"
    baseline = indicator.find("baseline")
    assert (baseline.get("year"), baseline.get("value")) == ("2018", "10")
    periods = indicator.findall("period")
    assert [p.find("period-start").get("iso-date") for p in periods] == ["2021-01-01", "2021-04-01"]
    # The target sits in the latest approved period of the target year.
    assert periods[0].find("target") is None
    assert periods[1].find("target").get("value") == "80"
    totals = [p.find("actual").get("value") for p in periods]
    assert totals == ["40", "61"]
    assert periods[0].find("actual/comment/narrative").text == "Good start"


def test_breakdowns_are_dimensions_through_the_disclosure_rule(client, framework):
    periods = fetch(client).findall(".//indicator/period")
    first = {d.get("value"): d.getparent().get("value") for d in periods[0].iter("dimension")}
    assert first == {"women": "20", "men": "20"}  # 22 and 18, rounded to 5
    # 58 women and 3 men: "fewer than 5" is left out, and so is its complementary cell.
    assert list(periods[1].iter("dimension")) == []


def test_no_draft_value_and_no_private_indicator(client, framework):
    content = client.get(reverse("site:open_data_iati")).content.decode()
    assert "987654" not in content
    assert "Private one" not in content
    assert "2.9" not in content


def test_a_target_year_without_reports_gets_a_period_of_its_own(client, programme_facts, schema):
    unit = Unit.objects.get(abbreviation="CRD")
    IndicatorFactory(
        responsible_unit=unit,
        target_year=2021,
        target_value=Decimal("5"),
        result=ResultFactory(component=Component.objects.get(number=1)),
    )
    document = fetch(client)
    schema.assertValid(document)
    period = document.find(".//indicator/period")
    assert period.find("period-start").get("iso-date") == "2021-01-01"
    assert period.find("target").get("value") == "5"
    assert period.find("actual") is None


def test_query_count_does_not_depend_on_the_results(
    client, framework, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("site:open_data_iati"))
    for _ in range(20):
        extra = IndicatorFactory(
            result=framework.result, responsible_unit=framework.responsible_unit
        )
        IndicatorUpdateFactory(indicator=extra, status=ReviewStatus.APPROVED)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("site:open_data_iati"))


def test_without_a_programme_there_is_nothing_to_publish(client, db):
    assert not MemberState.objects.exists()
    assert client.get(reverse("site:open_data_iati")).status_code == 404
