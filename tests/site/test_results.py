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


# --- /results/: a line per component ----------------------------------------------


def test_results_overview_counts_each_components_results_and_tracks(
    client, component, other_component, unit, quarters
):
    result = ResultFactory(component=component, code="2.1", title="Coordination structures")
    reached = _indicator(component, unit, result=result, code="2.1.a")
    IndicatorUpdateFactory(indicator=reached, period=quarters[0], status=APPROVED, value=10000)
    short = _indicator(component, unit, result=result, code="2.1.b")
    IndicatorUpdateFactory(indicator=short, period=quarters[0], status=APPROVED, value=2000)
    _indicator(component, unit, result=result, code="2.1.c")  # nothing approved
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
        component,
        unit,
        result=ResultFactory(component=component, code="2.3", title="Internal only"),
        code="2.3.a",
        title="Internal coordination meetings",
        is_public=False,
    )

    response = client.get(reverse("site:results"))

    html = response.content.decode()
    text = _text(response)
    assert response.status_code == 200
    # Measured at the end of 2019 Q1, the latest period with approved figures, when
    # a quarter of the term (2019) had passed: 20% of the way is behind.
    assert "Measured on 31 March 2019: 2019 Q1 is the latest reporting period" in text
    assert (
        "Component 2: Connectivity and urbanisation 2 results, 4 published indicators: "
        "1 on track, 1 behind, 1 without approved figures yet; 1 described in words."
    ) in text
    assert f'href="{reverse("site:results_component", args=["connectivity"])}"' in html
    assert "Component 3: Diversity No results of this component have been published yet." in text
    assert reverse("site:results_component", args=["diversity-inclusion"]) not in html
    # A line per component: no indicator, chart or table.
    for detail in ("2.1.a", "Cities applying", "Internal", "<table", "<svg", "<figure"):
        assert detail not in html
    assert html.count("<h1") == 1


def test_results_overview_keeps_the_old_anchors(client, component, unit):
    _indicator(component, unit)

    html = client.get(reverse("site:results")).content.decode()

    assert 'id="connectivity"' in html  # /results/#connectivity still leads somewhere


# --- /results/<slug>/: a component's results in full --------------------------------

RESULTS = reverse("site:results_component", args=["connectivity"])


def test_results_page_shows_only_approved_values(client, component, unit, quarters):
    indicator = _indicator(component, unit)
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
    assert response.status_code == 200
    assert "Component 2 Results of Connectivity and urbanisation" in text
    assert "Outcome 2.1: Coordination structures are in place" in text
    assert "2.1.a Cities applying the assessment framework" in text
    assert "4,321 cities, as of 2019 Q1" in text
    assert "0 cities (2018)" in text  # the baseline and its year
    assert "10,000 cities (2021)" in text  # the target and its year
    assert "43.2% of the way from baseline to target" in text
    for unapproved in ("8,765", "6,543", "5,432", "2019 Q2", "2019 Q3", "2019 Q4"):
        assert unapproved not in text


def test_results_page_says_how_each_indicator_is_counted(client, component, unit, quarters):
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

    text = _text(client.get(RESULTS))

    # Cumulative: the baseline plus every approved quarter.
    assert "35 cities, as of 2019 Q2" in text
    assert "the actual is the baseline plus all approved quarters so far" in text
    # Lower is better: 120 → 100 of the way to 80 is half.
    assert "Lower is better" in text
    assert "100 days, as of 2019 Q1" in text
    assert "50% of the way from baseline to target" in text
    assert "the actual is the latest approved quarter's figure" in text.replace("&#x27;", "'")
    # Percentages from numerator and denominator.
    assert "62.5%, as of 2019 Q3" in text
    assert "% of recommendations" in text


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

    html = client.get(RESULTS).content.decode()

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

    text = _text(client.get(RESULTS))

    assert "Focal points nominated in all member states." in text
    assert "Latest approved description, 2019 Q2" in text
    assert "Terms of reference drafted." in text  # in the table of earlier descriptions
    assert "must not show" not in text
    assert "described in words, not measured" in text


def test_results_page_charts_have_a_text_alternative_and_a_table(client, component, unit, quarters):
    indicator = _indicator(component, unit, target_value=Decimal("20"))
    for period, value in zip(quarters[:3], (4, 9, 12), strict=True):
        IndicatorUpdateFactory(indicator=indicator, period=period, status=APPROVED, value=value)

    html = client.get(RESULTS).content.decode()

    assert html.count("<h1") == 1
    chart = re.search(
        r'<svg class="results-series__svg"[^>]*role="img"[^>]*>\s*<title[^>]*>([^<]+)', html
    )
    assert chart, "the column chart needs role=img and a title"
    assert "4 cities in 2019 Q1, 12 cities in 2019 Q3; the target is 20 cities" in chart.group(1)
    # The progress bars are decoration: the number is written next to each.
    assert re.search(r'<svg class="results-progress"[^>]*aria-hidden="true"', html)
    assert "60%" in _text_of(html)
    # The data table behind each chart.
    assert "<caption" in html
    assert "Actual value of indicator 2.1.a by quarter" in html
    assert '<th scope="col">Quarter</th>' in html
    assert '<th scope="col">Actual (cities)</th>' in html
    assert '<th scope="row">2019 Q3</th><td>12</td>' in html
    assert "Indicators of result 2.1: baseline, target and the latest approved actual" in html


