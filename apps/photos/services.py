"""Writes to photos: the only way a photo's files are made and removed.

A new image is stored as its re-encoded master under a server-made name
(`photos/masters/<uuid>.jpg`), and its renditions are made right then, once:
`photos/renditions/<key>/<width>.webp` and `.jpg`, where `key` is new for every
image, so a rendition's URL always shows the same bytes and may be cached for a
year. The files an image replaces are removed after the transaction commits.
"""

import contextlib
import logging
import uuid
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction

from . import images
from .models import Photo

logger = logging.getLogger(__name__)

RENDITIONS_DIR = "photos/renditions"


def rendition_name(*, key: str, width: int, ext: str) -> str:
    """Where one rendition lives in the media storage."""
    return f"{RENDITIONS_DIR}/{key}/{width}.{ext}"


@transaction.atomic
def photo_save(*, photo: Photo, master: images.Master | None = None) -> Photo:
    """Save a photo; with `master` (from `images.prepare`), store it as the
    photo's image and make its renditions. A new photo needs a master.

    Raises ValidationError when the photo breaks a rule (alt text, credit).
    """
    if master is None and not photo.rendition_key:
        raise ValueError("A new photo needs an image (images.prepare).")
    photo.full_clean(exclude=["image"])
    if master is None:
        photo.save()
        return photo

    storage = photo.image.storage
    old_master, old_key, old_widths = photo.image.name, photo.rendition_key, photo.rendition_widths
    key = uuid.uuid4().hex
    written = []
    try:
        photo.image.save(
            f"{uuid.uuid4().hex}.{master.ext}", ContentFile(master.content), save=False
        )
        written.append(photo.image.name)
        for (width, ext), content in images.renditions(master.content).items():
            written.append(
                storage.save(rendition_name(key=key, width=width, ext=ext), ContentFile(content))
            )
        photo.width, photo.height = master.width, master.height
        photo.rendition_key = key
        photo.rendition_widths = images.rendition_widths(master.width)
        photo.save()
    except Exception:
        _remove(storage, written)
        raise
    if old_key or old_master:
        # The replaced files go once the new ones are committed; if the
        # transaction rolls back, the new ones are orphans on disk, never served.
        stale = [old_master] if old_master else []
        stale += _rendition_names(key=old_key, widths=old_widths)
        transaction.on_commit(lambda: _remove(storage, stale), robust=True)
    return photo


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    """Delete a photo and, after the transaction commits, its files."""
    storage = photo.image.storage
    files = [photo.image.name] if photo.image.name else []
    files += _rendition_names(key=photo.rendition_key, widths=photo.rendition_widths)
    photo.delete()
    transaction.on_commit(lambda: _remove(storage, files), robust=True)


def _rendition_names(*, key: str, widths: list[int]) -> list[str]:
    if not key:
        return []
    return [
        rendition_name(key=key, width=width, ext=ext)
        for width in widths
        for ext in images.RENDITION_TYPES
    ]


def _remove(storage: Storage, names: list[str]) -> None:
    folders = set()
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not remove photo file %s", name)
        if name.startswith(f"{RENDITIONS_DIR}/"):
            folders.add(str(PurePosixPath(name).parent))
    for folder in folders:
        _remove_empty_folder(storage, folder)


def _remove_empty_folder(storage: Storage, folder: str) -> None:
    try:
        path = storage.path(folder)
    except NotImplementedError:  # object storage has no folders to remove
        return
    with contextlib.suppress(OSError):  # not empty, or gone already
        Path(path).rmdir()
