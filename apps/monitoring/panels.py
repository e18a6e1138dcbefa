"""Monitoring's panel on /workspace/ (see apps.core.panels)."""

from urllib.parse import urlencode

from django.urls import reverse

from apps.accounts.permissions import is_secretariat_staff, sees_every_unit
from apps.core.panels import WorkspacePanel

from . import review, selectors
from .models import ReviewStatus

LIST_LENGTH = 10
APPROVED_LENGTH = 5


def workspace_panel(*, request) -> WorkspacePanel | None:
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
    return WorkspacePanel("monitoring/includes/_workspace_panel.html", context)


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
    # status: (newest first by, how many to show)
    lists = {
        ReviewStatus.RETURNED: ("-reviewed_at", LIST_LENGTH),
        ReviewStatus.DRAFT: ("-updated_at", LIST_LENGTH),
        ReviewStatus.SUBMITTED: ("-submitted_at", LIST_LENGTH),
        ReviewStatus.APPROVED: ("-reviewed_at", APPROVED_LENGTH),
    }
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
            f"{status}_activities": list(
                activities.filter(status=status).order_by(order, "-pk")[:length]
            )
            for status, (order, length) in lists.items()
        },
        **{
            f"{status}_updates": list(updates.filter(status=status).order_by(order, "-pk")[:length])
            for status, (order, length) in lists.items()
        },
        **_reports_due(user),
    }


def _reports_due(user) -> dict:
    """The first few indicators to report and how many there are in all (the panel
    links to the full list): each unit indicator × open period is a pair, so the list
    grows as a product and is cut in the database (`selectors.ReportsDue`)."""
    due = selectors.reports_due_for_user(user=user)
    return {"reports_due": due[:LIST_LENGTH], "reports_due_count": due.count()}
