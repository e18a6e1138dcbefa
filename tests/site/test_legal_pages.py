"""The legal pages (issue 11): privacy notice, legal notice, contact."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from apps.site import legal
from tests.accounts.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

PRIVACY = reverse("site:privacy")
LEGAL_NOTICE = reverse("site:legal_notice")
CONTACT = reverse("site:contact")
LEGAL_PAGES = {
    PRIVACY: "Privacy notice",
    LEGAL_NOTICE: "Legal notice",
    CONTACT: "Contact",
}


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("url", "title"), LEGAL_PAGES.items())
def test_each_legal_page_has_its_title_header_and_breadcrumbs(client, url, title):
    html = _html(client.get(url))

    assert f"<title>{title} · ASEC Programme Portal</title>" in html
    assert f'<h1 class="portal-page-header__title">{title}</h1>' in html
    assert '<nav class="portal-breadcrumbs" aria-label="Breadcrumb">' in html
    assert f'<span aria-current="page">{title}</span>' in html


@pytest.mark.parametrize("url", LEGAL_PAGES)
def test_legal_pages_are_stored_for_anonymous_visitors(client, settings, url):
    settings.PORTAL_PUBLIC_PAGE_CACHE = True
    client.get(url)

    response = client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("url", LEGAL_PAGES)
def test_legal_pages_refuse_a_post(client, url):
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("url", LEGAL_PAGES)
def test_a_signed_in_person_gets_the_legal_pages_too(client, url):
    client.force_login(StaffUserFactory())

    response = client.get(url)

    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


# --- Privacy notice ----------------------------------------------------------------------


def test_privacy_notice_states_its_version_and_date(client):
    html = _html(client.get(PRIVACY))

    # The version registrations record consent to (config.settings.base).
    assert f"Version {settings.PORTAL_PRIVACY_NOTICE_VERSION} of 30 November 2026" in html
    assert datetime.date(2026, 11, 30) == legal.PRIVACY_NOTICE_DATE


def test_privacy_notice_says_what_is_collected_why_and_the_rights(client):
    html = _html(client.get(PRIVACY))

    for part in (
        "Accounts of Secretariat staff and programme advisers",
        "Sign-in security records",
        "evidence files",
        "Event registrations",
        "Legal basis",
        "How long we keep it",
        "Your rights",
        "The public pages set no cookies",
    ):
        assert part in html, part


def test_privacy_notice_retention_follows_the_settings(client, settings):
    settings.PORTAL_SESSION_IDLE_SECONDS = 20 * 60
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    settings.AXES_FAILURE_LIMIT = 7
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=45)

    html = _html(client.get(PRIVACY))

    assert "Ends after 20 minutes without activity, and at the latest 8 hours" in html
    assert "After 7 failed sign-ins an account or address is paused for 45 minutes" in html


def test_privacy_notice_retention_with_the_defaults(client):
    html = _html(client.get(PRIVACY))

    assert "Ends after 30 minutes without activity, and at the latest 12 hours" in html
    assert "After 5 failed sign-ins an account or address is paused for 15 minutes" in html
    assert f"{legal.SIGN_IN_RECORDS_DAYS} days, then deleted." in html
    assert f"kept for up to {legal.BACKUP_MONTHS} months" in html
    assert "groups smaller than five are not shown" in html


def test_privacy_notice_gives_the_contact_address(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "privacy@asean.example"

    html = _html(client.get(PRIVACY))

    main = html[html.index("<main") : html.index("</main>")]
    assert '<a href="mailto:privacy@asean.example">privacy@asean.example</a>' in main
    assert f'href="{CONTACT}"' in main


# --- Legal notice ------------------------------------------------------------------------


def test_legal_notice_names_the_publisher_and_the_terms(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "programme@asean.example"

    html = _html(client.get(LEGAL_NOTICE))

    main = html[html.index("<main") : html.index("</main>")]
    for part in (
        "published by the ASEAN Secretariat together with the Deutsche Gesellschaft",
        "Responsible for the content",
        "Disclaimer",
        "Links to other websites",
        "Copyright",
        "Photo: Rafly Rinaldy © GIZ",
        "70A Jl. Sisingamangaraja",
        "mailto:programme@asean.example",
    ):
        assert part in main, part
    assert f'href="{PRIVACY}"' in main


# --- Contact ----------------------------------------------------------------------------


def test_contact_gives_the_address_and_what_to_write_about(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "programme@asean.example"

    html = _html(client.get(CONTACT))

    main = html[html.index("<main") : html.index("</main>")]
    assert '<a href="mailto:programme@asean.example">programme@asean.example</a>' in main
    assert "70A Jl. Sisingamangaraja<br>Jakarta 12110<br>Indonesia" in main
    assert "What to contact us about" in main
    assert f'href="{PRIVACY}"' in main
    assert f'href="{reverse("site:accessibility")}"' in main
