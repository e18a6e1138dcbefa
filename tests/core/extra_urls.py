"""The portal's URLs plus two test-only pages: one that fails (the 500 page) and
one with an inline script carrying the request's CSP nonce."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns

FAILING_PATH = "/test-only/fails/"
INLINE_SCRIPT_PATH = "/test-only/inline-script/"


def fails(request):
    raise RuntimeError("A deliberate failure, to render the 500 page.")


def inline_script(request):
    return HttpResponse(
        f'<!doctype html><title>Inline</title><script nonce="{request.csp_nonce}">'
        "document.title = 'Ran';</script>"
    )


urlpatterns = [
    path(FAILING_PATH.lstrip("/"), fails),
    path(INLINE_SCRIPT_PATH.lstrip("/"), inline_script),
    *portal_urlpatterns,
]
