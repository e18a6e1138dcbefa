"""The staff's pages under /workspace/news/: for stories and publications an allowed,
a denied (anonymous, another unit → 404, an adviser writing → 403) and a bad-input
test; a publication's file for staff; and the workspace panel."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.monitoring.models import ReviewStatus
from apps.news.models import Publication, Story
from apps.programme.models import Component
from tests.events.factories import EventFactory
from tests.helpers import force_login_verified
from tests.monitoring.helpers import date_input
from tests.photos.factories import PhotoFactory

from .factories import KIND_FACTORIES, PDF, StoryFactory

pytestmark = pytest.mark.django_db

KINDS = ["story", "publication"]


def url(kind: str, page: str, *args) -> str:
    return reverse(f"news_staff:{kind}_{page}", args=args)


def _record(kind: str, staff, **kwargs):
    factory, _evidence = KIND_FACTORIES[f"news_staff:{kind}"]
    return factory(unit=staff.unit, created_by=staff, **kwargs)


def story_post(action="draft", **overrides) -> dict:
    post = {
        "action": action,
        "title": "ASEAN Media Forum 2019 looks at the digital economy",
        "summary": "Editors met in Bangkok.",
        "body": "## Take-aways\n\nReaders want facts.",
        **date_input("published_on", datetime.date(2019, 11, 7)),
        "is_public": "on",
    }
    return {**post, **overrides}


def publication_post(action="draft", **overrides) -> dict:
    post = {
        "action": action,
        "title": "ASEAN Media Forum 2019: report",
        "kind": "report",
        "summary": "What the forum discussed.",
        "language": "en",
        "file": SimpleUploadedFile("report.pdf", PDF, "application/pdf"),
        **date_input("published_on", datetime.date(2019, 12, 16)),
        "is_public": "on",
    }
    return {**post, **overrides}


# --- Lists -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_list_shows_the_units_records_only(client, kind, cid_staff, cad_staff):
    own = _record(kind, cid_staff, title="Our own record")
    _record(kind, cad_staff, title="Another unit's record")
    client.force_login(cid_staff)
    response = client.get(url(kind, "list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert own.title in html
    assert "Another unit" not in html
    assert url(kind, "create") in html


@pytest.mark.parametrize("kind", KINDS)
def test_list_for_advisers_shows_every_unit_and_no_add_button(
    client, kind, cid_staff, cad_staff, reviewer
):
    _record(kind, cid_staff, title="CID record")
    _record(kind, cad_staff, title="CAD record")
    force_login_verified(client, reviewer)
    html = client.get(url(kind, "list")).content.decode()
    assert "CID record" in html
    assert "CAD record" in html
    assert url(kind, "create") not in html


@pytest.mark.parametrize("kind", KINDS)
def test_list_sends_anonymous_visitors_to_sign_in(client, kind):
    response = client.get(url(kind, "list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- Create ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_advisers_cannot_write(client, kind, reviewer):
    force_login_verified(client, reviewer)
    assert client.get(url(kind, "create")).status_code == 403


def test_story_create_saves_a_draft_with_a_slug(client, cid_staff):
    component = Component.objects.get(slug="organisational-processes")
    event = EventFactory(status=ReviewStatus.APPROVED, title="ASEAN Media Forum 2019")
    photo = PhotoFactory()
    client.force_login(cid_staff)
    response = client.get(url("story", "create"))
    assert response.status_code == 200
    assert "ASEAN Media Forum 2019" in response.content.decode()
    response = client.post(
        url("story", "create"),
        story_post(components=[component.pk], events=[event.pk], photo=photo.pk),
    )
    story = Story.objects.get()
    assert response.status_code == 302
    assert response.url == url("story", "detail", story.pk)
    assert story.slug == "asean-media-forum-2019-looks-at-the-digital-economy"
    assert story.status == ReviewStatus.DRAFT
    assert story.unit == cid_staff.unit
    assert story.photo == photo
    assert list(story.events.all()) == [event]
    assert list(story.components.all()) == [component]


def test_story_create_and_submit(client, cid_staff):
    client.force_login(cid_staff)
    response = client.post(url("story", "create"), story_post(action="submit"))
    assert response.status_code == 302
    assert Story.objects.get().status == ReviewStatus.SUBMITTED


def test_story_create_refuses_bad_input_and_writes_nothing(client, cid_staff):
    unpublished = PhotoFactory(is_published=False)
    draft_event = EventFactory(status=ReviewStatus.DRAFT)
    client.force_login(cid_staff)
    response = client.post(
        url("story", "create"),
        story_post(
            title="",
            body="",
            photo=unpublished.pk,
            events=[draft_event.pk],
            **date_input("published_on", datetime.date(1999, 1, 1)),
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["title"] == ["Enter the title"]
    assert form.errors["body"] == ["Write the story"]
    assert form.errors["photo"] == ["Choose a published photo from the list"]
    assert form.errors["events"] == ["Choose published events from the list"]
    assert "published_on" in form.errors
    html = response.content.decode()
    assert "There is a problem" in html or "portal-error-summary" in html or "alert" in html
    assert not Story.objects.exists()


def test_story_slug_stays_unique_and_avoids_reserved_words(client, cid_staff):
    StoryFactory(slug="forum")
    client.force_login(cid_staff)
    client.post(url("story", "create"), story_post(title="Forum"))
    client.post(url("story", "create"), story_post(title="Feed"))
    client.post(url("story", "create"), story_post(title="Publications"))
    client.post(url("story", "create"), story_post(title="!!!"))
    slugs = set(Story.objects.values_list("slug", flat=True))
    assert slugs == {"forum", "forum-2", "feed-2", "publications-2", "story"}


def test_publication_create_stores_the_file(client, cad_staff):
    client.force_login(cad_staff)
    response = client.post(url("publication", "create"), publication_post())
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert publication.slug == "asean-media-forum-2019-report"
    assert publication.file.name.startswith("publications/")
    assert publication.file.name.endswith(".pdf")
    assert "report" not in publication.file.name
    assert publication.file_size == len(PDF)
    assert publication.file_format == "PDF"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.exe", b"MZ\x90\x00", "A publication must be a PDF, DOCX, XLSX file."),
        ("report.png", b"\x89PNG\r\n\x1a\n", "A publication must be a PDF, DOCX, XLSX file."),
        ("report.pdf", b"MZ not a pdf", "The file's content does not match its PDF extension."),
        ("report.docx", b"%PDF-1.4", "The file's content does not match its DOCX extension."),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_publication_create_refuses_a_bad_file(client, cad_staff, name, content, message):
    client.force_login(cad_staff)
    post = publication_post(file=SimpleUploadedFile(name, content))
    response = client.post(url("publication", "create"), post)
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"]
    assert not Publication.objects.exists()


def test_publication_create_refuses_a_file_over_10_mb(client, cad_staff):
    big = PDF + b"0" * (10 * 1024 * 1024 + 1 - len(PDF))
    client.force_login(cad_staff)
    response = client.post(
        url("publication", "create"), publication_post(file=SimpleUploadedFile("big.pdf", big))
    )
    assert response.status_code == 200
    assert "The file is 10.1 MB; the limit is 10 MB." in response.context["form"].errors["file"]
    assert not Publication.objects.exists()


def test_publication_create_accepts_a_file_of_exactly_10_mb(client, cad_staff):
    exact = PDF + b"0" * (10 * 1024 * 1024 - len(PDF))
    client.force_login(cad_staff)
    response = client.post(
        url("publication", "create"),
        publication_post(file=SimpleUploadedFile("exact.pdf", exact)),
    )
    assert response.status_code == 302
    assert Publication.objects.get().file_size == 10 * 1024 * 1024


def test_publication_create_needs_a_file_and_a_kind(client, cad_staff):
    client.force_login(cad_staff)
    post = publication_post(kind="poem")
    del post["file"]
    response = client.post(url("publication", "create"), post)
    errors = response.context["form"].errors
    assert errors["file"] == ["Choose the publication's file (PDF, DOCX, XLSX)"]
    assert errors["kind"] == ["Choose one of the kinds in the list"]
    assert not Publication.objects.exists()


# --- Edit, another unit, delete -----------------------------------------------------------


def test_publication_edit_keeps_the_file_unless_a_new_one_comes(client, cad_staff):
    publication = _record("publication", cad_staff)
    old_name = publication.file.name
    client.force_login(cad_staff)
    post = publication_post(title="A better title")
    del post["file"]
    response = client.post(url("publication", "edit", publication.pk), post)
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.title == "A better title"
    assert publication.file.name == old_name
    # The address stays, whatever the new title.
    assert publication.slug.startswith("annual-report-")


def test_publication_edit_replaces_the_file_and_removes_the_old_one(
    client, cad_staff, django_capture_on_commit_callbacks
):
    publication = _record("publication", cad_staff)
    old = publication.file
    storage, old_name = old.storage, old.name
    client.force_login(cad_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("publication", "edit", publication.pk), publication_post())
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.file.name != old_name
    assert not storage.exists(old_name)
    assert storage.exists(publication.file.name)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("page", ["detail", "edit", "delete"])
def test_another_units_record_is_404(client, kind, page, cid_staff, cad_staff):
    record = _record(kind, cad_staff)
    client.force_login(cid_staff)
    assert client.get(url(kind, page, record.pk)).status_code == 404


def test_story_detail_shows_the_story_as_it_will_read(client, cid_staff):
    story = _record("story", cid_staff, body="## Heading\n\n<script>alert(1)</script>Text")
    client.force_login(cid_staff)
    html = client.get(url("story", "detail", story.pk)).content.decode()
    assert "The story as visitors will read it" in html
    assert "<h2>Heading</h2>" in html
    assert "<script>alert" not in html


def test_story_delete_removes_the_draft(client, cid_staff):
    story = _record("story", cid_staff)
    client.force_login(cid_staff)
    response = client.post(url("story", "delete", story.pk))
    assert response.status_code == 302
    assert not Story.objects.exists()


def test_publication_delete_removes_its_file(client, cad_staff, django_capture_on_commit_callbacks):
    publication = _record("publication", cad_staff)
    storage, name = publication.file.storage, publication.file.name
    client.force_login(cad_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("publication", "delete", publication.pk))
    assert response.status_code == 302
    assert not Publication.objects.exists()
    assert not storage.exists(name)


# --- A publication's file for staff ---------------------------------------------------------


def test_publication_file_for_its_unit_and_advisers_only(client, cid_staff, cad_staff, reviewer):
    publication = _record("publication", cad_staff, slug="draft-report")
    file_url = reverse("news_staff:publication_file", args=[publication.pk])
    assert client.get(file_url).status_code == 302  # anonymous: sign in
    client.force_login(cid_staff)
    assert client.get(file_url).status_code == 404
    client.force_login(cad_staff)
    response = client.get(file_url)
    assert response.status_code == 200
    assert 'filename="draft-report.pdf"' in response["Content-Disposition"]
    force_login_verified(client, reviewer)
    assert client.get(file_url).status_code == 200


# --- The workspace panel ---------------------------------------------------------------------


def test_workspace_panel_counts_the_units_records(client, cid_staff, cad_staff):
    _record("story", cid_staff, status=ReviewStatus.RETURNED)
    _record("story", cad_staff, status=ReviewStatus.RETURNED)
    _record("publication", cid_staff)
    client.force_login(cid_staff)
    html = client.get(reverse("site:workspace")).content.decode()
    assert "News and publications" in html
    assert "stories: 1 Returned" in html
    assert "publications: 1 Draft" in html
    assert url("story", "create") in html
