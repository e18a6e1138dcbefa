"""The news demo: stories and publications written by the demo staff of their units
through the workflow, approved by the demo adviser, linked to the events' demo
editions, shown under /news/ with downloadable files, and loaded only once."""

import io
import zipfile

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from apps.accounts.services import demo_accounts_create
from apps.events.demo import events_demo_load
from apps.events.services import events_facts_load
from apps.monitoring.demo import monitoring_demo_load
from apps.monitoring.models import ReviewStatus
from apps.news.demo import STORIES, news_demo_load, pdf_bytes
from apps.news.models import Publication, Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(programme_facts):
    events_facts_load()
    users = demo_accounts_create(password="a-demo-password-for-tests")
    monitoring_demo_load(users=users)
    events_demo_load(users=users)
    return users


def test_demo_loads_once(demo_users):
    assert news_demo_load(users=demo_users) == {"stories": len(STORIES), "publications": 3}
    assert news_demo_load(users=demo_users) == {"stories": 0, "publications": 0}


def test_demo_stories_are_published_and_linked_to_the_events(client, demo_users):
    news_demo_load(users=demo_users)
    launch = Story.objects.get(title="ASEAN launches its Communication Master Plan II")
    assert launch.status == ReviewStatus.APPROVED
    assert launch.is_public
    assert launch.unit.abbreviation == "CID"
    assert launch.reviewed_by.is_programme_adviser
    assert [e.title for e in launch.events.all()] == [
        "Launch of the ASEAN Communication Master Plan II"
    ]
    kpk = Story.objects.get(title="Preventing corruption in procurement, with KPK")
    assert kpk.unit.abbreviation == "CAD"
    assert kpk.events.count() == 1
    html = client.get(launch.get_public_url()).content.decode()
    assert "ACMP II" in html
    assert "Launch of the ASEAN Communication Master Plan II" in html
    listing = client.get(reverse("news:list")).content.decode()
    assert "ASEAN Media Forum 2019 looks at the digital economy" in listing


def test_demo_publications_have_real_files(client, demo_users):
    news_demo_load(users=demo_users)
    formats = sorted(Publication.objects.values_list("file", flat=True))
    assert [name.rsplit(".", 1)[1] for name in formats].count("pdf") == 2
    checklist = Publication.objects.get(kind=Publication.Kind.TOOLKIT)
    response = client.get(checklist.get_public_url())
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert zipfile.is_zipfile(io.BytesIO(content))  # an Excel workbook
    assert checklist.file_size == len(content)


def test_pdf_bytes_is_a_well_formed_pdf():
    pdf = pdf_bytes("Title (with brackets)", ["A line", "Another \\ line"])
    assert pdf.startswith(b"%PDF-1.4")
    assert pdf.rstrip().endswith(b"%%EOF")
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert pdf[xref:].startswith(b"xref")
    assert b"\\(with brackets\\)" in pdf


def test_demo_needs_the_demo_accounts(programme_facts):
    with pytest.raises(ImproperlyConfigured, match="news demo needs"):
        news_demo_load(users=[])
