"""The disclosure rule on this app's tables (apps.inclusion.suppression and public.py):
what the public sees of a workforce snapshot cannot give back a small count, from
one table's totals or from two snapshots compared."""

import datetime
import itertools

import pytest

from apps.inclusion import public
from apps.inclusion.models import StaffCategory
from apps.inclusion.suppression import TOTAL, protected_table
from apps.monitoring.disclosure import BASE, Figure, figure
from tests.inclusion.factories import (
    StaffCategoryFactory,
    WorkforceCountFactory,
    WorkforceSnapshotFactory,
)

SEX = ["women", "men", "sex_other"]
DISABILITY = ["with_disability", "without_disability", "disability_not_stated"]
GROUPS = [SEX, DISABILITY]


def table(**categories) -> dict:
    """Rows for protected_table from (women, men, other, with, without, not stated) per
    category, with the all-staff row added."""
    rows = {}
    for name, numbers in categories.items():
        counts = dict(zip(SEX + DISABILITY, numbers, strict=True))
        assert sum(numbers[:3]) == sum(numbers[3:]), name
        rows[name] = {**counts, TOTAL: sum(numbers[:3])}
    rows["all"] = {
        column: sum(row[column] for row in rows.values()) for column in [*SEX, *DISABILITY, TOTAL]
    }
    return rows


def shown(rows) -> dict[str, dict[str, Figure]]:
    return protected_table(rows, groups=GROUPS, total_row="all")


def lines(rows):
    """Every line a total closes: each row's group (closed by the row's total) and each
    column over the categories (closed by the all-staff row)."""
    inner = [row for row in rows if row != "all"]
    for row in rows:
        for group in GROUPS:
            yield [(row, column) for column in group], (row, TOTAL)
    for column in [TOTAL, *SEX, *DISABILITY]:
        yield [(row, column) for row in inner], ("all", column)


def assert_no_lone_withheld_cell(rows) -> None:
    cells = shown(rows)
    for line, total in lines(rows):
        if cells[total[0]][total[1]].withheld:
            continue
        withheld = [cell for cell in line if cells[cell[0]][cell[1]].withheld]
        assert len(withheld) != 1, (line, withheld)


# --- The figures: boundaries 4 and 5 -------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "text"), [(1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (7, "5"), (8, "10")]
)
def test_a_cell_of_1_to_4_shows_fewer_than_5_and_from_5_a_rounded_count(count, text):
    # Small cells come in pairs in every row and column here, so none needs a partner
    # hidden and the cell shows as the rule alone has it.
    rows = table(pro=(count, 2, 1, 1, count + 2, 0), gs=(30, 3, 2, 2, 33, 0))
    assert str(shown(rows)["pro"]["women"]) == text


def test_boundary_4_and_5_in_a_row():
    four = shown(table(pro=(4, 40, 6, 5, 40, 5), gs=(30, 30, 5, 6, 50, 9)))
    assert four["pro"]["women"].small
    assert str(four["pro"]["women"]) == "fewer than 5"
    five = shown(table(pro=(5, 40, 6, 5, 40, 6), gs=(30, 30, 5, 6, 50, 9)))
    assert not five["pro"]["women"].withheld
    assert five["pro"]["women"].value == 5


# --- Complementary cells -----------------------------------------------------------------


def test_the_complementary_cell_is_hidden_when_a_row_has_one_small_cell():
    cells = shown(table(pro=(48, 71, 2, 9, 100, 12), gs=(102, 93, 7, 12, 170, 20)))
    # "Other or not stated" of professional staff is small; the smallest other cell of
    # that row (women, 48) is hidden, so the row's total cannot give it away.
    assert cells["pro"]["sex_other"].small
    assert cells["pro"]["women"].hidden
    assert not cells["pro"]["men"].withheld


def test_the_complementary_cell_is_hidden_when_a_column_has_one_small_cell():
    # Only professional staff have a small "with disability" cell; the all-staff row
    # shows that column's total, so a cell of the column is hidden too.
    cells = shown(table(pro=(48, 71, 7, 3, 110, 13), gs=(102, 93, 7, 12, 170, 20)))
    assert cells["pro"]["with_disability"].small
    column = [cells[row]["with_disability"] for row in ("pro", "gs")]
    assert sum(cell.withheld for cell in column) == 2


def test_a_total_minus_shown_cells_never_gives_a_hidden_cell():
    rows = table(pro=(48, 71, 2, 1, 104, 16), gs=(102, 93, 4, 3, 170, 26), ts=(6, 5, 0, 0, 11, 0))
    assert_no_lone_withheld_cell(rows)


