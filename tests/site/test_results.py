"""The public results: /results/ and the results, activities and participation on component pages.

Only approved updates of public indicators, and approved public activities, may show.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.monitoring import services
from apps.monitoring.models import Indicator, ReviewStatus
from tests.accounts.factories import AdviserFactory
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
    ResultFactory,
)
from tests.programme.factories import (
    ComponentFactory,
    MemberStateFactory,
    PartnerFactory,
    ProgrammeFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db

APPROVED, SUBMITTED, RETURNED, DRAFT = (
    ReviewStatus.APPROVED,
    ReviewStatus.SUBMITTED,
    ReviewStatus.RETURNED,
    ReviewStatus.DRAFT,
)


@pytest.fixture
def component():
    programme = ProgrammeFactory()
    return ComponentFactory(
        programme=programme, number=2, slug="connectivity", title="Connectivity and urbanisation"
    )


@pytest.fixture
def other_component(component):
    return ComponentFactory(
        programme=component.programme, number=3, slug="diversity-inclusion", title="Diversity"
    )


@pytest.fixture
def unit(component):
    return UnitFactory(
        name="ASEAN Connectivity Division", abbreviation="ACD", components=[component]
    )


@pytest.fixture
def quarters():
    """2019 Q1 to 2019 Q4."""
    return [ReportingPeriodFactory(start=datetime.date(2019, month, 1)) for month in (1, 4, 7, 10)]


def _text(response) -> str:
    """The page's main content as text, tags removed and spaces collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _indicator(component, unit, **kwargs) -> Indicator:
    result = kwargs.pop("result", None) or ResultFactory(
        component=component, code="2.1", title="Coordination structures are in place"
    )
    defaults = {
        "result": result,
        "code": "2.1.a",
        "title": "Cities applying the assessment framework",
        "unit_of_measure": "cities",
        "baseline_value": Decimal("0"),
        "target_value": Decimal("10000"),
        "responsible_unit": unit,
    }
    return IndicatorFactory(**{**defaults, **kwargs})


# --- /results/ and /results/<slug>/: summary, tabs, one card per indicator ------------

RESULTS = reverse("site:results_component", args=["connectivity"])


def test_results_summary_counts_how_far_indicators_have_come(
    client, component, other_component, unit, quarters
):
    result = ResultFactory(component=component, code="2.1", title="Coordination structures")
    reached = _indicator(component, unit, result=result, code="2.1.a")
    IndicatorUpdateFactory(indicator=reached, period=quarters[0], status=APPROVED, value=10000)
    three_quarters = _indicator(component, unit, result=result, code="2.1.b")
    IndicatorUpdateFactory(
        indicator=three_quarters, period=quarters[0], status=APPROVED, value=7500
    )
    short = _indicator(component, unit, result=result, code="2.1.c")
    IndicatorUpdateFactory(indicator=short, period=quarters[0], status=APPROVED, value=7490)
    _indicator(component, unit, result=result, code="2.1.d")  # nothing approved
    _indicator(
        component,
        unit,
        result=ResultFactory(component=component, code="2.2"),
        code="2.2.a",
        measure=Indicator.Measure.QUALITATIVE,
        baseline_value=None,
        target_value=None,
    )
    _indicator(
        component, unit, result=result, code="2.3.a", title="Internal meetings", is_public=False
    )

    response = client.get(reverse("site:results"))

    text = _text(response)
    assert response.status_code == 200
    assert "Where things stand, as of 2019 Q1" in text
    assert (
        "2 of 4 measured indicators have reached at least three quarters of their target."
    ) in text
    assert "1 reached or passed their target" in text
    assert "2 without a figure yet or described in words" in text
    # The rule and the reference day, once.
    assert text.count("an indicator is on track when its progress is at least the share") == 1
    assert "Measured on 31 March 2019, the end of 2019 Q1" in text
    assert "Internal meetings" not in text
    assert response.content.decode().count("<h1") == 1


