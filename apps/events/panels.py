"""The events app's panel on /workspace/ (apps.core.panels): the events of the
person's unit (advisers: of every unit) by review status, the next ones, and "Create
next edition" from the latest edition of each series. A fixed number of queries."""

from django.urls import reverse
from django.utils import timezone

from apps.accounts.permissions import is_secretariat_staff, sees_every_unit
from apps.core.panels import Panel
from apps.monitoring.models import ReviewStatus

from . import selectors
from .forms import NextEditionForm

STATUS_ORDER = (
    ReviewStatus.RETURNED,
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.APPROVED,
)
NEXT_EVENTS = 3


def workspace_panel(*, request) -> Panel | None:
    user = request.user
    writes = is_secretariat_staff(user)
    if not (writes or sees_every_unit(user)):
        return None
    counts = selectors.events_by_status_for_user(user=user)
    list_url = reverse("events:event_list")
    cells = [
        {
            "label": status.label,
            "count": counts[status],
            "url": f"{list_url}?status={status}",
        }
        for status in STATUS_ORDER
    ]
    upcoming = (
        selectors.event_list_for_user(user=user)
        .filter(selectors.upcoming_q(timezone.now()))
        .order_by("starts_at", "pk")[:NEXT_EVENTS]
    )
    latest = selectors.latest_editions_for_user(user=user) if writes else []
    return Panel(
        "events/_workspace_panel.html",
        {
            "cells": cells,
            "list_url": list_url,
            "add_url": reverse("events:event_create") if writes else None,
            "upcoming": list(upcoming),
            # One form per series, each with ids of its own.
            "latest": [
                (edition, NextEditionForm(auto_id=f"id_next_{edition.pk}_%s")) for edition in latest
            ],
            "writes": writes,
        },
    )
