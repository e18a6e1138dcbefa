"""Template tags for the advisers' back office: the admin index's review overview
(every reviewed model, across apps) and monitoring's key figures."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone

from apps.accounts.permissions import sees_every_unit
from apps.core.public_cache import cached_until_change
from apps.monitoring import review
from apps.monitoring.models import ReviewStatus
from apps.monitoring.selectors import quarter_start, review_figures

register = template.Library()

FIGURES_SECONDS = 5 * 60


@register.inclusion_tag("admin/monitoring/review_overview.html", takes_context=True)
def review_overview(context) -> dict:
    """What waits for review in every app the user reviews, each linking to its
    queue (submitted records, the longest waiting first)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"queues": []}
    submitted = urlencode({"status__exact": ReviewStatus.SUBMITTED})
    queues = []
    for queue in review.waiting_for_review(user=request.user):
        opts = queue.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        queues.append({"queue": queue, "url": f"{url}?{submitted}"})
    return {"queues": queues, "total": sum(entry["queue"].waiting for entry in queues)}


@register.inclusion_tag("admin/monitoring/key_figures.html", takes_context=True)
def monitoring_key_figures(context) -> dict:
    """selectors.review_figures() with links to the filtered lists; advisers only."""
    request = context.get("request")
    if request is None or not sees_every_unit(request.user):
        return {"figures": None}
    today = timezone.localdate()
    activities = reverse("admin:monitoring_activity_changelist")
    indicators = reverse("admin:monitoring_indicator_changelist")
    this_quarter = urlencode(
        {"start_date__gte": quarter_start(today).isoformat(), "start_date__lte": today.isoformat()}
    )
    return {
        # Reads every indicator's approved values: kept until the next approval
        # changes them (or FIGURES_SECONDS, for this quarter's new activities).
        "figures": cached_until_change(
            f"review-figures:{today.isoformat()}",
            lambda: review_figures(today=today),
            timeout=FIGURES_SECONDS,
        ),
        "links": {
            "activities_this_quarter": f"{activities}?{this_quarter}",
            "on_track": f"{indicators}?progress=on_track",
            "behind": f"{indicators}?progress=behind",
            "without_data": f"{indicators}?progress=without_data",
        },
    }
