import pytest
from django.urls import reverse

from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.helpers import force_login_verified
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    MilestoneFactory,
    PartnerFactory,
    ProgrammeFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def component():
    programme = ProgrammeFactory(title="A programme title from the database")
    return ComponentFactory(
        programme=programme, slug="connectivity", title="Connectivity", aims="Link the region."
    )


def test_home_shows_programme_components_and_key_figures(client, component):
    MemberStateFactory.create_batch(2)
    MemberStateFactory(name="Newest", joined_on="2025-10-26")
    PartnerFactory()

    response = client.get(reverse("site:home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "A programme title from the database" in html
    assert reverse("site:component_detail", args=["connectivity"]) in html
    assert "Link the region." in html
    glance = response.context["glance"]
    assert glance["member_states_today"] == 3
    assert glance["member_states_in_term"] == 2
    assert glance["components"] == 1
    assert glance["term"] == "2018–2021"
    assert "2 during the programme term" in html


def test_home_without_a_programme_explains_what_to_do(client):
    response = client.get(reverse("site:home"))

    assert response.status_code == 200
    assert "has not been set up yet" in response.content.decode()


def test_about_shows_partners_member_states_units_and_milestones(client, component):
    PartnerFactory(name="Centre for International Law", acronym="CIL")
    MemberStateFactory(name="Timor-Leste", iso_code="TL", joined_on="2025-10-26")
    UnitFactory(name="ASEAN Connectivity Division", components=[component])
    MilestoneFactory(programme=component.programme, title="ASEAN Charter enters into force")

    response = client.get(reverse("site:about"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Centre for International Law (CIL)" in html
    assert "Timor-Leste" in html
    assert "26 October 2025" in html
    assert "ASEAN Connectivity Division" in html
    assert "ASEAN Charter enters into force" in html


def test_component_page_shows_aims_and_units(client, component):
    UnitFactory(name="ASEAN Connectivity Division", components=[component])
    UnitFactory(name="Unrelated Division")

    response = client.get(reverse("site:component_detail", args=["connectivity"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Connectivity ·" in html
    assert "Link the region." in html
    assert "ASEAN Connectivity Division" in html
    assert "Unrelated Division" not in html


def test_unknown_component_gives_the_404_page(client, component):
    response = client.get("/components/no-such-component/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "skip-link" in response.content.decode()


def test_accessibility_statement_has_the_usual_sections(client, settings):
    settings.PORTAL_CONTACT_EMAIL = "access@asean.example.org"

    response = client.get(reverse("site:accessibility"))

    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "Conformance status",
        "Known limitations",
        "Feedback and contact",
        "Date of this statement",
    ):
        assert heading in html
    assert 'href="mailto:access@asean.example.org"' in html


@pytest.mark.parametrize("name", ["site:home", "site:about", "site:accessibility"])
def test_every_page_links_the_accessibility_statement_and_skip_link(client, name):
    html = client.get(reverse(name)).content.decode()

    assert '<html lang="en">' in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert f'href="{reverse("site:accessibility")}"' in html
    assert html.count("<h1") == 1


def test_workspace_redirects_anonymous_users_to_login(client):
    response = client.get(reverse("site:workspace"))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next=/workspace/"


def test_workspace_shows_staff_their_unit_and_role(client):
    user = StaffUserFactory(unit__name="Community Relations Division", unit__abbreviation="CRD")
    client.force_login(user)

    response = client.get(reverse("site:workspace"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Community Relations Division (CRD)" in html
    assert "Secretariat staff" in html


def test_workspace_shows_advisers_their_role(client):
    force_login_verified(client, AdviserFactory())

    response = client.get(reverse("site:workspace"))

    assert response.status_code == 200
    assert "Programme adviser" in response.content.decode()


def test_workspace_denied_to_accounts_without_a_role(client):
    client.force_login(UserFactory())

    response = client.get(reverse("site:workspace"))

    assert response.status_code == 403
