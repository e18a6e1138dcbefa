"""The public rule (published, and no identifiable people or their consent) and
the selectors the public pages use."""

import pytest
from django.db.utils import IntegrityError

from apps.photos import selectors
from apps.photos.models import Photo
from tests.photos.factories import PhotoFactory
from tests.programme.factories import ComponentFactory

pytestmark = pytest.mark.django_db

People = Photo.People


@pytest.mark.parametrize(
    ("is_published", "people", "public"),
    [
        (True, People.NONE, True),
        (True, People.CONSENT, True),
        (True, People.NO_CONSENT, False),
        (False, People.NONE, False),
        (False, People.CONSENT, False),
        (False, People.NO_CONSENT, False),
    ],
)
def test_public_photos_rule(is_published, people, public):
    photo = PhotoFactory(is_published=is_published, people=people, featured_on_home=True)
    component = ComponentFactory()
    photo.components.add(component)

    assert (photo in selectors.public_photos()) is public
    assert (photo in selectors.public_photos(component=component)) is public
    assert (selectors.featured_photo() == photo) is public
    assert (selectors.featured_photo(component=component) == photo) is public
    assert (selectors.public_photo_by_rendition_key(key=photo.rendition_key) == photo) is public


def test_photo_without_consent_never_reaches_a_public_selector():
    """The newest photo, featured and linked, but showing people who did not agree."""
    component = ComponentFactory()
    older = PhotoFactory(featured_on_home=True, components=[component])
    PhotoFactory(people=People.NO_CONSENT, featured_on_home=True, components=[component])

    assert list(selectors.public_photos()) == [older]
    assert selectors.featured_photo() == older
    assert selectors.featured_photo(component=component) == older


def test_photo_without_renditions_is_not_public():
    photo = PhotoFactory()
    Photo.objects.filter(pk=photo.pk).update(rendition_key="")
    assert not selectors.public_photos().exists()


def test_featured_photo_is_the_newest_featured_public_one():
    PhotoFactory(featured_on_home=True)
    newest = PhotoFactory(featured_on_home=True)
    PhotoFactory(featured_on_home=False)  # newer, but not featured
    assert selectors.featured_photo() == newest


def test_featured_photo_of_a_component_is_its_newest_public_photo():
    component, other = ComponentFactory(), ComponentFactory()
    PhotoFactory(components=[component])
    newest = PhotoFactory(components=[component])
    PhotoFactory(components=[other])
    assert selectors.featured_photo(component=component) == newest
    assert selectors.featured_photo(component=ComponentFactory()) is None


def test_featured_photo_is_none_without_photos():
    assert selectors.featured_photo() is None


def test_selectors_run_one_query_however_many_photos(django_assert_num_queries):
    component = ComponentFactory()
    for _ in range(6):
        PhotoFactory(featured_on_home=True, components=[component])
    with django_assert_num_queries(1):
        selectors.featured_photo()
    with django_assert_num_queries(1):
        selectors.featured_photo(component=component)
    with django_assert_num_queries(1):
        photos = list(selectors.public_photos(component=component))
    with django_assert_num_queries(0):
        # Everything a template shows comes from the row itself.
        for photo in photos:
            _ = (photo.srcset_webp, photo.srcset_jpeg, photo.src, photo.credit_line)


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        (Photo.Kind.PHOTOGRAPH, "Photo: Rafly Rinaldy © GIZ"),
        (Photo.Kind.ILLUSTRATION, "Illustration: Rafly Rinaldy © GIZ"),
    ],
)
def test_credit_line(kind, line):
    photo = Photo(credit="Rafly Rinaldy", copyright_holder="GIZ", kind=kind)
    assert photo.credit_line == line


def test_licence_url_only_for_creative_commons():
    assert Photo(licence=Photo.Licence.CC_BY_4).licence_url.endswith("/licenses/by/4.0/")
    assert Photo(licence=Photo.Licence.CC_BY_SA_4).licence_url.endswith("/by-sa/4.0/")
    assert Photo(licence=Photo.Licence.ALL_RIGHTS_RESERVED).licence_url == ""
    assert Photo(licence=Photo.Licence.PUBLIC_DOMAIN).licence_url == ""


@pytest.mark.parametrize("field", ["alt_text", "credit", "copyright_holder"])
def test_database_refuses_a_photo_without_alt_text_or_credit(field):
    photo = PhotoFactory()
    with pytest.raises(IntegrityError):
        Photo.objects.filter(pk=photo.pk).update(**{field: ""})
