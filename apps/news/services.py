"""Every write of the news app (docs/news.md).

Stories and publications are reviewed records: created and changed through the
review core's `records.record_create` / `record_update` (locked, checked under the
lock, only what changed saved, one audit entry), submitted, approved or returned
through `review`. Publication is approval: an approved record marked public shows
under /news/.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.monitoring import records, review

from .files import validate_publication_file
from .models import Publication, Story

# Web addresses under /news/ that are pages of their own, never a story's.
RESERVED_SLUGS = frozenset({"feed", "publications", "page"})


def unique_slug(*, model: type[Story | Publication], title: str) -> str:
    """The title as a web address, unique among the model's records: "asean-media-
    forum-2019", then "-2", "-3"… if taken (or reserved)."""
    base = slugify(title)[:200].strip("-") or model._meta.model_name
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


# --- Stories --------------------------------------------------------------------------


def _check_story(story: Story, data: dict) -> None:
    """A lead photo must be one that may show in public (published, with consent):
    an approved story would otherwise show no photo at all."""
    photo = data.get("photo")
    if photo is not None and not type(photo).objects.public().filter(pk=photo.pk).exists():
        raise ValidationError(
            {
                "photo": _(
                    "This photo is not published, or shows people without their consent: "
                    "choose a published photo, or ask an adviser to publish it."
                )
            }
        )


def story_create(
    *, user, data: dict, files=(), submit: bool = False, token: uuid.UUID | None = None
) -> Story:
    """A new story of the user's unit (submitted at once if asked)."""
    return records.record_create(
        record=Story(unit_id=user.unit_id, slug=unique_slug(model=Story, title=data["title"])),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=_check_story,
    )


def story_update(*, story: Story, user, data: dict, files=(), submit: bool = False) -> Story:
    """Change a draft or returned story (its web address stays)."""
    return records.record_update(
        record=story, user=user, data=data, files=files, submit=submit, check=_check_story
    )


def story_submit(*, story: Story, user) -> Story:
    return review.submit(record=story, user=user)


def story_approve(*, story: Story, reviewer) -> Story:
    return review.approve(record=story, reviewer=reviewer)


def story_return(*, story: Story, reviewer, note: str) -> Story:
    return review.return_to_author(record=story, reviewer=reviewer, note=note)


def story_delete(*, story: Story, user) -> None:
    review.delete(record=story, user=user)


# --- Publications -----------------------------------------------------------------------


def _check_publication(publication: Publication, data: dict) -> None:
    """A new file is checked again here (the form checked it first), whoever calls."""
    file = data.get("file")
    if isinstance(file, UploadedFile):
        try:
            validate_publication_file(file=file)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
    elif not file and not publication.file:
        raise ValidationError({"file": _("Choose the publication's file.")})


def _with_size(data: dict) -> dict:
    file = data.get("file")
    if isinstance(file, UploadedFile):
        return {**data, "file_size": file.size}
    return data


def publication_create(
    *, user, data: dict, files=(), submit: bool = False, token: uuid.UUID | None = None
) -> Publication:
    """A new publication of the user's unit, with its file (submitted at once if asked)."""
    return records.record_create(
        record=Publication(
            unit_id=user.unit_id, slug=unique_slug(model=Publication, title=data["title"])
        ),
        user=user,
        data=_with_size(data),
        files=files,
        submit=submit,
        token=token,
        check=_check_publication,
    )


def _delete_file_on_commit(name: str) -> None:
    """A file goes only once the change is committed: a rolled-back request keeps it."""
    if name:
        storage = Publication._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def publication_update(
    *, publication: Publication, user, data: dict, files=(), submit: bool = False
) -> Publication:
    """Change a draft or returned publication; a new file replaces the old one, which
    is removed once the change is committed."""
    before = Publication.objects.filter(pk=publication.pk).values_list("file", flat=True).first()
    updated = records.record_update(
        record=publication,
        user=user,
        data=_with_size(data),
        files=files,
        submit=submit,
        check=_check_publication,
    )
    if before and before != updated.file.name:
        _delete_file_on_commit(before)
    return updated


def publication_submit(*, publication: Publication, user) -> Publication:
    return review.submit(record=publication, user=user)


def publication_approve(*, publication: Publication, reviewer) -> Publication:
    return review.approve(record=publication, reviewer=reviewer)


def publication_return(*, publication: Publication, reviewer, note: str) -> Publication:
    return review.return_to_author(record=publication, reviewer=reviewer, note=note)


@transaction.atomic
def publication_delete(*, publication: Publication, user) -> None:
    """Delete a never-submitted draft (review.delete checks who and when) and its file."""
    name = publication.file.name
    review.delete(record=publication, user=user)
    _delete_file_on_commit(name)
