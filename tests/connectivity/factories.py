"""Factories of the connectivity app. Reviewed records take `unit=`, `created_by=`
and `status=` like monitoring's; evidence factories take `record=`."""

import datetime

import factory
from django.core.files.base import ContentFile

from apps.connectivity.models import (
    ActionItem,
    City,
    CoordinationBody,
    CoordinationMeeting,
    CoordinationMeetingEvidence,
    FocusArea,
    Initiative,
    InitiativeEvidence,
    Progress,
    StrategicArea,
    UrbanisationAction,
    UrbanisationActionEvidence,
)
from apps.monitoring.models import ReviewStatus
from tests.accounts.factories import StaffUserFactory
from tests.programme.factories import MemberStateFactory, UnitFactory


class StrategicAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicArea

    slug = factory.Sequence(lambda n: f"area-{n}")
    title = factory.Sequence(lambda n: f"Strategic area {n}")
    objectives = "Lower the cost of moving goods across borders."
    order = factory.Sequence(lambda n: n)


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    slug = factory.Sequence(lambda n: f"focus-{n}")
    title = factory.Sequence(lambda n: f"Focus area {n}")
    description = "Cities that work for everyone."
    order = factory.Sequence(lambda n: n)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"City {n}")
    member_state = factory.SubFactory(MemberStateFactory)
    in_smart_cities_network = True


class CoordinationBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinationBody

    slug = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Coordination committee {n}")
    acronym = factory.Sequence(lambda n: f"CC{n}")
    scope = CoordinationBody.Scope.ASEAN_WIDE
    order = factory.Sequence(lambda n: n)


class _ReviewedFactory(factory.django.DjangoModelFactory):
    """A draft by a staff member of the record's unit."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    created_by = factory.SubFactory(StaffUserFactory, unit=factory.SelfAttribute("..unit"))
    status = ReviewStatus.DRAFT
    is_public = True


class InitiativeFactory(_ReviewedFactory):
    class Meta:
        model = Initiative

    title = factory.Sequence(lambda n: f"MPAC initiative {n}")
    strategic_area = factory.SubFactory(StrategicAreaFactory)
    lead = "ASEAN Connectivity Division"
    progress = Progress.ONGOING
    progress_note = "Two studies done."
    start_date = datetime.date(2019, 5, 1)


class UrbanisationActionFactory(_ReviewedFactory):
    class Meta:
        model = UrbanisationAction

    title = factory.Sequence(lambda n: f"City action {n}")
    city = factory.SubFactory(CityFactory)
    focus_area = factory.SubFactory(FocusAreaFactory)
    description = "Bus lanes on the main roads."
    progress = Progress.ONGOING
    start_date = datetime.date(2019, 6, 1)


class CoordinationMeetingFactory(_ReviewedFactory):
    class Meta:
        model = CoordinationMeeting

    body = factory.SubFactory(CoordinationBodyFactory)
    held_on = datetime.date(2021, 3, 23)
    online = True
    agenda = "Progress of MPAC 2025."
    decisions = "The committee endorsed the review's terms of reference."
    internal_notes = "Secret: two delegations were late."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(CoordinationMeetingFactory)
    description = factory.Sequence(lambda n: f"Follow-up number {n}")
    owner = "ASEAN Connectivity Division"
    due_on = datetime.date(2021, 6, 30)
    status = ActionItem.Status.OPEN


class InitiativeEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeEvidence

    record = factory.SubFactory(InitiativeFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 evidence", name="report.pdf"))
    original_name = "report.pdf"
    content_type = "application/pdf"
    size = 17
    uploaded_by = factory.SelfAttribute("record.created_by")


class UrbanisationActionEvidenceFactory(InitiativeEvidenceFactory):
    class Meta:
        model = UrbanisationActionEvidence

    record = factory.SubFactory(UrbanisationActionFactory)


class CoordinationMeetingEvidenceFactory(InitiativeEvidenceFactory):
    class Meta:
        model = CoordinationMeetingEvidence

    record = factory.SubFactory(CoordinationMeetingFactory)


# Every model the admin shows, for tests/test_admin_smoke.py.
ADMIN_FACTORIES = {
    "connectivity.strategicarea": StrategicAreaFactory,
    "connectivity.focusarea": FocusAreaFactory,
    "connectivity.city": CityFactory,
    "connectivity.coordinationbody": CoordinationBodyFactory,
    "connectivity.initiative": InitiativeFactory,
    "connectivity.urbanisationaction": UrbanisationActionFactory,
    "connectivity.coordinationmeeting": CoordinationMeetingFactory,
}

# Each reviewed model's kind (namespace:name of its RecordKind) with its record and
# evidence factories, for tests/test_url_matrix.py's KIND_FACTORIES.
KIND_FACTORIES = {
    "connectivity:initiative": (InitiativeFactory, InitiativeEvidenceFactory),
    "connectivity:city_action": (UrbanisationActionFactory, UrbanisationActionEvidenceFactory),
    "connectivity:meeting": (CoordinationMeetingFactory, CoordinationMeetingEvidenceFactory),
}
