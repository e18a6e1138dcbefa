"""The advisers' back office for photos."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from apps.photos.models import Photo
from tests.accounts.factories import StaffUserFactory
from tests.helpers import force_login_verified
from tests.photos.factories import PhotoFactory, image_bytes, upload
from tests.programme.factories import ComponentFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:photos_photo_add")
LIST = reverse("admin:photos_photo_changelist")


def _data(**overrides):
    data = {
        "caption": "Delegates at the ASEAN Media Forum 2019",
        "alt_text": "Delegates listen to a panel in a conference hall",
        "credit": "Rafly Rinaldy",
        "copyright_holder": "GIZ",
        "kind": Photo.Kind.PHOTOGRAPH,
        "licence": Photo.Licence.CC_BY_4,
        "taken_on": "2019-11-20",
        "people": Photo.People.CONSENT,
        "is_published": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_adviser_adds_a_photo(client, adviser):
    component = ComponentFactory()
    force_login_verified(client, adviser)
    response = client.post(ADD, _data(upload=upload(size=(2000, 1200)), components=[component.pk]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    assert photo.credit_line == "Photo: Rafly Rinaldy © GIZ"
    assert photo.rendition_widths == [480, 960, 1600]
    assert list(photo.components.all()) == [component]
    with default_storage.open(photo.image.name) as master:
        assert len(Image.open(master).getexif()) == 0


def test_adviser_changes_a_photo_without_a_new_file(client, adviser):
    photo = PhotoFactory()
    key = photo.rendition_key
    force_login_verified(client, adviser)
    response = client.post(
        reverse("admin:photos_photo_change", args=[photo.pk]),
        _data(caption="A new caption", people=Photo.People.NONE),
    )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "A new caption"
    assert photo.rendition_key == key


def test_add_without_a_file_is_refused(client, adviser):
    force_login_verified(client, adviser)
    response = client.post(ADD, _data())
    assert response.status_code == 200
    assert "Choose the image file." in response.content.decode()
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.jpg", b"%PDF-1.7 this is not a photo" * 20),
        ("anim.jpg", image_bytes(size=(50, 50), fmt="GIF")),
    ],
)
def test_add_with_a_file_that_is_not_an_image_is_refused(client, adviser, name, content):
    force_login_verified(client, adviser)
    response = client.post(ADD, _data(upload=upload(name=name, content=content)))
    assert response.status_code == 200
    assert "This file is not a JPEG, PNG or WebP image." in response.content.decode()
    assert not Photo.objects.exists()
    assert not default_storage.exists("photos")


def test_add_with_too_many_pixels_is_refused(client, adviser):
    buffer = io.BytesIO()
    Image.new("1", (9000, 5000)).save(buffer, format="PNG")
    force_login_verified(client, adviser)
    response = client.post(ADD, _data(upload=upload(name="big.png", content=buffer.getvalue())))
    assert response.status_code == 200
    assert "the limit is 40 megapixels" in response.content.decode()
    assert not Photo.objects.exists()


@pytest.mark.parametrize("field", ["alt_text", "credit", "copyright_holder", "people"])
def test_photo_without_alt_text_credit_or_consent_answer_cannot_be_saved(client, adviser, field):
    force_login_verified(client, adviser)
    response = client.post(ADD, _data(upload=upload(), **{field: ""}))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]
    assert not Photo.objects.exists()


def test_changelist_shows_thumbnail_alt_text_credit_and_consent(client, adviser):
    photo = PhotoFactory(is_published=False, people=Photo.People.NO_CONSENT)
    force_login_verified(client, adviser)
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'src="{photo.thumbnail_url}"' in html
    assert photo.alt_text in html
    assert "Photo: Rafly Rinaldy © GIZ" in html
    assert "People shown, no consent" in html


def test_change_form_shows_the_public_rule(client, adviser):
    photo = PhotoFactory()
    force_login_verified(client, adviser)
    response = client.get(reverse("admin:photos_photo_change", args=[photo.pk]))
    html = response.content.decode()
    assert "shows on public pages only when it is published" in html
    assert "say in one sentence what it shows" in html


def test_adviser_may_not_delete_a_photo(client, adviser):
    photo = PhotoFactory()
    force_login_verified(client, adviser)
    response = client.post(reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_superuser_deletes_a_photo_and_its_files(
    client, superuser, django_capture_on_commit_callbacks
):
    photo = PhotoFactory()
    master = photo.image.name
    force_login_verified(client, superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert not default_storage.exists(master)


def test_staff_may_not_use_the_photo_admin(client):
    photo = PhotoFactory()
    staff = StaffUserFactory(is_staff=True)
    force_login_verified(client, staff)
    for url in (LIST, ADD, reverse("admin:photos_photo_change", args=[photo.pk])):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = client.post(ADD, _data(upload=upload()))
    assert response.status_code in (302, 403)
    assert Photo.objects.count() == 1


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
