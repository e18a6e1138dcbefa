"""Participation figures from registrations and attendance (docs/participation.md).

Two counts per person-group, for one event or a whole series:

- **registered**: registrations that hold a place (confirmed) — whoever registered
  and kept their place, by the website, by invitation or from the waiting list;
- **attended**: registrations marked present on at least one day of the event
  (whatever their status now: someone staff marked present was there).

Both are counted by sex × disability × member state × role in ONE aggregate query
(`_grouped`): the rows it returns are the groups, never the people, so the tables
below cost the same for 5 registrations or 5,000.

The figures leave this app in one direction only: `record_participation` writes the
attended counts into the event's monitoring activity (monitoring's service, while
the activity may still be edited), and the results, inclusion and public pages read
them from there — one source. Staff and advisers see the true counts here; the public
never does (apps.monitoring.disclosure, applied where the activity's counts are shown).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.events.models import Event, Series
from apps.monitoring import services as monitoring
from apps.monitoring.models import Activity, ReviewStatus
from apps.programme.models import MemberState

from . import services
from .models import Attendance, Registration

DIMENSIONS = ("sex", "disability", "member_state", "role")
DIMENSION_LABELS = {
    "sex": gettext_lazy("Sex"),
    "disability": gettext_lazy("Disability"),
    "member_state": gettext_lazy("Member state"),
    "role": gettext_lazy("Role"),
}
NO_STATE = gettext_lazy("Outside the member states")
EDITABLE = (ReviewStatus.DRAFT, ReviewStatus.RETURNED)


# --- The one aggregate query ---------------------------------------------------------


def _grouped(registrations: QuerySet[Registration], *, by: Iterable[str] = DIMENSIONS) -> list:
    """Registered and attended per group of `by` (values dicts), one query."""
    present = Attendance.objects.filter(registration=OuterRef("pk"))
    return list(
        registrations.annotate(present=Exists(present))
        .filter(Q(status=Registration.Status.CONFIRMED) | Q(present=True))
        .order_by()
        .values(*by)
        .annotate(
            registered=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            attended=Count("pk", filter=Q(present=True)),
        )
    )


# --- Tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    key: str | int | None
    label: str
    registered: int
    attended: int

    @property
    def attendance_rate(self) -> Decimal | None:
        return share(self.attended, self.registered)


@dataclass
class Breakdown:
    """One dimension: a row per group (every choice, zeros included), then the total."""

    dimension: str
    label: str
    rows: list[Row]
    total: Row


@dataclass
class Cross:
    """Attended (or registered) people by sex (columns) × another dimension (rows)."""

    dimension: str
    label: str
    measure: str
    columns: list[str]
    rows: list[tuple[str, list[int], int]]  # (label, a count per sex, row total)


@dataclass
class ParticipationTables:
    registered: int
    attended: int
    breakdowns: list[Breakdown] = field(default_factory=list)
    crosses: list[Cross] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)  # the full table, a row per combination

    @property
    def women_share(self) -> Decimal | None:
        """The share of women among those who attended, in % (one decimal)."""
        sex = next(b for b in self.breakdowns if b.dimension == "sex")
        women = next(row for row in sex.rows if row.key == Registration.Sex.WOMAN)
        return share(women.attended, self.attended)


def share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _choices(dimension: str, states: dict[int, MemberState]) -> list[tuple]:
    if dimension == "member_state":
        ordered = sorted(states.values(), key=lambda state: state.name)
        return [(state.pk, state.name) for state in ordered] + [(None, str(NO_STATE))]
    return [(value, str(label)) for value, label in Registration._meta.get_field(dimension).choices]


def _states() -> dict[int, MemberState]:
    """Every member state (a dozen rows), so a table lists the states with nobody too."""
    return {state.pk: state for state in MemberState.objects.order_by("name")}


def tables_from_groups(groups: list[dict]) -> ParticipationTables:
    states = _states()
    registered = sum(g["registered"] for g in groups)
    attended = sum(g["attended"] for g in groups)
    tables = ParticipationTables(registered=registered, attended=attended)
    for dimension in DIMENSIONS:
        sums: dict = defaultdict(lambda: [0, 0])
        for group in groups:
            sums[group[dimension]][0] += group["registered"]
            sums[group[dimension]][1] += group["attended"]
        rows = [
            Row(key=key, label=label, registered=sums[key][0], attended=sums[key][1])
            for key, label in _choices(dimension, states)
        ]
        tables.breakdowns.append(
            Breakdown(
                dimension=dimension,
                label=str(DIMENSION_LABELS[dimension]),
                rows=rows,
                total=Row(key="total", label=_("All"), registered=registered, attended=attended),
            )
        )
    sexes = _choices("sex", states)
    for dimension in ("disability", "member_state", "role"):
        counts: dict = defaultdict(int)
        for group in groups:
            counts[(group[dimension], group["sex"])] += group["attended"]
        rows = []
        for key, label in _choices(dimension, states):
            cells = [counts[(key, sex)] for sex, _label in sexes]
            rows.append((label, cells, sum(cells)))
        tables.crosses.append(
            Cross(
                dimension=dimension,
                label=str(DIMENSION_LABELS[dimension]),
                measure="attended",
                columns=[label for _key, label in sexes],
                rows=rows,
            )
        )
    labels = {d: dict(_choices(d, states)) for d in DIMENSIONS}
    tables.groups = sorted(
        (
            {
                **{d: labels[d].get(group[d], str(group[d])) for d in DIMENSIONS},
                "registered": group["registered"],
                "attended": group["attended"],
            }
            for group in groups
        ),
        key=lambda row: tuple(str(row[d]) for d in DIMENSIONS),
    )
    return tables


def event_participation(*, event: Event) -> ParticipationTables:
    """The event's full tables: registered vs attended by each dimension, attended by
    sex × the others, and every combination. Two queries (the groups, the states)."""
    return tables_from_groups(_grouped(Registration.objects.filter(event=event)))


def series_participation(*, series: Series, events: QuerySet[Event]) -> ParticipationTables:
    """The same over the series' editions among `events` (what the person may see)."""
    editions = events.filter(series=series).values("pk")
    return tables_from_groups(_grouped(Registration.objects.filter(event__in=editions)))


