"""Reads of the programme's shared records. Other apps use these, not raw queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models import Component, MemberState, Milestone, Partner, Programme, Unit


def programme_get_current() -> Programme | None:
    """The programme the portal is about: the one that started most recently."""
    return Programme.objects.order_by("-start_year", "pk").first()


def component_list(*, programme: Programme) -> QuerySet[Component]:
    return Component.objects.filter(programme=programme).order_by("number")


def component_list_all() -> QuerySet[Component]:
    """Every component, by number, with its programme (the results page links to the
    term's annual summaries): the results pages' tabs."""
    return Component.objects.select_related("programme").order_by("number", "pk")


def component_get_with_units(*, slug: str) -> QuerySet[Component]:
    """The component with that slug (as a queryset, for get_object_or_404), units prefetched."""
    units = Unit.objects.order_by("name")
    return Component.objects.filter(slug=slug).prefetch_related(Prefetch("units", queryset=units))


def unit_list() -> QuerySet[Unit]:
    return Unit.objects.prefetch_related(
        Prefetch("components", queryset=Component.objects.order_by("number"))
    ).order_by("name")


def member_state_list(*, on: date | None = None) -> QuerySet[MemberState]:
    """The member states, founders first; with `on`, only those that were members that
    day (Timor-Leste joined in 2025: not a member for a 2019 activity)."""
    states = MemberState.objects.order_by("joined_on", "name")
    return states if on is None else states.filter(joined_on__lte=on)


def member_states_between(*, first: date, last: date) -> QuerySet[MemberState]:
    """The states that were members at some time from `first` to `last`: those that
    had joined by `last` (no state has left ASEAN; a state has no leaving date)."""
    if last < first:
        return MemberState.objects.none()
    return member_state_list(on=last)


def partner_list(*, exclude_kinds: tuple[str, ...] = ()) -> QuerySet[Partner]:
    """The partners by kind and name, without those of `exclude_kinds` (e.g. the
    executing agency, the Secretariat itself, on its own staff's forms)."""
    partners = Partner.objects.order_by("kind", "name")
    return partners.exclude(kind__in=exclude_kinds) if exclude_kinds else partners


# Partners of ASEC's own work are the others: the Secretariat (executing agency) and
# GIZ (implementing agency) run the programme and are not its partners.
RUNNING_THE_PROGRAMME = (Partner.Kind.EXECUTING_AGENCY, Partner.Kind.IMPLEMENTING_AGENCY)


def partner_list_for_activities(*, activities: QuerySet) -> QuerySet[Partner]:
    """The partners that took part in these activities (e.g. a component's public
    ones), by kind and name, without the executing and implementing agencies
    (RUNNING_THE_PROGRAMME). One query; `activities` is a queryset of the
    monitoring app's activities, passed in, so this app does not import it."""
    return (
        Partner.objects.filter(activities__in=activities.order_by().values("pk"))
        .exclude(kind__in=RUNNING_THE_PROGRAMME)
        .distinct()
        .order_by("kind", "name")
    )


def milestone_list(*, programme: Programme) -> QuerySet[Milestone]:
    return Milestone.objects.filter(programme=programme).order_by("date")


@dataclass(frozen=True)
class KeyFigures:
    member_states_today: int
    member_states_in_term: int
    components: int
    units: int
    partners: int
    population_millions: int | None
    term: str


def programme_key_figures(*, programme: Programme, today: date | None = None) -> KeyFigures:
    """Counts for the home page, all from the database.

    ASEAN grew after the programme's term (Timor-Leste joined in 2025), so the
    member states are counted both today and at the end of the term.
    """
    today = today or timezone.localdate()
    end_of_term = date(programme.end_year, 12, 31)
    return KeyFigures(
        member_states_today=MemberState.objects.filter(joined_on__lte=today).count(),
        member_states_in_term=MemberState.objects.filter(joined_on__lte=end_of_term).count(),
        components=Component.objects.filter(programme=programme).count(),
        units=Unit.objects.count(),
        partners=Partner.objects.count(),
        population_millions=programme.region_population_millions,
        term=programme.term,
    )
