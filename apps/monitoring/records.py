"""Writing any reviewed record: the part of a create or an edit that is the same
for every model built on `ReviewedModel`, whatever app it lives in.

An app's named services (`legal_instrument_create`, `initiative_update`…) check
their own rules and call `record_create` / `record_update`; the review core
(`review.py`) locks, checks who may do what, submits and audits around them.

`data` holds the model's fields and many-to-many relations by name, as a form's
`record_data()` gives them. Only the fields that change are saved, and the audit
entry lists what changed, relations and evidence files included.
"""

import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from apps.accounts.permissions import is_secretariat_staff, sees_every_unit
from apps.programme.models import Component

from . import evidence as evidence_rules
from . import review
from .models import ReviewedModel, ReviewStatus

R = TypeVar("R", bound=ReviewedModel)

Files = Iterable[UploadedFile]
# An app's own rule, run on the (locked) record with what the person sent, before
# anything is written; it raises ValidationError, keyed by field where it can be.
Check = Callable[[ReviewedModel, dict], None]
# An app's own rows of the record (a meeting's action items, a review's
# recommendations), written after the record is saved, in the same transaction and
# audit entry (list them in the model's `audit_related`).
WriteRelated = Callable[[ReviewedModel], None]


def set_values(record: Model, values: dict) -> list[str]:
    """Set `values` on the record; return the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        field = record._meta.get_field(name)
        old = getattr(record, field.attname)
        setattr(record, name, value)
        if getattr(record, field.attname) != old:
            changed.append(name)
    return changed


def save_changed(record: Model, changed: list[str]) -> None:
    """Save a new record whole (through `review.insert`, for the creation token), an
    existing one only in the fields that changed."""
    if record.pk is None:
        review.insert(record)
    elif changed:
        record.save(update_fields=[*changed, "updated_at"])


def _split(record: ReviewedModel, data: dict) -> tuple[dict, dict]:
    """`data` as (fields, many-to-many relations)."""
    relations = {field.name for field in record._meta.many_to_many}
    fields = {name: value for name, value in data.items() if name not in relations}
    return fields, {name: value for name, value in data.items() if name in relations}


def writes_here(user, model: type[ReviewedModel]) -> bool:
    """Whether the person may write records of `model` at all: Secretariat staff with
    a unit, and where the model belongs to a component (`component_slug`), a unit
    that works with that component."""
    if not is_secretariat_staff(user):
        return False
    slug = model.component_slug
    return slug is None or Component.objects.filter(slug=slug, units=user.unit_id).exists()


def _ensure_unit_writes(record: ReviewedModel) -> None:
    """The record's unit works with the model's component (checked on every write, so a
    unit that stopped working with it stops writing)."""
    slug = type(record).component_slug
    if slug is None:
        return
    component = Component.objects.filter(slug=slug).first()
    if component is None or not component.units.filter(pk=record.owner_unit_id).exists():
        title = component.title if component else slug
        raise PermissionDenied(
            _("Only staff of the units that work on %(component)s write these records.")
            % {"component": title[:1].lower() + title[1:]}
        )


def _apply(
    *,
    record: ReviewedModel,
    data: dict,
    files: Files,
    user,
    check: Check | None,
    write_related: WriteRelated | None = None,
) -> None:
    _ensure_unit_writes(record)
    if check is not None:
        check(record, data)
    fields, relations = _split(record, data)
    changed = set_values(record, fields)
    record.full_clean(exclude=review.CHECKED_ON_INSERT)
    save_changed(record, changed)
    for name, values in relations.items():
        getattr(record, name).set(values)
    if write_related is not None:
        write_related(record)
    evidence_rules.attach(record=record, files=files, user=user)


@transaction.atomic
def record_create(
    *,
    record: ReviewedModel,
    user,
    data: dict,
    files: Files = (),
    submit: bool = False,
    token: uuid.UUID | None = None,
    check: Check | None = None,
    write_related: WriteRelated | None = None,
) -> ReviewedModel:
    """Write a new record for the user's unit (`record` comes with its owner set, e.g.
    `LegalInstrument(unit_id=user.unit_id)`); with submit=True send it for review at
    once. The form's `token` makes a second sending raise review.DuplicateSubmission
    with the record the first one created."""
    if not is_secretariat_staff(user):
        raise PermissionDenied(_("Only Secretariat staff with a unit can add records."))
    if record.owner_unit_id != user.unit_id:
        raise PermissionDenied(_("You can only add records for your own unit."))
    with review.creating(record=record, user=user, submit=submit, token=token) as created:
        _apply(
            record=created,
            data=data,
            files=files,
            user=user,
            check=check,
            write_related=write_related,
        )
    return created


@transaction.atomic
def record_update(
    *,
    record: ReviewedModel,
    user,
    data: dict,
    files: Files = (),
    submit: bool = False,
    check: Check | None = None,
    write_related: WriteRelated | None = None,
) -> ReviewedModel:
    """Change a draft or returned record of the user's unit (and submit it, if asked):
    locked, re-checked under the lock, only what changed saved, one audit entry."""
    with review.editing(record=record, user=user, submit=submit) as locked:
        _apply(
            record=locked,
            data=data,
            files=files,
            user=user,
            check=check,
            write_related=write_related,
        )
    return locked


# --- Reading ------------------------------------------------------------------------


def visible_to(records: QuerySet[R], *, user) -> QuerySet[R]:
    """The records a person may see in /workspace/: advisers every unit's, staff their
    own unit's (followed through the model's `unit_path`), anyone else none."""
    if sees_every_unit(user):
        return records
    if not user.unit_id:
        return records.none()
    return records.filter(**{f"{records.model.unit_path}_id": user.unit_id})


def published(records: QuerySet[R]) -> QuerySet[R]:
    """What public pages may show: approved, and marked for the public site by its
    authors where the model asks them (`is_public`)."""
    records = records.filter(status=ReviewStatus.APPROVED)
    if any(field.name == "is_public" for field in records.model._meta.fields):
        records = records.filter(is_public=True)
    return records
