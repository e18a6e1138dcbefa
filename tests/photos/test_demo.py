import pytest

from apps.photos import selectors
from apps.photos.demo import DEMO_ILLUSTRATIONS, photos_demo_load
from apps.photos.models import Photo
from apps.programme.models import Component

pytestmark = pytest.mark.django_db


def test_demo_illustrations_are_credited_featured_and_one_per_component(programme_facts):
    assert photos_demo_load() == {"illustrations": len(DEMO_ILLUSTRATIONS)}

    photos = list(Photo.objects.all())
    assert 4 <= len(photos) <= 6
    for photo in photos:
        assert photo.credit_line == "Illustration: generated for the demo © GIZ"
        assert photo.people == Photo.People.NONE
        assert (photo.width, photo.height) == (1600, 900)
    assert selectors.featured_photo() is not None
    for component in Component.objects.all():
        assert selectors.featured_photo(component=component) is not None, component.slug


def test_demo_illustrations_load_once(programme_facts):
    photos_demo_load()
    assert photos_demo_load() == {"illustrations": 0}
    assert Photo.objects.count() == len(DEMO_ILLUSTRATIONS)
