"""Events on the pages `site` composes: the home page's "Events" (upcoming first, then
the latest past ones) and a component page's events, published ones only; the
navigation's link to /events/."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.monitoring.models import ReviewStatus
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def component(programme_facts):
    from apps.programme.models import Component

    return Component.objects.get(slug="organisational-processes")


def event(component, title, *, days_from_now, status=ReviewStatus.APPROVED, is_public=True):
    starts = timezone.now() + datetime.timedelta(days=days_from_now)
    return EventFactory(
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        status=status,
        is_public=is_public,
        components=[component],
    )


def test_home_shows_the_next_event_first_then_the_latest_past_ones(client, component):
    event(component, "ASEAN Media Forum 2019", days_from_now=-400)
    event(component, "Anti-corruption workshop with KPK", days_from_now=-30)
    event(component, "ASEAN Media Forum next year", days_from_now=60)

    html = client.get(reverse("site:home")).content.decode()

    section = html[html.index('id="events-title"') :]
    order = [
        section.index(title)
        for title in (
            "ASEAN Media Forum next year",
            "Anti-corruption workshop with KPK",
            "ASEAN Media Forum 2019",
        )
    ]
    assert order == sorted(order)
    assert reverse("events_public:list") in section


def test_pages_show_no_draft_or_internal_event(client, component):
    event(component, "A draft forum", days_from_now=10, status=ReviewStatus.SUBMITTED)
    event(component, "An internal retreat", days_from_now=20, is_public=False)

    home = client.get(reverse("site:home")).content.decode()
    page = client.get(reverse("site:component_detail", args=[component.slug])).content.decode()

    for html in (home, page):
        assert "A draft forum" not in html
        assert "An internal retreat" not in html
        assert 'id="events-title"' not in html  # the section hides while empty


def test_a_component_page_shows_its_own_events_only(client, component, programme_facts):
    from apps.programme.models import Component

    other = Component.objects.get(slug="connectivity")
    event(component, "Legal event on ASEAN contracts", days_from_now=-10)
    event(other, "Smart cities dialogue", days_from_now=-5)

    html = client.get(reverse("site:component_detail", args=[component.slug])).content.decode()

    assert "Legal event on ASEAN contracts" in html
    assert "Smart cities dialogue" not in html
    assert f"{reverse('events_public:list')}?component={component.slug}" in html


def test_the_navigation_links_the_events(client, programme_facts):
    html = client.get(reverse("site:about")).content.decode()

    assert f'<a href="{reverse("events_public:list")}">Events</a>' in html
