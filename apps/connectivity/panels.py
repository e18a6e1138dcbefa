"""The connectivity panel on /workspace/ (apps.core.panels): for staff of a unit
that works on the connectivity component, what to record, the follow-ups of their
meetings (overdue ones first, flagged in words) and what advisers returned."""

from apps.accounts.permissions import is_secretariat_staff
from apps.core.panels import Panel
from apps.monitoring.models import ReviewStatus

from . import selectors
from .apps import ConnectivityConfig

LIST_LENGTH = 10
RETURNED_LENGTH = 5


def workspace_panel(*, request) -> Panel | None:
    user = request.user
    if not is_secretariat_staff(user):
        return None
    if not user.unit.components.filter(slug=ConnectivityConfig.component_slug).exists():
        return None
    # What advisers sent back, newest first, a few of each kind (one query each).
    returned = [
        record
        for records in (
            selectors.initiative_list_for_user(user=user),
            selectors.city_action_list_for_user(user=user),
            selectors.coordination_meeting_list_for_user(user=user),
        )
        for record in records.filter(status=ReviewStatus.RETURNED).order_by("-reviewed_at")[
            :RETURNED_LENGTH
        ]
    ]
    return Panel(
        "connectivity/includes/_workspace_panel.html",
        {
            "follow_ups": selectors.follow_ups_for_user(user=user, limit=LIST_LENGTH),
            "returned": returned,
        },
    )
