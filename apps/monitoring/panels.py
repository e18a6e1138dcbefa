"""Monitoring's panel on /workspace/ (see apps.core.panels)."""

from urllib.parse import urlencode

from django.db.models import Case, F, QuerySet, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from apps.accounts.permissions import is_secretariat_staff, sees_every_unit
from apps.core.panels import Panel

from . import review, selectors
from .models import ReviewStatus

LIST_LENGTH = 10
APPROVED_LENGTH = 5


def workspace_panel(*, request) -> Panel | None:
    """Staff: their unit's activities and updates by state, and what is due.
    Reviewers: what waits for review, in every app."""
    user = request.user
    context = {}
    if sees_every_unit(user):
        context["queues"] = _review_queues(user)
    if is_secretariat_staff(user):
        context.update(unit_dashboard(user))
    if not context:
        return None
    return Panel("monitoring/includes/_workspace_panel.html", context)


def _review_queues(user) -> list[dict]:
    submitted = urlencode({"status__exact": ReviewStatus.SUBMITTED})
    queues = []
    for queue in review.waiting_for_review(user=user):
        opts = queue.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        queues.append({"queue": queue, "url": f"{url}?{submitted}"})
    return queues


def unit_dashboard(user) -> dict:
    """Returned records with the reviewer's note, indicators to report, drafts,
    submitted and recently approved records, and counts per status. Each list is
    cut at a few items (the counts link to the full lists), so the panel runs the
    same queries whatever the amount of data."""
    activities = selectors.activity_list_for_user(user=user).filter(unit_id=user.unit_id)
    updates = selectors.indicator_update_list_for_user(user=user).filter(
        indicator__responsible_unit_id=user.unit_id
    )
    activity_counts = selectors.status_counts(activities)
    update_counts = selectors.status_counts(updates)
    return {
        "dashboard": True,
        "status_rows": [
            (status, label, activity_counts[status], update_counts[status])
            for status, label in ReviewStatus.choices
        ],
        "activity_counts": activity_counts,
        "update_counts": update_counts,
        **{
            f"{status}_activities": records
            for status, records in _newest_by_status(activities).items()
        },
        **{f"{status}_updates": records for status, records in _newest_by_status(updates).items()},
        **_reports_due(user),
    }


# status: (newest first by, how many to show)
LISTS = {
    ReviewStatus.RETURNED: ("reviewed_at", LIST_LENGTH),
    ReviewStatus.DRAFT: ("updated_at", LIST_LENGTH),
    ReviewStatus.SUBMITTED: ("submitted_at", LIST_LENGTH),
    ReviewStatus.APPROVED: ("reviewed_at", APPROVED_LENGTH),
}


def _newest_by_status(records: QuerySet) -> dict[str, list]:
    """The newest few records in each status of LISTS, in one query: each status is
    a window of its own, numbered newest first, cut in the database."""
    newest = Case(*(When(status=status, then=F(field)) for status, (field, _) in LISTS.items()))
    ranked = (
        records.filter(status__in=LISTS)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("status"),
                order_by=[newest.desc(nulls_last=True), F("pk").desc()],
            )
        )
        .filter(rank__lte=max(length for _, length in LISTS.values()))
        .order_by("rank")
    )
    grouped = {status: [] for status in LISTS}
    for record in ranked:
        if len(grouped[record.status]) < LISTS[record.status][1]:
            grouped[record.status].append(record)
    return grouped


def _reports_due(user) -> dict:
    """The first few indicators to report and how many there are in all (the panel
    links to the full list): each unit indicator × open period is a pair, so the list
    grows as a product and is cut in the database (`selectors.ReportsDue`)."""
    due = selectors.reports_due_for_user(user=user)
    return {"reports_due": due[:LIST_LENGTH], "reports_due_count": due.count()}
