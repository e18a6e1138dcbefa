from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from apps.core.public_cache import cached_until_change
from apps.programme.models import Component

# The navigation is on every page; it changes only when a component does.
NAV_SECONDS = 60 * 60


def navigation(request):
    """What the chrome on every page needs: the components for the main navigation
    (title and link), from the cache when it has them and read only if a template
    uses them; the contact address for the footer."""
    return {
        "nav_components": SimpleLazyObject(
            lambda: cached_until_change("nav-components", _nav_components, timeout=NAV_SECONDS)
        ),
        "portal_contact_email": settings.PORTAL_CONTACT_EMAIL,
    }


def _nav_components() -> list[dict[str, str]]:
    return [
        {"title": title, "url": reverse("site:component_detail", args=[slug])}
        for slug, title in Component.objects.order_by("programme_id", "number").values_list(
            "slug", "title"
        )
    ]
