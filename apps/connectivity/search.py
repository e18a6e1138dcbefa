"""What component 2 offers to /search/ (apps.core.search): its published initiatives,
city actions and coordination meetings, each linked to the card that lists it on
/components/connectivity/. Searched: what that page shows (and a city action's
description); never a meeting's agenda or internal notes, nor a progress note."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchSource
from apps.monitoring.records import published

from .models import CoordinationMeeting, Initiative, UrbanisationAction

COMPONENT_SLUG = "connectivity"


def _on_component_page(anchor: str) -> str:
    return reverse("site:component_detail", args=[COMPONENT_SLUG]) + f"#{anchor}"


def initiative_url(initiative: Initiative) -> str:
    return _on_component_page(f"mpac-area-{initiative.strategic_area.slug}")


def city_action_url(action: UrbanisationAction) -> str:
    return _on_component_page(f"asus-area-{action.focus_area.slug}")


def meeting_url(meeting: CoordinationMeeting) -> str:
    return _on_component_page(f"body-{meeting.body.slug}")


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="initiatives",
            label=_("Connectivity initiatives"),
            queryset=published(Initiative.objects.all()),
            title=("title",),
            body=("lead",),
            date="start_date",
            url=initiative_url,
            select_related=("strategic_area",),
            order=60,
        ),
        SearchSource(
            key="city-actions",
            label=_("City actions"),
            queryset=published(UrbanisationAction.objects.all()),
            title=("title",),
            summary=("description",),
            body=("city__name",),
            date="start_date",
            url=city_action_url,
            select_related=("focus_area",),
            order=61,
        ),
        SearchSource(
            key="coordination-meetings",
            label=_("Coordination meetings"),
            queryset=published(CoordinationMeeting.objects.all()),
            title=("body__name", "body__acronym"),
            summary=("decisions",),
            body=("place",),
            date="held_on",
            url=meeting_url,
            select_related=("body",),
            order=62,
        ),
    ]
