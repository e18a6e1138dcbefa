"""The portal's URLs plus the bench's yardstick, `/bench/bare/`.

Used only by `config.settings.bench` (`make bench`, docs/performance.md): the
bare view runs through the same server, middleware and database transaction as
every page but does no work of its own, so a page's requests per second divided
by the bare view's says what the page itself costs on whatever machine runs it.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """A tiny response and nothing else."""
    return HttpResponse(b"bare\n", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal_urlpatterns]
