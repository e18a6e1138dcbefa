"""The report's sentences and table rows, written once for the print page, the Word
document and the public summary, so that the three say the same thing in the same words.
Numbers go through apps.core.formats, dates through the locale's formats."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.monitoring.models import Result

from .selectors import (
    BehindLine,
    ComponentSection,
    EventLine,
    Highlight,
    IndicatorLine,
    Participation,
    ProgressReport,
)

DISCLOSURE_NOTE = gettext_lazy(
    "To protect the people counted, every number of people is rounded to the nearest 5: "
    "7 people are shown as 5, and 8 as 10. A group of fewer than 5 people, or of none, is "
    "written “fewer than 5”. Where only one group in a table is that small, the next "
    "smallest is not shown either, so that it cannot be worked out from the total. The "
    "total is rounded on its own, so the groups may not add up to it."
)


def day(value) -> str:
    return date_format(value)


def short_day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def title(report: ProgressReport) -> str:
    if report.span.is_year:
        return _("Progress report %(year)s") % {"year": report.span.label}
    return _("Progress report for the whole term, %(term)s") % {"term": report.span.label}


def as_of(report: ProgressReport) -> str:
    """ "Figures as of 31 December 2020; data last changed on 14 January 2021." """
    figures = _("Figures as of %(day)s") % {"day": day(report.measured_on)}
    if report.data_changed is None:
        return _("%(figures)s; no approved data yet.") % {"figures": figures}
    return _("%(figures)s; data last changed on %(changed)s.") % {
        "figures": figures,
        "changed": day(report.data_changed),
    }


def audience(report: ProgressReport) -> str:
    if report.for_publication:
        return _(
            "For publication: public indicators, public activities and published events "
            "only; every number of people is rounded to the nearest 5, under the portal's "
            "disclosure rule."
        )
    return _(
        "For advisers: every approved record with exact figures, internal ones included. "
        "Not for publication as it is: prepare the publication version for that."
    )


def how_measured(report: ProgressReport) -> str:
    return _(
        "Only figures a programme adviser approved count, from reporting periods that ended "
        "by %(day)s. Progress is how far an indicator has moved from its baseline (0%%) "
        "towards its target (100%%); an indicator is on track when its progress is at least "
        "the share of its term that had passed on %(day)s, and behind when it is not."
    ) % {"day": day(report.measured_on)}


def summary(report: ProgressReport) -> str:
    tally = report.tally
    parts = [
        ngettext(
            "Of %(count)s measured indicator, %(on_track)s was on track or had reached its "
            "target on %(day)s, and %(behind)s was behind.",
            "Of %(count)s measured indicators, %(on_track)s were on track or had reached "
            "their target on %(day)s, and %(behind)s were behind.",
            tally.measured,
        )
        % {
            "count": tally.measured,
            "on_track": tally.on_track_or_reached,
            "behind": tally.behind,
            "day": day(report.measured_on),
        }
    ]
    if tally.without_data:
        parts.append(
            ngettext(
                "%(count)s had no approved figures yet.",
                "%(count)s had no approved figures yet.",
                tally.without_data,
            )
            % {"count": tally.without_data}
        )
    if tally.described:
        parts.append(
            ngettext(
                "%(count)s more indicator is described in words.",
                "%(count)s more indicators are described in words.",
                tally.described,
            )
            % {"count": tally.described}
        )
    parts.append(
        ngettext(
            "%(count)s approved activity took place in %(span)s,",
            "%(count)s approved activities took place in %(span)s,",
            report.activities,
        )
        % {"count": report.activities, "span": report.span.label}
    )
    parts.append(
        ngettext(
            "and %(count)s event was held.", "and %(count)s events were held.", len(report.events)
        )
        % {"count": len(report.events)}
    )
    return " ".join(parts)


def component_tally(section: ComponentSection) -> str:
    tally = section.tally
    if not tally.indicators:
        return _("No indicators to report.")
    return ngettext(
        "%(count)s measured indicator: %(on_track)s on track or reached, %(behind)s behind, "
        "%(without)s without approved figures; %(described)s described in words.",
        "%(count)s measured indicators: %(on_track)s on track or reached, %(behind)s behind, "
        "%(without)s without approved figures; %(described)s described in words.",
        tally.measured,
    ) % {
        "count": tally.measured,
        "on_track": tally.on_track_or_reached,
        "behind": tally.behind,
        "without": tally.without_data,
        "described": tally.described,
    }


def result_heading(result: Result) -> str:
    return f"{result.get_level_display()} {result.code}: {result.title}"


def indicator_caption(report: ProgressReport, result: Result) -> str:
    return _("Indicators of %(level)s %(code)s as of %(day)s") % {
        "level": result.get_level_display().lower(),
        "code": result.code,
        "day": day(report.measured_on),
    }


def indicator_header(report: ProgressReport) -> list[str]:
    return [
        _("Code"),
        _("Indicator"),
        _("Baseline"),
        _("Target"),
        _("Actual, %(day)s") % {"day": short_day(report.measured_on)},
        _("Progress"),
        _("Status"),
    ]


def indicator_row(line: IndicatorLine) -> list[str]:
    actual = line.actual_text
    if line.item.as_of and line.item.actual is not None:
        actual = f"{actual} ({line.item.as_of})"
    return [
        line.indicator.code,
        line.title_text,
        line.baseline_text,
        line.target_text,
        actual,
        line.progress_text,
        line.state_text,
    ]


def highlights_intro(report: ProgressReport, section: ComponentSection) -> str:
    if not section.activities:
        return _("No approved activities in %(span)s.") % {"span": report.span.label}
    shown = len(section.highlights)
    if shown < section.activities:
        return _(
            "%(shown)s of the component's %(count)s approved activities in %(span)s: those "
            "with the most participants, by date."
        ) % {"shown": shown, "count": section.activities, "span": report.span.label}
    return ngettext(
        "The component's approved activity in %(span)s.",
        "The component's %(count)s approved activities in %(span)s, by date.",
        section.activities,
    ) % {"count": section.activities, "span": report.span.label}


def highlight_header(report: ProgressReport) -> list[str]:
    people = _("Participants (rounded)") if report.for_publication else _("Participants")
    return [_("Date"), _("Activity"), _("Type"), _("Unit"), people]


def highlight_row(highlight: Highlight) -> list[str]:
    activity = highlight.activity
    when = short_day(activity.start_date)
    if activity.end_date and activity.end_date != activity.start_date:
        when = f"{when} – {short_day(activity.end_date)}"
    title = activity.title
    if activity.location:
        title = f"{title} ({activity.location})"
    return [
        when,
        title,
        str(activity.get_activity_type_display()),
        activity.unit.abbreviation,
        highlight.participants_text or "—",
    ]


def people_column(participation: Participation) -> str:
    if participation.disclosed:
        return _("Participants, rounded to the nearest 5")
    return _("Participants")


def participation_intro(participation: Participation, *, scope: str, span: str) -> str:
    if not participation.activities:
        return _("No approved activities of %(scope)s in %(span)s.") % {
            "scope": scope,
            "span": span,
        }
    if participation.disclosed:
        if participation.total_small:
            return ngettext(
                "Fewer than 5 people took part in the %(count)s published activity of "
                "%(scope)s in %(span)s.",
                "Fewer than 5 people took part in the %(count)s published activities of "
                "%(scope)s in %(span)s.",
                participation.activities,
            ) % {"count": participation.activities, "scope": scope, "span": span}
        return ngettext(
            "About %(total)s people took part in the %(count)s published activity of "
            "%(scope)s in %(span)s.",
            "About %(total)s people took part in the %(count)s published activities of "
            "%(scope)s in %(span)s.",
            participation.activities,
        ) % {
            "total": participation.total,
            "count": participation.activities,
            "scope": scope,
            "span": span,
        }
    return ngettext(
        "%(total)s people took part in the %(count)s approved activity of %(scope)s in "
        "%(span)s (exact counts).",
        "%(total)s people took part in the %(count)s approved activities of %(scope)s in "
        "%(span)s (exact counts).",
        participation.activities,
    ) % {
        "total": participation.total,
        "count": participation.activities,
        "scope": scope,
        "span": span,
    }


def event_dates(event: EventLine) -> str:
    if event.end_date and event.end_date != event.start_date:
        return f"{short_day(event.start_date)} – {short_day(event.end_date)}"
    return short_day(event.start_date)


def event_row(event: EventLine) -> list[str]:
    return [event_dates(event), event.title, event.series or "—", event.place or "—"]


def behind_intro(report: ProgressReport) -> str:
    if not report.behind:
        return _("No measured indicator was behind on %(day)s.") % {"day": day(report.measured_on)}
    return ngettext(
        "%(count)s indicator was behind on %(day)s, with the reason given when its latest "
        "figures were reported.",
        "%(count)s indicators were behind on %(day)s, each with the reason given when its "
        "latest figures were reported.",
        len(report.behind),
    ) % {"count": len(report.behind), "day": day(report.measured_on)}


def behind_figures(entry: BehindLine) -> str:
    line = entry.line
    return _("%(actual)s against a target of %(target)s, %(progress)s of the way (%(period)s).") % {
        "actual": line.actual_text,
        "target": line.target_text,
        "progress": line.progress_text,
        "period": line.item.as_of,
    }


def behind_explanation(entry: BehindLine) -> str:
    if entry.explanation:
        return entry.explanation
    return _("No reason was given with the latest approved figures.")
