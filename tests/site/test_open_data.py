"""/open-data/ and its CSV and JSON datasets (docs/open-data.md).

The world built here holds, beside what may be published, every kind of value that
must never be: drafts, submitted, returned and non-public records, internal notes,
reviewers' notes, staff names and e-mails, registrants, evidence file names, raw
workforce counts. Each carries a "LEAK" marker (or is a person's name or address),
and every file is searched for all of them."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.core.open_data import datasets_all
from apps.events.models import Event
from apps.monitoring.models import Disaggregation, ReviewStatus
from apps.programme.models import Component, MemberState, Unit
from tests.connectivity.factories import (
    ActionItemFactory,
    CoordinationMeetingFactory,
    InitiativeFactory,
    UrbanisationActionFactory,
)
from tests.events.factories import EventFactory, SeriesFactory
from tests.inclusion.factories import (
    AccessibilityMeasureFactory,
    PolicyReviewFactory,
    RecommendationFactory,
    StaffCategoryFactory,
    WorkforceCountFactory,
    WorkforceSnapshotFactory,
)
from tests.monitoring.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    DisaggregationFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
    ResultFactory,
)
from tests.news.factories import PublicationFactory, StoryFactory
from tests.processes.factories import (
    IntegrityMeasureFactory,
    LegalInstrumentFactory,
    ProcessImprovementFactory,
    StrategyFactory,
    WorkstreamFactory,
)
from tests.registrations.factories import OpenEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

APPROVED = ReviewStatus.APPROVED
HIDDEN_STATUSES = (ReviewStatus.DRAFT, ReviewStatus.SUBMITTED, ReviewStatus.RETURNED)

# The contract with whoever downloads the files: exact names, in file order.
EXPECTED_COLUMNS = {
    "indicators": [
        "component",
        "result_code",
        "result_level",
        "result_title",
        "indicator_code",
        "indicator_title",
        "measure",
        "unit_of_measure",
        "direction",
        "cumulative_rule",
        "baseline_year",
        "baseline_value",
        "target_year",
        "target_value",
        "period",
        "period_start",
        "period_end",
        "actual_value",
        "narrative",
    ],
    "activities": [
        "id",
        "title",
        "activity_type",
        "component",
        "unit",
        "start_date",
        "end_date",
        "location",
        "member_states",
        "partners",
        "participants",
    ],
    "participation": ["component", "breakdown", "group", "participants"],
    "connectivity-initiatives": [
        "id",
        "title",
        "strategic_area",
        "lead",
        "member_states",
        "progress",
        "start_date",
        "end_date",
    ],
    "city-actions": [
        "id",
        "title",
        "focus_area",
        "city",
        "member_state",
        "description",
        "progress",
        "partners",
        "start_date",
        "end_date",
    ],
    "coordination-meetings": [
        "id",
        "body",
        "held_on",
        "place",
        "online",
        "member_states",
        "decisions",
    ],
    "policy-reviews": [
        "id",
        "title",
        "unit",
        "topics",
        "stage",
        "started_on",
        "recommendations_on",
        "adopted_on",
        "implemented_on",
        "findings",
        "recommendations",
        "recommendations_implemented",
    ],
    "accessibility-measures": [
        "id",
        "title",
        "unit",
        "kind",
        "stage",
        "started_on",
        "in_place_on",
        "description",
    ],
    "workforce": [
        "as_of",
        "staff_category",
        "total",
        "women",
        "men",
        "sex_other",
        "with_disability",
        "without_disability",
        "disability_not_stated",
    ],
    "process-improvements": [
        "id",
        "title",
        "workstream",
        "unit",
        "stage",
        "stage_reached_on",
        "measure",
        "measure_before",
        "measure_after",
        "lower_is_better",
    ],
    "strategies": [
        "id",
        "title",
        "workstream",
        "unit",
        "stage",
        "stage_reached_on",
        "summary",
        "link",
        "audiences",
    ],
    "legal-instruments": [
        "id",
        "title",
        "workstream",
        "unit",
        "stage",
        "stage_reached_on",
        "kind",
        "summary",
        "trade_rights",
    ],
    "integrity-measures": [
        "id",
        "title",
        "workstream",
        "unit",
        "stage",
        "stage_reached_on",
        "kind",
        "summary",
        "partners",
        "staff_covered_percent",
        "women_covered_percent",
        "men_covered_percent",
    ],
    "stories": ["slug", "title", "summary", "published_on", "components", "path"],
    "publications": [
        "slug",
        "title",
        "kind",
        "language",
        "summary",
        "published_on",
        "components",
        "file_format",
        "file_size",
        "path",
    ],
    "events": [
        "slug",
        "title",
        "series",
        "kind",
        "state",
        "start_date",
        "end_date",
        "time_zone",
        "online",
        "venue",
        "host_member_state",
        "components",
        "summary",
        "participants",
    ],
}


def component(slug: str) -> Component:
    return Component.objects.get(slug=slug)


def unit(abbreviation: str) -> Unit:
    return Unit.objects.get(abbreviation=abbreviation)


def publish_world(n: int, *, tag: str = "") -> None:
    """`n` published records of every kind the datasets hold (needs the programme
    facts). Each record's title starts with "Public" so the tests can find them."""
    crd, acd, cad = unit("CRD"), unit("ACD"), unit("CAD")
    c1, c2 = component("organisational-processes"), component("connectivity")
    workstream = WorkstreamFactory()
    result = ResultFactory(component=c1)
    periods = [ReportingPeriodFactory() for _ in range(2)]
    category = StaffCategoryFactory()
    series = SeriesFactory()
    indonesia = MemberState.objects.get(iso_code="ID")
    for i in range(n):
        indicator = IndicatorFactory(result=result, responsible_unit=crd, title=f"Public {tag}{i}")
        for period in periods:
            IndicatorUpdateFactory(indicator=indicator, period=period, status=APPROVED)
        activity = ActivityFactory(
            title=f"Public activity {tag}{i}",
            component=c1,
            unit=crd,
            status=APPROVED,
            is_public=True,
        )
        activity.member_states.set([indonesia])
        for factory_class in (
            ProcessImprovementFactory,
            StrategyFactory,
            LegalInstrumentFactory,
            IntegrityMeasureFactory,
        ):
            factory_class(
                unit=crd, workstream=workstream, status=APPROVED, title=f"Public {tag}{i}"
            )
        initiative = InitiativeFactory(unit=acd, status=APPROVED, title=f"Public {tag}{i}")
        initiative.member_states.set([indonesia])
        UrbanisationActionFactory(unit=acd, status=APPROVED, title=f"Public {tag}{i}")
        meeting = CoordinationMeetingFactory(unit=acd, status=APPROVED)
        meeting.member_states.set([indonesia])
        PolicyReviewFactory(unit=cad, status=APPROVED, title=f"Public {tag}{i}")
        AccessibilityMeasureFactory(unit=cad, status=APPROVED, title=f"Public {tag}{i}")
        snapshot = WorkforceSnapshotFactory(unit=cad, status=APPROVED)
        WorkforceCountFactory(snapshot=snapshot, staff_category=category)
        event = EventFactory(
            unit=crd,
            status=APPROVED,
            series=series,
            title=f"Public event {tag}{i}",
            slug=f"public-event-{tag}{i}",
        )
        event.components.set([c1, c2])
        StoryFactory(
            unit=crd,
            status=APPROVED,
            title=f"Public story {tag}{i}",
            slug=f"public-story-{tag}{i}",
            components=[c1],
        )
        PublicationFactory(
            unit=crd,
            status=APPROVED,
            title=f"Public report {tag}{i}",
            slug=f"public-report-{tag}{i}",
            components=[c2],
        )


