"""Template tags for the advisers' back office (the admin index's key figures)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone

from apps.monitoring.models import ReviewStatus
from apps.monitoring.permissions import sees_all_units
from apps.monitoring.selectors import quarter_start, review_figures

register = template.Library()


@register.inclusion_tag("admin/monitoring/key_figures.html", takes_context=True)
def monitoring_key_figures(context) -> dict:
    """selectors.review_figures() with links to the filtered queues; advisers only."""
    request = context.get("request")
    if request is None or not sees_all_units(request.user):
        return {"figures": None}
    today = timezone.localdate()
    activities = reverse("admin:monitoring_activity_changelist")
    updates = reverse("admin:monitoring_indicatorupdate_changelist")
    indicators = reverse("admin:monitoring_indicator_changelist")
    submitted = urlencode({"status__exact": ReviewStatus.SUBMITTED})
    this_quarter = urlencode(
        {"start_date__gte": quarter_start(today).isoformat(), "start_date__lte": today.isoformat()}
    )
    return {
        "figures": review_figures(today=today),
        "links": {
            "activities_waiting": f"{activities}?{submitted}",
            "updates_waiting": f"{updates}?{submitted}",
            "activities_this_quarter": f"{activities}?{this_quarter}",
            "on_track": f"{indicators}?progress=on_track",
            "behind": f"{indicators}?progress=behind",
            "without_data": f"{indicators}?progress=without_data",
        },
    }