def test_no_lone_withheld_cell_in_any_small_table():
    """Every table of two categories with counts around the threshold: no line closed
    by a shown total has exactly one withheld cell."""
    values = (0, 1, 4, 5, 9)
    for women_a, other_a, women_b, with_a in itertools.product(values, repeat=4):
        rows = table(
            a=(women_a, 20, other_a, with_a, 20 + women_a + other_a - with_a, 0),
            b=(women_b, 12, 3, 2, 13 + women_b, 0),
        )
        assert_no_lone_withheld_cell(rows)


def test_every_shown_figure_is_a_multiple_of_5_and_totals_are_rounded_on_their_own():
    cells = shown(table(pro=(48, 71, 2, 1, 104, 16), gs=(102, 93, 4, 3, 170, 26)))
    for row in cells.values():
        for cell in row.values():
            assert cell.withheld or cell.value % BASE == 0
    assert cells["all"][TOTAL].value == figure(48 + 71 + 2 + 102 + 93 + 4).value


# --- Two snapshots compared ----------------------------------------------------------------


@pytest.mark.parametrize("count", range(60))
def test_one_person_more_moves_a_figure_by_0_or_5_never_by_1(count):
    before, after = figure(count), figure(count + 1)
    if before.withheld or after.withheld:
        return
    assert after.value - before.value in (0, BASE)


@pytest.mark.django_db
def test_two_snapshots_differing_by_one_person_do_not_reveal_a_small_count():
    """A person with a disability joins professional staff between two snapshots: the
    page's two tables do not show it, so nobody can tell that one person (or which)."""
    category = StaffCategoryFactory(slug="professional", title="Professional staff", order=1)
    other = StaffCategoryFactory(slug="general-service", title="General service staff", order=2)
    first = WorkforceSnapshotFactory(as_of=datetime.date(2020, 12, 31))
    second = WorkforceSnapshotFactory(as_of=datetime.date(2021, 12, 31))
    for snapshot, with_disability in ((first, 1), (second, 2)):
        WorkforceCountFactory(
            snapshot=snapshot,
            staff_category=category,
            women=40 + with_disability,
            men=38,
            sex_other=2,
            with_disability=with_disability,
            without_disability=70,
            disability_not_stated=10,
        )
        WorkforceCountFactory(
            snapshot=snapshot, staff_category=other, with_disability=8, without_disability=45
        )
    before, after = public.workforce_tables([first, second])
    assert [
        str(cell) for row in before.rows for cell in (row.total, *row.by_sex, *row.by_disability)
    ] == [str(cell) for row in after.rows for cell in (row.total, *row.by_sex, *row.by_disability)]
    professional = after.rows[0]
    assert str(professional.by_disability[0]) == "fewer than 5"


@pytest.mark.django_db
def test_public_tables_go_through_the_rule_and_shares_use_published_figures():
    category = StaffCategoryFactory(slug="professional", title="Professional staff", order=1)
    snapshot = WorkforceSnapshotFactory()
    WorkforceCountFactory(
        snapshot=snapshot,
        staff_category=category,
        women=48,
        men=71,
        sex_other=2,
        with_disability=6,
        without_disability=100,
        disability_not_stated=15,
    )
    (result,) = public.workforce_tables([snapshot])
    professional, everyone = result.rows
    assert professional.label == "Professional staff"
    assert str(professional.by_sex[2]) == "fewer than 5"
    assert professional.by_sex[0].hidden  # the complementary cell of the row
    assert professional.women_share is None  # withheld: no share either
    # 5 of 120 published (true 6 of 121): the share reads 4%, not 5.0%.
    assert professional.by_disability[0].value == 5
    assert professional.disability_share == 4
    assert everyone.label == "All staff"
    assert StaffCategory.objects.count() == 1


# --- Participation by year ---------------------------------------------------------------


@pytest.mark.django_db
def test_participation_by_year_protects_a_lone_small_year(programme_facts):
    from apps.programme.models import Component
    from tests.monitoring.factories import ActivityFactory

    component = Component.objects.get(slug="diversity-inclusion")
    for year, with_disability in ((2019, 2), (2020, 9), (2021, 11)):
        ActivityFactory(
            component=component,
            status="approved",
            is_public=True,
            start_date=datetime.date(year, 5, 1),
            participants_women=20,
            participants_men=20,
            participants_sex_other=0,
            participants_with_disability=with_disability,
            participants_disability_not_stated=6,
        )
    section = public.participation_section(component)
    cells = {row["label"]: row["with_disability"] for row in section["rows"]}
    assert cells["2019"].small
    # The site shows the component's total with a disability (22 → 20): 2019 alone
    # withheld in that column would be that total minus the others, so one more is.
    assert sum(cell.withheld for cell in cells.values()) == 2
