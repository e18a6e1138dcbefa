from django.utils.functional import SimpleLazyObject

from apps.programme.models import Component


def navigation(request):
    """The components for the main navigation, queried only if a template uses them."""
    return {
        "nav_components": SimpleLazyObject(
            lambda: list(Component.objects.order_by("programme_id", "number").only("slug", "title"))
        )
    }