@pytest.fixture
def world(programme_facts):
    """What may be published, and beside it everything that must not be."""
    crd, acd, cad = unit("CRD"), unit("ACD"), unit("CAD")
    c1 = component("organisational-processes")
    publish_world(1)

    # A public indicator with an approved value, and values that must stay out.
    result = ResultFactory(component=c1, title="Public result")
    indicator = IndicatorFactory(result=result, responsible_unit=crd, title="Public indicator")
    first, second, third = (ReportingPeriodFactory() for _ in range(3))
    approved = IndicatorUpdateFactory(
        indicator=indicator,
        period=first,
        status=APPROVED,
        value=Decimal("42"),
        narrative="Public narrative",
        comment="LEAK-update-comment",
        review_note="LEAK-review-note",
    )
    DisaggregationFactory(update=approved, group=Disaggregation.Group.WOMEN, value=Decimal("3"))
    for period, status in ((second, ReviewStatus.SUBMITTED), (third, ReviewStatus.RETURNED)):
        IndicatorUpdateFactory(
            indicator=indicator,
            period=period,
            status=status,
            value=Decimal("987654"),
            narrative=f"LEAK-{status}-narrative",
        )
    private = IndicatorFactory(
        result=result, responsible_unit=crd, title="LEAK-private-indicator", is_public=False
    )
    IndicatorUpdateFactory(indicator=private, period=first, status=APPROVED)

    # Activities: approved and public, and each way of not being so.
    public_activity = ActivityFactory(
        title="Public workshop",
        component=c1,
        unit=crd,
        status=APPROVED,
        is_public=True,
        description="LEAK-activity-description",
    )
    ActivityEvidenceFactory(record=public_activity, original_name="LEAK-evidence.pdf")
    for status in HIDDEN_STATUSES:
        ActivityFactory(
            title=f"LEAK-{status}-activity", component=c1, unit=crd, status=status, is_public=True
        )
    ActivityFactory(title="LEAK-private-activity", component=c1, unit=crd, status=APPROVED)

    # Component records: one of each kind per hidden status, one approved but private,
    # and internal fields on a published one.
    kinds = {
        "improvement": (ProcessImprovementFactory, {"unit": crd}),
        "strategy": (StrategyFactory, {"unit": crd}),
        "instrument": (LegalInstrumentFactory, {"unit": crd}),
        "integrity": (IntegrityMeasureFactory, {"unit": crd}),
        "initiative": (InitiativeFactory, {"unit": acd}),
        "action": (UrbanisationActionFactory, {"unit": acd}),
        "review": (PolicyReviewFactory, {"unit": cad}),
        "accessibility": (AccessibilityMeasureFactory, {"unit": cad}),
    }
    for name, (factory_class, extra) in kinds.items():
        for status in HIDDEN_STATUSES:
            factory_class(title=f"LEAK-{status}-{name}", status=status, **extra)
        factory_class(title=f"LEAK-private-{name}", status=APPROVED, is_public=False, **extra)
    for status in HIDDEN_STATUSES:
        CoordinationMeetingFactory(unit=acd, status=status, decisions=f"LEAK-{status}-decisions")
    CoordinationMeetingFactory(
        unit=acd, status=APPROVED, is_public=False, decisions="LEAK-private-decisions"
    )
    ProcessImprovementFactory(
        unit=crd,
        status=APPROVED,
        title="Public improvement",
        notes="LEAK-improvement-notes",
        evidence_summary="LEAK-evidence-summary",
        review_note="LEAK-review-note-2",
    )
    InitiativeFactory(
        unit=acd, status=APPROVED, title="Public initiative", progress_note="LEAK-progress-note"
    )
    meeting = CoordinationMeetingFactory(
        unit=acd,
        status=APPROVED,
        decisions="Public decisions",
        internal_notes="LEAK-internal-notes",
        agenda="LEAK-agenda",
    )
    ActionItemFactory(meeting=meeting, description="LEAK-action-item", owner="LEAK-owner")
    review = PolicyReviewFactory(unit=cad, status=APPROVED, title="Public review")
    RecommendationFactory(review=review, text="LEAK-recommendation", owner="LEAK-rec-owner")
    AccessibilityMeasureFactory(
        unit=cad, status=APPROVED, title="Public measure", owner="LEAK-a11y-owner"
    )
    snapshot = WorkforceSnapshotFactory(
        unit=cad, status=APPROVED, notes="LEAK-workforce-notes", source="LEAK-workforce-source"
    )
    # True counts that the rule must never let through: 31 women, 27 men, 2 with a disability.
    WorkforceCountFactory(
        snapshot=snapshot,
        women=31,
        men=27,
        sex_other=2,
        with_disability=2,
        without_disability=51,
        disability_not_stated=7,
    )
    for status in HIDDEN_STATUSES:
        hidden = WorkforceSnapshotFactory(unit=cad, status=status)
        WorkforceCountFactory(
            snapshot=hidden, women=911, men=913, with_disability=2, without_disability=1817
        )

    # Events: published with an approved public activity; drafts; registrations.
    event_activity = ActivityFactory(
        title="Public event activity",
        component=c1,
        unit=crd,
        status=APPROVED,
        is_public=True,
        participants_women=12,
        participants_men=9,
        participants_sex_other=1,
    )
    event = EventFactory(unit=crd, status=APPROVED, title="Public forum", slug="public-forum")
    Event.objects.filter(pk=event.pk).update(activity=event_activity)
    for status in HIDDEN_STATUSES:
        EventFactory(
            unit=crd, status=status, title=f"LEAK-{status}-event", slug=f"leak-{status}-event"
        )
    EventFactory(
        unit=crd,
        status=APPROVED,
        is_public=False,
        title="LEAK-private-event",
        slug="leak-private-event",
    )
    RegistrationFactory(
        event=OpenEventFactory(title="Public open event", unit=crd),
        name="LEAK Registrant",
        email="leak-registrant@example.net",
        organisation="LEAK-organisation",
    )
    for status in HIDDEN_STATUSES:
        StoryFactory(
            unit=crd, status=status, title=f"LEAK-{status}-story", slug=f"leak-{status}-story"
        )
        PublicationFactory(
            unit=crd,
            status=status,
            title=f"LEAK-{status}-publication",
            slug=f"leak-{status}-publication",
        )
    StoryFactory(
        unit=crd,
        status=APPROVED,
        is_public=False,
        title="LEAK-private-story",
        slug="leak-private-story",
    )
    return {"event": event, "indicator": indicator}


