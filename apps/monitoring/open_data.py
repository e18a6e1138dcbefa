"""What monitoring publishes on /open-data/ (apps.core.open_data, docs/open-data.md):
public indicators with their approved values per period, approved public activities,
and participation in them as aggregates through the disclosure rule."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from apps.core.open_data import Column, Dataset, disclosed
from apps.programme.models import Component, MemberState, Partner

from . import disclosure, selectors

# --- Indicators -----------------------------------------------------------------------

INDICATOR_COLUMNS = (
    Column("component", _("The component's slug, e.g. “connectivity”.")),
    Column("result_code", _("The result's code in the results framework, e.g. “2.1”.")),
    Column("result_level", _("The result's level: impact, outcome or output.")),
    Column("result_title", _("What the result says will change.")),
    Column("indicator_code", _("The indicator's code, unique within its result, e.g. “2.1.a”.")),
    Column("indicator_title", _("What the indicator measures.")),
    Column("measure", _("number, percentage or qualitative (described in words).")),
    Column("unit_of_measure", _("What a number counts, e.g. “staff members”.")),
    Column("direction", _("increase (higher is better) or decrease (lower is better).")),
    Column(
        "cumulative_rule",
        _(
            "non_cumulative: a period's value is the level reached then; cumulative: the "
            "periods' values add up to the actual."
        ),
    ),
    Column("baseline_year", _("The year of the baseline.")),
    Column("baseline_value", _("The value before the programme.")),
    Column("target_year", _("The year the target is to be reached.")),
    Column("target_value", _("The value aimed for.")),
    Column("period", _("The reporting period's name, e.g. “2019 Q2”; empty without data.")),
    Column("period_start", _("The period's first day (ISO date).")),
    Column("period_end", _("The period's last day (ISO date).")),
    Column(
        "actual_value",
        _(
            "The indicator's value as of the period, from approved reports only "
            "(cumulated where the rule says so; percentages to one decimal)."
        ),
    ),
    Column("narrative", _("The approved description of progress in the period.")),
)


def indicator_rows():
    """One row per public indicator and period with an approved value; an indicator
    without one yet has one row with the period columns empty. Two queries."""
    indicators = list(selectors.indicator_list_public())
    progress = selectors.indicator_progress(indicators=indicators)
    for indicator in indicators:
        result = indicator.result
        common = {
            "component": result.component.slug,
            "result_code": result.code,
            "result_level": result.level,
            "result_title": result.title,
            "indicator_code": indicator.code,
            "indicator_title": indicator.title,
            "measure": indicator.measure,
            "unit_of_measure": indicator.unit_of_measure,
            "direction": indicator.direction,
            "cumulative_rule": indicator.cumulative_rule,
            "baseline_year": indicator.baseline_year,
            "baseline_value": indicator.baseline_value,
            "target_year": indicator.target_year,
            "target_value": indicator.target_value,
        }
        series = progress[indicator.pk].series
        if not series:
            yield {
                **common,
                "period": None,
                "period_start": None,
                "period_end": None,
                "actual_value": None,
                "narrative": "",
            }
        for entry in series:
            yield {
                **common,
                "period": entry.period.name,
                "period_start": entry.period.start,
                "period_end": entry.period.end,
                "actual_value": entry.value,
                "narrative": entry.narrative,
            }


# --- Activities -----------------------------------------------------------------------

ACTIVITY_COLUMNS = (
    Column("id", _("The activity's number in the portal: stable, never reused.")),
    Column("title", _("What took place.")),
    Column(
        "activity_type",
        _("workshop, meeting, training, study, strategy, launch or other."),
    ),
    Column("component", _("The component's slug.")),
    Column("unit", _("The abbreviation of the ASEC unit that ran it, e.g. “CRD”.")),
    Column("start_date", _("The day it took place or began (ISO date).")),
    Column("end_date", _("The day it ended, when it lasted more than one day.")),
    Column("location", _("Where it took place.")),
    Column(
        "member_states",
        _("The member states involved: ISO 3166-1 alpha-2 codes separated by “;”."),
    ),
    Column("partners", _("The partner organisations, separated by “;”.")),
    Column(
        "participants",
        _(
            "How many took part, through the disclosure rule: rounded to the nearest 5, "
            "“<5” under 5; empty for studies and strategies."
        ),
    ),
)


def activity_rows():
    """Approved activities marked public, newest first. Three queries."""
    activities = (
        selectors.activity_list_public()
        .select_related(None)
        .select_related("unit", "component")
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("member_states", queryset=MemberState.objects.order_by("iso_code")),
            Prefetch("partners", queryset=Partner.objects.order_by("name")),
        )
    )
    for activity in activities:
        without = activity.activity_type in selectors.WITHOUT_PARTICIPANTS
        yield {
            "id": activity.pk,
            "title": activity.title,
            "activity_type": activity.activity_type,
            "component": activity.component.slug,
            "unit": activity.unit.abbreviation,
            "start_date": activity.start_date,
            "end_date": activity.end_date,
            "location": activity.location,
            "member_states": ";".join(state.iso_code for state in activity.member_states.all()),
            "partners": ";".join(partner.name for partner in activity.partners.all()),
            "participants": None
            if without
            else disclosed(disclosure.figure(activity.participants_total)),
        }


# --- Participation ----------------------------------------------------------------------

# The cells of selectors.participation_public's breakdowns, in its order.
SEX_GROUPS = ("women", "men", "sex_other")
DISABILITY_GROUPS = ("with_disability", "without_disability", "disability_not_stated")

PARTICIPATION_COLUMNS = (
    Column("component", _("The component's slug, or “all” for the whole programme.")),
    Column("breakdown", _("total, sex, disability or member_state.")),
    Column(
        "group",
        _(
            "The group within the breakdown: women, men, sex_other; with_disability, "
            "without_disability, disability_not_stated; a member state's name, or "
            "not_recorded. Empty for the total."
        ),
    ),
    Column(
        "participants",
        _(
            "Participants of approved public activities, through the disclosure rule: "
            "rounded to the nearest 5, “<5” under 5, “suppressed” when hidden so that a "
            "small cell cannot be worked out. Cells need not add up to the total."
        ),
    ),
)


def participation_rows():
    """Participation over approved public activities, for the programme and for each
    component: the total and each breakdown cell. Two queries for each of them (the
    components are a fixed few)."""
    scopes = [("all", None)] + [
        (component.slug, component) for component in Component.objects.order_by("number")
    ]
    for slug, component in scopes:
        summary = selectors.participation_public(component=component)
        rows = [("total", "", disclosed(summary.total))]
        for name, keys, cells in (
            ("sex", SEX_GROUPS, summary.by_sex),
            ("disability", DISABILITY_GROUPS, summary.by_disability),
        ):
            rows.extend(
                (name, key, disclosed(cell.figure)) for key, cell in zip(keys, cells, strict=True)
            )
        not_recorded = str(selectors.NOT_RECORDED)
        rows.extend(
            (
                "member_state",
                "not_recorded" if cell.label == not_recorded else cell.label,
                disclosed(cell.figure),
            )
            for cell in summary.by_member_state
        )
        for breakdown, group, value in rows:
            yield {"component": slug, "breakdown": breakdown, "group": group, "participants": value}


def datasets() -> list[Dataset]:
    return [
        Dataset(
            slug="indicators",
            title=_("Indicators and their values per period"),
            description=_(
                "One row per public indicator and reporting period with an approved value; "
                "an indicator without approved values yet has one row with the period "
                "columns empty. Values that are drafts, submitted or returned are never "
                "included."
            ),
            columns=INDICATOR_COLUMNS,
            rows=indicator_rows,
        ),
        Dataset(
            slug="activities",
            title=_("Activities"),
            description=_(
                "One row per activity a programme adviser approved and its unit marked "
                "public. Participants are a total through the disclosure rule; the "
                "breakdowns by sex, disability and member state are only published as "
                "aggregates (the participation dataset)."
            ),
            columns=ACTIVITY_COLUMNS,
            rows=activity_rows,
        ),
        Dataset(
            slug="participation",
            title=_("Participation in activities"),
            description=_(
                "One row per figure: the participants of all approved public activities, "
                "for the programme and for each component, in total and by sex, by "
                "disability and by member state."
            ),
            columns=PARTICIPATION_COLUMNS,
            rows=participation_rows,
        ),
    ]
