"""The processes app's panel on /workspace/ (apps.core.panels).

Staff of the component's units see their unit's records of each kind by review
status, returned first (what needs them), with links to the lists and "Add" links;
advisers see the same counts over every unit. One query per kind, whatever the data.
"""

from django.urls import reverse

from apps.accounts.permissions import is_secretariat_staff, sees_every_unit
from apps.core.panels import Panel
from apps.monitoring.models import ReviewStatus

from . import selectors
from .kinds import KINDS

# Returned first: the records that wait for their authors.
STATUS_ORDER = (
    ReviewStatus.RETURNED,
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.APPROVED,
)


def workspace_panel(*, request) -> Panel | None:
    user = request.user
    writes = is_secretariat_staff(user) and selectors.user_writes_here(user)
    if not (writes or sees_every_unit(user)):
        return None
    rows = []
    for kind in KINDS:
        counts = selectors.status_counts(kind.records(user))
        list_url = kind.list_url()
        rows.append(
            {
                "kind": kind,
                "list_url": list_url,
                "add_url": reverse(kind.url_name("create")) if writes else None,
                "cells": [
                    {
                        "status": status,
                        "label": status.label,
                        "count": counts[status],
                        "url": f"{list_url}?status={status}",
                    }
                    for status in STATUS_ORDER
                ],
            }
        )
    statuses = [status.label for status in STATUS_ORDER]
    return Panel(
        "processes/_workspace_panel.html", {"rows": rows, "statuses": statuses, "writes": writes}
    )