def test_results_tabs_link_every_component_and_mark_the_current_one(
    client, component, other_component, unit
):
    _indicator(component, unit)

    everything = client.get(reverse("site:results")).content.decode()
    one = client.get(RESULTS).content.decode()

    all_tab = f'<a class="results-tabs__tab" href="{reverse("site:results")}" aria-current="page">'
    assert all_tab in everything
    assert 'href="/results/diversity-inclusion/"' in everything
    assert 'href="/results/connectivity/" aria-current="page"' in one
    assert f'href="{reverse("site:results")}">' in one  # "All components", not current
    assert one.count('aria-current="page"') == everything.count('aria-current="page"')


def test_results_page_shows_one_card_per_indicator_with_approved_values(
    client, component, unit, quarters
):
    indicator = _indicator(component, unit, means_of_verification="Minutes of the meetings.")
    for period, status, value in zip(
        quarters,
        (APPROVED, SUBMITTED, RETURNED, DRAFT),
        ("4321", "8765", "6543", "5432"),
        strict=True,
    ):
        IndicatorUpdateFactory(
            indicator=indicator, period=period, status=status, value=Decimal(value)
        )

    response = client.get(RESULTS)

    text = _text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Component 2 Results of Connectivity and urbanisation" in text
    assert "Outcome 2.1 · Indicator 2.1.a Cities applying the assessment framework" in text
    assert "4,321 of 10,000 cities" in text
    assert "43.2% of the way to target" in text
    assert "As of 2019 Q1 · Higher is better" in text
    # The reference sheet, one click away.
    assert "<details" in html
    assert "Details of indicator 2.1.a" in text
    assert "0 cities (2018)" in text  # the baseline and its year
    assert "10,000 cities (2021)" in text  # the target and its year
    assert "Minutes of the meetings." in text
    for unapproved in ("8,765", "6,543", "5,432", "2019 Q2", "2019 Q3", "2019 Q4"):
        assert unapproved not in text
    assert html.count('class="portal-indicator ') == 1  # told once


def test_results_cards_say_how_each_indicator_is_counted(client, component, unit, quarters):
    cumulative = _indicator(
        component,
        unit,
        baseline_value=Decimal("5"),
        target_value=Decimal("100"),
        cumulative_rule=Indicator.CumulativeRule.CUMULATIVE,
    )
    IndicatorUpdateFactory(indicator=cumulative, period=quarters[0], status=APPROVED, value=10)
    IndicatorUpdateFactory(indicator=cumulative, period=quarters[1], status=APPROVED, value=20)
    lower = _indicator(
        component,
        unit,
        result=cumulative.result,
        code="2.1.b",
        title="Days to agree a plan",
        unit_of_measure="days",
        baseline_value=Decimal("120"),
        target_value=Decimal("80"),
        direction=Indicator.Direction.DECREASE,
    )
    IndicatorUpdateFactory(indicator=lower, period=quarters[0], status=APPROVED, value=100)
    share = _indicator(
        component,
        unit,
        result=cumulative.result,
        code="2.1.c",
        title="Recommendations followed up",
        measure=Indicator.Measure.PERCENTAGE,
        unit_of_measure="% of recommendations",
        baseline_value=Decimal("40"),
        target_value=Decimal("80"),
    )
    IndicatorUpdateFactory(
        indicator=share, period=quarters[2], status=APPROVED, value=None, numerator=5, denominator=8
    )

    text = _text(client.get(RESULTS)).replace("&#x27;", "'")

    # Cumulative: the baseline plus every approved period.
    assert "35 of 100 cities" in text
    assert "As of 2019 Q2" in text
    assert "Each period adds to the baseline; the actual is the running total." in text
    # Lower is better: 120 → 100 of the way to 80 is half.
    assert "100 days; target 80 or fewer" in text
    assert "50% of the way to target" in text
    assert "Lower is better" in text
    # Percentages from numerator and denominator.
    assert "62.5% against a target of 80%" in text
    assert "Each period is a share of its own; the latest counts." in text