def download(client, slug: str, kind: str):
    response = client.get(reverse(f"site:open_data_{kind}", args=[slug]))
    assert response.status_code == 200, (slug, kind)
    return response


def csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def every_file(client):
    for dataset in datasets_all():
        for kind in ("csv", "json"):
            yield dataset.slug, kind, download(client, dataset.slug, kind).content.decode("utf-8")


# --- The page -------------------------------------------------------------------------


def test_page_documents_every_dataset_column_and_licence(client, world):
    response = client.get(reverse("site:open_data"))
    assert response.status_code == 200
    page = response.content.decode()
    for dataset in datasets_all():
        assert str(dataset.title) in page
        assert reverse("site:open_data_csv", args=[dataset.slug]) in page
        assert reverse("site:open_data_json", args=[dataset.slug]) in page
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page
    assert reverse("site:open_data_iati") in page
    assert "CC BY 4.0" in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert '<meta name="description" content="The programme' in page
    assert '<meta property="og:description" content="The programme' in page


def test_page_is_linked_from_the_footer(client, programme_facts):
    page = client.get(reverse("site:about")).content.decode()
    assert f'href="{reverse("site:open_data")}"' in page


def test_page_query_count_and_size_do_not_depend_on_the_data(
    client, programme_facts, django_assert_max_num_queries
):
    # One query: the header's component links. The page itself counts nothing.
    with django_assert_max_num_queries(1):
        small = client.get(reverse("site:open_data"))
    publish_world(5)
    with django_assert_max_num_queries(1):
        large = client.get(reverse("site:open_data"))
    assert len(large.content) == len(small.content)
    assert len(large.content) < 90_000


