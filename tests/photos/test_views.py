"""/photos/<key>/<width>.<ext>: renditions of public photos for everyone; others
only as uncached previews for the back office; masters never."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from apps.photos.models import Photo
from tests.accounts.factories import StaffUserFactory
from tests.helpers import force_login_verified
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_public_rendition_is_served_with_a_year_of_caching(client):
    photo = PhotoFactory(size=(2000, 1000))
    response = client.get(photo.rendition_url(960, "webp"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert Image.open(io.BytesIO(response.content)).size == (960, 480)

    jpeg = client.get(photo.src)
    assert jpeg.status_code == 200
    assert jpeg["Content-Type"] == "image/jpeg"


def test_head_is_answered_and_post_refused(client):
    photo = PhotoFactory()
    assert client.head(photo.src).status_code == 200
    assert client.post(photo.src).status_code == 405


@pytest.mark.parametrize(
    "changes",
    [
        {"is_published": False},
        {"people": Photo.People.NO_CONSENT},
    ],
    ids=["unpublished", "no-consent"],
)
def test_rendition_of_a_photo_that_is_not_public_answers_404(client, changes):
    photo = PhotoFactory(**changes)
    assert client.get(photo.src).status_code == 404
    assert client.get(photo.rendition_url(480, "webp")).status_code == 404


def test_rendition_answers_404_for_a_width_not_made(client):
    photo = PhotoFactory(size=(1200, 800))
    assert client.get(photo.rendition_url(1200, "webp")).status_code == 200
    assert client.get(photo.rendition_url(1600, "webp")).status_code == 404
    assert client.get(photo.rendition_url(481, "webp")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/photos/0123456789abcdef0123456789abcdef/480.webp",  # no such photo
        "/photos/not-a-key/480.webp",
        "/photos/0123456789abcdef0123456789abcdef/480.png",
        "/photos/0123456789abcdef0123456789abcdef/../../masters/x.jpg",
    ],
)
def test_rendition_answers_404_for_bad_paths(client, path):
    assert client.get(path).status_code == 404


def test_rendition_whose_file_is_missing_answers_404(client):
    photo = PhotoFactory()
    default_storage.delete(f"photos/renditions/{photo.rendition_key}/960.jpg")
    assert client.get(photo.rendition_url(960, "jpg")).status_code == 404


def test_master_is_never_served(client):
    photo = PhotoFactory()
    assert client.get(f"/media/{photo.image.name}").status_code == 404
    assert client.get(f"/photos/{photo.image.name}").status_code == 404


def test_adviser_previews_an_unpublished_photo_uncached(client, adviser):
    photo = PhotoFactory(is_published=False)
    force_login_verified(client, adviser)
    response = client.get(photo.thumbnail_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_adviser_without_second_factor_gets_no_preview(client, adviser):
    photo = PhotoFactory(is_published=False)
    client.force_login(adviser)
    assert client.get(photo.thumbnail_url).status_code == 404


def test_staff_get_no_preview(client):
    photo = PhotoFactory(people=Photo.People.NO_CONSENT)
    staff = StaffUserFactory(is_staff=True)
    force_login_verified(client, staff)
    assert client.get(photo.thumbnail_url).status_code == 404
