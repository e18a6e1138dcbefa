"""What the diversity and inclusion component publishes on /open-data/
(apps.core.open_data, docs/open-data.md): policy reviews, accessibility measures and
the workforce composition. Workforce counts are published only as the component page
shows them (`public.workforce_tables`: the disclosure rule, across rows and columns);
the true counts, notes, sources, owners and recommendations' owners never are."""

from django.db.models import Count, Prefetch, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from apps.core.open_data import Column, Dataset, disclosed

from . import public, selectors
from .models import (
    DISABILITY_GROUPS,
    SEX_GROUPS,
    AccessibilityMeasure,
    CrossCuttingTopic,
    PolicyReview,
    Recommendation,
)

RECORD_ID = Column("id", _("The record's number in the portal: stable, never reused."))


def policy_review_rows():
    """Two queries."""
    reviews = (
        selectors.policy_review_list_public()
        .select_related("unit")
        .prefetch_related(
            Prefetch("topics", queryset=CrossCuttingTopic.objects.order_by("order", "title"))
        )
        .annotate(
            recommendation_count=Count(
                "recommendations", filter=~Q(recommendations__status=Recommendation.Status.DROPPED)
            ),
            implemented_count=Count(
                "recommendations",
                filter=Q(recommendations__status=Recommendation.Status.IMPLEMENTED),
            ),
        )
        .order_by("title", "pk")
    )
    for review in reviews:
        yield {
            "id": review.pk,
            "title": review.title,
            "unit": review.unit.abbreviation,
            "topics": ";".join(topic.slug for topic in review.topics.all()),
            "stage": review.stage,
            "started_on": review.started_on,
            "recommendations_on": review.recommendations_on,
            "adopted_on": review.adopted_on,
            "implemented_on": review.implemented_on,
            "findings": review.findings,
            "recommendations": review.recommendation_count,
            "recommendations_implemented": review.implemented_count,
        }


def accessibility_measure_rows():
    """One query."""
    measures = (
        selectors.accessibility_measure_list_public().select_related("unit").order_by("title", "pk")
    )
    for measure in measures:
        yield {
            "id": measure.pk,
            "title": measure.title,
            "unit": measure.unit.abbreviation,
            "kind": measure.kind,
            "stage": measure.stage,
            "started_on": measure.started_on,
            "in_place_on": measure.in_place_on,
            "description": measure.description,
        }


def workforce_rows():
    """Each published snapshot: a row per staff category and one for all staff, every
    figure through the disclosure rule as the component page shows it. Two queries."""
    snapshots = selectors.workforce_snapshots_public(limit=None)
    tables = public.workforce_tables(snapshots)
    for snapshot, table in zip(snapshots, tables, strict=True):
        # workforce_tables keeps this order: the categories, then all staff.
        counts = sorted(
            snapshot.counts.all(),
            key=lambda count: (count.staff_category.order, count.staff_category.title),
        )
        keys = [count.staff_category.slug for count in counts] + ["all"]
        for key, row in zip(keys, table.rows, strict=True):
            yield {
                "as_of": snapshot.as_of,
                "staff_category": key,
                "total": disclosed(row.total),
                **{
                    group: disclosed(cell)
                    for group, cell in zip(SEX_GROUPS, row.by_sex, strict=True)
                },
                **{
                    group: disclosed(cell)
                    for group, cell in zip(DISABILITY_GROUPS, row.by_disability, strict=True)
                },
            }


def datasets() -> list[Dataset]:
    disclosed_count = _(
        "Staff members, through the disclosure rule: rounded to the nearest 5, “<5” under "
        "5, “suppressed” when hidden so that a small cell cannot be worked out."
    )
    return [
        Dataset(
            slug="policy-reviews",
            title=_("Policy reviews for inclusion"),
            description=_(
                "One row per published review of an ASEC regulation, rule or process for "
                "gender equality and the inclusion of persons with disabilities (stages: "
                "%(stages)s)."
            )
            % {"stages": ", ".join(PolicyReview.Stage.values)},
            columns=(
                RECORD_ID,
                Column("title", _("The regulation, rule or process reviewed.")),
                Column("unit", _("The abbreviation of the ASEC unit that keeps it.")),
                Column("topics", _("The slugs of its cross-cutting topics, separated by “;”.")),
                Column("stage", _("The stage it has reached.")),
                Column("started_on", _("When the review started (ISO date).")),
                Column("recommendations_on", _("When it made its recommendations.")),
                Column("adopted_on", _("When they were adopted.")),
                Column("implemented_on", _("When they were implemented.")),
                Column("findings", _("What the review found.")),
                Column("recommendations", _("How many recommendations it made (not dropped).")),
                Column("recommendations_implemented", _("How many of them are implemented.")),
            ),
            rows=policy_review_rows,
        ),
        Dataset(
            slug="accessibility-measures",
            title=_("Accessibility measures"),
            description=_(
                "One row per published step that makes ASEC accessible (stages: %(stages)s)."
            )
            % {"stages": ", ".join(AccessibilityMeasure.Stage.values)},
            columns=(
                RECORD_ID,
                Column("title", _("The measure's title.")),
                Column("unit", _("The abbreviation of the ASEC unit that keeps it.")),
                Column("kind", _("accommodation, building, it, communication or events.")),
                Column("stage", _("The stage it has reached.")),
                Column("started_on", _("When work on it started (ISO date).")),
                Column("in_place_on", _("Since when it is in place (ISO date).")),
                Column("description", _("What the measure is.")),
            ),
            rows=accessibility_measure_rows,
        ),
        Dataset(
            slug="workforce",
            title=_("Workforce composition"),
            description=_(
                "One row per published workforce snapshot and staff category, and one for "
                "all staff (staff_category “all”). Every figure goes through the disclosure "
                "rule, across rows and columns, so cells need not add up to the totals."
            ),
            columns=(
                Column("as_of", _("The day the figures describe (ISO date).")),
                Column("staff_category", _("The staff category's slug, or “all”.")),
                Column("total", disclosed_count),
                *(
                    Column(group, format_lazy("{}. {}", label, disclosed_count))
                    for group, label in {**SEX_GROUPS, **DISABILITY_GROUPS}.items()
                ),
            ),
            rows=workforce_rows,
        ),
    ]
