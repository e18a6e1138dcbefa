"""The news services: the review core's rules hold (own unit, own work), and the app's
own rules are checked again whoever calls (a lead photo must be public; a publication's
file is checked by content)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.monitoring.models import AuditEntry, ReviewStatus
from apps.news import services
from apps.news.models import Publication, Story
from tests.photos.factories import PhotoFactory

from .factories import PDF, StoryFactory

pytestmark = pytest.mark.django_db


def story_data(**overrides) -> dict:
    data = {
        "title": "ASEAN Media Forum 2020 goes online",
        "summary": "The forum met online.",
        "body": "Journalists of every member state took part.",
        "published_on": datetime.date(2020, 11, 25),
        "is_public": True,
    }
    return {**data, **overrides}


def test_story_create_writes_one_audit_entry(cid_staff):
    story = services.story_create(user=cid_staff, data=story_data(), submit=True)
    assert story.status == ReviewStatus.SUBMITTED
    assert story.slug == "asean-media-forum-2020-goes-online"
    assert AuditEntry.objects.filter(object_id=story.pk).count() >= 1


def test_story_create_refuses_a_photo_that_is_not_public(cid_staff):
    photo = PhotoFactory(is_published=False)
    with pytest.raises(ValidationError) as refusal:
        services.story_create(user=cid_staff, data=story_data(photo=photo))
    assert "photo" in refusal.value.message_dict
    assert not Story.objects.exists()


def test_story_update_of_another_units_story_is_refused(cid_staff, cad_staff):
    story = StoryFactory(unit=cad_staff.unit, created_by=cad_staff)
    with pytest.raises((PermissionDenied, ValidationError)):
        services.story_update(story=story, user=cid_staff, data={"title": "Taken over"})
    story.refresh_from_db()
    assert story.title != "Taken over"


def test_story_approve_refuses_own_work(cid_staff, reviewer):
    story = services.story_create(user=cid_staff, data=story_data(), submit=True)
    services.story_approve(story=story, reviewer=reviewer)
    assert Story.objects.get().status == ReviewStatus.APPROVED
    with pytest.raises(ValidationError):
        services.story_approve(story=story, reviewer=reviewer)  # no longer submitted


def test_publication_create_checks_the_file_again(cad_staff):
    data = {
        "title": "Checklist",
        "kind": Publication.Kind.TOOLKIT,
        "summary": "A checklist.",
        "language": "en",
        "published_on": datetime.date(2019, 6, 3),
        "is_public": True,
    }
    with pytest.raises(ValidationError) as refusal:
        services.publication_create(
            user=cad_staff, data={**data, "file": SimpleUploadedFile("x.pdf", b"MZ")}
        )
    assert "file" in refusal.value.message_dict
    with pytest.raises(ValidationError, match="Choose the publication's file"):
        services.publication_create(user=cad_staff, data={**data, "file": None})
    assert not Publication.objects.exists()
    publication = services.publication_create(
        user=cad_staff, data={**data, "file": SimpleUploadedFile("x.pdf", PDF)}
    )
    assert publication.file_size == len(PDF)
