"""Factories of the inclusion app. Reviewed records take `unit=`, `created_by=` and
`status=` (the status is set directly, as a fixture: the services are tested on
their own); evidence factories take `record=`."""

import datetime

import factory
from django.core.files.base import ContentFile

from apps.inclusion.models import (
    AccessibilityMeasure,
    AccessibilityMeasureEvidence,
    CrossCuttingTopic,
    PolicyReview,
    PolicyReviewEvidence,
    Recommendation,
    StaffCategory,
    WorkforceCount,
    WorkforceSnapshot,
    WorkforceSnapshotEvidence,
)
from tests.accounts.factories import StaffUserFactory
from tests.programme.factories import UnitFactory


class CrossCuttingTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrossCuttingTopic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    title = factory.Sequence(lambda n: f"Topic {n}")


class StaffCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffCategory
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    title = factory.Sequence(lambda n: f"Category {n}")
    order = factory.Sequence(lambda n: n)


class PolicyReviewFactory(factory.django.DjangoModelFactory):
    """A draft review, planned, by a staff member of its unit."""

    class Meta:
        model = PolicyReview
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Review of staff rule {n}")
    unit = factory.SubFactory(UnitFactory)
    created_by = factory.SubFactory(StaffUserFactory, unit=factory.SelfAttribute("..unit"))
    stage = PolicyReview.Stage.PLANNED
    is_public = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = factory.SubFactory(PolicyReviewFactory)
    text = factory.Sequence(lambda n: f"Recommendation number {n}")
    owner = "Human Resources Division"
    status = Recommendation.Status.OPEN
    due_on = datetime.date(2021, 6, 30)


class WorkforceSnapshotFactory(factory.django.DjangoModelFactory):
    """A draft snapshot without counts (add them with WorkforceCountFactory)."""

    class Meta:
        model = WorkforceSnapshot

    as_of = factory.Sequence(lambda n: datetime.date(2018, 1, 1) + datetime.timedelta(days=n))
    unit = factory.SubFactory(UnitFactory)
    created_by = factory.SubFactory(StaffUserFactory, unit=factory.SelfAttribute("..unit"))
    source = "HR information system"
    is_public = True


class WorkforceCountFactory(factory.django.DjangoModelFactory):
    """60 staff of a category: 30 women, 28 men, 2 other; 3 with a disability."""

    class Meta:
        model = WorkforceCount

    snapshot = factory.SubFactory(WorkforceSnapshotFactory)
    staff_category = factory.SubFactory(StaffCategoryFactory)
    women = 30
    men = 28
    sex_other = 2
    with_disability = 3
    without_disability = 50
    disability_not_stated = 7


class AccessibilityMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessibilityMeasure
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Accessibility measure {n}")
    unit = factory.SubFactory(UnitFactory)
    created_by = factory.SubFactory(StaffUserFactory, unit=factory.SelfAttribute("..unit"))
    kind = AccessibilityMeasure.Kind.COMMUNICATION
    stage = AccessibilityMeasure.Stage.PLANNED
    is_public = True


class _EvidenceFactory(factory.django.DjangoModelFactory):
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 evidence", name="report.pdf"))
    original_name = "report.pdf"
    content_type = "application/pdf"
    size = 17
    uploaded_by = factory.SelfAttribute("record.created_by")


class PolicyReviewEvidenceFactory(_EvidenceFactory):
    class Meta:
        model = PolicyReviewEvidence

    record = factory.SubFactory(PolicyReviewFactory)


class WorkforceSnapshotEvidenceFactory(_EvidenceFactory):
    class Meta:
        model = WorkforceSnapshotEvidence

    record = factory.SubFactory(WorkforceSnapshotFactory)


class AccessibilityMeasureEvidenceFactory(_EvidenceFactory):
    class Meta:
        model = AccessibilityMeasureEvidence

    record = factory.SubFactory(AccessibilityMeasureFactory)


# For tests/test_admin_smoke.py: every model this app registers in the admin.
ADMIN_FACTORIES = {
    "inclusion.crosscuttingtopic": CrossCuttingTopicFactory,
    "inclusion.staffcategory": StaffCategoryFactory,
    "inclusion.policyreview": PolicyReviewFactory,
    "inclusion.workforcesnapshot": WorkforceSnapshotFactory,
    "inclusion.accessibilitymeasure": AccessibilityMeasureFactory,
}

# For tests/test_url_matrix.py: each reviewed model's factory and its evidence factory,
# by the kind's URL name, and by "<namespace>:<name>" as KIND_FACTORIES wants them.
RECORD_FACTORIES = {
    "policy_review": (PolicyReviewFactory, PolicyReviewEvidenceFactory),
    "workforce_snapshot": (WorkforceSnapshotFactory, WorkforceSnapshotEvidenceFactory),
    "accessibility_measure": (AccessibilityMeasureFactory, AccessibilityMeasureEvidenceFactory),
}
KIND_FACTORIES = {f"inclusion:{name}": factories for name, factories in RECORD_FACTORIES.items()}
