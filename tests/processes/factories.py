"""Factories of the processes app. Each reviewed record's factory takes `unit=`,
`created_by=` and `status=`; by default a draft of a unit that works with component 1,
written by one of its staff. `ADMIN_FACTORIES` names one factory per model in the admin
(tests/test_admin_smoke.py)."""

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from apps.monitoring.models import ReviewStatus
from apps.processes.facts import COMPONENT_SLUG
from apps.processes.models import (
    Audience,
    IntegrityMeasure,
    IntegrityMeasureEvidence,
    LegalInstrument,
    LegalInstrumentEvidence,
    ProcessImprovement,
    ProcessImprovementEvidence,
    Strategy,
    StrategyEvidence,
    Workstream,
)
from apps.programme.models import Component
from tests.accounts.factories import StaffUserFactory
from tests.programme.factories import ComponentFactory, UnitFactory


def component_one():
    """Component 1 itself: the real one when the programme facts are loaded."""
    component = Component.objects.filter(slug=COMPONENT_SLUG).first()
    return component or ComponentFactory(slug=COMPONENT_SLUG, title="Organisational processes")


class ComponentUnitFactory(UnitFactory):
    """A unit that works with component 1, so its staff may write the records."""

    @factory.post_generation
    def components(self, create, extracted, **kwargs):
        if create:
            self.components.set(extracted or [component_one()])


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name = factory.Sequence(lambda n: f"Audience {n}")
    order = factory.Sequence(lambda n: n)


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"workstream-{n}")
    title = factory.Sequence(lambda n: f"Workstream {n}")
    aim = "Better processes for the Secretariat."
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def lead_units(self, create, extracted, **kwargs):
        if create and extracted:
            self.lead_units.set(extracted)


class RecordFactory(factory.django.DjangoModelFactory):
    """What the four record factories share."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Record {n}")
    unit = factory.SubFactory(ComponentUnitFactory)
    workstream = factory.SubFactory(WorkstreamFactory)
    status = ReviewStatus.DRAFT
    created_by = factory.SubFactory(StaffUserFactory, unit=factory.SelfAttribute("..unit"))
    is_public = True


class ProcessImprovementFactory(RecordFactory):
    """Mapped on 11 Feb 2019, processing days 30 → 12."""

    class Meta:
        model = ProcessImprovement

    title = factory.Sequence(lambda n: f"Media enquiry handling {n}")
    stage = ProcessImprovement.Stage.MAPPED
    mapped_on = datetime.date(2019, 2, 11)
    measure = "processing days"
    measure_before = Decimal("30")
    measure_after = Decimal("12")


class StrategyFactory(RecordFactory):
    class Meta:
        model = Strategy

    title = factory.Sequence(lambda n: f"Outreach strategy {n}")
    stage = Strategy.Stage.DRAFTING
    summary = "How ASEC reaches its audiences."


class LegalInstrumentFactory(RecordFactory):
    class Meta:
        model = LegalInstrument

    title = factory.Sequence(lambda n: f"Model contract {n}")
    kind = LegalInstrument.Kind.TEMPLATE
    stage = LegalInstrument.Stage.DRAFTING
    trade_rights = "Equal terms for suppliers from every member state."


class IntegrityMeasureFactory(RecordFactory):
    class Meta:
        model = IntegrityMeasure

    title = factory.Sequence(lambda n: f"Integrity training {n}")
    kind = IntegrityMeasure.Kind.TRAINING
    stage = IntegrityMeasure.Stage.PLANNED
    staff_women = 40
    staff_covered_women = 30
    staff_men = 60
    staff_covered_men = 30


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 evidence", name="report.pdf"))
    original_name = "report.pdf"
    content_type = "application/pdf"
    size = 17
    uploaded_by = factory.SelfAttribute("record.created_by")


class ProcessImprovementEvidenceFactory(EvidenceFactory):
    class Meta:
        model = ProcessImprovementEvidence

    record = factory.SubFactory(ProcessImprovementFactory)


class StrategyEvidenceFactory(EvidenceFactory):
    class Meta:
        model = StrategyEvidence

    record = factory.SubFactory(StrategyFactory)


class LegalInstrumentEvidenceFactory(EvidenceFactory):
    class Meta:
        model = LegalInstrumentEvidence

    record = factory.SubFactory(LegalInstrumentFactory)


class IntegrityMeasureEvidenceFactory(EvidenceFactory):
    class Meta:
        model = IntegrityMeasureEvidence

    record = factory.SubFactory(IntegrityMeasureFactory)


# Every model the admin shows (tests/test_admin_smoke.py).
ADMIN_FACTORIES = {
    "processes.workstream": WorkstreamFactory,
    "processes.audience": AudienceFactory,
    "processes.processimprovement": ProcessImprovementFactory,
    "processes.strategy": StrategyFactory,
    "processes.legalinstrument": LegalInstrumentFactory,
    "processes.integritymeasure": IntegrityMeasureFactory,
}

# Each reviewed record's factory with its evidence factory and URL name
# (tests/test_url_matrix.py).
RECORD_FACTORIES = {
    "improvement": (ProcessImprovementFactory, ProcessImprovementEvidenceFactory),
    "strategy": (StrategyFactory, StrategyEvidenceFactory),
    "legal_instrument": (LegalInstrumentFactory, LegalInstrumentEvidenceFactory),
    "integrity_measure": (IntegrityMeasureFactory, IntegrityMeasureEvidenceFactory),
}

# The same, keyed as tests/test_url_matrix.py names the kinds ("processes:<name>").
KIND_FACTORIES = {f"processes:{name}": factories for name, factories in RECORD_FACTORIES.items()}
