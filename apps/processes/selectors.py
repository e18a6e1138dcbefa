"""Every read of the processes app: what staff and advisers see in /workspace/ and the
admin (scoped by `records.visible_to`), and what the public sees (`records.published`).

The public selectors read a fixed number of queries whatever the data: each kind's
records are counted and cut per workstream in the database (a window over the
workstream), never over model objects in Python.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, QuerySet, Window
from django.db.models.functions import RowNumber

from apps.monitoring import disclosure, records
from apps.monitoring import selectors as monitoring_selectors
from apps.monitoring.models import Indicator, percentage
from apps.programme.models import Unit

from .models import (
    IntegrityMeasure,
    IntegrityMeasureEvidence,
    LegalInstrument,
    LegalInstrumentEvidence,
    ProcessImprovement,
    ProcessImprovementEvidence,
    StagedRecord,
    Strategy,
    StrategyEvidence,
    Workstream,
)

# What a workspace list and a record's page read with every record.
RECORD_RELATIONS = ("unit", "workstream", "created_by", "submitted_by", "reviewed_by")


# --- Staff and advisers ----------------------------------------------------------------


def _for_user(model: type[StagedRecord], user) -> QuerySet:
    return records.visible_to(model.objects.select_related(*RECORD_RELATIONS), user=user)


def improvement_list_for_user(*, user) -> QuerySet[ProcessImprovement]:
    return _for_user(ProcessImprovement, user)


def strategy_list_for_user(*, user) -> QuerySet[Strategy]:
    return _for_user(Strategy, user)


def legal_instrument_list_for_user(*, user) -> QuerySet[LegalInstrument]:
    return _for_user(LegalInstrument, user)


def integrity_measure_list_for_user(*, user) -> QuerySet[IntegrityMeasure]:
    return _for_user(IntegrityMeasure, user)


def _evidence_for_user(model, user) -> QuerySet:
    # The evidence of the records the user may see: the unit is the record's.
    evidence = model.objects.select_related("record", "uploaded_by")
    return records.visible_to(evidence, user=user)


def improvement_evidence_list_for_user(*, user) -> QuerySet[ProcessImprovementEvidence]:
    return _evidence_for_user(ProcessImprovementEvidence, user)


def strategy_evidence_list_for_user(*, user) -> QuerySet[StrategyEvidence]:
    return _evidence_for_user(StrategyEvidence, user)


def legal_instrument_evidence_list_for_user(*, user) -> QuerySet[LegalInstrumentEvidence]:
    return _evidence_for_user(LegalInstrumentEvidence, user)


def integrity_measure_evidence_list_for_user(*, user) -> QuerySet[IntegrityMeasureEvidence]:
    return _evidence_for_user(IntegrityMeasureEvidence, user)


def workstream_list() -> QuerySet[Workstream]:
    """The workstreams in their order, for the forms' choice."""
    return Workstream.objects.order_by("order", "title")


def workstream_led_by(unit: Unit | None) -> Workstream | None:
    """The first workstream the unit leads: what its staff's forms suggest."""
    if unit is None:
        return None
    return workstream_list().filter(lead_units=unit).first()


def user_writes_here(user) -> bool:
    """Whether the user's unit works with the component (so may write its records)."""
    return records.writes_here(user, ProcessImprovement)


# --- The public ---------------------------------------------------------------------------


def improvement_list_public() -> QuerySet[ProcessImprovement]:
    return records.published(ProcessImprovement.objects.all())


def strategy_list_public() -> QuerySet[Strategy]:
    return records.published(Strategy.objects.all())


def legal_instrument_list_public() -> QuerySet[LegalInstrument]:
    return records.published(LegalInstrument.objects.all())


def integrity_measure_list_public() -> QuerySet[IntegrityMeasure]:
    return records.published(IntegrityMeasure.objects.all())


@dataclass
class WorkstreamEntry:
    """A workstream on the public page with the newest of its published records of
    each kind (`shown`) and how many there are in all (`totals`)."""

    workstream: Workstream
    shown: dict[str, list] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def has_records(self) -> bool:
        return any(self.totals.values())

    @property
    def more(self) -> dict[str, int]:
        """How many of each kind are published but not listed."""
        return {kind: self.totals[kind] - len(self.shown[kind]) for kind in self.totals}


