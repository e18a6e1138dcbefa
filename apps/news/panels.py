"""The news app's panel on /workspace/ (apps.core.panels).

Staff see their unit's stories and publications by review status, returned first
(what needs them), with links to the lists and "Add" links; advisers see the same
counts over every unit. One query per kind, whatever the data.
"""

from django.urls import reverse

from apps.accounts.permissions import is_secretariat_staff, sees_every_unit
from apps.core.panels import Panel
from apps.monitoring.models import ReviewStatus

from . import selectors
from .kinds import KINDS

STATUS_ORDER = (
    ReviewStatus.RETURNED,
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.APPROVED,
)


def workspace_panel(*, request) -> Panel | None:
    user = request.user
    writes = is_secretariat_staff(user)
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
        "news/_workspace_panel.html", {"rows": rows, "statuses": statuses, "writes": writes}
    )
