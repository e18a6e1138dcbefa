"""The SpreadsheetImport rows: an upload checked and previewed, then imported once.

- `spreadsheet_import_create`: read and check the file, dry-run every row, and
  store the upload as a preview. A file that cannot be read raises FileRefused and
  stores nothing; a file whose rows have problems is stored, and its preview lists
  them. Every new upload deletes the uploader's earlier previews and anyone's older
  than PREVIEW_HOURS (previews nobody confirmed).
- `spreadsheet_import_confirm`: lock the row, re-check it under the lock (still a
  preview, the person's own), run the rows for real; all or nothing.
- `spreadsheet_import_list_for_user`: the person's own imports (404 for the rest).

The preview's outcome is kept in the cache for PREVIEW_HOURS, so the preview page
reads it instead of running every row again; when the cache has lost it, the page
runs the dry run again (the same answer, unless the data changed meanwhile, which
the confirmation checks anyway).
"""

import datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.permissions import is_secretariat_staff

from ..models import ReportingPeriod, SpreadsheetImport
from . import files, runner
from .problems import FileRefused

PREVIEW_HOURS = 24
Status = SpreadsheetImport.Status


class AlreadyImported(ValidationError):
    """The import was confirmed before (a second click, another tab)."""


def spreadsheet_import_list_for_user(*, user: User) -> QuerySet[SpreadsheetImport]:
    """The user's own imports in their unit; previews past their day are gone."""
    if not is_secretariat_staff(user):
        return SpreadsheetImport.objects.none()
    expired = Q(status=Status.PREVIEWED, uploaded_at__lt=_expiry())
    return (
        SpreadsheetImport.objects.filter(uploaded_by=user, unit_id=user.unit_id)
        .exclude(expired)
        .select_related("period", "unit")
    )


def _expiry() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=PREVIEW_HOURS)


def _cache_key(spreadsheet: SpreadsheetImport) -> str:
    stamp = int(spreadsheet.uploaded_at.timestamp() * 1_000_000)
    return f"monitoring:spreadsheet-import:{spreadsheet.pk}:{stamp}"


def _remember(spreadsheet: SpreadsheetImport, outcome: runner.Outcome) -> None:
    cache.set(_cache_key(spreadsheet), outcome, PREVIEW_HOURS * 3600)


@transaction.atomic
def spreadsheet_import_create(
    *,
    user: User,
    kind: str,
    period: ReportingPeriod | None,
    upload,
    submit: bool,
) -> tuple[SpreadsheetImport, runner.Outcome]:
    """Check an uploaded file and preview its import (a dry run through the services).

    Raises FileRefused (nothing stored) when the file cannot be imported as a whole;
    PermissionDenied for anyone but Secretariat staff with a unit.
    """
    if not is_secretariat_staff(user):
        raise PermissionDenied(_("Only Secretariat staff with a unit can import spreadsheets."))
    spreadsheet = SpreadsheetImport(
        kind=kind,
        unit_id=user.unit_id,
        period=period if kind == SpreadsheetImport.Kind.UPDATES else None,
        uploaded_by=user,
        uploaded_at=timezone.now(),
        original_name=(getattr(upload, "name", "") or "upload.xlsx")[:255],
        content=files.read_upload(upload),
        submit=submit,
    )
    outcome = runner.run(spreadsheet, user=user, commit=False)
    spreadsheet_import_clean(user=user)
    spreadsheet.save()
    _remember(spreadsheet, outcome)
    return spreadsheet, outcome


def spreadsheet_import_clean(*, user: User | None = None) -> int:
    """Delete previews nobody confirmed: the user's earlier ones and everyone's older
    than PREVIEW_HOURS. Imported rows stay (they say who imported what, when)."""
    stale = Q(uploaded_at__lt=_expiry())
    if user is not None:
        stale |= Q(uploaded_by=user)
    deleted, _by_model = SpreadsheetImport.objects.filter(stale, status=Status.PREVIEWED).delete()
    return deleted


def spreadsheet_import_outcome(*, spreadsheet: SpreadsheetImport, user: User) -> runner.Outcome:
    """The preview's outcome: from the cache, else by running the dry run again."""
    outcome = cache.get(_cache_key(spreadsheet))
    if outcome is None:
        try:
            outcome = runner.run(spreadsheet, user=user, commit=False)
        except FileRefused as refused:
            outcome = runner.Outcome(sheet="", problems=refused.problems)
        _remember(spreadsheet, outcome)
    return outcome


@transaction.atomic
def spreadsheet_import_confirm(*, spreadsheet: SpreadsheetImport, user: User) -> runner.Outcome:
    """Import every row of a previewed file, or none.

    The row is locked and re-checked under the lock, so of two confirmations sent
    at once one imports and the other raises AlreadyImported. When a row fails now
    (the data changed since the preview) nothing is written, the import stays a
    preview and the outcome lists the problems.
    """
    locked = SpreadsheetImport.objects.select_for_update().get(pk=spreadsheet.pk)
    if locked.uploaded_by_id != user.pk or locked.unit_id != user.unit_id:
        raise PermissionDenied(_("You can only import your own files."))
    if locked.status == Status.IMPORTED:
        raise AlreadyImported(
            _("This file was already imported on %(day)s, at %(time)s.")
            % {
                "day": date_format(timezone.localtime(locked.imported_at)),
                "time": date_format(timezone.localtime(locked.imported_at), "TIME_FORMAT"),
            }
        )
    try:
        outcome = runner.run(locked, user=user, commit=True)
    except FileRefused as refused:
        outcome = runner.Outcome(sheet="", problems=refused.problems)
    if not outcome.ok:
        _remember(locked, outcome)
        return outcome
    locked.status = Status.IMPORTED
    locked.imported_at = timezone.now()
    locked.created_count = outcome.created
    locked.changed_count = outcome.changed
    locked.save(update_fields=["status", "imported_at", "created_count", "changed_count"])
    spreadsheet.status = locked.status
    return outcome
