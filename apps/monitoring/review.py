"""The review core: one workflow for every record staff write and advisers review.

    draft ──submit──► submitted ──approve──► approved
                        │   ▲
                 return │   │ submit again
                        ▼   │
                      returned

A model becomes reviewable by building on `models.ReviewedModel`; its app
wraps the functions below in its own named services (`activity_approve`,
later `legal_instrument_approve`). Everything here runs in one transaction,
locks the record's row (`select_for_update`) and re-checks its state under
the lock, so two people clicking at once cannot both win; each action and
each edit writes one `AuditEntry` in that same transaction.

The rules "may this user edit / delete / review this record" live here once:
services enforce them (`ensure_*`) and views display them (`may_*`).
"""

import datetime
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.permissions import is_secretariat_staff

from . import evidence
from .models import AuditEntry, ReviewedModel, ReviewStatus

R = TypeVar("R", bound=ReviewedModel)
Action = AuditEntry.Action


class DuplicateSubmission(Exception):
    """The form that creates a record was sent again (a double click, a resent
    page); `record` is the record its first sending created."""

    def __init__(self, record: ReviewedModel):
        super().__init__(str(record))
        self.record = record


def reviewed_models() -> list[type[ReviewedModel]]:
    """Every installed model built on ReviewedModel, in the order of INSTALLED_APPS."""
    return [model for model in apps.get_models() if issubclass(model, ReviewedModel)]


def review_permission(model: type[ReviewedModel]) -> str:
    """The permission `<app_label>.review_<model_name>`, declared in the model's Meta."""
    opts = model._meta
    return f"{opts.app_label}.review_{opts.model_name}"


# --- The rules ----------------------------------------------------------------


def _edit_refusal(*, user, record: ReviewedModel) -> Exception | None:
    if not is_secretariat_staff(user) or user.unit_id != record.owner_unit_id:
        return PermissionDenied(_("You can only change your own unit's records."))
    if not record.is_editable:
        return ValidationError(
            _("This %(kind)s is %(status)s and cannot be changed.")
            % {"kind": record._meta.verbose_name, "status": record.get_status_display().lower()}
        )
    blocker = record.edit_blocker()
    return ValidationError(blocker) if blocker else None


def edit_refusal(*, user, record: ReviewedModel) -> str | None:
    """Why the user may not change the record, in words fit to show them; None if they may."""
    refusal = _edit_refusal(user=user, record=record)
    if refusal is None:
        return None
    return " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)


def may_edit(*, user, record: ReviewedModel) -> bool:
    """Staff of the record's unit, while it is a draft or returned (and nothing else
    blocks it, such as a locked reporting period)."""
    return _edit_refusal(user=user, record=record) is None


def ensure_may_edit(*, user, record: ReviewedModel) -> None:
    """Raises PermissionDenied (not the unit's staff) or ValidationError (its state)."""
    refusal = _edit_refusal(user=user, record=record)
    if refusal is not None:
        raise refusal


def may_delete(*, user, record: ReviewedModel) -> bool:
    """Only a draft, never submitted, and only by the person who created it."""
    return (
        record.status == ReviewStatus.DRAFT
        and record.submitted_at is None  # a reopened record was approved once: it stays
        and record.created_by_id == user.pk
        and may_edit(user=user, record=record)
    )


def has_authored(*, user, record: ReviewedModel) -> bool:
    """Whether the user created, edited or submitted the record (one query at most)."""
    if user.pk in (record.created_by_id, record.submitted_by_id):
        return True
    return audit_trail(record).filter(user_id=user.pk, action__in=AuditEntry.AUTHORING).exists()


def _review_refusal(*, user, record: ReviewedModel) -> Exception | None:
    if not (user.is_active and user.has_perm(review_permission(type(record)))):
        return PermissionDenied(_("Only programme advisers can review records."))
    if record.status != ReviewStatus.SUBMITTED:
        return ValidationError(
            _("Only submitted records can be reviewed; this one is %(status)s.")
            % {"status": record.get_status_display().lower()}
        )
    if has_authored(user=user, record=record):
        return ValidationError(
            _("You cannot review your own work: you created, edited or submitted this record.")
        )
    return None


def review_refusal(*, user, record: ReviewedModel) -> str | None:
    """Why the user may not approve or return the record, in words; None if they may."""
    refusal = _review_refusal(user=user, record=record)
    if refusal is None:
        return None
    return " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)


def may_review(*, user, record: ReviewedModel) -> bool:
    return _review_refusal(user=user, record=record) is None


def ensure_may_review(*, user, record: ReviewedModel) -> None:
    """Raises PermissionDenied (no review right) or ValidationError (state, own work)."""
    refusal = _review_refusal(user=user, record=record)
    if refusal is not None:
        raise refusal


