"""Reading the inclusion component's records: scoped for /workspace/, published for
the public (`records.published`: approved and marked public), each in a fixed
number of queries whatever the amount of data."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear

from apps.monitoring import records
from apps.monitoring.models import Activity
from apps.monitoring.selectors import activity_list_for_user, activity_list_public

from .models import (
    AccessibilityMeasure,
    AccessibilityMeasureEvidence,
    PolicyReview,
    PolicyReviewEvidence,
    Recommendation,
    StaffCategory,
    WorkforceCount,
    WorkforceSnapshot,
    WorkforceSnapshotEvidence,
)

COMPONENT_SLUG = "diversity-inclusion"

# --- /workspace/ ------------------------------------------------------------------------


def policy_review_list_for_user(*, user) -> QuerySet[PolicyReview]:
    return records.visible_to(PolicyReview.objects.select_related("unit", "created_by"), user=user)


def policy_review_evidence_list_for_user(*, user) -> QuerySet[PolicyReviewEvidence]:
    return PolicyReviewEvidence.objects.filter(
        record__in=policy_review_list_for_user(user=user).values("pk")
    )


def workforce_snapshot_list_for_user(*, user) -> QuerySet[WorkforceSnapshot]:
    return records.visible_to(
        WorkforceSnapshot.objects.select_related("unit", "created_by"), user=user
    )


def workforce_snapshot_evidence_list_for_user(*, user) -> QuerySet[WorkforceSnapshotEvidence]:
    return WorkforceSnapshotEvidence.objects.filter(
        record__in=workforce_snapshot_list_for_user(user=user).values("pk")
    )


def accessibility_measure_list_for_user(*, user) -> QuerySet[AccessibilityMeasure]:
    return records.visible_to(
        AccessibilityMeasure.objects.select_related("unit", "created_by"), user=user
    )


def accessibility_measure_evidence_list_for_user(*, user) -> QuerySet[AccessibilityMeasureEvidence]:
    return AccessibilityMeasureEvidence.objects.filter(
        record__in=accessibility_measure_list_for_user(user=user).values("pk")
    )


def related_activity_choices(*, user) -> QuerySet[Activity]:
    """The activities a record of the user's unit may name: the unit's own, of this
    component, newest first."""
    return (
        activity_list_for_user(user=user)
        .filter(unit_id=user.unit_id, component__slug=COMPONENT_SLUG)
        .order_by("-start_date", "-pk")
    )


def staff_categories() -> list[StaffCategory]:
    return list(StaffCategory.objects.order_by("order", "title"))


def recommendations_of(policy_review: PolicyReview) -> list[Recommendation]:
    return list(policy_review.recommendations.order_by("order", "pk"))


def counts_of(snapshot: WorkforceSnapshot) -> list[WorkforceCount]:
    return list(snapshot.counts.select_related("staff_category"))


# --- The public component page ------------------------------------------------------------


def policy_review_list_public() -> QuerySet[PolicyReview]:
    return records.published(PolicyReview.objects.all())


def policy_review_stage_counts_public() -> dict[str, int]:
    """How many published reviews are at each stage (every stage, 0 included). One query."""
    counts = dict.fromkeys(PolicyReview.Stage.values, 0)
    rows = policy_review_list_public().order_by().values("stage").annotate(n=Count("pk"))
    for row in rows:
        counts[row["stage"]] = row["n"]
    return counts


def policy_review_cards_public(*, limit: int) -> list[PolicyReview]:
    """The most recently changed published reviews, with their topics and how many of
    their recommendations are implemented. Two queries."""
    return list(
        policy_review_list_public()
        .annotate(
            recommendation_count=Count("recommendations"),
            implemented_count=Count(
                "recommendations",
                filter=Q(recommendations__status=Recommendation.Status.IMPLEMENTED),
            ),
        )
        .prefetch_related("topics")
        .order_by("-updated_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class RecommendationProgress:
    implemented: int
    total: int


def recommendations_implemented_public() -> RecommendationProgress:
    """Recommendations of published reviews: how many are implemented, of how many
    (dropped ones are not counted: nobody will implement them). One query."""
    figures = (
        Recommendation.objects.filter(review__in=policy_review_list_public().values("pk"))
        .exclude(status=Recommendation.Status.DROPPED)
        .aggregate(
            total=Count("pk"),
            implemented=Count("pk", filter=Q(status=Recommendation.Status.IMPLEMENTED)),
        )
    )
    return RecommendationProgress(implemented=figures["implemented"], total=figures["total"])


def workforce_snapshots_public(*, limit: int) -> list[WorkforceSnapshot]:
    """The newest `limit` published snapshots, oldest first (the order of a time
    series), with their counts and categories. Two queries. The counts are the true
    ones: only `public.workforce_tables` may turn them into what the public sees."""
    newest = (
        records.published(WorkforceSnapshot.objects.all())
        .prefetch_related(
            Prefetch("counts", queryset=WorkforceCount.objects.select_related("staff_category"))
        )
        .order_by("-as_of")[:limit]
    )
    return sorted(newest, key=lambda snapshot: snapshot.as_of)


def accessibility_measure_list_public() -> QuerySet[AccessibilityMeasure]:
    return records.published(AccessibilityMeasure.objects.all())


def accessibility_measure_stage_counts_public() -> dict[str, int]:
    counts = dict.fromkeys(AccessibilityMeasure.Stage.values, 0)
    rows = accessibility_measure_list_public().order_by().values("stage").annotate(n=Count("pk"))
    for row in rows:
        counts[row["stage"]] = row["n"]
    return counts


def accessibility_measure_cards_public(*, limit: int) -> list[AccessibilityMeasure]:
    """In place first, then in progress, then planned; the newest change first within
    each. One query."""
    Stage = AccessibilityMeasure.Stage
    stage_first = Case(
        When(stage=Stage.IN_PLACE, then=Value(0)),
        When(stage=Stage.IN_PROGRESS, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        accessibility_measure_list_public().order_by(stage_first, "-updated_at", "-pk")[:limit]
    )


def participation_by_year(*, component) -> dict[int, dict[str, int]]:
    """The true counts of people in the component's published activities, per year of
    their date: {year: {women, men, sex_other, with_disability, without_disability,
    disability_not_stated, total}}. One query, over monitoring's own public list, so
    the figures have one source. Only `public.participation_section` may show them."""
    rows = (
        activity_list_public(component=component)
        .order_by()
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(
            women=Sum("participants_women"),
            men=Sum("participants_men"),
            sex_other=Sum("participants_sex_other"),
            with_disability=Sum("participants_with_disability"),
            disability_not_stated=Sum("participants_disability_not_stated"),
        )
        .order_by("year")
    )
    years = {}
    for row in rows:
        total = row["women"] + row["men"] + row["sex_other"]
        years[row["year"]] = {
            "women": row["women"],
            "men": row["men"],
            "sex_other": row["sex_other"],
            "with_disability": row["with_disability"],
            "without_disability": total - row["with_disability"] - row["disability_not_stated"],
            "disability_not_stated": row["disability_not_stated"],
            "total": total,
        }
    return years
