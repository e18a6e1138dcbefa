"""What monitoring offers to /search/ (apps.core.search): public activities and
public indicators. An event's activity is left out: the event is found instead, with
its own page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchSource

from . import selectors
from .models import Activity, Indicator
from .records import published

# The indicators a page of /results/<component>/ shows (apps.site.views.ResultsView,
# tests/site/test_search.py keeps the two equal): a result links to its page.
RESULTS_PER_PAGE = 15


def activity_url(activity: Activity) -> str:
    # The component page lists its newest public activities (there is no page per
    # activity): the link opens that section.
    return reverse("site:component_detail", args=[activity.component.slug]) + "#activities-title"


def indicator_pages(indicators: list[Indicator]) -> None:
    """Set `results_page` on each indicator: the page of /results/<component>/ it is
    on, in the order that page lists them (one query)."""
    components = {indicator.result.component_id for indicator in indicators}
    position: dict[int, int] = {}
    seen: dict[int, int] = {}
    rows = selectors.indicator_list_public().filter(result__component_id__in=components)
    for pk, component_id in rows.values_list("pk", "result__component_id"):
        position[pk] = seen.get(component_id, 0)
        seen[component_id] = position[pk] + 1
    for indicator in indicators:
        indicator.results_page = position.get(indicator.pk, 0) // RESULTS_PER_PAGE + 1


def indicator_url(indicator: Indicator) -> str:
    url = reverse("site:results_component", args=[indicator.result.component.slug])
    page = getattr(indicator, "results_page", 1)
    if page > 1:
        url += f"?page={page}"
    return f"{url}#indicator-{indicator.pk}"


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="activities",
            label=_("Activities"),
            # event__isnull: an event's activity is found as the event.
            queryset=published(Activity.objects.all()).filter(event__isnull=True),
            title=("title",),
            summary=("description",),
            body=("location",),
            date="start_date",
            url=activity_url,
            select_related=("component",),
            order=30,
        ),
        SearchSource(
            key="indicators",
            label=_("Indicators"),
            queryset=Indicator.objects.filter(is_public=True),
            title=("code", "title"),
            summary=("definition",),
            body=("means_of_verification", "result__title"),
            url=indicator_url,
            select_related=("result__component",),
            prepare=indicator_pages,
            order=31,
        ),
    ]
