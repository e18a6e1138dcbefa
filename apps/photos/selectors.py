"""Reads of photos. Public pages get photos only through these functions, which
apply the one rule of `PhotoQuerySet.public`: published, and nobody identifiable
shown without consent."""

from django.db.models import QuerySet

from apps.programme.models import Component

from .models import Photo


def public_photos(*, component: Component | None = None) -> QuerySet[Photo]:
    """Public photos, newest first; only those linked to `component` if given."""
    photos = Photo.objects.public()
    if component is not None:
        photos = photos.filter(components=component)
    return photos.order_by("-created_at", "-pk")


def featured_photo(*, component: Component | None = None) -> Photo | None:
    """The photo that leads a page, in one query: the newest public photo
    featured on the home page, or with `component`, the newest public photo
    linked to that component. None when there is none."""
    if component is not None:
        return public_photos(component=component).first()
    return public_photos().filter(featured_on_home=True).first()


def public_photo_by_rendition_key(*, key: str) -> Photo | None:
    """The public photo whose renditions live under `key`, or None."""
    return public_photos().filter(rendition_key=key).first()


def photo_by_rendition_key(*, key: str) -> Photo | None:
    """Any photo whose renditions live under `key` (for the back office's previews)."""
    return Photo.objects.filter(rendition_key=key).first()