@pytest.mark.parametrize(
    ("value", "state"),
    [(10000, "Target reached"), (10001, "Target reached"), (9990, "Behind")],
)
def test_results_card_states_its_progress_in_words(client, component, unit, quarters, value, state):
    """Measured at the end of 2021: the term is over, so anything short of the target
    is behind; the state is written, never colour alone."""
    indicator = _indicator(component, unit)
    late = ReportingPeriodFactory(start=datetime.date(2021, 10, 1))
    IndicatorUpdateFactory(indicator=indicator, period=late, status=APPROVED, value=value)

    html = client.get(RESULTS).content.decode()

    assert f'<span class="portal-progress__state">{state}</span>' in html
    assert re.search(r'<svg class="portal-progress__bar"[^>]*aria-hidden="true"', html)


def test_results_page_hides_internal_indicators(client, component, unit, quarters):
    public = _indicator(component, unit)
    internal = _indicator(
        component,
        unit,
        result=public.result,
        code="2.1.z",
        title="Internal coordination meetings",
        is_public=False,
    )
    IndicatorUpdateFactory(indicator=internal, period=quarters[0], status=APPROVED, value=7)

    for url in (RESULTS, reverse("site:results")):
        html = client.get(url).content.decode()
        assert "Cities applying the assessment framework" in html
        assert "Internal coordination meetings" not in html
        assert "2.1.z" not in html


def test_results_page_shows_the_latest_approved_narrative(client, component, unit, quarters):
    indicator = _indicator(
        component,
        unit,
        measure=Indicator.Measure.QUALITATIVE,
        title="Status of the coordination mechanism",
        baseline_value=None,
        target_value=None,
    )
    narratives = [
        (APPROVED, "Terms of reference drafted."),
        (APPROVED, "Focal points nominated in all member states."),
        (RETURNED, "A returned narrative that must not show."),
        (DRAFT, "A draft narrative that must not show."),
    ]
    for period, (status, narrative) in zip(quarters, narratives, strict=True):
        IndicatorUpdateFactory(
            indicator=indicator, period=period, status=status, value=None, narrative=narrative
        )

    html = client.get(RESULTS).content.decode()
    text = _text_of(html)

    assert "Focal points nominated in all member states." in text
    assert "Described in words, not measured · as of 2019 Q2" in text
    assert "Approved descriptions of indicator 2.1.a by period" in text
    assert '<th scope="row">2019 Q1</th><td>Terms of reference drafted.</td>' in html
    assert "must not show" not in text
    assert '<svg class="portal-chart__svg"' not in html  # no chart for words


