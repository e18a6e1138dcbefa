"""Writing the inclusion component's records: the only way they change.

Accessibility measures are plain reviewed records (`records.record_create` /
`record_update`). Policy reviews and workforce snapshots also own child rows
(recommendations; counts per staff category) that are written in the same form,
the same transaction and the same audit entry as the record: the kit's
`write_related` step writes them after the record is saved and before its audit
snapshot is taken, so the trail lists them (`audit_related()` on the models).

Every approve / return / submit / delete is the review core's, under this app's names.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.db import upsert
from apps.monitoring import records, review

from . import facts
from .models import (
    AccessibilityMeasure,
    CrossCuttingTopic,
    PolicyReview,
    Recommendation,
    StaffCategory,
    WorkforceCount,
    WorkforceSnapshot,
)

RowsWriter = records.WriteRelated


# --- Reference data -------------------------------------------------------------------


def inclusion_facts_load() -> dict[str, int]:
    """Write the topics and staff categories of `facts.py`, matched on their slugs.
    Idempotent: a second run writes nothing. Returns rows created or changed per kind."""
    written = {"cross-cutting topics": 0, "staff categories": 0}
    for item in facts.TOPICS:
        values = {key: value for key, value in item.items() if key != "slug"}
        _, changed = upsert(CrossCuttingTopic, lookup={"slug": item["slug"]}, values=values)
        written["cross-cutting topics"] += changed
    for item in facts.STAFF_CATEGORIES:
        values = {key: value for key, value in item.items() if key != "slug"}
        _, changed = upsert(StaffCategory, lookup={"slug": item["slug"]}, values=values)
        written["staff categories"] += changed
    return written


# --- Policy reviews ---------------------------------------------------------------------


def _recommendation_rows(rows: Iterable[dict]) -> list[dict]:
    """The rows a person filled in (the form drops blank ones), as the model's fields."""
    return [
        {
            "text": row["text"],
            "owner": row.get("owner") or "",
            "status": row.get("status") or Recommendation.Status.OPEN,
            "due_on": row.get("due_on"),
        }
        for row in rows
    ]


def _policy_review_check(rows: list[dict]):
    def check(policy_review: PolicyReview, data: dict) -> None:
        # "Implemented" means every recommendation was carried out or dropped.
        if data.get("stage") == PolicyReview.Stage.IMPLEMENTED:
            unsettled = [row for row in rows if row["status"] not in Recommendation.SETTLED]
            if unsettled:
                raise ValidationError(
                    {
                        "stage": _(
                            "A review is implemented once each recommendation is implemented "
                            "or dropped; %(count)d still is not."
                        )
                        % {"count": len(unsettled)}
                    }
                )

    return check


def _recommendations_writer(rows: list[dict]) -> RowsWriter:
    def write(policy_review: PolicyReview) -> None:
        # The form shows every row again, so the rows sent are the whole list.
        policy_review.recommendations.all().delete()
        made = []
        for order, row in enumerate(rows, start=1):
            recommendation = Recommendation(review=policy_review, order=order, **row)
            recommendation.full_clean(exclude=["review"])
            made.append(recommendation)
        Recommendation.objects.bulk_create(made)

    return write


