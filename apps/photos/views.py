"""The photos' files for browsers: renditions only, never a master.

A rendition of a public photo is served to anyone, with a year's caching (its
URL names content that never changes: a new image gets a new key). Any other
photo's renditions answer 404, except to people signed in to the back office
with the right to see photos, who get them uncached (the admin's previews).
"""

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from . import selectors
from .images import RENDITION_TYPES
from .services import rendition_name

# A year: the URL changes whenever the image does.
RENDITION_MAX_AGE = 365 * 24 * 60 * 60


def _may_preview(request) -> bool:
    return admin.site.has_permission(request) and request.user.has_perm("photos.view_photo")


@require_safe
def rendition(request, key: str, width: str, ext: str) -> HttpResponse:
    photo = selectors.public_photo_by_rendition_key(key=key)
    public = photo is not None
    if photo is None and _may_preview(request):
        photo = selectors.photo_by_rendition_key(key=key)
    if photo is None or int(width) not in photo.rendition_widths:
        raise Http404("No such photo.")
    name = rendition_name(key=key, width=int(width), ext=ext)
    try:
        with photo.image.storage.open(name, "rb") as file:
            content = file.read()
    except FileNotFoundError as missing:
        raise Http404("The photo's file is missing.") from missing
    # Not a FileResponse: a rendition is small, and FileResponse reads as a
    # private download to the portal's middleware (no-store).
    response = HttpResponse(content, content_type=RENDITION_TYPES[ext])
    if public:
        patch_cache_control(response, public=True, max_age=RENDITION_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