# Each kind: its published records, and the relations the page shows of them
# (selected with the record, prefetched after).
PUBLIC_KINDS = {
    "improvements": (improvement_list_public, ("unit",), ()),
    "strategies": (strategy_list_public, ("unit",), ("audiences",)),
    "legal_instruments": (legal_instrument_list_public, ("unit",), ()),
    "integrity_measures": (integrity_measure_list_public, ("unit",), ("partners",)),
}


def _newest_per_workstream(records_qs: QuerySet, *, limit: int) -> QuerySet:
    """The records ranked within their workstream (most recently changed first) and
    counted per workstream, cut at `limit` a workstream, all in one query."""
    per_workstream = {"partition_by": [F("workstream_id")]}
    return (
        records_qs.annotate(
            rank=Window(
                RowNumber(), order_by=[F("updated_at").desc(), F("pk").desc()], **per_workstream
            ),
            in_workstream=Window(Count("pk"), **per_workstream),
        )
        .filter(rank__lte=limit)
        .order_by("workstream_id", "rank")
    )


def workstreams_public(*, limit: int = 5) -> list[WorkstreamEntry]:
    """The workstreams with their lead and partner units, public indicators and the
    newest `limit` published records of each kind (and their counts). A fixed number
    of queries: the workstreams and their three relations, then one per kind (two
    for strategies and integrity measures, with their audiences and partners)."""
    workstreams = workstream_list().prefetch_related(
        Prefetch("lead_units", queryset=Unit.objects.order_by("name")),
        Prefetch("partner_units", queryset=Unit.objects.order_by("name")),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.filter(is_public=True).order_by("code"),
        ),
    )
    entries = {
        workstream.pk: WorkstreamEntry(
            workstream=workstream,
            shown={kind: [] for kind in PUBLIC_KINDS},
            totals=dict.fromkeys(PUBLIC_KINDS, 0),
        )
        for workstream in workstreams
    }
    for kind, (published, related, prefetched) in PUBLIC_KINDS.items():
        newest = _newest_per_workstream(
            published().select_related(*related).prefetch_related(*prefetched), limit=limit
        )
        for record in newest:
            entry = entries.get(record.workstream_id)
            if entry is not None:
                entry.shown[kind].append(record)
                entry.totals[kind] = record.in_workstream
    return list(entries.values())


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    count: int


def improvement_stage_counts_public() -> list[StageCount]:
    """Published process improvements per stage, every stage listed (one query)."""
    counts = dict(
        improvement_list_public()
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return [
        StageCount(stage=stage, label=label, count=counts.get(stage, 0))
        for stage, label in ProcessImprovement.Stage.choices
    ]


def status_counts(records_qs: QuerySet) -> dict[str, int]:
    """How many of the records are in each review status (one query)."""
    return monitoring_selectors.status_counts(records_qs)


@dataclass(frozen=True)
class Coverage:
    """The share of staff an integrity measure covers, in percent (None: not known, or
    a group too small to show)."""

    total: Decimal | None
    women: Decimal | None
    men: Decimal | None

    @property
    def known(self) -> bool:
        return self.total is not None


def coverage_public(measure: IntegrityMeasure) -> Coverage:
    """Shares, never counts of people: a share of a group smaller than the disclosure
    threshold (disclosure.THRESHOLD, 5) is not shown, since with a known staff size it
    would give away how many people were covered. Computed by models.percentage, the
    one place a percentage is."""

    def share(covered, staff):
        if covered is None or staff is None or staff < disclosure.THRESHOLD:
            return None
        return percentage(covered, staff)

    women = share(measure.staff_covered_women, measure.staff_women)
    men = share(measure.staff_covered_men, measure.staff_men)
    counted = [
        (covered, staff)
        for covered, staff in (
            (measure.staff_covered_women, measure.staff_women),
            (measure.staff_covered_men, measure.staff_men),
        )
        if covered is not None and staff is not None
    ]
    total = (
        share(sum(covered for covered, _ in counted), sum(staff for _, staff in counted))
        if counted
        else None
    )
    return Coverage(total=total, women=women, men=men)
