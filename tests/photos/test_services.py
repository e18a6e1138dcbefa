"""Saving and deleting photos: files under server-made names, made once, and
removed when replaced or deleted."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from apps.core import public_cache
from apps.photos import images, services
from apps.photos.models import Photo
from tests.photos.factories import PhotoFactory, upload

pytestmark = pytest.mark.django_db


def _files(photo: Photo) -> list[str]:
    return [photo.image.name] + [
        services.rendition_name(key=photo.rendition_key, width=width, ext=ext)
        for width in photo.rendition_widths
        for ext in ("webp", "jpg")
    ]


def test_photo_save_stores_master_and_renditions_under_server_made_names():
    photo = services.photo_save(
        photo=Photo(alt_text="A panel", credit="R. R.", copyright_holder="GIZ", people="none"),
        master=images.prepare(upload(name="../../etc/passwd.jpg", size=(2000, 1500))),
    )
    assert photo.image.name.startswith("photos/masters/")
    assert "passwd" not in photo.image.name
    assert (photo.width, photo.height) == (2000, 1500)
    assert photo.rendition_widths == [480, 960, 1600]
    assert len(photo.rendition_key) == 32
    for name in _files(photo):
        assert default_storage.exists(name), name


def test_photo_save_without_a_new_image_makes_no_files(monkeypatch):
    photo = PhotoFactory()
    monkeypatch.setattr(images, "renditions", lambda master: pytest.fail("made again"))
    photo.caption = "New caption"
    services.photo_save(photo=photo)
    photo.refresh_from_db()
    assert photo.caption == "New caption"


def test_photo_save_refuses_a_new_photo_without_an_image():
    with pytest.raises(ValueError, match="needs an image"):
        services.photo_save(photo=Photo(alt_text="x", credit="x", copyright_holder="x"))


def test_photo_save_refuses_missing_alt_text_and_writes_no_file():
    before = set(default_storage.listdir("")[0]) if default_storage.exists("") else set()
    with pytest.raises(ValidationError, match="alt_text"):
        services.photo_save(
            photo=Photo(alt_text="", credit="R", copyright_holder="GIZ", people="none"),
            master=images.prepare(upload()),
        )
    assert not Photo.objects.exists()
    after = set(default_storage.listdir("")[0]) if default_storage.exists("") else set()
    assert after == before


def test_new_image_gets_a_new_key_and_old_files_go(django_capture_on_commit_callbacks):
    photo = PhotoFactory(size=(1200, 800))
    old_files, old_key = _files(photo), photo.rendition_key
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_save(photo=photo, master=images.prepare(upload(size=(800, 600))))
    assert photo.rendition_key != old_key
    assert photo.rendition_widths == [480, 800]
    assert not any(default_storage.exists(name) for name in old_files)
    assert all(default_storage.exists(name) for name in _files(photo))


def test_photo_delete_removes_its_files(django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    files = _files(photo)
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_delete(photo=photo)
    assert not Photo.objects.exists()
    assert not any(default_storage.exists(name) for name in files)


def test_saving_a_photo_purges_the_public_pages(django_capture_on_commit_callbacks):
    photo = PhotoFactory(is_published=False)
    generation = public_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        photo.is_published = True
        services.photo_save(photo=photo)
    assert public_cache.generation() != generation
