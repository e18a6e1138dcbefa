"""Factories of the events app. `EventFactory` takes `unit=`, `created_by=` and
`status=`; by default a draft, public forum of a unit that works with component 1, on
15–16 October 2019 in Jakarta, written by one of the unit's staff.
`ADMIN_FACTORIES` names one factory per model in the admin (tests/test_admin_smoke.py)."""

import datetime
from zoneinfo import ZoneInfo

import factory
from django.core.files.base import ContentFile

from apps.events.models import Event, EventEvidence, Series, Session, Speaker, Sponsor
from apps.monitoring.models import ReviewStatus
from apps.programme.models import Component, Partner
from tests.accounts.factories import StaffUserFactory
from tests.programme.factories import ComponentFactory, UnitFactory

JAKARTA = ZoneInfo("Asia/Jakarta")


def jakarta(year, month, day, hour=9, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=JAKARTA)


def component_one() -> Component:
    component = Component.objects.filter(slug="organisational-processes").first()
    return component or ComponentFactory(slug="organisational-processes")


class EventUnitFactory(UnitFactory):
    """A unit that works with component 1."""

    @factory.post_generation
    def components(self, create, extracted, **kwargs):
        if create:
            self.components.set(extracted or [component_one()])


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"series-{n}")
    title = factory.Sequence(lambda n: f"Series {n}")
    description = "Once a year."


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    job_title = "Editor"
    organisation = "Regional Daily"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Regional forum {n}")
    slug = factory.Sequence(lambda n: f"regional-forum-{n}")
    kind = Event.Kind.FORUM
    unit = factory.SubFactory(EventUnitFactory)
    starts_at = jakarta(2019, 10, 15, 9)
    ends_at = jakarta(2019, 10, 16, 17)
    time_zone = "Asia/Jakarta"
    venue = "ASEAN Secretariat, Jakarta"
    summary = "Media leaders meet the region's opinion leaders."
    is_public = True
    status = ReviewStatus.DRAFT
    created_by = factory.SubFactory(StaffUserFactory, unit=factory.SelfAttribute("..unit"))

    @factory.post_generation
    def components(self, create, extracted, **kwargs):
        """Those given, else the unit's first component, else component 1."""
        if create:
            own = list(self.unit.components.order_by("number")[:1])
            self.components.set(extracted or own or [component_one()])


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Panel {n}")
    kind = Session.Kind.PANEL
    starts_at = jakarta(2019, 10, 15, 10)
    ends_at = jakarta(2019, 10, 15, 11)
    room = "Main hall"

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            self.speakers.set(extracted)


class SponsorPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Sponsor company {n}")
    kind = Partner.Kind.BUSINESS_SPONSOR


class SponsorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sponsor

    event = factory.SubFactory(EventFactory)
    partner = factory.SubFactory(SponsorPartnerFactory)
    tier = Sponsor.Tier.GOLD


class EventEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventEvidence

    record = factory.SubFactory(EventFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 evidence", name="note.pdf"))
    original_name = "note.pdf"
    content_type = "application/pdf"
    size = 17
    uploaded_by = factory.SelfAttribute("record.created_by")


# The reviewed model's kind, for tests/test_url_matrix.py: (record, evidence file).
KIND_FACTORIES = {"events:event": (EventFactory, EventEvidenceFactory)}

ADMIN_FACTORIES = {
    "events.series": SeriesFactory,
    "events.speaker": SpeakerFactory,
    "events.event": EventFactory,
}
