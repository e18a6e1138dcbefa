"""System checks of the portal's own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"


@register(Tags.caches, deploy=True)
def public_page_cache_is_shared(app_configs, **kwargs) -> list[Warning]:
    """A deployment runs several workers: each keeps its own memory cache, and a
    purge (apps.core.public_cache) would reach only the worker that made it, so
    the others would show old public pages for up to a day."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PORTAL_PUBLIC_PAGE_CACHE and backend == LOCAL_MEMORY_CACHE:
        return [
            Warning(
                "Public pages are cached in each worker's own memory, so a change "
                "reaches only one worker.",
                hint="Set REDIS_URL to a Redis server shared by every worker, or "
                "PORTAL_PUBLIC_PAGE_CACHE=False.",
                id="core.W001",
            )
        ]
    return []
