"""The inclusion app's panel on /workspace/ (apps.core.panels)."""

from django.db.models import Count

from apps.accounts.permissions import is_secretariat_staff, sees_every_unit
from apps.core.panels import Panel
from apps.monitoring.models import ReviewStatus

from . import selectors
from .views import AccessibilityMeasures, PolicyReviews, WorkforceSnapshots

KINDS = (PolicyReviews(), WorkforceSnapshots(), AccessibilityMeasures())


def workspace_panel(*, request) -> Panel | None:
    """Staff of a unit working on this component: their records of each kind by review
    status, with links to add one and to each list (one query per kind). Advisers:
    links to the three lists. Anyone else: nothing."""
    user = request.user
    if is_secretariat_staff(user):
        if not user.unit.components.filter(slug=selectors.COMPONENT_SLUG).exists():
            return None
        return Panel("inclusion/includes/_workspace_panel.html", {"rows": _status_rows(user)})
    if sees_every_unit(user):
        return Panel("inclusion/includes/_workspace_panel.html", {"kinds": KINDS})
    return None


def _status_rows(user) -> list[dict]:
    rows = []
    for kind in KINDS:
        counts = dict.fromkeys(ReviewStatus.values, 0)
        figures = (
            kind.records(user)
            .filter(unit_id=user.unit_id)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
        )
        for row in figures:
            counts[row["status"]] = row["n"]
        rows.append(
            {
                "kind": kind,
                "counts": [
                    (status, label, counts[status]) for status, label in ReviewStatus.choices
                ],
            }
        )
    return rows
