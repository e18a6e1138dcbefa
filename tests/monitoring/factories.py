import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from apps.monitoring.models import (
    Activity,
    ActivityEvidence,
    Disaggregation,
    Indicator,
    IndicatorUpdate,
    IndicatorUpdateEvidence,
    ReportingPeriod,
    Result,
    ReviewStatus,
)
from tests.accounts.factories import StaffUserFactory
from tests.programme.factories import ComponentFactory, UnitFactory


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    component = factory.SubFactory(ComponentFactory)
    level = Result.Level.OUTCOME
    code = factory.Sequence(lambda n: f"{n}.1")
    title = factory.Sequence(lambda n: f"Result statement {n}")
    order = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A number indicator, non-cumulative, baseline 0 (2018), target 100 (2021)."""

    class Meta:
        model = Indicator

    result = factory.SubFactory(ResultFactory)
    code = factory.Sequence(lambda n: f"{n}.1.a")
    title = factory.Sequence(lambda n: f"Indicator title {n}")
    measure = Indicator.Measure.NUMBER
    unit_of_measure = "staff members"
    baseline_value = Decimal("0")
    baseline_year = 2018
    target_value = Decimal("100")
    target_year = 2021
    responsible_unit = factory.SubFactory(UnitFactory)
    is_public = True


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    """Consecutive quarters from 2010 Q1, counted afresh in every test (tests/conftest.py):
    always in the past, and clear of the 2018–2021 quarters tests create by date."""

    class Meta:
        model = ReportingPeriod

    start = factory.Sequence(lambda n: datetime.date(2010 + n // 4, 3 * (n % 4) + 1, 1))
    end = factory.LazyAttribute(
        lambda period: (
            datetime.date(
                period.start.year + (period.start.month + 3 > 12),
                (period.start.month + 2) % 12 + 1,
                1,
            )
            - datetime.timedelta(days=1)
        )
    )
    name = factory.LazyAttribute(
        lambda period: f"{period.start.year} Q{(period.start.month - 1) // 3 + 1}"
    )


class IndicatorUpdateFactory(factory.django.DjangoModelFactory):
    """A draft update by a staff member of the indicator's unit."""

    class Meta:
        model = IndicatorUpdate

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    value = Decimal("10")
    status = ReviewStatus.DRAFT
    created_by = factory.SubFactory(
        StaffUserFactory, unit=factory.SelfAttribute("..indicator.responsible_unit")
    )


class DisaggregationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disaggregation

    update = factory.SubFactory(IndicatorUpdateFactory)
    category = Disaggregation.Category.SEX
    group = Disaggregation.Group.WOMEN
    value = Decimal("4")


class ActivityFactory(factory.django.DjangoModelFactory):
    """A draft activity by a staff member of a unit that works with the component."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Workshop on regional integration {n}")
    start_date = datetime.date(2019, 5, 14)
    component = factory.SubFactory(ComponentFactory)
    unit = factory.SubFactory(UnitFactory)
    activity_type = Activity.Type.WORKSHOP
    description = "Two days with the division's staff."
    participants_women = 12
    participants_men = 9
    participants_sex_other = 1
    participants_with_disability = 2
    created_by = factory.SubFactory(StaffUserFactory, unit=factory.SelfAttribute("..unit"))

    @factory.post_generation
    def unit_works_with_component(activity, create, extracted, **kwargs):
        if create:
            activity.unit.components.add(activity.component)


class ActivityEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityEvidence

    record = factory.SubFactory(ActivityFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 evidence", name="report.pdf"))
    original_name = "report.pdf"
    content_type = "application/pdf"
    size = 17
    uploaded_by = factory.SelfAttribute("record.created_by")


class IndicatorUpdateEvidenceFactory(ActivityEvidenceFactory):
    class Meta:
        model = IndicatorUpdateEvidence

    record = factory.SubFactory(IndicatorUpdateFactory)
