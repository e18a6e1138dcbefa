"""Anonymous visitors' copies of the public pages, kept until what they show changes.

Most readers of the portal are anonymous and read the same few pages, which
change only when an adviser approves something or someone edits programme
facts. So a public view wrapped in `cache_public_page` renders once; later
anonymous visitors get the stored bytes (and gzip of them), until:

- anything a public page may show is saved or deleted: each app lists its
  models with `purge_on_change` in its AppConfig.ready(); a reviewed record
  counts only while it is approved, since drafts never show in public;
- `public_pages_purge()` is called (e.g. by an operator, `manage.py shell`).

A purge does not delete keys one by one: it changes the cache's *generation*,
and every page key includes it, so one write retires every stored page on every
worker at once (the old copies expire by themselves). The purge runs after the
transaction commits, so nobody caches a page read from data that then rolled
back, and a page rendered from the old data is never stored under the new
generation (the generation is read before the view runs).

Signed-in people, and anonymous visitors with a message waiting (e.g. "You
have been signed out"), always get a freshly rendered page; so does any
response that sets a cookie or is not a plain 200.

A proxy in front may keep a public page for PORTAL_PUBLIC_PAGE_MAX_AGE seconds
(`Cache-Control: public`); that is how stale a page can be after a purge.
docs/performance.md says more.
"""

import gzip
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)
T = TypeVar("T")

GENERATION_KEY = "public-pages:generation"
# Below this, gzip saves too little to be worth a header.
GZIP_MIN_BYTES = 500
# Response headers a stored page keeps; the middleware adds the rest on every request.
KEPT_HEADERS = ("Content-Type", "Content-Language")


@dataclass(frozen=True)
class StoredPage:
    content: bytes
    gzipped: bytes | None
    headers: dict[str, str]


# --- Purging -------------------------------------------------------------------


def public_pages_purge() -> None:
    """Retire every stored public page (after the current transaction commits).

    robust: if the cache is down, the change is saved all the same and the
    failure logged; nothing is served from a cache that is down either.
    """
    transaction.on_commit(_new_generation, robust=True)


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def generation() -> str:
    current = cache.get(GENERATION_KEY)
    if current is None:
        # First request after the cache started empty; a racing worker may pick
        # another value: each stores under its own, and one wins. Harmless.
        current = uuid.uuid4().hex
        cache.add(GENERATION_KEY, current, timeout=None)
        current = cache.get(GENERATION_KEY, current)
    return current


def purge_on_change(*models: type[Model]) -> None:
    """Purge the public pages whenever a row of these models (or of their
    many-to-many tables) is saved or deleted."""
    for model in models:
        uid = f"public-cache-{model._meta.label_lower}"
        post_save.connect(_purge_if_public, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_purge_if_public, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _purge_if_public_m2m,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )


def _shows_in_public(instance: Model) -> bool:
    # Import here: core sits below monitoring and must not import it at load time.
    from apps.monitoring.models import ReviewedModel, ReviewStatus

    if isinstance(instance, ReviewedModel):
        return instance.status == ReviewStatus.APPROVED
    return True


def _purge_if_public(sender, instance, **kwargs) -> None:
    if _shows_in_public(instance):
        public_pages_purge()


def _purge_if_public_m2m(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and _shows_in_public(instance):
        public_pages_purge()


def cached_until_change(name: str, compute: Callable[[], T], *, timeout: int) -> T:
    """compute()'s result, kept until public content next changes (as the pages
    are) or for `timeout` seconds, whichever comes first. For figures that read
    many rows and change only with a review (the admin index's key figures)."""
    if not settings.PORTAL_PUBLIC_PAGE_CACHE:
        return compute()
    try:
        key = f"public-figures:{generation()}:{name}"
        value = cache.get(key)
    except Exception:
        logger.exception("Public page cache unavailable")
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout=timeout)
        except Exception:
            logger.exception("Public page cache unavailable")
    return value


# --- Serving ----------------------------------------------------------------------


def cache_public_page(view):
    """Serve anonymous visitors a stored copy of the view's page (see the module's doc).

    Outside ATOMIC_REQUESTS' transaction: a stored page needs no database at all,
    and a public page only reads.
    """

    @transaction.non_atomic_requests
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _may_use_cache(request):
            return view(request, *args, **kwargs)
        try:
            key = _page_key(request)
            page = cache.get(key)
        except Exception:  # the cache server is down: serve the page without it
            logger.exception("Public page cache unavailable")
            return view(request, *args, **kwargs)
        if page is None:
            response = view(request, *args, **kwargs)
            if not _may_store(response):
                return response
            page = _stored_page(response)
            try:
                cache.set(key, page, timeout=settings.PORTAL_PUBLIC_PAGE_TIMEOUT)
            except Exception:
                logger.exception("Public page cache unavailable")
        return _response(request, page)

    return wrapped


def _may_use_cache(request: HttpRequest) -> bool:
    if not settings.PORTAL_PUBLIC_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    # len() looks without using the messages up, so they still show on this page.
    return len(messages.get_messages(request)) == 0


def _page_key(request: HttpRequest) -> str:
    # The full path includes the query string (?page=2); the generation retires
    # every key at once when public content changes.
    return f"public-pages:{generation()}:{get_language()}:{request.get_full_path()}"


def _may_store(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if hasattr(response, "render"):
        response.render()
    return not response.cookies


def _stored_page(response: HttpResponse) -> StoredPage:
    content = response.content
    gzipped = gzip.compress(content, mtime=0) if len(content) >= GZIP_MIN_BYTES else None
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    return StoredPage(content=content, gzipped=gzipped, headers=headers)


def _response(request: HttpRequest, page: StoredPage) -> HttpResponse:
    # Anonymous public pages hold no secret (no CSRF token, no personal data),
    # so compressing them opens no BREACH-style leak; signed-in pages are left
    # to the proxy, or to nobody (docs/performance.md).
    accepts_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    if page.gzipped is not None and accepts_gzip:
        response = HttpResponse(page.gzipped, headers=page.headers)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(page.content, headers=page.headers)
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    patch_cache_control(response, public=True, max_age=settings.PORTAL_PUBLIC_PAGE_MAX_AGE)
    return response
