"""The advisers' back office for stories and publications: the queues list and open
for an adviser (with filters, search and history), read-only even for superusers,
approve and return through the services, and a story's preview as the public would
see it, for advisers only, at any status."""

import pytest
from django.urls import reverse

from apps.monitoring.models import ReviewStatus
from tests.accounts.factories import StaffUserFactory
from tests.helpers import force_login_verified
from tests.photos.factories import PhotoFactory

from .factories import ADMIN_FACTORIES, PublicationFactory, StoryFactory

pytestmark = pytest.mark.django_db


def admin_url(model: str, page: str, *args) -> str:
    return reverse(f"admin:news_{model}_{page}", args=args)


@pytest.fixture
def adviser_client(client, reviewer):
    force_login_verified(client, reviewer)
    return client


@pytest.mark.parametrize("label", list(ADMIN_FACTORIES))
def test_every_model_lists_and_opens_for_an_adviser(adviser_client, programme_facts, label):
    obj = ADMIN_FACTORIES[label](status=ReviewStatus.SUBMITTED)
    model = label.split(".")[1]
    response = adviser_client.get(admin_url(model, "changelist"), {"q": str(obj)[:10]})
    assert response.status_code == 200
    assert str(obj) in response.content.decode()
    response = adviser_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert "Approve" in response.content.decode()
    assert adviser_client.get(admin_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize(
    ("model", "filters"),
    [
        ("story", {"status__exact": "submitted", "components__id__exact": "1"}),
        ("story", {"unit__id__exact": "1", "is_public__exact": "1"}),
        ("publication", {"kind__exact": "toolkit", "language__exact": "id"}),
        ("publication", {"status__exact": "approved", "components__id__exact": "2"}),
    ],
)
def test_queues_filter(adviser_client, programme_facts, model, filters):
    assert adviser_client.get(admin_url(model, "changelist"), filters).status_code == 200


def test_records_are_read_only_even_for_superusers(client, superuser, programme_facts):
    story = StoryFactory(title="Unchanged")
    force_login_verified(client, superuser)
    assert client.post(admin_url("story", "change", story.pk), {"title": "X"}).status_code == 403
    assert client.get(admin_url("story", "add")).status_code == 403
    story.refresh_from_db()
    assert story.title == "Unchanged"


def test_adviser_approves_a_story_from_its_page(adviser_client, programme_facts):
    story = StoryFactory(status=ReviewStatus.SUBMITTED)
    response = adviser_client.post(admin_url("story", "review", story.pk), {"decision": "approve"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == ReviewStatus.APPROVED
    assert adviser_client.get(story.get_public_url()).status_code == 200


def test_adviser_returns_a_publication_with_a_note(adviser_client, programme_facts):
    publication = PublicationFactory(status=ReviewStatus.SUBMITTED)
    response = adviser_client.post(
        admin_url("publication", "review", publication.pk),
        {"decision": "return", "note": "Add the Indonesian summary."},
    )
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.status == ReviewStatus.RETURNED
    assert publication.review_note == "Add the Indonesian summary."


def test_return_without_a_note_changes_nothing(adviser_client, programme_facts):
    story = StoryFactory(status=ReviewStatus.SUBMITTED)
    response = adviser_client.post(admin_url("story", "review", story.pk), {"decision": "return"})
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.status == ReviewStatus.SUBMITTED


def test_publication_page_links_its_file(adviser_client, programme_facts):
    publication = PublicationFactory(status=ReviewStatus.SUBMITTED)
    html = adviser_client.get(admin_url("publication", "change", publication.pk)).content.decode()
    assert reverse("news_staff:publication_file", args=[publication.pk]) in html


# --- Preview -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", list(ReviewStatus))
def test_preview_shows_the_story_as_the_public_would_at_any_status(
    adviser_client, programme_facts, status
):
    hidden = PhotoFactory(is_published=False, alt_text="Not for the public")
    story = StoryFactory(
        status=status,
        title="Preview me",
        body="## Heading\n\n<script>alert(1)</script>**bold**",
        photo=hidden,
    )
    response = adviser_client.get(admin_url("story", "preview", story.pk))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert "Preview me" in html
    assert "<h2>Heading</h2>" in html
    assert "<strong>bold</strong>" in html
    assert "<script>alert" not in html
    assert "A preview for advisers" in html
    assert "Not for the public" not in html


def test_preview_link_in_the_list_and_on_the_page(adviser_client, programme_facts):
    story = StoryFactory(status=ReviewStatus.SUBMITTED)
    preview = admin_url("story", "preview", story.pk)
    assert preview in adviser_client.get(admin_url("story", "changelist")).content.decode()
    assert preview in adviser_client.get(admin_url("story", "change", story.pk)).content.decode()


def test_preview_is_for_advisers_only(client, programme_facts):
    story = StoryFactory()
    preview = admin_url("story", "preview", story.pk)
    assert client.get(preview).status_code == 302  # anonymous: the admin's sign-in
    staff = StaffUserFactory(unit=story.unit, is_staff=True)
    force_login_verified(client, staff)
    assert client.get(preview).status_code in (302, 403)


def test_preview_of_an_unknown_story_is_404(adviser_client, programme_facts):
    assert adviser_client.get(admin_url("story", "preview", 999_999)).status_code == 404