def _text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_results_page_without_a_framework_says_so(client, component):
    response = client.get(reverse("site:results"))

    assert response.status_code == 200
    assert "No results have been published yet." in _text(response)
    assert response.content.decode().count("<h1") == 1


def test_indicator_without_approved_values_says_so(client, component, unit, quarters):
    indicator = _indicator(component, unit)
    IndicatorUpdateFactory(indicator=indicator, period=quarters[0], status=SUBMITTED, value=3)

    text = _text(client.get(RESULTS))

    assert "Cities applying the assessment framework" in text
    assert "No approved figures yet." in text
    assert "no approved figures yet" in text  # in the summary chart and table


def _results(component, unit, count: int) -> None:
    """`count` results of the component, each with one public indicator."""
    for number in range(1, count + 1):
        result = ResultFactory(
            component=component, code=f"2.{number}", title=f"Result number {number}", order=number
        )
        _indicator(component, unit, result=result, code=f"2.{number}.a")


def test_results_page_is_open_to_everyone_and_404_for_an_unknown_component(client, component):
    assert client.get(RESULTS).status_code == 200
    assert client.get("/results/no-such-component/").status_code == 404


def test_results_page_explains_progress_once(client, component, unit):
    _results(component, unit, 3)

    html = client.get(RESULTS).content.decode()

    assert html.count("Only figures that a programme adviser has checked and approved") == 1
    assert html.count('class="results-indicator"') == 3
    assert html.count("<h1") == 1


@pytest.mark.parametrize(("count", "pages"), [(10, 1), (11, 2)])
def test_results_page_shows_ten_results_a_page(client, component, unit, count, pages):
    _results(component, unit, count)

    first = client.get(RESULTS)

    html = first.content.decode()
    assert first.context["page_obj"].paginator.num_pages == pages
    assert [entry.result.code for entry in first.context["results"]] == [
        f"2.{number}" for number in range(1, 11)
    ]
    assert ('aria-label="Pages of results"' in html) is (pages > 1)
    if pages > 1:
        assert "Results 1 to 10 of 11." in _text(first)
        assert '<a class="page-link fw-bold text-body" href="?page=1" aria-current="page"' in html
        assert 'href="?page=2" aria-label="Page 2"' in html
        second = client.get(RESULTS, {"page": 2})
        assert [entry.result.code for entry in second.context["results"]] == ["2.11"]
        assert "Results 11 to 11 of 11." in _text(second)
        assert "<title>Results of Connectivity and urbanisation (page 2 of 2) ·" in (
            second.content.decode()
        )
        assert 'href="?page=1"' in second.content.decode()


