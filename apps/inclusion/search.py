"""What component 3 offers to /search/ (apps.core.search): its published policy
reviews and accessibility measures, linked to their sections on
/components/diversity-inclusion/. Searched: what that page shows. Workforce snapshots
are figures, published only through the disclosure rule: nothing to search."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchSource
from apps.monitoring.records import published

from .models import AccessibilityMeasure, PolicyReview

COMPONENT_SLUG = "diversity-inclusion"


def _section(anchor: str):
    def url(record) -> str:
        return reverse("site:component_detail", args=[COMPONENT_SLUG]) + f"#{anchor}"

    return url


def search_sources() -> list[SearchSource]:
    return [
        SearchSource(
            key="policy-reviews",
            label=_("Policy reviews"),
            queryset=published(PolicyReview.objects.all()),
            title=("title",),
            summary=("findings",),
            url=_section("inclusion-reviews-title"),
            order=70,
        ),
        SearchSource(
            key="accessibility-measures",
            label=_("Accessibility measures"),
            queryset=published(AccessibilityMeasure.objects.all()),
            title=("title",),
            summary=("description",),
            date="in_place_on",
            url=_section("inclusion-accessibility-title"),
            order=71,
        ),
    ]
