"""Factories of the news app. `StoryFactory` and `PublicationFactory` take `unit=`,
`created_by=` and `status=`; by default a public draft of a new unit, written by one of
its staff, dated 14 November 2018. `ADMIN_FACTORIES` names one factory per model in
the admin (tests/test_admin_smoke.py); `KIND_FACTORIES` each reviewed kind with its
evidence factory (tests/test_url_matrix.py)."""

import datetime

import factory
from django.core.files.base import ContentFile

from apps.monitoring.models import ReviewStatus
from apps.news.demo import pdf_bytes
from apps.news.models import Publication, PublicationEvidence, Story, StoryEvidence
from tests.accounts.factories import StaffUserFactory
from tests.programme.factories import UnitFactory

PDF = pdf_bytes("A publication", ["Made by the test factories."])


class NewsRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    status = ReviewStatus.DRAFT
    created_by = factory.SubFactory(StaffUserFactory, unit=factory.SelfAttribute("..unit"))
    published_on = datetime.date(2018, 11, 14)
    is_public = True

    @factory.post_generation
    def components(self, create, extracted, **kwargs):
        if create and extracted:
            self.components.set(extracted)


class StoryFactory(NewsRecordFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Media Forum story {n}")
    slug = factory.Sequence(lambda n: f"media-forum-story-{n}")
    summary = "Media leaders met the region's opinion leaders."
    body = "The forum met in **Jakarta**.\n\n## What was said\n\n- integration\n- data"

    @factory.post_generation
    def events(self, create, extracted, **kwargs):
        if create and extracted:
            self.events.set(extracted)


class PublicationFactory(NewsRecordFactory):
    class Meta:
        model = Publication
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Annual report {n}")
    slug = factory.Sequence(lambda n: f"annual-report-{n}")
    kind = Publication.Kind.REPORT
    summary = "What the programme did in a year."
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="report.pdf"))
    file_size = len(PDF)
    language = "en"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 evidence", name="release.pdf"))
    original_name = "release.pdf"
    content_type = "application/pdf"
    size = 17
    uploaded_by = factory.SelfAttribute("record.created_by")


class StoryEvidenceFactory(EvidenceFactory):
    class Meta:
        model = StoryEvidence

    record = factory.SubFactory(StoryFactory)


class PublicationEvidenceFactory(EvidenceFactory):
    class Meta:
        model = PublicationEvidence

    record = factory.SubFactory(PublicationFactory)


ADMIN_FACTORIES = {
    "news.story": StoryFactory,
    "news.publication": PublicationFactory,
}

# The reviewed kinds, keyed as tests/test_url_matrix.py names them: (record, evidence file).
KIND_FACTORIES = {
    "news_staff:story": (StoryFactory, StoryEvidenceFactory),
    "news_staff:publication": (PublicationFactory, PublicationEvidenceFactory),
}
