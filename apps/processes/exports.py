"""CSV and Excel downloads of the component's records, for the advisers' back office.

The tables are built here; the writers are monitoring's (`exports.csv_response`,
`xlsx_response`), so a download reads like every other one of the portal: the
same dates, numbers and protection against spreadsheet formulas. Each table holds
only what the caller passes, which the admin scopes with the selectors
(`*_list_for_user`) before it gets here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.monitoring.exports import CHUNK_SIZE, Table

from .models import StagedRecord


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[StagedRecord], object]


def joined(relation: str) -> Callable[[StagedRecord], str]:
    """A column's value: the names of a many-to-many relation, "; " between them."""
    return lambda record: "; ".join(str(item) for item in getattr(record, relation).all())


def _local(moment):
    # Spreadsheets know no time zones: a naive local time to the second.
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


# Every record's table starts and ends with these.
LEADING = [
    Column(_("ID"), lambda record: record.pk),
    Column(_("Title"), lambda record: record.title),
    Column(_("Workstream"), lambda record: record.workstream.title),
    Column(_("Unit"), lambda record: record.unit.abbreviation),
    Column(_("Stage"), lambda record: record.get_stage_display()),
    Column(_("Stage reached on"), lambda record: record.stage_reached_on),
]
TRAILING = [
    Column(_("Where it comes from"), joined("activities")),
    Column(_("Public"), lambda record: gettext("yes") if record.is_public else gettext("no")),
    Column(_("Review status"), lambda record: record.get_status_display()),
    Column(_("Created by"), lambda record: str(record.created_by)),
    Column(_("Submitted at"), lambda record: _local(record.submitted_at)),
    Column(_("Reviewed by"), lambda record: str(record.reviewed_by or "")),
    Column(_("Reviewed at"), lambda record: _local(record.reviewed_at)),
    Column(_("Reviewer's note"), lambda record: record.review_note),
]


def record_table(*, records: QuerySet, columns: list[Column], prefetch: tuple = ()) -> Table:
    """One row per record: LEADING, the model's `columns`, TRAILING. The rows are read
    lazily, CHUNK_SIZE records at a time, each chunk in a fixed number of queries."""
    every = [*LEADING, *columns, *TRAILING]
    qs = (
        records.select_related("unit", "workstream", "created_by", "reviewed_by")
        .prefetch_related("activities", *prefetch)
        .order_by("-updated_at", "-pk")
    )
    rows = (
        [column.value(record) for column in every] for record in qs.iterator(chunk_size=CHUNK_SIZE)
    )
    return Table(
        title=str(records.model._meta.verbose_name_plural).capitalize(),
        header=[str(column.header) for column in every],
        rows=rows,
    )
