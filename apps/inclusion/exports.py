"""The advisers' downloads of the inclusion records: one table per model, written by
monitoring's two writers (`exports.csv_response`, `exports.xlsx_response`), so CSV and
Excel hold the same columns and spreadsheet formulas are neutralised the same way.

Each table is scoped to what the user may see (the selectors' `*_list_for_user`),
whatever queryset the caller passes, and reads a fixed number of queries per chunk.
Workforce counts leave unrounded: only advisers may download them
(`workforce_snapshot_table` refuses anyone else); nothing public offers them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.permissions import sees_every_unit
from apps.monitoring.exports import CHUNK_SIZE, Table

from . import selectors
from .models import DISABILITY_GROUPS, SEX_GROUPS, PolicyReview, WorkforceCount


def _scoped(visible: QuerySet, chosen: QuerySet | None) -> QuerySet:
    if chosen is not None:
        visible = visible.filter(pk__in=chosen.order_by().values("pk"))
    return visible


def _local(moment):
    """A naive local time to the second, as monitoring's exports write it."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _review_columns(record) -> list:
    return [
        record.get_status_display(),
        _("yes") if record.is_public else _("no"),
        str(record.created_by),
        _local(record.submitted_at),
        _local(record.reviewed_at),
        record.review_note,
    ]


def _review_header() -> list[str]:
    return [
        _("Review status"),
        _("Public"),
        _("Created by"),
        _("Submitted at"),
        _("Reviewed at"),
        _("Reviewer's note"),
    ]


def policy_review_table(*, user, reviews: QuerySet[PolicyReview] | None = None) -> Table:
    """One row per recommendation (a review without any: one row), with its review."""
    qs = _scoped(selectors.policy_review_list_for_user(user=user), reviews).prefetch_related(
        "topics", "recommendations"
    )
    header = [
        _("Id"),
        _("Title"),
        _("Unit"),
        _("Topics"),
        _("Stage"),
        _("Review started"),
        _("Recommendations made"),
        _("Adopted"),
        _("Implemented"),
        _("Recommendation"),
        _("Owner"),
        _("Recommendation status"),
        _("Due date"),
        *_review_header(),
    ]

    def rows():
        for review in qs.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
            common = [
                review.pk,
                review.title,
                review.unit.name,
                "; ".join(str(topic) for topic in review.topics.all()),
                review.get_stage_display(),
                review.started_on,
                review.recommendations_on,
                review.adopted_on,
                review.implemented_on,
            ]
            recommendations = list(review.recommendations.all()) or [None]
            for row in recommendations:
                yield [
                    *common,
                    row.text if row else "",
                    row.owner if row else "",
                    row.get_status_display() if row else "",
                    row.due_on if row else None,
                    *_review_columns(review),
                ]

    return Table(title=_("Policy reviews"), header=header, rows=rows())


def workforce_snapshot_table(*, user, snapshots=None) -> Table:
    """One row per snapshot and staff category, with the counts as entered: for
    advisers only (PermissionDenied for anyone else)."""
    if not sees_every_unit(user):
        raise PermissionDenied(_("Only programme advisers may download workforce counts."))
    qs = _scoped(selectors.workforce_snapshot_list_for_user(user=user), snapshots).prefetch_related(
        Prefetch("counts", queryset=WorkforceCount.objects.select_related("staff_category"))
    )
    groups = {**SEX_GROUPS, **DISABILITY_GROUPS}
    header = [
        _("Id"),
        _("As of"),
        _("Unit"),
        _("Source"),
        _("Staff category"),
        _("All"),
        *(str(label) for label in groups.values()),
        *_review_header(),
    ]

    def rows():
        for snapshot in qs.order_by("as_of").iterator(chunk_size=CHUNK_SIZE):
            for count in snapshot.counts.all():
                yield [
                    snapshot.pk,
                    snapshot.as_of,
                    snapshot.unit.name,
                    snapshot.source,
                    str(count.staff_category),
                    count.total,
                    *(getattr(count, key) for key in groups),
                    *_review_columns(snapshot),
                ]

    return Table(title=_("Workforce snapshots"), header=header, rows=rows())


def accessibility_measure_table(*, user, measures=None) -> Table:
    qs = _scoped(selectors.accessibility_measure_list_for_user(user=user), measures)
    header = [
        _("Id"),
        _("Title"),
        _("Unit"),
        _("Kind"),
        _("Stage"),
        _("Owner"),
        _("Work started"),
        _("In place since"),
        _("Description"),
        *_review_header(),
    ]
    rows = (
        [
            measure.pk,
            measure.title,
            measure.unit.name,
            measure.get_kind_display(),
            measure.get_stage_display(),
            measure.owner,
            measure.started_on,
            measure.in_place_on,
            measure.description,
            *_review_columns(measure),
        ]
        for measure in qs.order_by("pk").iterator(chunk_size=CHUNK_SIZE)
    )
    return Table(title=_("Accessibility measures"), header=header, rows=rows)