# --- The audit trail --------------------------------------------------------------


def _text(value) -> str:
    """How a value reads in the audit trail."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _label(field: models.Field) -> str:
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def snapshot(record: ReviewedModel) -> dict[str, tuple[str, str]]:
    """What the record holds, as {key: (label, text)}: its fields, its many-to-many
    relations, its evidence files and the rows it adds (`audit_related`)."""
    skipped = {*ReviewedModel.REVIEW_FIELDS, "id", "created_at", "updated_at"}
    values = {}
    for field in record._meta.concrete_fields:
        if field.name in skipped:
            continue
        value = record._get_FIELD_display(field) if field.choices else getattr(record, field.name)
        values[field.name] = (_label(field), _text(value))
    if record.pk is None:
        return values
    for field in record._meta.many_to_many:
        related = sorted(str(obj) for obj in getattr(record, field.name).all())
        values[field.name] = (_label(field), "; ".join(related))
    if hasattr(type(record), "evidence_files"):
        names = [str(file) for file in record.evidence_files.order_by("pk")]
        values["evidence_files"] = (_("Evidence files"), "; ".join(names))
    values.update(record.audit_related())
    return values


def diff(before: dict, after: dict) -> list[dict[str, str]]:
    """What changed between two snapshots, in the order the record lists it."""
    changes = []
    for key in [*after, *(key for key in before if key not in after)]:
        label, old = before.get(key, (None, ""))
        new_label, new = after.get(key, (label, ""))
        if old != new:
            changes.append({"field": key, "label": new_label or label, "old": old, "new": new})
    return changes


def audit(
    *, record: ReviewedModel, action: str, user, changes: list | None = None, note: str = ""
) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        record_label=str(record)[:300],
        action=action,
        user=user,
        changes=changes or [],
        note=note,
    )


def audit_trail(record: ReviewedModel) -> QuerySet[AuditEntry]:
    """The record's entries, oldest first, with the people who made them."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).select_related("user")


# --- Writing: create, edit, submit, approve, return, delete ------------------------


def lock(record: R) -> R:
    """Read the record again, in place, under a row lock held to the end of the
    transaction. Related objects are read afresh too when next used, so the
    checks that follow see the database as it is now, not as the caller saw it."""
    record.refresh_from_db(from_queryset=type(record)._default_manager.select_for_update())
    record._state.fields_cache.clear()
    return record


def _mark_submitted(record: ReviewedModel, user) -> None:
    record.status = ReviewStatus.SUBMITTED
    record.submitted_by = user
    record.submitted_at = timezone.now()
    record.full_clean()
    record.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])


@contextmanager
def creating(
    *, record: R, user, submit: bool = False, token: uuid.UUID | None = None
) -> Iterator[R]:
    """Write a new record: the body fills and saves it (through `insert`); then it
    is submitted if asked, and one audit entry records its values.

    With the token of the form that sent it, a form sent a second time raises
    DuplicateSubmission with the record the first sending created.
    """
    with transaction.atomic():
        if token is not None:
            _raise_if_sent_before(type(record), token=token, user=user)
            record.creation_token = token
        record.created_by = user
        yield record
        changes = diff({}, snapshot(record))
        if submit:
            _mark_submitted(record, user)
        action = Action.SUBMITTED if submit else Action.CREATED
        audit(record=record, action=action, user=user, changes=changes)


# Left out of full_clean() before the first save: a form sent twice at once is
# told apart by the database's unique index on it (`insert`), not by a message.
CHECKED_ON_INSERT = ["creation_token"]


