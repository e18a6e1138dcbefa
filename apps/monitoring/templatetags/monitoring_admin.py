"""Template tags for the advisers' back office: the admin index's review overview
(every reviewed model, across apps) and monitoring's key figures."""

import datetime
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from apps.accounts.permissions import sees_every_unit
from apps.core.public_cache import cached_until_change
from apps.monitoring import review
from apps.monitoring.models import ReviewStatus
from apps.monitoring.selectors import review_figures

register = template.Library()

FIGURES_SECONDS = 5 * 60


@register.inclusion_tag("admin/monitoring/review_overview.html", takes_context=True)
def review_overview(context) -> dict:
    """What waits for review in every app the user reviews, by kind of record (every
    model of the review core's registry), with how long the oldest has waited; each
    links to its queue (submitted records, the longest waiting first)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"queues": []}
    submitted = urlencode({"status__exact": ReviewStatus.SUBMITTED})
    now = timezone.now()
    queues = []
    for queue in review.waiting_for_review(user=request.user):
        opts = queue.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        queues.append({"queue": queue, "url": f"{url}?{submitted}", "age": waiting_age(queue, now)})
    return {"queues": queues, "total": sum(entry["queue"].waiting for entry in queues)}


def waiting_age(queue: review.Queue, now: datetime.datetime) -> str:
    """How long the oldest record of the queue has waited, in whole days: "12 days",
    "less than a day"; "" when nothing waits."""
    if not queue.waiting or queue.oldest is None:
        return ""
    days = max((now - queue.oldest).days, 0)
    if days == 0:
        return gettext("less than a day")
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


@register.inclusion_tag("admin/monitoring/key_figures.html", takes_context=True)
def monitoring_key_figures(context) -> dict:
    """selectors.review_figures() with links to the filtered lists; advisers only.

    Every figure is measured at one reference (selectors.track_reference: the
    latest reporting period with approved figures), which the block names."""
    request = context.get("request")
    if request is None or not sees_every_unit(request.user):
        return {"figures": None}
    today = timezone.localdate()
    # Reads every indicator's approved values: kept until the next approval changes
    # them (a new generation), or FIGURES_SECONDS for newly logged activities.
    figures = cached_until_change(
        f"review-figures:{today.isoformat()}",
        lambda: review_figures(today=today),
        timeout=FIGURES_SECONDS,
    )
    activities = reverse("admin:monitoring_activity_changelist")
    indicators = reverse("admin:monitoring_indicator_changelist")
    in_period = urlencode(
        {
            "start_date__gte": figures.activities_from.isoformat(),
            "start_date__lte": figures.activities_to.isoformat(),
        }
    )
    later = urlencode({"start_date__gt": figures.activities_to.isoformat()})
    return {
        "figures": figures,
        "reference": figures.reference,
        "links": {
            "activities_in_period": f"{activities}?{in_period}",
            "activities_later": f"{activities}?{later}",
            "on_track": f"{indicators}?progress=on_track",
            "behind": f"{indicators}?progress=behind",
            "without_data": f"{indicators}?progress=without_data",
        },
    }