@dataclass(frozen=True)
class EditionTrend:
    event: Event
    registered: int
    attended: int
    women: int  # attended
    with_disability: int  # attended

    @property
    def women_share(self) -> Decimal | None:
        return share(self.women, self.attended)

    @property
    def disability_share(self) -> Decimal | None:
        return share(self.with_disability, self.attended)


def series_trend(*, series: Series, events: QuerySet[Event]) -> list[EditionTrend]:
    """Per edition, oldest first: registered, attended, women and persons with
    disabilities among those who attended. Two queries (the editions, the counts)."""
    editions = list(events.filter(series=series).order_by("starts_at", "pk"))
    present = Attendance.objects.filter(registration=OuterRef("pk"))
    counts = {
        row["event"]: row
        for row in Registration.objects.filter(event__in=[e.pk for e in editions])
        .annotate(present=Exists(present))
        .order_by()
        .values("event")
        .annotate(
            registered=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            attended=Count("pk", filter=Q(present=True)),
            women=Count("pk", filter=Q(present=True, sex=Registration.Sex.WOMAN)),
            with_disability=Count(
                "pk", filter=Q(present=True, disability=Registration.Disability.YES)
            ),
        )
    }
    empty = {"registered": 0, "attended": 0, "women": 0, "with_disability": 0}
    return [
        EditionTrend(
            event=edition,
            **{key: counts.get(edition.pk, empty)[key] for key in empty},
        )
        for edition in editions
    ]


# --- Into the event's monitoring activity ---------------------------------------------


@dataclass(frozen=True)
class AttendedCounts:
    """What the activity holds of the attendance: monitoring's fields."""

    women: int
    men: int
    sex_other: int  # other and "prefer not to say"
    with_disability: int
    disability_not_stated: int
    by_state: dict[MemberState, int]

    @property
    def total(self) -> int:
        return self.women + self.men + self.sex_other

    def activity_data(self) -> dict:
        return {
            "participants_women": self.women,
            "participants_men": self.men,
            "participants_sex_other": self.sex_other,
            "participants_with_disability": self.with_disability,
            "participants_disability_not_stated": self.disability_not_stated,
            monitoring.PARTICIPATION: self.by_state,
        }


def attended_counts(*, event: Event) -> AttendedCounts:
    """The people present on at least one day, as the activity counts them (two queries)."""
    Sex, Disability = Registration.Sex, Registration.Disability
    groups = _grouped(Registration.objects.filter(event=event), by=("sex", "disability"))
    by_sex: dict = defaultdict(int)
    by_disability: dict = defaultdict(int)
    for group in groups:
        by_sex[group["sex"]] += group["attended"]
        by_disability[group["disability"]] += group["attended"]
    by_state_rows = (
        Registration.objects.filter(event=event, member_state__isnull=False)
        .filter(Exists(Attendance.objects.filter(registration=OuterRef("pk"))))
        .order_by()
        .values("member_state")
        .annotate(count=Count("pk"))
    )
    counts = {row["member_state"]: row["count"] for row in by_state_rows}
    states = MemberState.objects.in_bulk(list(counts)) if counts else {}
    return AttendedCounts(
        women=by_sex[Sex.WOMAN],
        men=by_sex[Sex.MAN],
        sex_other=by_sex[Sex.OTHER] + by_sex[Sex.NOT_STATED],
        with_disability=by_disability[Disability.YES],
        disability_not_stated=by_disability[Disability.NOT_STATED],
        by_state={states[pk]: count for pk, count in counts.items()},
    )


def record_participation(*, event: Event, user) -> Activity:
    """Write the attended counts (by sex, disability and member state) into the event's
    monitoring activity, through monitoring's `activity_update` (locked, checked,
    audited). Only the event's managers, and only while the activity may be edited
    (a draft, or returned by an adviser): a submitted or approved activity is the
    record an adviser judges or judged, so it is refused with a ValidationError that
    says what to do. PermissionDenied for anyone else."""
    if not services.may_manage(user=user, event=event):
        raise PermissionDenied(_("Only the organising unit's staff record this event's figures."))
    with transaction.atomic():
        event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
        if event.activity_id is None:
            raise ValidationError(
                _("This event has no monitoring activity to record the participants in.")
            )
        activity = Activity.objects.get(pk=event.activity_id)
        if activity.status not in EDITABLE:
            raise ValidationError(
                _(
                    "The event's monitoring activity is %(status)s: its participants can no "
                    "longer be changed. Ask an adviser to return it, then record them again."
                )
                % {"status": activity.get_status_display().lower()}
            )
        counts = attended_counts(event=event)
        if not counts.total:
            raise ValidationError(
                _("Nobody is marked present yet: mark the attendance first, then record it.")
            )
        return monitoring.activity_update(activity=activity, user=user, data=counts.activity_data())