# --- Columns ----------------------------------------------------------------------------


def test_every_dataset_is_listed_with_its_exact_columns():
    assert {dataset.slug: dataset.column_names for dataset in datasets_all()} == EXPECTED_COLUMNS


@pytest.mark.parametrize("slug", sorted(EXPECTED_COLUMNS))
def test_csv_header_and_json_columns_are_the_documented_ones(client, world, slug):
    rows = csv_rows(download(client, slug, "csv"))
    assert rows, f"{slug}: the world publishes at least one row"
    assert list(rows[0]) == EXPECTED_COLUMNS[slug]
    document = json.loads(download(client, slug, "json").content)
    assert [column["name"] for column in document["columns"]] == EXPECTED_COLUMNS[slug]
    assert all(column["meaning"] for column in document["columns"])
    assert all(list(row) == EXPECTED_COLUMNS[slug] for row in document["rows"])
    assert len(document["rows"]) == len(rows)
    assert document["licence"]["name"] == "CC BY 4.0"


def test_a_dataset_that_does_not_exist_is_404(client, programme_facts):
    for name in ("site:open_data_csv", "site:open_data_json"):
        assert client.get(reverse(name, args=["no-such-dataset"])).status_code == 404


def test_a_row_with_a_field_beyond_its_columns_is_refused():
    from apps.core.open_data import Column, Dataset

    dataset = Dataset(
        slug="x",
        title="X",
        description="",
        columns=(Column("a", "A"),),
        rows=lambda: [{"a": 1, "internal_notes": "no"}],
    )
    with pytest.raises(ValueError, match="internal_notes"):
        list(dataset.iter_rows())


# --- Nothing that must not be public ----------------------------------------------------


def test_no_draft_internal_or_personal_value_in_any_file(client, world):
    people = list(User.objects.values_list("email", "full_name"))
    assert len(people) > 10  # the authors of every record above
    for slug, kind, text in every_file(client):
        assert "LEAK" not in text, (slug, kind, text[text.find("LEAK") - 80 :][:200])
        assert "leak-" not in text.lower(), (slug, kind)
        assert "987654" not in text, (slug, kind)
        assert "@" not in text, (slug, kind)  # no e-mail address of anyone
        for _email, full_name in people:
            assert full_name not in text, (slug, kind, full_name)


def test_only_public_titles_appear(client, world):
    rows = csv_rows(download(client, "activities", "csv"))
    assert {row["title"] for row in rows} >= {"Public workshop", "Public event activity"}
    assert all(row["title"].startswith("Public") for row in rows), rows
    events = csv_rows(download(client, "events", "csv"))
    assert all(row["title"].startswith("Public") for row in events), events


