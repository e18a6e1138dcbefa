"""The demo data, and /components/diversity-inclusion/ showing what it published:
policy reviews by stage, recommendations implemented, the workforce through the
disclosure rule with its charts and tables, accessibility measures."""

import pytest
from django.urls import reverse

from apps.accounts.services import demo_accounts_create
from apps.inclusion.demo import inclusion_demo_load
from apps.inclusion.models import AccessibilityMeasure, PolicyReview, WorkforceSnapshot
from apps.monitoring.demo import monitoring_demo_load
from apps.monitoring.models import ReviewStatus
from tests.inclusion.factories import PolicyReviewFactory

pytestmark = pytest.mark.django_db

URL = reverse("site:component_detail", args=["diversity-inclusion"])


@pytest.fixture
def demo(inclusion_facts):
    users = demo_accounts_create(password="a-demo-password-for-tests")
    monitoring_demo_load(users=users)
    inclusion_demo_load(users=users)
    return users


def test_demo_load_is_idempotent_and_goes_through_review(demo):
    assert inclusion_demo_load(users=demo) == {
        "policy reviews": 0,
        "workforce snapshots": 0,
        "accessibility measures": 0,
    }
    assert PolicyReview.objects.filter(status=ReviewStatus.APPROVED).count() == 2
    assert WorkforceSnapshot.objects.filter(status=ReviewStatus.APPROVED).count() == 3
    assert AccessibilityMeasure.objects.filter(status=ReviewStatus.SUBMITTED).count() == 1
    recruitment = PolicyReview.objects.get(title="Recruitment rules of the Secretariat")
    assert recruitment.recommendations.count() == 2
    assert recruitment.activities.exists()
    assert recruitment.reviewed_by.email == "adviser@example.org"
    assert recruitment.created_by.email == "staff.inclusion@example.org"


def test_component_page_shows_the_sections(client, demo):
    page = client.get(URL).content.decode()
    assert "Policy reviews" in page
    assert "Recruitment rules of the Secretariat" in page
    assert "1 of 3" in page  # recommendations implemented
    assert "Who works at the Secretariat" in page
    assert "Share of women" in page
    assert "fewer than 5" in page
    assert "Accessibility measures" in page
    assert "Sign-language interpretation at the ASEAN Media Forum" in page
    # Waiting for review: not public.
    assert "Screen-reader software on request" not in page


def test_component_page_never_shows_a_true_small_count(client, demo):
    """The demo's professional staff with a disability in 2018 is 1: the page shows
    “fewer than 5”, and no cell of a workforce table shows a number that is not a
    multiple of 5."""
    import re

    page = client.get(URL).content.decode()
    section = page[
        page.index("inclusion-workforce-title") : page.index("inclusion-accessibility-title")
    ]
    cells = re.findall(r'<td class="portal-table__num">([^<%]*)</td>', section)
    numbers = [cell for cell in cells if cell.strip() and cell.strip()[0].isdigit()]
    assert numbers, "the tables have figures"
    assert all(int(number.replace(",", "")) % 5 == 0 for number in numbers), numbers


def test_component_page_shows_only_published_records(client, inclusion_facts, cad_staff):
    PolicyReviewFactory(unit=cad_staff.unit, title="Draft review of leave rules")
    PolicyReviewFactory(
        unit=cad_staff.unit,
        title="Approved but not public",
        status=ReviewStatus.APPROVED,
        is_public=False,
    )
    PolicyReviewFactory(
        unit=cad_staff.unit, title="Approved and public", status=ReviewStatus.APPROVED
    )
    page = client.get(URL).content.decode()
    assert "Approved and public" in page
    assert "Draft review of leave rules" not in page
    assert "Approved but not public" not in page
    assert "No workforce figures have been published yet." in page
    assert "No accessibility measures have been published yet." in page
