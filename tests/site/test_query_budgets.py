"""A public page's query count and size must not grow with the data."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.monitoring.models import Indicator, ReviewStatus
from tests.helpers import assert_size_flat, query_count, response_size
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
    ResultFactory,
)
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    PartnerFactory,
    ProgrammeFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

# The component page has its own, larger budget below (RESULTS_PAGES): it shows the
# component's indicators, activities, partners and photo.
PUBLIC_PAGES = [
    reverse("site:about"),
    reverse("site:accessibility"),
    # Issue 11: the legal pages (the home page is with the results pages below).
    reverse("site:privacy"),
    reverse("site:legal_notice"),
    reverse("site:contact"),
]


def _add_records(count: int, components) -> None:
    for _ in range(count):
        UnitFactory(components=components)
    PartnerFactory.create_batch(count)
    MemberStateFactory.create_batch(count)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_query_count_is_flat(client, url):
    programme = ProgrammeFactory()
    components = [
        ComponentFactory(programme=programme, slug="connectivity"),
        ComponentFactory(programme=programme),
    ]
    _add_records(3, components)
    with_few = query_count(client, url)

    _add_records(27, components)
    with_many = query_count(client, url)

    assert with_many == with_few
    assert with_few <= 10


# Page → the most queries it may run, with 10 records of each kind or with 200.
RESULTS_PAGES = {
    # Components (tabs and the navigation), reference period, summary (3), a page of
    # indicators and their approved values: the summary's count serves the paginator.
    reverse("site:results"): 8,
    reverse("site:results_component", args=["connectivity"]): 8,
    # + units, the indicators' count, activities and their member states,
    # participation (+ by member state), partners, the photo; then the component app's
    # own sections (apps/connectivity: 8, tested at 5 and 100 records of its own in
    # tests/connectivity/test_budgets.py), and its events (upcoming, then past: 2, and
    # the lead photos when there are events, tests/events/test_budgets.py).
    reverse("site:component_detail", args=["connectivity"]): 23,
    # Issue 11: programme, reference period, headline results (5), each component's key
    # result (4), the hero photo, components, the member states at a glance, partners,
    # the navigation; the events (upcoming, then past: 2, and their lead photos).
    # Issue 17: the latest stories (1; +1 for their lead photos when there are stories,
    # tests/news/test_budgets.py).
    reverse("site:home"): 19,
}


def _add_monitoring_records(
    count: int, *, component, unit, periods, member_states=None, partners=None
) -> None:
    """`count` results, indicators (number, percentage, qualitative) and public activities,
    two approved updates per indicator, and records the public must not see."""
    member_states = member_states or MemberStateFactory.create_batch(2)
    partners = partners or PartnerFactory.create_batch(2)
    for n in range(count):
        measure = (Indicator.Measure.NUMBER, Indicator.Measure.PERCENTAGE)[n % 2]
        if n % 5 == 0:
            measure = Indicator.Measure.QUALITATIVE
        indicator = IndicatorFactory(
            result=ResultFactory(component=component),
            responsible_unit=unit,
            measure=measure,
            target_value=None if measure == Indicator.Measure.QUALITATIVE else Decimal(80),
            cumulative_rule=Indicator.CumulativeRule.CUMULATIVE if n % 3 else "non_cumulative",
        )
        for period, status in zip(
            periods,
            (ReviewStatus.APPROVED, ReviewStatus.APPROVED, ReviewStatus.SUBMITTED),
            strict=True,
        ):
            IndicatorUpdateFactory(
                indicator=indicator,
                period=period,
                status=status,
                value=Decimal(n % 50),
                numerator=Decimal(3),
                denominator=Decimal(4),
                narrative="Progress described in words.",
            )
        activity = ActivityFactory(
            component=component,
            unit=unit,
            status=ReviewStatus.APPROVED,
            is_public=n % 4 != 0,
            start_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
        )
        activity.member_states.set(member_states)
        activity.partners.set(partners)


@pytest.mark.parametrize(("url", "budget"), RESULTS_PAGES.items())
def test_results_pages_query_count_is_flat(client, url, budget):
    programme = ProgrammeFactory()
    component = ComponentFactory(programme=programme, slug="connectivity")
    other = ComponentFactory(programme=programme)
    unit = UnitFactory(components=[component])
    periods = [ReportingPeriodFactory(start=datetime.date(2019, month, 1)) for month in (1, 4, 7)]
    _add_monitoring_records(10, component=component, unit=unit, periods=periods)
    _add_monitoring_records(
        3, component=other, unit=UnitFactory(components=[other]), periods=periods
    )
    with_few = query_count(client, url)

    _add_monitoring_records(190, component=component, unit=unit, periods=periods)
    with_many = query_count(client, url)

    assert with_many == with_few
    assert with_few <= budget


# --- Response size: a page renders a bounded number of rows whatever the data ----------

# Records of each kind (results, indicators, activities): the first fills every cut
# (a component page's 6 indicators and 12 activities, a results page's 15 indicators), the
# second is three times as many. A page that rendered every row would grow by some
# 60 results or activities, far beyond the margin of tests.helpers.assert_size_flat.
FEW, MANY = 30, 90

# Page → the most bytes it may send with MANY records of each kind: about 30% over
# what it sent when the budget was set (measured size in the comment).
SIZE_BUDGETS = {
    # Issue 11: every page carries the co-branding, the footer (contact, legal links,
    # address) and the Open Graph tags, some 3,500 bytes more than before.
    # The home page shows 4 headline results and each component's key result.
    reverse("site:home"): 19_000,  # 14,804
    reverse("site:about"): 9_500,  # 7,272
    reverse("site:accessibility"): 10_000,  # 7,791
    reverse("site:privacy"): 14_000,  # 11,016
    reverse("site:legal_notice"): 10_500,  # 8,143
    reverse("site:contact"): 8_800,  # 6,760
    # Issue 11: /results/ shows the indicator cards (15 a page, each with its details,
    # chart and table folded away) that were on the component's results page only; a
    # line per component was 3,728 bytes.
    reverse("site:results"): 63_000,  # 60,938: 15 indicator cards
    reverse("site:results_component", args=["connectivity"]): 63_000,  # 60,569: 15 cards
    reverse("site:component_detail", args=["connectivity"]): 38_000,  # 33,107: 6 + 12
}


@pytest.mark.parametrize(("url", "budget"), SIZE_BUDGETS.items())
def test_public_page_size_is_flat(client, url, budget):
    """The programme's reference facts (units, partners, member states: a few dozen,
    which the about page lists in full on purpose) stay as they are; the monitoring
    records, which grow every quarter, triple."""
    programme = ProgrammeFactory()
    component = ComponentFactory(programme=programme, slug="connectivity")
    other = ComponentFactory(programme=programme)
    unit = UnitFactory(components=[component])
    periods = [ReportingPeriodFactory(start=datetime.date(2019, month, 1)) for month in (1, 4, 7)]
    other_unit = UnitFactory(components=[other])
    reference = {
        "member_states": MemberStateFactory.create_batch(2),
        "partners": PartnerFactory.create_batch(2),
        "periods": periods,
    }

    def add(count):
        _add_monitoring_records(count, component=component, unit=unit, **reference)
        _add_monitoring_records(count // 3, component=other, unit=other_unit, **reference)

    add(FEW)
    small = response_size(client, url)
    add(MANY - FEW)
    large = response_size(client, url)

    assert_size_flat(url=url, small=small, large=large, budget=budget)
