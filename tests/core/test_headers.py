"""Response headers (docs/security.md, "Response headers"): a Content-Security-Policy
on every page, the admin's, the 404 and the 500 page included; a Permissions-Policy
on every response; nothing private kept in a cache."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from apps.core.middleware import PrivateResponsesNotStoredMiddleware
from tests.core.extra_urls import FAILING_PATH, INLINE_SCRIPT_PATH
from tests.helpers import force_login_verified
from tests.monitoring.factories import ActivityEvidenceFactory, ActivityFactory

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "img-src": "'self' data:",
}
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb"]


def _directives(header: str) -> dict[str, str]:
    pairs = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: value for name, _space, value in pairs}


@pytest.fixture
def pages(client, staff_user, superuser):
    """page name -> a response, for each kind of HTML page."""

    def public():
        return Client().get(reverse("site:home"))

    def workspace():
        signed_in = Client()
        signed_in.force_login(staff_user)
        return signed_in.get(reverse("site:workspace"))

    def admin():
        signed_in = Client()
        force_login_verified(signed_in, superuser)
        return signed_in.get(reverse("admin:monitoring_activity_changelist"))

    def not_found():
        return Client().get("/no-such-page/")

    def server_error():
        with override_settings(ROOT_URLCONF="tests.core.extra_urls"):
            return Client(raise_request_exception=False).get(FAILING_PATH)

    return {
        "public page": (public, 200),
        "workspace page": (workspace, 200),
        "admin page": (admin, 200),
        "404 page": (not_found, 404),
        "500 page": (server_error, 500),
    }


PAGE_NAMES = ["public page", "workspace page", "admin page", "404 page", "500 page"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_kind_of_page_has_the_content_security_policy(pages, name):
    get, status = pages[name]

    response = get()

    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    directives = _directives(response["Content-Security-Policy"])
    assert {key: directives.get(key) for key in EXPECTED_CSP} == EXPECTED_CSP
    assert directives["script-src"].startswith("'self'")
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives.get("style-src", "")


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_kind_of_page_denies_unused_browser_features(pages, name):
    get, _status = pages[name]

    policy = get()["Permissions-Policy"]

    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in policy.split(", ")


def test_500_page_has_its_headers_without_context_processors(pages):
    get, _status = pages["500 page"]

    response = get()

    assert "Something went wrong" in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")  # an anonymous visitor


def test_static_files_are_covered_too(client):
    response = client.get("/static/css/portal.css")

    assert response.status_code == 200
    assert "camera=()" in response["Permissions-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.urls("tests.core.extra_urls")
def test_a_page_that_uses_the_nonce_gets_it_in_its_policy(client):
    response = client.get(INLINE_SCRIPT_PATH)

    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in _directives(response["Content-Security-Policy"])["script-src"]


def test_a_page_without_inline_scripts_gets_no_nonce(client):
    response = client.get(reverse("site:home"))

    assert "'nonce-" not in response["Content-Security-Policy"]


# --- Cache-Control ----------------------------------------------------------------


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_public_pages_for_anonymous_visitors_stay_cacheable(client):
    for url in (reverse("site:home"), reverse("site:about"), reverse("site:results")):
        response = client.get(url)

        assert response.status_code == 200
        assert not {"no-store", "private"} & _cache_control(response), url


@pytest.mark.parametrize("name", ["public page", "workspace page"])
def test_pages_for_a_signed_in_person_are_not_stored(client, staff_user, name):
    client.force_login(staff_user)
    url = reverse("site:home") if name == "public page" else reverse("site:workspace")

    response = client.get(url)

    assert response.status_code == 200
    assert {"no-store", "private"} <= _cache_control(response)


def test_admin_pages_are_not_stored(pages):
    get, _status = pages["admin page"]

    assert {"no-store", "private"} <= _cache_control(get())


def test_evidence_download_is_not_stored(client, staff_user):
    evidence = ActivityEvidenceFactory(
        record=ActivityFactory(unit=staff_user.unit, created_by=staff_user)
    )
    client.force_login(staff_user)

    response = client.get(
        reverse("monitoring:activity_evidence_download", args=[evidence.record_id, evidence.pk])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert {"no-store", "private"} <= _cache_control(response)


@pytest.mark.parametrize("action", ["export_csv", "export_xlsx"])
def test_admin_export_is_not_stored(client, superuser, action):
    activity = ActivityFactory()
    force_login_verified(client, superuser)

    response = client.post(
        reverse("admin:monitoring_activity_changelist"),
        {"action": action, "_selected_action": [activity.pk], "index": 0},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert {"no-store", "private"} <= _cache_control(response)


def test_any_download_is_not_stored_even_for_an_anonymous_request():
    """The rule stands on its own, not only because downloads need a signed-in person."""
    request = RequestFactory().get("/file/")
    request.user = AnonymousUser()
    download = HttpResponse(b"a,b", headers={"Content-Disposition": 'attachment; filename="x"'})

    response = PrivateResponsesNotStoredMiddleware(lambda request: download)(request)

    assert {"no-store", "private"} <= _cache_control(response)
