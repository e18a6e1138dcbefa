"""The portal's URLs plus one deliberately inaccessible page, for the gate's negative test."""

from pathlib import Path

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns

TEMPLATE = Path(__file__).parent / "templates" / "broken_form.html"


def broken_form(request):
    template = engines["django"].from_string(TEMPLATE.read_text())
    return HttpResponse(template.render({}, request))


urlpatterns = [path("test-only/broken-form/", broken_form), *portal_urlpatterns]
