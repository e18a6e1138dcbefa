"""Every write to monitoring records goes through here: views, the admin and seed_demo.

Each service is one transaction, checks who may do what, and records who did
it in the history (django-simple-history) in that same transaction. Rules
broken raise ValidationError with a message fit to show the person.
"""

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User

from .models import (
    Activity,
    Disaggregation,
    Evidence,
    Indicator,
    IndicatorUpdate,
    ReportingPeriod,
    ReviewedModel,
    ReviewStatus,
)
from .permissions import can_review, can_write_for_unit

# --- Evidence files -----------------------------------------------------------

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# Extension → (content type served back, the file's first bytes).
EVIDENCE_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".csv": ("text/csv", ()),
    ".txt": ("text/plain", ()),
}


def evidence_validate(*, file: UploadedFile) -> str:
    """Check an upload's type and size; return the content type to store.

    The extension must be one we accept and the file's first bytes must match
    it, so a renamed executable is refused. Raises ValidationError.
    """
    suffix = Path(file.name or "").suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        allowed = ", ".join(sorted(ext.lstrip(".").upper() for ext in EVIDENCE_TYPES))
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(allowed)s.") % {"allowed": allowed}
        )
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": file.size / 1024 / 1024, "limit": EVIDENCE_MAX_BYTES // 1024 // 1024}
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."))
    content_type, signatures = EVIDENCE_TYPES[suffix]
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if signatures and not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("The file's content does not match its %(ext)s extension.")
            % {"ext": suffix.lstrip(".").upper()}
        )
    if not signatures and b"\x00" in head:
        raise ValidationError(_("This does not look like a text file."))
    return content_type


def evidence_attach(
    *, record: Activity | IndicatorUpdate, file: UploadedFile, user: User
) -> Evidence:
    """Attach a file to a record the user may edit. Raises ValidationError."""
    _ensure_author_may_edit(record=record, user=user)
    content_type = evidence_validate(file=file)
    evidence = Evidence(
        file=file,
        original_name=Path(file.name).name[:255],
        content_type=content_type,
        size=file.size,
        uploaded_by=user,
    )
    if isinstance(record, Activity):
        evidence.activity = record
    else:
        evidence.update = record
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, user: User) -> None:
    record = evidence.activity or evidence.update
    _ensure_author_may_edit(record=record, user=user)
    # The file goes only once the row is gone for good.
    transaction.on_commit(
        lambda name=evidence.file.name, storage=evidence.file.storage: storage.delete(name)
    )
    evidence.delete()


# --- The review workflow, shared by activities and indicator updates ---------


def _record_history_user(record: ReviewedModel, user: User) -> None:
    # django-simple-history reads this when it writes the history row.
    record._history_user = user


def _ensure_author_may_edit(*, record: ReviewedModel, user: User) -> None:
    if not can_write_for_unit(user=user, unit_id=_unit_id(record)):
        raise PermissionDenied(_("You can only change your own unit's records."))
    if not record.is_editable:
        raise ValidationError(
            _("This record is %(status)s and cannot be changed.")
            % {"status": record.get_status_display().lower()}
        )
    if isinstance(record, IndicatorUpdate):
        _ensure_period_open(period=record.period)


def _unit_id(record: ReviewedModel) -> int:
    if isinstance(record, IndicatorUpdate):
        return record.indicator.responsible_unit_id
    return record.unit_id


def _ensure_period_open(*, period: ReportingPeriod) -> None:
    if period.is_locked:
        raise ValidationError(
            _(
                "The reporting period %(period)s is locked: updates for it cannot be added or "
                "changed. Ask a programme adviser to unlock it."
            )
            % {"period": period}
        )


def _submit(*, record: ReviewedModel, user: User) -> None:
    _ensure_author_may_edit(record=record, user=user)
    record.status = ReviewStatus.SUBMITTED
    record.submitted_at = timezone.now()
    _record_history_user(record, user)
    record.full_clean()
    record.save()


def _ensure_reviewable(*, record: ReviewedModel, reviewer: User) -> None:
    if not can_review(user=reviewer, record=record):
        raise PermissionDenied(_("Only programme advisers can review records."))
    if record.status != ReviewStatus.SUBMITTED:
        raise ValidationError(
            _("Only submitted records can be reviewed; this one is %(status)s.")
            % {"status": record.get_status_display().lower()}
        )
    if record.created_by_id == reviewer.pk:
        raise ValidationError(_("You cannot review your own work."))