@pytest.mark.parametrize(("page", "shown"), [("abc", 1), ("0", 2), ("-1", 2), ("999", 2)])
def test_results_page_answers_a_bad_page_number_with_a_page(client, component, unit, page, shown):
    """Not a number: the first page; out of range: the last (Paginator.get_page)."""
    _results(component, unit, 11)

    response = client.get(RESULTS, {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == shown


def test_results_page_lists_only_results_with_public_indicators(client, component, unit):
    _results(component, unit, 2)
    internal = ResultFactory(component=component, code="2.9", title="Internal only")
    _indicator(component, unit, result=internal, code="2.9.a", is_public=False)

    response = client.get(RESULTS)

    assert [entry.result.code for entry in response.context["results"]] == ["2.1", "2.2"]
    assert "Internal only" not in response.content.decode()


def test_results_link_in_the_navigation(client, component):
    html = client.get(reverse("site:results")).content.decode()

    assert f'<a href="{reverse("site:results")}" aria-current="page">Results</a>' in html
    home = client.get(reverse("site:home")).content.decode()
    assert f'<a href="{reverse("site:results")}">Results</a>' in home


# --- Component pages ---------------------------------------------------------------


def test_component_page_shows_its_own_results_only(
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

    response = client.get(reverse("site:component_detail", args=["connectivity"]))

    text = _text(response)
    assert "Outcome 2.1: Coordination structures are in place" in text
    assert "2.1.a Cities applying the assessment framework" in text
    assert "250 cities" in text
    assert "Women in management positions" not in text
    assert f'href="{RESULTS}"' in response.content.decode()


@pytest.mark.parametrize(("count", "cut"), [(6, False), (7, True)])
def test_component_page_shows_six_results_and_links_to_the_rest(
    client, component, unit, count, cut
):
    _results(component, unit, count)

    response = client.get(reverse("site:component_detail", args=["connectivity"]))

    html = response.content.decode()
    text = _text(response)
    assert [entry.result.code for entry in response.context["results"]] == [
        f"2.{number}" for number in range(1, 7)
    ]
    assert ("All 7 results of this component" in text) is cut
    assert ("the first 6 of 7 results" in text) is cut
    assert "Result number 7" not in text
    assert f'href="{RESULTS}"' in html


def test_component_page_lists_approved_public_activities_only(
    client, component, other_component, unit
):
    partner = PartnerFactory(name="Centre for International Law", acronym="CIL")
    states = [MemberStateFactory(name="Viet Nam"), MemberStateFactory(name="Lao PDR")]
    shown = ActivityFactory(
        component=component,
        unit=unit,
        title="ASUS city assessment workshop",
        activity_type="workshop",
        start_date=datetime.date(2019, 10, 8),
        end_date=datetime.date(2019, 10, 10),
        status=APPROVED,
        is_public=True,
    )
    shown.member_states.set(states)
    shown.partners.set([partner])
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

    text = _text(client.get(reverse("site:component_detail", args=["connectivity"])))

    assert "ASUS city assessment workshop" in text
    assert "8 October 2019 to 10 October 2019 · Workshop" in text
    assert "ASEAN Connectivity Division (ACD)" in text
    assert "Lao PDR, Viet Nam" in text
    assert "Centre for International Law (CIL)" in text
    for hidden in (
        "A draft activity",
        "A submitted activity",
        "A returned activity",
        "An internal meeting",
        "Another component's workshop",
    ):
        assert hidden not in text


def test_component_page_shows_the_newest_twenty_activities(client, component, unit):
    for day in range(1, 22):
        ActivityFactory(
            component=component,
            unit=unit,
            title=f"Coordination meeting of {day:02d} March",
            start_date=datetime.date(2020, 3, day),
            status=APPROVED,
            is_public=True,
        )

    text = _text(client.get(reverse("site:component_detail", args=["connectivity"])))

    assert "The newest 20 of 21 activities" in text
    assert "Coordination meeting of 21 March" in text
    assert "Coordination meeting of 02 March" in text
    assert "Coordination meeting of 01 March" not in text
    assert text.index("of 21 March") < text.index("of 20 March")


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

    response = client.get(reverse("site:component_detail", args=["connectivity"]))

    html = response.content.decode()
    text = _text(response)
    assert "People who took part in the 1 published activity" in text
    # 56 people, rounded on its own: not 30 + 5 (the shown cells) nor 32 + 21 + 3.
    assert "Participants, rounded to the nearest 5 55" in text
    assert '<th scope="row">Women</th><td>30</td>' in html
    # 3 is under 5, and men (the next smallest) is hidden so 3 cannot be worked out.
    assert '<th scope="row">Other or not stated</th><td>fewer than 5</td>' in html
    assert '<th scope="row">Men</th><td>hidden</td>' in html
    # “Not stated” is 0, shown as fewer than 5; the 7 with disabilities are hidden to protect it.
    assert '<th scope="row">Persons without disabilities</th><td>50</td>' in html
    assert '<th scope="row">Persons with disabilities</th><td>hidden</td>' in html
    assert '<th scope="row">Disability not stated</th><td>fewer than 5</td>' in html
    for exact in ("56", "32", "21", "49"):
        assert f"<td>{exact}</td>" not in html
    assert html.count('<th scope="col">Participants, rounded to the nearest 5</th>') == 2
    assert html.count('aria-describedby="participation-note"') == 2


def test_component_page_says_how_participation_is_rounded(client, component, unit):
    ActivityFactory(component=component, unit=unit, status=APPROVED, is_public=True)

    text = _text(client.get(reverse("site:component_detail", args=["connectivity"])))

    assert "every number of people here is rounded to the nearest 5" in text
    assert "7 people are shown as 5, and 8 as 10" in text
    assert "A group of fewer than 5 people, or of none, is shown as “fewer than 5”" in text
    assert "the next smallest is “hidden” too" in text
    assert "The total is rounded on its own, so the groups in a table may not add up to it" in text
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

    text = _text(client.get(reverse("site:component_detail", args=["connectivity"])))

    assert "Participants, rounded to the nearest 5 fewer than 5" in text
    assert "Women 2" not in text
    assert "Women fewer than 5" in text


# --- Disclosure control that survives comparison -----------------------------------


def _people_figures(response) -> dict[str, str]:
    """The participation figures as a visitor reads them: group → what the page says."""
    html = response.content.decode()
    section = html[html.index('id="participation-title"') :]
    figures = dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', section))
    figures["Participants"] = re.search(r"<dd>([^<]+)</dd>", section).group(1).strip()
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
