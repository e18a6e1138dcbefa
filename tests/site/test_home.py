"""The home page (issue 11): the programme in one sentence over a photo, headline results,
the components with their key results, the events and news slots, the partners; and the
chrome every page shares (co-branding, footer, Open Graph metadata, favicon)."""

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from apps.monitoring.models import ReportingPeriod, Result, ReviewStatus
from apps.programme.models import Partner
from apps.site.views import first_sentence
from tests.monitoring.factories import (
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
    ResultFactory,
)
from tests.photos.factories import PhotoFactory
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    PartnerFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("site:home")
SUMMARY = (
    "The programme helps the Secretariat drive integration. It strengthens processes. "
    "It makes the Secretariat inclusive."
)


@pytest.fixture
def programme():
    return ProgrammeFactory(title="Strengthening the Secretariat", summary=SUMMARY)


@pytest.fixture
def components(programme):
    return [
        ComponentFactory(programme=programme, number=n, slug=slug, title=title)
        for n, slug, title in (
            (1, "processes", "Organisational processes"),
            (2, "connectivity", "Connectivity"),
            (3, "inclusion", "Diversity and inclusion"),
        )
    ]


def _measured(component, *, code, title, value, level=Result.Level.OUTCOME):
    """A public outcome indicator (target 100) with one approved figure for 2021 Q1."""
    period = ReportingPeriod.objects.filter(start=datetime.date(2021, 1, 1)).first()
    indicator = IndicatorFactory(
        result=ResultFactory(component=component, level=level),
        code=code,
        title=title,
        target_value=Decimal(100),
    )
    IndicatorUpdateFactory(
        indicator=indicator,
        period=period or ReportingPeriodFactory(start=datetime.date(2021, 1, 1)),
        value=Decimal(value),
        status=ReviewStatus.APPROVED,
    )
    return indicator


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, heading_id: str) -> str:
    """The <section> named by `heading_id`, or "" when there is none."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, flags=re.DOTALL
    )
    return match.group(0) if match else ""


# --- The hero ------------------------------------------------------------------------


def test_the_hero_says_the_programme_in_one_sentence_and_leads_to_the_results(client, components):
    html = _html(client.get(HOME))

    hero = _section(html, "home-title")
    assert '<h1 class="portal-hero__headline" id="home-title">' in hero
    assert "The programme helps the Secretariat drive integration.</h1>" in hero
    assert "It strengthens processes." not in hero
    assert "Strengthening the Secretariat · 2018–2021" in hero
    assert f'href="{reverse("site:results")}"' in hero
    assert html.count("<h1") == 1


def test_the_hero_shows_the_featured_public_photo_with_its_credit(client, components):
    PhotoFactory(featured_on_home=True, alt_text="Delegates at the forum in Jakarta")
    PhotoFactory(featured_on_home=True, is_published=False, alt_text="An unpublished photo")

    html = _html(client.get(HOME))

    hero = _section(html, "home-title")
    assert 'alt="Delegates at the forum in Jakarta"' in hero
    assert "Photo: Rafly Rinaldy © GIZ" in hero
    assert "An unpublished photo" not in html
    assert '<meta property="og:image" content="http://testserver/' in html


def test_without_a_photo_the_hero_stands_alone_and_no_image_is_shared(client, components):
    PhotoFactory(featured_on_home=False)

    html = _html(client.get(HOME))

    assert "portal-hero--plain" in html
    assert "og:image" not in html


def test_first_sentence():
    assert first_sentence(SUMMARY) == "The programme helps the Secretariat drive integration."
    assert first_sentence("One sentence without a stop") == "One sentence without a stop"
    assert first_sentence("  Ends here!  Next.") == "Ends here!"
    assert first_sentence("ASEAN's 2.5 million people. More.") == "ASEAN's 2.5 million people."


# --- Headline results and the components' key results --------------------------------


def test_headline_results_show_outcome_indicators_against_target_and_link_to_results(
    client, components
):
    _measured(components[0], code="1.a", title="Processes improved", value=60)
    _measured(components[0], code="1.b", title="Component 1's key result", value=95)
    _measured(components[1], code="2.a", title="Initiatives agreed", value=80)
    _measured(components[1], code="2.b", title="Component 2's key result", value=90)
    _measured(components[1], code="2.x", title="An output", value=10, level=Result.Level.OUTPUT)

    html = _html(client.get(HOME))

    section = _section(html, "headline-results-title")
    assert "Processes improved" in section
    assert "Initiatives agreed" in section
    assert "An output" not in section  # outcomes first, when there are any
    assert "60% of the way to target" in section
    assert f'href="{reverse("site:results")}"' in section


def test_a_key_result_shown_on_its_component_is_not_repeated_in_the_headlines(client, components):
    _measured(components[0], code="1.a", title="Processes improved", value=60)
    _measured(components[0], code="1.b", title="Staff satisfied", value=90)
    _measured(components[1], code="2.a", title="Initiatives agreed", value=80)

    html = _html(client.get(HOME))

    headlines = _section(html, "headline-results-title")
    components_section = _section(html, "components-title")
    assert "Processes improved" in headlines
    assert "Staff satisfied" not in headlines  # component 1's key result: 90 of 100
    assert "Staff satisfied" in components_section
    assert html.count("Initiatives agreed") == 1  # component 2's only one: its key result


def test_headline_results_hide_while_nothing_is_published(client, components):
    indicator = _measured(components[0], code="1.a", title="Not public yet", value=60)
    indicator.is_public = False
    indicator.save()

    html = _html(client.get(HOME))

    assert _section(html, "headline-results-title") == ""
    assert "Not public yet" not in html


def test_each_component_shows_its_key_result(client, components):
    _measured(components[0], code="1.a", title="Processes improved", value=60)
    _measured(components[2], code="3.a", title="Regulations reviewed", value=90)

    html = _html(client.get(HOME))

    section = _section(html, "components-title")
    cards = section.split('<article class="portal-card home-component">')[1:]
    assert len(cards) == 3
    assert "Organisational processes" in cards[0]
    assert "Processes improved" in cards[0]
    assert "Connectivity" in cards[1]
    assert "Key result" not in cards[1]
    assert "Diversity and inclusion" in cards[2]
    assert "Regulations reviewed" in cards[2]
    assert f'href="{reverse("site:component_detail", args=["connectivity"])}"' in cards[1]


# --- Events and news: slots the later apps fill ---------------------------------------


def test_events_and_news_are_hidden_while_there_are_none(client, components):
    html = _html(client.get(HOME))

    assert "Next events" not in html
    assert "Latest news" not in html


def test_events_and_news_show_when_the_page_has_some(rf_request, components):
    event = SimpleNamespace(
        title="Regional forum on inclusion",
        get_absolute_url="/events/forum/",
        start_date=datetime.date(2027, 3, 2),
        end_date=datetime.date(2027, 3, 3),
        place="Jakarta, Indonesia",
        get_kind_display="Conference",
        summary="Two days on inclusive workplaces.",
        photo=None,
    )
    story = SimpleNamespace(
        title="Secretariat adopts inclusion policy",
        get_absolute_url="/news/policy/",
        published_on=datetime.date(2027, 1, 15),
        get_kind_display="News",
        summary="A policy for all staff.",
        photo=None,
    )
    programme = components[0].programme
    html = render_to_string(
        "site/home.html",
        {
            "programme": programme,
            "components": [],
            "glance": {"term": programme.term, "components": 0},
            "partners": [],
            "next_events": [event],
            "latest_stories": [story],
        },
        request=rf_request,
    )

    events = _section(html, "events-title")
    assert '<a href="/events/forum/">Regional forum on inclusion</a>' in events
    assert '<time datetime="2027-03-02">2 March 2027</time>' in events
    assert '<time datetime="2027-03-03">3 March 2027</time>' in events
    assert "Jakarta, Indonesia" in events
    assert "Conference" in events
    news = _section(html, "news-title")
    assert '<a href="/news/policy/">Secretariat adopts inclusion policy</a>' in news
    assert '<time datetime="2027-01-15">15 January 2027</time>' in news


@pytest.fixture
def rf_request():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(HOME)
    request.user = AnonymousUser()
    return request


# --- At a glance, partners -------------------------------------------------------------


def test_at_a_glance_counts_member_states_today_and_in_the_term(client, components):
    MemberStateFactory.create_batch(2, joined_on=datetime.date(1967, 8, 8))
    MemberStateFactory(joined_on=datetime.date(2025, 10, 26))

    html = _html(client.get(HOME))

    glance = _section(html, "glance-title")
    assert '<p class="portal-key-figure__figure">3</p>' in glance
    assert "2 during the programme term" in glance
    assert '<p class="portal-key-figure__figure">2018–2021</p>' in glance


def test_partners_are_the_partner_institutions_not_the_agencies_running_the_programme(
    client, components
):
    PartnerFactory(name="Executing Agency Ltd", kind=Partner.Kind.EXECUTING_AGENCY)
    PartnerFactory(name="Implementing Agency GmbH", kind=Partner.Kind.IMPLEMENTING_AGENCY)
    PartnerFactory(
        name="Centre for International Law",
        acronym="CIL",
        kind=Partner.Kind.PARTNER_INSTITUTION,
        website="https://cil.example.org/",
    )
    PartnerFactory(name="A Sponsor", kind=Partner.Kind.BUSINESS_SPONSOR)

    html = _html(client.get(HOME))

    partners = _section(html, "partners-title")
    assert "Centre for International Law (CIL)" in partners
    assert "A Sponsor" in partners
    assert '<a href="https://cil.example.org/" rel="noopener">CIL website</a>' in partners
    assert "Executing Agency Ltd" not in html
    assert "Implementing Agency GmbH" not in html


def test_without_a_programme_the_home_page_says_what_to_do(client):
    html = _html(client.get(HOME))

    assert "has not been set up yet" in html
    assert html.count("<h1") == 1


# --- The chrome on every page ------------------------------------------------------------

PAGES = ["site:home", "site:about", "site:accessibility", "site:privacy"]
PAGES += ["site:legal_notice", "site:contact", "site:results"]


@pytest.mark.parametrize("name", PAGES)
def test_every_public_page_has_the_chrome(client, components, settings, name):
    settings.PORTAL_CONTACT_EMAIL = "programme@asean.example"

    html = _html(client.get(reverse(name)))

    # Co-branding as text wordmarks, no emblem image.
    header = html[html.index("<header") : html.index("</header>")]
    assert "ASEAN Secretariat </span>" in header
    assert "GIZ </span>" in header
    assert "<img" not in header
    footer = html[html.index("<footer") : html.index("</footer>")]
    for url_name in ("about", "contact", "legal_notice", "privacy", "accessibility"):
        assert f'href="{reverse("site:" + url_name)}"' in footer
    assert 'href="mailto:programme@asean.example"' in footer
    assert "70A Jl. Sisingamangaraja" in footer
    # Favicons.
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html


@pytest.mark.parametrize("name", PAGES)
def test_every_public_page_has_its_description_and_open_graph_tags(client, components, name):
    url = reverse(name)
    html = _html(client.get(url, query="ignored"))

    title = re.search(r"<title>(.*?) · ", html).group(1)
    description = re.search(r'<meta name="description" content="([^"]+)">', html).group(1)
    assert len(description) > 40
    assert f'<meta property="og:title" content="{title}">' in html
    assert f'<meta property="og:description" content="{description}">' in html
    assert '<meta property="og:type" content="website">' in html
    assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_pages_have_descriptions_of_their_own(client, components):
    descriptions = {
        re.search(r'<meta name="description" content="([^"]+)">', _html(client.get(reverse(n))))[1]
        for n in PAGES
    }

    assert len(descriptions) == len(PAGES)


# --- Components rendered on their own -------------------------------------------------------


def test_page_header_has_breadcrumbs_with_the_current_page_last(rf_request):
    html = render_to_string(
        "components/page_header.html",
        {
            "title": "Connectivity",
            "crumbs": [{"title": "Results", "url": "/results/"}],
            "lead": "The component's story.",
        },
        request=rf_request,
    )

    assert '<nav class="portal-breadcrumbs" aria-label="Breadcrumb">' in html
    items = re.findall(r"<li>(.*?)</li>", html)
    assert items == [
        '<a href="/">Home</a>',
        '<a href="/results/">Results</a>',
        '<span aria-current="page">Connectivity</span>',
    ]
    assert '<h1 class="portal-page-header__title">Connectivity</h1>' in html
    assert "The component&#x27;s story." in html


def test_key_figure_shows_its_note_and_link_only_when_given():
    bare = render_to_string("components/key_figure.html", {"figure": "11", "label": "States"})
    full = render_to_string(
        "components/key_figure.html",
        {
            "figure": "11",
            "label": "States",
            "note": "10 in the term",
            "url": "/about/",
            "link_text": "About the member states",
        },
    )

    assert "portal-key-figure__note" not in bare
    assert "<a " not in bare
    assert '<p class="portal-key-figure__note">10 in the term</p>' in full
    assert '<a href="/about/">About the member states</a>' in full


@pytest.mark.parametrize(
    ("kind", "word"), [("info", "Information"), ("success", "Done"), ("warning", "Important")]
)
def test_notice_says_its_kind_in_words(kind, word):
    html = render_to_string(
        "components/notice.html", {"kind": kind, "title": "Heads up", "text": "Some text."}
    )

    assert f"portal-notice--{kind}" in html
    assert word in html
    assert "Some text." in html


def test_call_to_action_is_a_named_section_with_a_link():
    html = render_to_string(
        "components/cta.html",
        {
            "heading": "Read on",
            "text": "More here.",
            "url": "/results/",
            "link_text": "See all results",
            "heading_id": "cta-x",
        },
    )

    assert '<section class="portal-cta" aria-labelledby="cta-x">' in html
    assert '<a class="portal-button" href="/results/">See all results</a>' in html