def test_results_chart_is_labelled_and_true_to_time(client, component, unit, quarters):
    """Approved figures in 2019 Q1, Q2 and Q4: the missing Q3 leaves a gap, the axis has
    labelled values, the target and baseline lines are labelled, and the table holds
    every figure."""
    indicator = _indicator(component, unit, baseline_value=Decimal("2"), target_value=Decimal("20"))
    for period, value in zip([quarters[0], quarters[1], quarters[3]], (4, 9, 12), strict=True):
        IndicatorUpdateFactory(indicator=indicator, period=period, status=APPROVED, value=value)

    html = client.get(RESULTS).content.decode()

    svg = re.search(r'<svg class="portal-chart__svg".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg
    assert "style=" not in svg
    title = re.search(r"<title[^>]*>([^<]+)</title>", svg).group(1)
    assert "Column chart of indicator 2.1.a, 3 periods with approved figures" in title
    assert "4 in 2019 Q1, 12 in 2019 Q4. Target 20. Baseline 2." in title
    # A labelled value axis: 0 to 25 in steps of 5.
    labels = re.findall(r'<text x="\d+" y="[\d.]+" dy="0.35em">([^<]+)</text>', svg)
    assert labels == ["0", "5", "10", "15", "20", "25"]
    assert ">Target 20</text>" in svg
    assert ">Baseline 2</text>" in svg
    assert ">2019</text>" in svg
    # Time-true: the gap between Q2 and Q4 is twice the step between Q1 and Q2.
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width', svg)]
    assert len(xs) == 3
    step = xs[1] - xs[0]
    assert xs[2] - xs[1] == pytest.approx(2 * step, rel=0.05)
    # The latest value is written on its column.
    assert 'class="portal-chart__value"' in svg
    assert ">12</text>" in svg
    # The table behind it: caption, scopes, numbers right-aligned.
    assert "<caption" in html
    assert "Indicator 2.1.a by period, in cities" in html
    assert '<th scope="col" class="portal-table__num">Actual</th>' in html
    assert '<th scope="row">2019 Q4</th><td class="portal-table__num">12</td>' in html
    assert '<td class="portal-table__num">55.6%</td>' in html  # (12 − 2) / (20 − 2)


def test_results_chart_of_a_percentage_runs_to_100(client, component, unit, quarters):
    share = _indicator(
        component,
        unit,
        measure=Indicator.Measure.PERCENTAGE,
        baseline_value=Decimal("40"),
        target_value=Decimal("80"),
    )
    IndicatorUpdateFactory(
        indicator=share, period=quarters[0], status=APPROVED, value=None, numerator=1, denominator=2
    )

    svg = re.search(
        r'<svg class="portal-chart__svg".*?</svg>', client.get(RESULTS).content.decode(), re.S
    ).group(0)

    labels = re.findall(r'<text x="\d+" y="[\d.]+" dy="0.35em">([^<]+)</text>', svg)
    assert labels == ["0%", "25%", "50%", "75%", "100%"]
    assert ">Target 80%</text>" in svg


def _text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_results_page_without_a_framework_says_so(client, component):
    response = client.get(reverse("site:results"))

    assert response.status_code == 200
    assert "No results have been published yet." in _text(response)
    assert "Where things stand" not in _text(response)
    assert response.content.decode().count("<h1") == 1


def test_indicator_without_approved_values_says_so(client, component, unit, quarters):
    indicator = _indicator(component, unit)
    IndicatorUpdateFactory(indicator=indicator, period=quarters[0], status=SUBMITTED, value=3)

    text = _text(client.get(RESULTS))

    assert "Cities applying the assessment framework" in text
    assert "No approved figures yet; the target is 10,000 cities." in text
    assert "of the way to target" not in text


def _results(component, unit, count: int) -> None:
    """`count` results of the component, each with one public indicator."""
    for number in range(1, count + 1):
        result = ResultFactory(
            component=component, code=f"2.{number}", title=f"Result number {number}", order=number
        )
        _indicator(component, unit, result=result, code=f"2.{number}.a")


def test_results_page_is_open_to_everyone_and_404_for_an_unknown_component(client, component):
    assert client.get(reverse("site:results")).status_code == 200
    assert client.get(RESULTS).status_code == 200
    assert client.get("/results/no-such-component/").status_code == 404


def test_results_page_explains_progress_once(client, component, unit):
    _results(component, unit, 3)

    html = client.get(RESULTS).content.decode()

    assert html.count("is how far an indicator has moved from its baseline") == 1
    assert html.count('class="portal-indicator ') == 3
    assert html.count("<h1") == 1


@pytest.mark.parametrize(("count", "pages"), [(15, 1), (16, 2)])
def test_results_page_shows_fifteen_indicators_a_page(client, component, unit, count, pages):
    _results(component, unit, count)

    first = client.get(RESULTS)

    html = first.content.decode()
    assert first.context["page_obj"].paginator.num_pages == pages
    assert [item.indicator.code for item in first.context["indicators"]] == [
        f"2.{number}.a" for number in range(1, 16)
    ]
    assert ('aria-label="Pages of indicators"' in html) is (pages > 1)
    if pages > 1:
        assert "Indicators 1 to 15 of 16." in _text(first)
        second = client.get(RESULTS, {"page": 2})
        assert [item.indicator.code for item in second.context["indicators"]] == ["2.16.a"]
        assert "<title>Results of Connectivity and urbanisation (page 2 of 2) ·" in (
            second.content.decode()
        )
        everything = client.get(reverse("site:results"), {"page": 2})
        assert [item.indicator.code for item in everything.context["indicators"]] == ["2.16.a"]


@pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("0", 2), ("-1", 2), ("999", 2)])
def test_results_page_answers_a_bad_page_number_with_a_page(client, component, unit, page, shown):
    """Not a number: the first page; out of range: the last (Paginator.get_page)."""
    _results(component, unit, 16)

    for url in (RESULTS, reverse("site:results")):
        response = client.get(url, {"page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == shown


def test_results_of_a_component_list_only_its_own_indicators(
    client, component, other_component, unit
):
    _results(component, unit, 2)
    _indicator(
        other_component,
        UnitFactory(components=[other_component]),
        result=ResultFactory(component=other_component, code="3.1"),
        code="3.1.a",
        title="Staff trained",
    )

    one = client.get(RESULTS)
    everything = client.get(reverse("site:results"))

    assert [item.indicator.code for item in one.context["indicators"]] == ["2.1.a", "2.2.a"]
    assert [item.indicator.code for item in everything.context["indicators"]] == [
        "2.1.a",
        "2.2.a",
        "3.1.a",
    ]
    assert "Component 3 · Outcome 3.1 · Indicator 3.1.a" in _text(everything)


def test_results_link_in_the_navigation(client, component):
    html = client.get(reverse("site:results")).content.decode()

    assert f'<a href="{reverse("site:results")}" aria-current="page">Results</a>' in html
    home = client.get(reverse("site:home")).content.decode()
    assert f'<a href="{reverse("site:results")}">Results</a>' in home


# --- Component pages ---------------------------------------------------------------

COMPONENT = reverse("site:component_detail", args=["connectivity"])


def test_component_page_leads_with_its_aims_without_a_stray_heading(client, component, unit):
    component.aims = "Better coordinated connectivity across the region."
    component.save()

    html = client.get(COMPONENT).content.decode()

    assert ">Aims<" not in html
    lead = re.search(r'<p class="portal-lead[^"]*">([^<]+)</p>', html)
    assert lead
    assert lead.group(1) == "Better coordinated connectivity across the region."
    main = html[html.index("<main") :]
    assert main.index("<h1") < main.index("Better coordinated connectivity")


def test_component_page_shows_its_own_indicators_once(
    client, component, other_component, unit, quarters
):
    indicator = _indicator(component, unit)
    IndicatorUpdateFactory(indicator=indicator, period=quarters[0], status=APPROVED, value=250)
    elsewhere = _indicator(
        other_component,
        UnitFactory(components=[other_component]),
        result=ResultFactory(component=other_component, code="3"),
        code="3.a",
        title="Women in management positions",
    )
    IndicatorUpdateFactory(indicator=elsewhere, period=quarters[0], status=APPROVED, value=9)

    response = client.get(COMPONENT)

    html = response.content.decode()
    text = _text(response)
    assert "Outcome 2.1 · Indicator 2.1.a Cities applying the assessment framework" in text
    assert "250 of 10,000 cities" in text
    assert html.count("2.5% of the way to target") == 1  # once, not twice
    assert html.count('class="portal-indicator ') == 1
    assert "Women in management positions" not in text
    assert f'href="{RESULTS}"' in html


@pytest.mark.parametrize(("count", "cut"), [(6, False), (7, True)])
def test_component_page_shows_six_indicators_and_links_to_the_rest(
    client, component, unit, count, cut
):
    _results(component, unit, count)

    response = client.get(COMPONENT)

    text = _text(response)
    assert [item.indicator.code for item in response.context["indicators"]] == [
        f"2.{number}.a" for number in range(1, 7)
    ]
    assert ("The first 6 of 7 indicators." in text) is cut
    assert ("All 7 indicators of Connectivity and urbanisation" in text) is cut
    assert "2.7.a" not in text
    assert f'href="{RESULTS}"' in response.content.decode()


def test_component_page_lists_approved_public_activities_as_cards(
    client, component, other_component, unit
):
    states = [MemberStateFactory(name="Viet Nam"), MemberStateFactory(name="Lao PDR")]
    MemberStateFactory(name="Thailand")  # a member that did not take part
    shown = ActivityFactory(
        component=component,
        unit=unit,
        title="ASUS city assessment workshop",
        activity_type="workshop",
        location="Hanoi",
        start_date=datetime.date(2019, 10, 8),
        end_date=datetime.date(2019, 10, 10),
        status=APPROVED,
        is_public=True,
        participants_women=12,
        participants_men=9,
        participants_sex_other=1,
    )
    shown.member_states.set(states)
    for status, title in (
        (DRAFT, "A draft activity"),
        (SUBMITTED, "A submitted activity"),
        (RETURNED, "A returned activity"),
    ):
        ActivityFactory(component=component, unit=unit, title=title, status=status, is_public=True)
    ActivityFactory(component=component, unit=unit, title="An internal meeting", status=APPROVED)
    ActivityFactory(
        component=other_component, title="Another component's workshop", status=APPROVED,
        is_public=True,
    )  # fmt: skip

    html = client.get(COMPONENT).content.decode()
    text = _text_of(html)

    assert (
        "8 October 2019 to 10 October 2019 ASUS city assessment workshop Workshop · Hanoi" in text
    )
    assert "With Lao PDR and Viet Nam" in text
    assert "about 20 participants" in text  # 22, rounded to the nearest 5
    assert html.count('class="portal-activity"') == 1
    for hidden in (
        "A draft activity",
        "A submitted activity",
        "A returned activity",
        "An internal meeting",
        "Another component&#x27;s workshop",
    ):
        assert hidden not in html


@pytest.mark.parametrize(
    ("states", "day", "expected"),
    [
        (10, datetime.date(2019, 5, 14), "With all 10 member states"),
        (9, datetime.date(2019, 5, 14), "With 9 member states"),
        (3, datetime.date(2019, 5, 14), "With State 0, State 1 and State 2"),
        (10, datetime.date(2026, 1, 14), "With 10 member states"),  # 11 members by then
    ],
)
def test_activity_card_summarises_member_states(client, component, unit, states, day, expected):
    """All ten when every state that was a member that day took part; Timor-Leste joined
    in 2025, so ten of eleven is not all."""
    members = [
        MemberStateFactory(name=f"State {n}", joined_on=datetime.date(1967, 8, 8))
        for n in range(10)
    ]
    MemberStateFactory(name="Timor-Leste", joined_on=datetime.date(2025, 10, 26))
    activity = ActivityFactory(
        component=component, unit=unit, status=APPROVED, is_public=True, start_date=day
    )
    activity.member_states.set(members[:states])

    assert expected in _text(client.get(COMPONENT))


@pytest.mark.parametrize(
    ("women", "men", "kind", "expected"),
    [
        (2, 2, "workshop", "fewer than 5 participants"),
        (0, 0, "workshop", "fewer than 5 participants"),  # a 0 is never shown as 0
        (3, 3, "workshop", "about 5 participants"),
        (40, 0, "study", None),
    ],
)
def test_activity_card_words_participants_for_a_reader(
    client, component, unit, women, men, kind, expected
):
    ActivityFactory(
        component=component,
        unit=unit,
        status=APPROVED,
        is_public=True,
        activity_type=kind,
        participants_women=women,
        participants_men=men,
        participants_sex_other=0,
    )

    html = client.get(COMPONENT).content.decode()
    card = re.search(r'<article class="portal-activity">.*?</article>', html, re.S).group(0)
    text = _text_of(card)

    if expected is None:
        assert "participants" not in text
    else:
        assert expected in text
    assert "hidden" not in text
    assert "Men" not in text


def test_component_page_lists_real_partners_only(client, component, unit):
    from apps.programme.models import Partner

    asec = PartnerFactory(name="ASEAN Secretariat", kind=Partner.Kind.EXECUTING_AGENCY)
    giz = PartnerFactory(name="GIZ", kind=Partner.Kind.IMPLEMENTING_AGENCY)
    cil = PartnerFactory(
        name="Centre for International Law", acronym="CIL", kind=Partner.Kind.PARTNER_INSTITUTION
    )
    unrelated = PartnerFactory(name="Unrelated Foundation", kind=Partner.Kind.DEVELOPMENT_PARTNER)
    internal = PartnerFactory(name="Only in internal work", kind=Partner.Kind.BUSINESS_SPONSOR)
    public = ActivityFactory(component=component, unit=unit, status=APPROVED, is_public=True)
    public.partners.set([asec, giz, cil])
    hidden = ActivityFactory(component=component, unit=unit, status=APPROVED, is_public=False)
    hidden.partners.set([internal])
    del unrelated

    text = _text(client.get(COMPONENT))

    section = text[text.index("Partners Organisations") :]
    assert "Centre for International Law (CIL) Partner institution" in section
    for absent in ("ASEAN Secretariat", "GIZ", "Unrelated Foundation", "Only in internal work"):
        assert absent not in section


def test_component_page_without_partners_has_no_partners_section(client, component, unit):
    ActivityFactory(component=component, unit=unit, status=APPROVED, is_public=True)

    assert 'id="partners-title"' not in client.get(COMPONENT).content.decode()


def test_component_page_shows_the_newest_twelve_activities(client, component, unit):
    for day in range(1, 14):
        ActivityFactory(
            component=component,
            unit=unit,
            title=f"Coordination meeting of {day:02d} March",
            start_date=datetime.date(2020, 3, day),
            status=APPROVED,
            is_public=True,
        )

    text = _text(client.get(COMPONENT))

    assert "The newest 12 of 13 published activities." in text
    assert "Coordination meeting of 13 March" in text
    assert "Coordination meeting of 02 March" in text
    assert "Coordination meeting of 01 March" not in text
    assert text.index("of 13 March") < text.index("of 12 March")


def test_component_page_rounds_participation_and_hides_small_cells(client, component, unit):
    ActivityFactory(
        component=component,
        unit=unit,
        status=APPROVED,
        is_public=True,
        participants_women=32,
        participants_men=21,
        participants_sex_other=3,
        participants_with_disability=7,
        participants_disability_not_stated=0,
    )
    # Unapproved and internal activities are not counted.
    ActivityFactory(component=component, unit=unit, status=SUBMITTED, is_public=True)
    ActivityFactory(component=component, unit=unit, status=APPROVED, is_public=False)

    response = client.get(COMPONENT)

    html = response.content.decode()
    text = _text(response)
    # 56 people, rounded on its own: not 30 + 5 (the shown cells) nor 32 + 21 + 3.
    assert "About 55 people took part in the 1 published activity" in text
    cell = '<th scope="row">{}</th><td class="portal-table__num">{}</td>'
    assert cell.format("Women", "30") in html
    # 3 is under 5, and men (the next smallest) is not shown so 3 cannot be worked out.
    assert cell.format("Other or not stated", "fewer than 5") in html
    assert cell.format("Men", "not shown") in html
    # “Not stated” is 0, shown as fewer than 5; the 7 with disabilities are not shown.
    assert cell.format("Persons without disabilities", "50") in html
    assert cell.format("Persons with disabilities", "not shown") in html
    assert cell.format("Disability not stated", "fewer than 5") in html
    assert "hidden" not in text
    for exact in ("56", "32", "21", "49"):
        assert f">{exact}</td>" not in html
    assert html.count('aria-describedby="participation-note"') == 2


def test_component_page_says_how_participation_is_rounded(client, component, unit):
    ActivityFactory(component=component, unit=unit, status=APPROVED, is_public=True)

    text = _text(client.get(COMPONENT))

    assert "every number of people is rounded to the nearest 5: 7 people are shown as 5" in text
    assert "A group of fewer than 5 people, or of none, is written “fewer than 5”" in text
    assert "the next smallest is not shown either" in text
    assert "The total is rounded on its own, so the groups may not add up to it" in text
    # The note comes before the figures it explains.
    assert text.index("rounded to the nearest 5: 7 people") < text.index("Participants by sex")


def test_component_page_says_fewer_than_five_for_a_small_total(client, component, unit):
    ActivityFactory(
        component=component,
        unit=unit,
        status=APPROVED,
        is_public=True,
        participants_women=2,
        participants_men=1,
        participants_sex_other=0,
        participants_with_disability=0,
    )

    text = _text(client.get(COMPONENT))

    assert "Fewer than 5 people took part in the 1 published activity" in text
    assert "Women 2" not in text
    assert "Women fewer than 5" in text


# --- Disclosure control that survives comparison -----------------------------------


def _people_figures(response) -> dict[str, str]:
    """The participation figures as a visitor reads them: group → what the page says."""
    html = response.content.decode()
    section = html[html.index('id="participation-title"') :]
    figures = dict(
        re.findall(
            r'<th scope="row">([^<]+)</th><td class="portal-table__num">([^<]+)</td>', section
        )
    )
    figures["Participants"] = re.search(r"About <strong[^>]*>([^<]+)</strong>", section).group(1)
    return figures


def _counts_behind(shown: str) -> range:
    """What a visitor who read the note can tell a figure stands for."""
    if shown == "fewer than 5":
        return range(5)
    value = int(shown.replace(",", ""))
    return range(max(5, value - 2), value + 3)


def test_comparing_two_versions_of_a_component_page_recovers_no_small_count(
    client, component, unit
):
    """The probe of issue 8: save the page, approve one public activity with 3 women and
    2 persons with disabilities, save it again. Plain subtraction of what the two pages
    say must not give 3 or 2 (it would without rounding: 120 → 123, 6 → 8)."""
    ActivityFactory(
        component=component,
        unit=unit,
        status=APPROVED,
        is_public=True,
        participants_women=120,
        participants_men=100,
        participants_sex_other=10,
        participants_with_disability=6,
        participants_disability_not_stated=10,
    )
    small = ActivityFactory(
        component=component,
        unit=unit,
        status=SUBMITTED,
        is_public=True,
        participants_women=3,
        participants_men=4,
        participants_sex_other=0,
        participants_with_disability=2,
        participants_disability_not_stated=0,
    )
    url = reverse("site:component_detail", args=["connectivity"])
    before = _people_figures(client.get(url))

    services.activity_approve(activity=small, reviewer=AdviserFactory())
    after = _people_figures(client.get(url))

    assert "2 published activities" in _text(client.get(url))
    true_change = {
        "Participants": 7,
        "Women": 3,
        "Men": 4,
        "Other or not stated": 0,
        "Persons with disabilities": 2,
        "Persons without disabilities": 5,
        "Disability not stated": 0,
    }
    assert before.keys() == after.keys() == true_change.keys()
    for group in ("Women", "Persons with disabilities"):
        # What a visitor does: subtract the first page's figure from the second's.
        assert int(after[group]) - int(before[group]) != true_change[group], group
    assert (before["Women"], after["Women"]) == ("120", "125")
    assert (before["Persons with disabilities"], after["Persons with disabilities"]) == ("5", "10")
    for group, change in true_change.items():
        # Even knowing the rule, the visitor is left with several possible changes.
        possible = {
            later - earlier
            for earlier in _counts_behind(before[group])
            for later in _counts_behind(after[group])
            if later >= earlier
        }
        assert change in possible, group
        assert len(possible) > 1, group


def test_component_page_without_monitoring_data(client, component, unit):
    response = client.get(reverse("site:component_detail", args=["connectivity"]))

    text = _text(response)
    assert response.status_code == 200
    assert "No results for this component have been published yet." in text
    assert "No activities of this component have been published yet." in text
    assert "No participation figures yet" in text
    assert response.content.decode().count("<h1") == 1


def test_unknown_component_is_still_404(client, component):
    response = client.get("/components/no-such-component/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