def test_indicator_values_are_the_approved_ones(client, world):
    rows = [
        row
        for row in csv_rows(download(client, "indicators", "csv"))
        if row["indicator_title"] == "Public indicator"
    ]
    assert len(rows) == 1
    row = rows[0]
    assert row["actual_value"] == "42"
    assert row["narrative"] == "Public narrative"
    assert row["baseline_value"] == "0"
    assert row["target_value"] == "100"
    assert row["period_start"].count("-") == 2  # an ISO date


def test_an_indicator_without_approved_values_has_one_row_without_a_period(client, world):
    IndicatorFactory(
        result=world["indicator"].result, responsible_unit=unit("CRD"), title="Public, no data"
    )
    rows = [
        row
        for row in csv_rows(download(client, "indicators", "csv"))
        if row["indicator_title"] == "Public, no data"
    ]
    assert [(row["period"], row["actual_value"]) for row in rows] == [("", "")]


def test_participants_go_through_the_disclosure_rule(client, world):
    activities = {row["title"]: row for row in csv_rows(download(client, "activities", "csv"))}
    assert activities["Public event activity"]["participants"] == "20"  # 22 true
    events = {row["slug"]: row for row in csv_rows(download(client, "events", "csv"))}
    assert events["public-forum"]["participants"] == "20"
    assert events["public-event-0"]["participants"] == ""  # no approved activity
    document = json.loads(download(client, "events", "json").content)
    forum = next(row for row in document["rows"] if row["slug"] == "public-forum")
    assert forum["participants"] == 20


def test_participation_cells_are_rounded_or_withheld(client, world):
    rows = csv_rows(download(client, "participation", "csv"))
    assert {row["component"] for row in rows} == {
        "all",
        "organisational-processes",
        "connectivity",
        "diversity-inclusion",
    }
    for row in rows:
        value = row["participants"]
        assert value in ("<5", "suppressed") or int(value) % 5 == 0, row


def test_workforce_figures_are_disclosed_never_true_counts(client, world):
    rows = csv_rows(download(client, "workforce", "csv"))
    assert rows
    figures = [row[name] for row in rows for name in EXPECTED_COLUMNS["workforce"][2:]]
    assert all(value in ("<5", "suppressed") or int(value) % 5 == 0 for value in figures)
    assert not {"31", "27", "911", "913"} & set(figures)


def test_csv_cells_are_data(client, world):
    rows = csv_rows(download(client, "events", "csv"))
    forum = next(row for row in rows if row["slug"] == "public-forum")
    assert forum["start_date"] == "2019-10-15"
    assert forum["online"] == "false"
    assert forum["components"] == "organisational-processes"


def test_text_a_spreadsheet_would_run_is_neutralised(client, programme_facts):
    InitiativeFactory(unit=unit("ACD"), status=APPROVED, title="=HYPERLINK(1)")
    rows = csv_rows(download(client, "connectivity-initiatives", "csv"))
    assert rows[0]["title"] == "'=HYPERLINK(1)"


# --- Query budgets ------------------------------------------------------------------------


def query_counts(client) -> dict[tuple[str, str], int]:
    counts = {}
    for dataset in datasets_all():
        for kind in ("csv", "json"):
            with CaptureQueriesContext(connection) as queries:
                download(client, dataset.slug, kind)
            counts[(dataset.slug, kind)] = len(queries)
    return counts


# Participation reads the programme and each of the three components: two queries a scope.
BUDGET = 10


def test_every_download_runs_the_same_few_queries_at_5_and_at_50_rows(client, programme_facts):
    publish_world(5, tag="a")
    small = query_counts(client)
    publish_world(45, tag="b")
    large = query_counts(client)
    assert large == small
    assert max(small.values()) <= BUDGET, small
    rows = csv_rows(download(client, "process-improvements", "csv"))
    assert len(rows) == 50


def test_downloads_are_cached_until_what_they_show_changes(
    client, programme_facts, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_PUBLIC_PAGE_CACHE = True
    publish_world(1)
    first = download(client, "activities", "csv")
    with django_capture_on_commit_callbacks(execute=True):
        ActivityFactory(
            title="Public later",
            component=component("organisational-processes"),
            unit=unit("CRD"),
            status=APPROVED,
            is_public=True,
            start_date=datetime.date(2020, 1, 1),
        )
    # Approving purges the stored pages (apps.core.public_cache): the new row shows.
    second = download(client, "activities", "csv")
    assert b"Public later" in second.content
    assert first["Content-Type"] == "text/csv; charset=utf-8"