def insert(record: ReviewedModel) -> None:
    """The first save of a record made in `creating`. When the same form is sent
    twice at the same moment, the second waits for the first at the database's
    unique index on the token, then raises DuplicateSubmission."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        if record.creation_token is not None:
            _raise_if_sent_before(type(record), token=record.creation_token, user=record.created_by)
        raise


def _raise_if_sent_before(model: type[ReviewedModel], *, token: uuid.UUID, user) -> None:
    existing = model._default_manager.filter(creation_token=token).first()
    if existing is None:
        return
    if existing.created_by_id != user.pk:
        raise ValidationError(_("This form cannot be sent again. Reload the page and retry."))
    raise DuplicateSubmission(existing)


@contextmanager
def editing(*, record: R, user, submit: bool = False) -> Iterator[R]:
    """Change a record: lock it, check the user may edit it, and hand the locked
    copy to the body to change (saving only what it changes); then submit it if
    asked and write one audit entry with what changed.

    Raises PermissionDenied or ValidationError, and then nothing is written.
    """
    with transaction.atomic():
        locked = lock(record)
        ensure_may_edit(user=user, record=locked)
        before = snapshot(locked)
        yield locked
        changes = diff(before, snapshot(locked))
        if submit:
            _mark_submitted(locked, user)
            audit(record=locked, action=Action.SUBMITTED, user=user, changes=changes)
        elif changes:
            audit(record=locked, action=Action.EDITED, user=user, changes=changes)


@transaction.atomic
def submit(*, record: R, user) -> R:
    """Send a draft or returned record for review."""
    with editing(record=record, user=user, submit=True) as locked:
        pass
    return locked


@transaction.atomic
def approve(*, record: R, reviewer) -> R:
    """Approve a submitted record. Raises PermissionDenied for non-reviewers and
    ValidationError when it is no longer submitted or is the reviewer's own work."""
    locked = lock(record)
    ensure_may_review(user=reviewer, record=locked)
    locked.status = ReviewStatus.APPROVED
    locked.reviewed_by = reviewer
    locked.reviewed_at = timezone.now()
    locked.review_note = ""
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    audit(record=locked, action=Action.APPROVED, user=reviewer)
    return locked


@transaction.atomic
def return_to_author(*, record: R, reviewer, note: str) -> R:
    """Return a submitted record to its author with a note (required)."""
    locked = lock(record)
    ensure_may_review(user=reviewer, record=locked)
    note = note.strip()
    if not note:
        raise ValidationError(_("Say why you return it: the author sees your note."))
    locked.status = ReviewStatus.RETURNED
    locked.reviewed_by = reviewer
    locked.reviewed_at = timezone.now()
    locked.review_note = note
    locked.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
    audit(record=locked, action=Action.RETURNED, user=reviewer, note=note)
    return locked


def _reopen_refusal(*, user, record: ReviewedModel) -> Exception | None:
    if not type(record).reopenable:
        return ValidationError(
            _("An approved %(kind)s cannot be reopened.") % {"kind": record._meta.verbose_name}
        )
    if not is_secretariat_staff(user) or user.unit_id != record.owner_unit_id:
        return PermissionDenied(_("You can only change your own unit's records."))
    if record.status != ReviewStatus.APPROVED:
        return ValidationError(_("Only an approved record is reopened; this one can be changed."))
    blocker = record.edit_blocker()
    return ValidationError(blocker) if blocker else None


def may_reopen(*, user, record: ReviewedModel) -> bool:
    """Staff of the record's unit, on an approved record of a model that allows it
    (`ReviewedModel.reopenable`: records that move on through stages)."""
    return _reopen_refusal(user=user, record=record) is None


@transaction.atomic
def reopen(*, record: R, user) -> R:
    """Open an approved record for changes (a legal instrument adopted since, a process
    improvement piloted): back to a draft of its unit, off the public pages until an
    adviser approves it again. The trail keeps every earlier approval."""
    locked = lock(record)
    refusal = _reopen_refusal(user=user, record=locked)
    if refusal is not None:
        raise refusal
    locked.status = ReviewStatus.DRAFT
    locked.full_clean()
    locked.save(update_fields=["status", "updated_at"])
    audit(record=locked, action=Action.REOPENED, user=user)
    return locked


@transaction.atomic
def delete(*, record: ReviewedModel, user) -> None:
    """Delete a draft its author no longer wants, with its evidence files. The audit
    entry stays, naming the record and what it held."""
    locked = lock(record)
    if not may_delete(user=user, record=locked):
        ensure_may_edit(user=user, record=locked)  # the clearer reason, where there is one
        raise ValidationError(
            _("Only a draft can be deleted, and only by the person who wrote it.")
        )
    changes = diff(snapshot(locked), {})
    if hasattr(type(locked), "evidence_files"):
        evidence.delete_files_on_commit(locked.evidence_files.all())
    audit(record=locked, action=Action.DELETED, user=user, changes=changes)
    locked.delete()


# --- Reading: what waits for review, across apps ------------------------------------


@dataclass(frozen=True)
class Queue:
    """One reviewed model's queue: how many records wait and since when."""

    model: type[ReviewedModel]
    waiting: int
    oldest: datetime.datetime | None

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()


def waiting_for_review(*, user) -> list[Queue]:
    """Every reviewed model the user may review, with its submitted records: one
    query per model, whatever the number of records."""
    queues = []
    for model in reviewed_models():
        if not user.has_perm(review_permission(model)):
            continue
        figures = model._default_manager.filter(status=ReviewStatus.SUBMITTED).aggregate(
            waiting=Count("pk"), oldest=Min("submitted_at")
        )
        queues.append(Queue(model=model, **figures))
    return queues