def policy_review_create(*, user, data: dict, files=(), submit=False, token=None) -> PolicyReview:
    """A new policy review of the user's unit, with `data["recommendations"]` (a list
    of {text, owner, status, due_on}). Raises PermissionDenied or ValidationError."""
    data = dict(data)
    rows = _recommendation_rows(data.pop("recommendations", []))
    return records.record_create(
        record=PolicyReview(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=_policy_review_check(rows),
        write_related=_recommendations_writer(rows),
    )


def policy_review_update(*, policy_review, user, data: dict, files=(), submit=False):
    """Change a draft or returned review; its recommendations become `data["recommendations"]`."""
    data = dict(data)
    rows = _recommendation_rows(data.pop("recommendations", []))
    return records.record_update(
        record=policy_review,
        user=user,
        data=data,
        files=files,
        submit=submit,
        check=_policy_review_check(rows),
        write_related=_recommendations_writer(rows),
    )


def policy_review_submit(*, policy_review, user):
    return review.submit(record=policy_review, user=user)


def policy_review_approve(*, policy_review, reviewer):
    return review.approve(record=policy_review, reviewer=reviewer)


def policy_review_return(*, policy_review, reviewer, note: str):
    return review.return_to_author(record=policy_review, reviewer=reviewer, note=note)


def policy_review_delete(*, policy_review, user) -> None:
    review.delete(record=policy_review, user=user)


# --- Workforce snapshots ----------------------------------------------------------------

COUNT_FIELDS = (
    "women",
    "men",
    "sex_other",
    "with_disability",
    "without_disability",
    "disability_not_stated",
)


def workforce_breakdown_error(counts: dict) -> str | None:
    """Why one category's counts cannot be right, or None: both breakdowns count the
    same people. The form asks this to put the message on the field."""
    by_sex = counts["women"] + counts["men"] + counts["sex_other"]
    by_disability = (
        counts["with_disability"] + counts["without_disability"] + counts["disability_not_stated"]
    )
    if by_sex == by_disability:
        return None
    return _(
        "The counts by disability add up to %(disability)d, the counts by sex to %(sex)d; "
        "they count the same people and must agree."
    ) % {"disability": by_disability, "sex": by_sex}


def _workforce_check(rows: list[dict]):
    def check(snapshot: WorkforceSnapshot, data: dict) -> None:
        errors = []
        for row in rows:
            error = workforce_breakdown_error(row)
            if error:
                errors.append(f"{row['staff_category']}: {error}")
        if errors:
            raise ValidationError({"counts": errors})

    return check


def _counts_writer(rows: list[dict]) -> RowsWriter:
    def write(snapshot: WorkforceSnapshot) -> None:
        wanted = {row["staff_category"].pk: row for row in rows}
        existing = {count.staff_category_id: count for count in snapshot.counts.all()}
        snapshot.counts.exclude(staff_category_id__in=wanted).delete()
        for category_id, row in wanted.items():
            count = existing.get(category_id) or WorkforceCount(
                snapshot=snapshot, staff_category=row["staff_category"]
            )
            changed = records.set_values(count, {name: row[name] for name in COUNT_FIELDS})
            if count.pk is None or changed:
                count.full_clean(exclude=["snapshot"])
                count.save()

    return write


def _count_rows(rows: Iterable[dict]) -> list[dict]:
    return [
        {
            "staff_category": row["staff_category"],
            **{name: row.get(name) or 0 for name in COUNT_FIELDS},
        }
        for row in rows
    ]


def workforce_snapshot_create(*, user, data: dict, files=(), submit=False, token=None):
    """A new snapshot by the user's unit, with `data["counts"]`: a list of
    {staff_category, women, men, sex_other, with_disability, without_disability,
    disability_not_stated}. Raises PermissionDenied or ValidationError."""
    data = dict(data)
    rows = _count_rows(data.pop("counts", []))
    return records.record_create(
        record=WorkforceSnapshot(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=_workforce_check(rows),
        write_related=_counts_writer(rows),
    )


def workforce_snapshot_update(*, snapshot, user, data: dict, files=(), submit=False):
    data = dict(data)
    rows = _count_rows(data.pop("counts", []))
    return records.record_update(
        record=snapshot,
        user=user,
        data=data,
        files=files,
        submit=submit,
        check=_workforce_check(rows),
        write_related=_counts_writer(rows),
    )


def workforce_snapshot_submit(*, snapshot, user):
    return review.submit(record=snapshot, user=user)


def workforce_snapshot_approve(*, snapshot, reviewer):
    return review.approve(record=snapshot, reviewer=reviewer)


def workforce_snapshot_return(*, snapshot, reviewer, note: str):
    return review.return_to_author(record=snapshot, reviewer=reviewer, note=note)


def workforce_snapshot_delete(*, snapshot, user) -> None:
    review.delete(record=snapshot, user=user)


# --- Accessibility measures ---------------------------------------------------------------


def accessibility_measure_create(*, user, data: dict, files=(), submit=False, token=None):
    return records.record_create(
        record=AccessibilityMeasure(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
    )


def accessibility_measure_update(*, measure, user, data: dict, files=(), submit=False):
    return records.record_update(record=measure, user=user, data=data, files=files, submit=submit)


def accessibility_measure_submit(*, measure, user):
    return review.submit(record=measure, user=user)


def accessibility_measure_approve(*, measure, reviewer):
    return review.approve(record=measure, reviewer=reviewer)


def accessibility_measure_return(*, measure, reviewer, note: str):
    return review.return_to_author(record=measure, reviewer=reviewer, note=note)


def accessibility_measure_delete(*, measure, user) -> None:
    review.delete(record=measure, user=user)