def _approve(*, record: ReviewedModel, reviewer: User) -> None:
    _ensure_reviewable(record=record, reviewer=reviewer)
    record.status = ReviewStatus.APPROVED
    record.reviewed_by = reviewer
    record.reviewed_at = timezone.now()
    record.review_note = ""
    _record_history_user(record, reviewer)
    record.save()


def _return(*, record: ReviewedModel, reviewer: User, note: str) -> None:
    _ensure_reviewable(record=record, reviewer=reviewer)
    if not note.strip():
        raise ValidationError(_("Say why you return it: the author sees your note."))
    record.status = ReviewStatus.RETURNED
    record.reviewed_by = reviewer
    record.reviewed_at = timezone.now()
    record.review_note = note.strip()
    _record_history_user(record, reviewer)
    record.save()


# --- Activities -------------------------------------------------------------

ACTIVITY_FIELDS = (
    "title",
    "start_date",
    "end_date",
    "component",
    "activity_type",
    "description",
    "location",
    "participants_women",
    "participants_men",
    "participants_sex_other",
    "participants_with_disability",
    "participants_disability_not_stated",
    "is_public",
)
ACTIVITY_RELATIONS = ("member_states", "partners", "indicators")


def _activity_apply(*, activity: Activity, data: dict) -> None:
    for field in ACTIVITY_FIELDS:
        if field in data:
            setattr(activity, field, data[field])
    indicators = data.get("indicators")
    if indicators:
        foreign = [i for i in indicators if i.result.component_id != activity.component_id]
        if foreign:
            raise ValidationError(
                {
                    "indicators": _("These indicators belong to another component: %(codes)s.")
                    % {"codes": ", ".join(i.code for i in foreign)}
                }
            )
    activity.full_clean()
    activity.save()
    for relation in ACTIVITY_RELATIONS:
        if relation in data:
            getattr(activity, relation).set(data[relation])


@transaction.atomic
def activity_create(*, user: User, data: dict, submit: bool = False) -> Activity:
    """Log an activity for the user's unit; with submit=True send it for review at once."""
    if not can_write_for_unit(user=user, unit_id=user.unit_id):
        raise PermissionDenied(_("Only Secretariat staff with a unit can log activities."))
    activity = Activity(unit_id=user.unit_id, created_by=user)
    _record_history_user(activity, user)
    _activity_apply(activity=activity, data=data)
    if submit:
        _submit(record=activity, user=user)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, user: User, data: dict, submit: bool = False
) -> Activity:
    """Change a draft or returned activity of the user's unit."""
    _ensure_author_may_edit(record=activity, user=user)
    _record_history_user(activity, user)
    _activity_apply(activity=activity, data=data)
    if submit:
        _submit(record=activity, user=user)
    return activity


@transaction.atomic
def activity_submit(*, activity: Activity, user: User) -> Activity:
    _submit(record=activity, user=user)
    return activity


@transaction.atomic
def activity_approve(*, activity: Activity, reviewer: User) -> Activity:
    """Approve a submitted activity. Raises ValidationError if it is not
    submitted or the reviewer wrote it; PermissionDenied for non-reviewers."""
    _approve(record=activity, reviewer=reviewer)
    return activity


@transaction.atomic
def activity_return(*, activity: Activity, reviewer: User, note: str) -> Activity:
    """Return a submitted activity to its author with a note (required)."""
    _return(record=activity, reviewer=reviewer, note=note)
    return activity


# --- Indicator updates ------------------------------------------------------

UPDATE_FIELDS = ("value", "numerator", "denominator", "narrative", "comment")


def _disaggregations_validate(
    *, update: IndicatorUpdate, rows: Iterable[dict]
) -> list[Disaggregation]:
    """Build the update's disaggregated values and check them against its total.

    Each row: {"category", "group", "member_state" (or None), "value"}. Rows with
    no value are left out. Raises ValidationError naming the category.
    """
    indicator = update.indicator
    allowed = set(indicator.disaggregation_categories)
    built, sums = [], {}
    for row in rows:
        if row.get("value") in (None, ""):
            continue
        category, group = row["category"], row["group"]
        if category not in allowed:
            raise ValidationError(
                _("This indicator is not disaggregated by %(category)s.")
                % {"category": Disaggregation.Category(category).label.lower()}
            )
        if group not in Disaggregation.GROUPS[category]:
            raise ValidationError(_("Unknown group for %(category)s.") % {"category": category})
        value = Decimal(row["value"])
        if value < 0:
            raise ValidationError(_("Disaggregated values cannot be negative."))
        built.append(
            Disaggregation(
                update=update,
                category=category,
                group=group,
                member_state=row.get("member_state"),
                value=value,
            )
        )
        sums[category] = sums.get(category, Decimal(0)) + value
    for category, subtotal in sums.items():
        error = disaggregation_total_error(category=category, subtotal=subtotal, total=update.total)
        if error:
            raise ValidationError(error)
    return built


