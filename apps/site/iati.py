"""The programme as one IATI 2.03 activity: /open-data/iati-activities.xml.

Built with lxml from the database: the programme's facts, its components' aims, the
member states of its term, and its results framework with the public indicators and
their approved values (the same reads as /results/). The choices a publisher makes
are documented in docs/open-data.md, "The IATI activity file"; in short:

- identifier: PORTAL_IATI_ACTIVITY_IDENTIFIER; while empty, derived from the
  reporting organisation and the term (`activity_identifier`);
- reporting organisation: PORTAL_IATI_REPORTING_ORG_REF / _NAME, type 10
  (Government: GIZ is federally owned and reports so);
- participating organisations: BMZ funding (1), the ASEAN Secretariat accountable
  (2, the lead executing agency, type 40 multilateral), GIZ implementing (4);
- status by the term: implementation (2) until its end, finalisation (3) in the
  year after, closed (4) since;
- dates: planned and actual start on 1 January of the first year, planned end on
  31 December of the last, actual end once the term is over (the programme records
  years, not days);
- recipient countries: the states that were ASEAN members during the term, in
  equal shares (the programme serves the Secretariat of them all);
- sector: DAC 5-digit 15110, public sector policy and administrative management;
- a <result> per result of the framework with public indicators, an <indicator> per
  public indicator: baseline, and a <period> per reporting period with an approved
  value (actual), the target in the period that ends in the target year (or a
  period of that whole year); breakdowns of number indicators (non-cumulative) as
  further <actual>s with a <dimension>, every figure through the disclosure rule.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from lxml import etree

from apps.monitoring import disclosure
from apps.monitoring import selectors as monitoring_selectors
from apps.monitoring.models import Disaggregation, Indicator, Result, ReviewStatus
from apps.programme import selectors as programme_selectors
from apps.programme.models import Partner, Programme

IATI_VERSION = "2.03"
LANGUAGE = "en"
CURRENCY = "EUR"

# Codelists (iatistandard.org/en/iati-standard/203/codelists/).
ORG_TYPE_GOVERNMENT = "10"
ORG_TYPE_MULTILATERAL = "40"
ROLE_FUNDING, ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "1", "2", "4"
STATUS_IMPLEMENTATION, STATUS_FINALISATION, STATUS_CLOSED = "2", "3", "4"
DATE_PLANNED_START, DATE_ACTUAL_START, DATE_PLANNED_END, DATE_ACTUAL_END = "1", "2", "3", "4"
DESCRIPTION_GENERAL, DESCRIPTION_OBJECTIVES = "1", "2"
SECTOR_VOCABULARY_DAC = "1"
SECTOR_PUBLIC_ADMINISTRATION = "15110"
RESULT_TYPES = {Result.Level.OUTPUT: "1", Result.Level.OUTCOME: "2", Result.Level.IMPACT: "3"}
MEASURES = {
    Indicator.Measure.NUMBER: "1",
    Indicator.Measure.PERCENTAGE: "2",
    Indicator.Measure.QUALITATIVE: "5",
}

# The funder is not among the programme's partners (they are who works on it).
FUNDING_ORG = {
    "ref": "XM-DAC-5-7",
    "type": ORG_TYPE_GOVERNMENT,
    "name": "Federal Ministry for Economic Cooperation and Development (BMZ)",
}

# The dimension names of the breakdowns, and of the cell for the rest (a member-state
# breakdown need not cover everyone).
DIMENSIONS = {
    Disaggregation.Category.SEX: "sex",
    Disaggregation.Category.DISABILITY: "disability",
    Disaggregation.Category.MEMBER_STATE: "member state",
}
NOT_RECORDED = "not recorded"


def activity_identifier(programme: Programme) -> str:
    """PORTAL_IATI_ACTIVITY_IDENTIFIER, or "<reporting org ref>-ASEC-<first>-<last year>"
    while the publisher has not set one (docs/open-data.md)."""
    configured = settings.PORTAL_IATI_ACTIVITY_IDENTIFIER.strip()
    if configured:
        return configured
    ref = settings.PORTAL_IATI_REPORTING_ORG_REF
    return f"{ref}-ASEC-{programme.start_year}-{programme.end_year}"


def activity_status(programme: Programme, *, today: datetime.date) -> str:
    if today.year <= programme.end_year:
        return STATUS_IMPLEMENTATION
    if today.year == programme.end_year + 1:
        return STATUS_FINALISATION
    return STATUS_CLOSED


def number(value: Decimal | int) -> str:
    """A plain number: 62.5, 1250 (no exponent, no trailing zeros)."""
    return f"{Decimal(value).normalize():f}"


def shares(count: int) -> list[Decimal]:
    """`count` percentages to two decimals that add up to exactly 100."""
    if count == 0:
        return []
    each = (Decimal(100) / count).quantize(Decimal("0.01"))
    return [each] * (count - 1) + [Decimal(100) - each * (count - 1)]


def _narrative(parent, text: str):
    element = etree.SubElement(parent, "narrative")
    element.text = text
    return element


def _text_element(parent, tag: str, text: str, **attributes):
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v})
    _narrative(element, text)
    return element


def build_activities(*, today: datetime.date | None = None) -> bytes | None:
    """The IATI XML document (UTF-8 bytes), or None when there is no programme.
    A fixed number of queries whatever the data."""
    programme = programme_selectors.programme_get_current()
    if programme is None:
        return None
    today = today or timezone.localdate()
    root = etree.Element(
        "iati-activities",
        {
            "version": IATI_VERSION,
            "generated-datetime": timezone.now().replace(microsecond=0).isoformat(),
        },
    )
    activity = etree.SubElement(
        root,
        "iati-activity",
        {
            "{http://www.w3.org/XML/1998/namespace}lang": LANGUAGE,
            "default-currency": CURRENCY,
            "hierarchy": "1",
        },
    )
    etree.SubElement(activity, "iati-identifier").text = activity_identifier(programme)
    _text_element(
        activity,
        "reporting-org",
        settings.PORTAL_IATI_REPORTING_ORG_NAME,
        ref=settings.PORTAL_IATI_REPORTING_ORG_REF,
        type=ORG_TYPE_GOVERNMENT,
    )
    _text_element(activity, "title", programme.title)
    _text_element(activity, "description", programme.summary, type=DESCRIPTION_GENERAL)
    components = list(programme_selectors.component_list(programme=programme))
    if components:
        _text_element(
            activity,
            "description",
            " ".join(
                f"{component.number}. {component.title}: {component.aims}"
                for component in components
            ),
            type=DESCRIPTION_OBJECTIVES,
        )
    _participating_orgs(activity, programme)
    status = activity_status(programme, today=today)
    etree.SubElement(activity, "activity-status", code=status)
    start = datetime.date(programme.start_year, 1, 1)
    end = datetime.date(programme.end_year, 12, 31)
    dates = [(DATE_PLANNED_START, start), (DATE_ACTUAL_START, start), (DATE_PLANNED_END, end)]
    if status != STATUS_IMPLEMENTATION:
        dates.append((DATE_ACTUAL_END, end))
    for kind, day in dates:
        etree.SubElement(activity, "activity-date", type=kind, **{"iso-date": day.isoformat()})
    states = list(
        programme_selectors.member_states_between(first=start, last=end).order_by("iso_code")
    )
    for state, share in zip(states, shares(len(states)), strict=True):
        country = etree.SubElement(
            activity, "recipient-country", code=state.iso_code, percentage=number(share)
        )
        _narrative(country, state.name)
    sector = etree.SubElement(
        activity,
        "sector",
        vocabulary=SECTOR_VOCABULARY_DAC,
        code=SECTOR_PUBLIC_ADMINISTRATION,
        percentage="100",
    )
    _narrative(sector, "Public sector policy and administrative management")
    _results(activity)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _participating_orgs(activity, programme: Programme) -> None:
    _text_element(
        activity,
        "participating-org",
        FUNDING_ORG["name"],
        ref=FUNDING_ORG["ref"],
        type=FUNDING_ORG["type"],
        role=ROLE_FUNDING,
    )
    agencies = {
        partner.kind: partner
        for partner in Partner.objects.filter(
            kind__in=(Partner.Kind.EXECUTING_AGENCY, Partner.Kind.IMPLEMENTING_AGENCY)
        ).order_by("pk")
    }
    executing = agencies.get(Partner.Kind.EXECUTING_AGENCY)
    _text_element(
        activity,
        "participating-org",
        str(executing) if executing else programme.lead_executing_agency,
        type=ORG_TYPE_MULTILATERAL,
        role=ROLE_ACCOUNTABLE,
    )
    _text_element(
        activity,
        "participating-org",
        settings.PORTAL_IATI_REPORTING_ORG_NAME or programme.implementing_agency,
        ref=settings.PORTAL_IATI_REPORTING_ORG_REF,
        type=ORG_TYPE_GOVERNMENT,
        role=ROLE_IMPLEMENTING,
    )


def _results(activity) -> None:
    """Four queries: results, their public indicators, the approved values, and the
    approved breakdowns."""
    entries = monitoring_selectors.result_progress_public(
        results=monitoring_selectors.result_list_public()
    )
    breakdowns = _breakdowns()
    for entry in entries:
        result = entry.result
        element = etree.SubElement(activity, "result", type=RESULT_TYPES.get(result.level, "9"))
        _text_element(element, "title", f"{result.code} {result.title}")
        if result.description:
            _text_element(element, "description", result.description)
        for progress in entry.indicators:
            _indicator(element, progress, breakdowns)


def _indicator(result_element, progress, breakdowns) -> None:
    indicator = progress.indicator
    attributes = {"measure": MEASURES[indicator.measure]}
    if indicator.measure != Indicator.Measure.QUALITATIVE:
        attributes["ascending"] = (
            "1" if indicator.direction == Indicator.Direction.INCREASE else "0"
        )
    element = etree.SubElement(result_element, "indicator", attributes)
    _text_element(element, "title", f"{indicator.code} {indicator.title}")
    description = indicator.definition
    if indicator.unit_of_measure:
        description = f"{description} Unit: {indicator.unit_of_measure}.".strip()
    if description:
        _text_element(element, "description", description)
    if indicator.baseline_year:
        baseline = etree.SubElement(element, "baseline", year=str(indicator.baseline_year))
        if indicator.baseline_value is not None:
            baseline.set("value", number(indicator.baseline_value))
    target_period = _target_period(indicator, progress.series)
    with_breakdowns = (
        indicator.measure == Indicator.Measure.NUMBER
        and indicator.cumulative_rule == Indicator.CumulativeRule.NON_CUMULATIVE
    )
    periods = list(progress.series)
    if target_period is None and indicator.target_value is not None and indicator.target_year:
        periods.append(None)  # the target year on its own
    for entry in periods:
        if entry is None:
            start = datetime.date(indicator.target_year, 1, 1)
            end = datetime.date(indicator.target_year, 12, 31)
        else:
            start, end = entry.period.start, entry.period.end
        period = etree.SubElement(element, "period")
        etree.SubElement(period, "period-start", {"iso-date": start.isoformat()})
        etree.SubElement(period, "period-end", {"iso-date": end.isoformat()})
        if entry is None or entry is target_period:
            etree.SubElement(period, "target", value=number(indicator.target_value))
        if entry is None:
            continue
        actual = etree.SubElement(period, "actual")
        if entry.value is not None:
            actual.set("value", number(entry.value))
        if entry.narrative:
            comment = etree.SubElement(actual, "comment")
            _narrative(comment, entry.narrative)
        if with_breakdowns:
            cells = breakdowns.get((indicator.pk, entry.period.pk), {})
            for category, counts in cells.items():
                _breakdown_actuals(period, category, counts, total=entry.value)


def _target_period(indicator, series):
    """The latest approved period that ends in the target year, if any."""
    if indicator.target_value is None or not indicator.target_year:
        return None
    in_year = [entry for entry in series if entry.period.end.year == indicator.target_year]
    return in_year[-1] if in_year else None


def _breakdowns() -> dict[tuple[int, int], dict[str, dict[str, int]]]:
    """{(indicator id, period id): {category: {group: count}}} of approved updates of
    public indicators (one query). Member states by ISO code."""
    rows = (
        Disaggregation.objects.filter(
            update__status=ReviewStatus.APPROVED, update__indicator__is_public=True
        )
        .order_by("category", "pk")
        .values_list(
            "update__indicator_id",
            "update__period_id",
            "category",
            "group",
            "member_state__iso_code",
            "value",
        )
    )
    cells: dict = defaultdict(lambda: defaultdict(dict))
    for indicator_id, period_id, category, group, iso_code, value in rows:
        key = iso_code if category == Disaggregation.Category.MEMBER_STATE else group
        cells[(indicator_id, period_id)][category][key] = int(value)
    return cells


def _breakdown_actuals(period, category: str, counts: dict[str, int], *, total) -> None:
    """One <actual> a cell the disclosure rule shows as a number; cells it withholds
    ("fewer than 5", hidden) are left out. Those not in any group count as a cell of
    their own, so that the complementary cell protects a single small group."""
    counts = dict(counts)
    if total is not None:
        rest = int(total) - sum(counts.values())
        if rest > 0:
            counts[NOT_RECORDED] = rest
    for group, figure in disclosure.breakdown(counts).items():
        if figure.withheld or group == NOT_RECORDED:
            continue
        actual = etree.SubElement(period, "actual", value=number(figure.value))
        etree.SubElement(actual, "dimension", name=DIMENSIONS[category], value=group)