def disaggregation_total_error(
    *, category: str, subtotal: Decimal, total: Decimal | None
) -> str | None:
    """The message when one category's values add up to more than the total, else None.

    Forms use it too, to show the message next to the category's fields.
    """
    if total is None:
        return _("There is no total to break down: enter the value first.")
    if subtotal <= total:
        return None
    return _(
        "The values by %(category)s add up to %(subtotal)s, more than the total of %(total)s."
    ) % {
        "category": Disaggregation.Category(category).label.lower(),
        "subtotal": f"{subtotal.normalize():f}",
        "total": f"{total.normalize():f}",
    }


def _update_apply(*, update: IndicatorUpdate, data: dict) -> None:
    for field in UPDATE_FIELDS:
        if field in data:
            setattr(update, field, data[field])
    update.full_clean()
    # A new total must still hold the disaggregated values already recorded.
    replacing = "disaggregations" in data
    rows = data["disaggregations"] if replacing else _disaggregation_rows(update=update)
    disaggregations = _disaggregations_validate(update=update, rows=rows)
    update.save()
    if replacing:
        update.disaggregations.all().delete()
        Disaggregation.objects.bulk_create(disaggregations)


def _disaggregation_rows(*, update: IndicatorUpdate) -> list[dict]:
    if not update.pk:
        return []
    return [
        {"category": d.category, "group": d.group, "member_state": d.member_state, "value": d.value}
        for d in update.disaggregations.all()
    ]


@transaction.atomic
def indicator_update_create(
    *,
    indicator: Indicator,
    period: ReportingPeriod,
    user: User,
    data: dict,
    submit: bool = False,
) -> IndicatorUpdate:
    """Report an indicator of the user's unit for an open period."""
    if not can_write_for_unit(user=user, unit_id=indicator.responsible_unit_id):
        raise PermissionDenied(_("You can only report on your own unit's indicators."))
    _ensure_period_open(period=period)
    if IndicatorUpdate.objects.filter(indicator=indicator, period=period).exists():
        raise ValidationError(
            _("This indicator already has an update for %(period)s; edit that one.")
            % {"period": period}
        )
    update = IndicatorUpdate(indicator=indicator, period=period, created_by=user)
    _record_history_user(update, user)
    _update_apply(update=update, data=data)
    if submit:
        _submit(record=update, user=user)
    return update


@transaction.atomic
def indicator_update_change(
    *, update: IndicatorUpdate, user: User, data: dict, submit: bool = False
) -> IndicatorUpdate:
    """Change a draft or returned update in an open period."""
    _ensure_author_may_edit(record=update, user=user)
    _record_history_user(update, user)
    _update_apply(update=update, data=data)
    if submit:
        _submit(record=update, user=user)
    return update


@transaction.atomic
def indicator_update_submit(*, update: IndicatorUpdate, user: User) -> IndicatorUpdate:
    _submit(record=update, user=user)
    return update


@transaction.atomic
def indicator_update_approve(*, update: IndicatorUpdate, reviewer: User) -> IndicatorUpdate:
    """Approve a submitted update. Approving is allowed in a locked period: locking
    stops staff changing figures, not advisers closing the review."""
    _approve(record=update, reviewer=reviewer)
    return update


@transaction.atomic
def indicator_update_return(
    *, update: IndicatorUpdate, reviewer: User, note: str
) -> IndicatorUpdate:
    _return(record=update, reviewer=reviewer, note=note)
    return update


# --- Reporting periods ------------------------------------------------------


@transaction.atomic
def period_set_locked(*, period: ReportingPeriod, locked: bool, user: User) -> ReportingPeriod:
    """Lock or unlock a reporting period (programme advisers only)."""
    if not user.has_perm("monitoring.change_reportingperiod"):
        raise PermissionDenied(_("Only programme advisers can lock or unlock periods."))
    if period.is_locked != locked:
        period.is_locked = locked
        period._history_user = user
        period.save(update_fields=["is_locked", "updated_at"])
    return period
