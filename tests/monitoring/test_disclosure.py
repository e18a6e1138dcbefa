"""The disclosure rule for public counts of people (apps.monitoring.disclosure), at its edges.

No database: the rule is arithmetic on counts.
"""

import pytest

from apps.monitoring import disclosure
from apps.monitoring.disclosure import FEWER_THAN_5, HIDDEN, Figure

# --- Rounding to base 5 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, 0),
        (2, 0),  # remainder 2: down
        (3, 5),  # remainder 3: up
        (5, 5),
        (7, 5),  # the last count that goes down to 5
        (8, 10),  # the first that goes up to 10
        (12, 10),
        (13, 15),
        (120, 120),
        (122, 120),
        (123, 125),
        (127, 125),
        (128, 130),
    ],
)
def test_rounded_to_the_nearest_5(count, expected):
    assert disclosure.rounded(count) == expected


def test_rounded_refuses_a_negative_count():
    with pytest.raises(ValueError, match="cannot be negative"):
        disclosure.rounded(-1)


# --- One figure -----------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4])
def test_figure_under_5_is_fewer_than_5_zero_included(count):
    shown = disclosure.figure(count)

    assert shown == FEWER_THAN_5
    assert shown.value is None
    assert shown.small
    assert shown.withheld
    assert not shown.hidden
    assert str(shown) == "fewer than 5"


@pytest.mark.parametrize(
    ("count", "text"),
    [(5, "5"), (6, "5"), (7, "5"), (8, "10"), (12, "10"), (13, "15"), (1248, "1,250")],
)
def test_figure_from_5_is_rounded(count, text):
    shown = disclosure.figure(count)

    assert shown.value == disclosure.rounded(count)
    assert not shown.withheld
    assert str(shown) == text


def test_no_count_is_ever_shown_as_a_number_under_5():
    assert all(
        disclosure.figure(count).value in (None, *range(5, 1001, 5)) for count in range(1001)
    )


def test_a_change_of_1_to_4_never_shows_as_itself():
    """Two versions of a figure differ by a multiple of 5 (or not at all): never by 1–4."""
    for before in range(200):
        for change in range(1, 5):
            first, second = disclosure.figure(before), disclosure.figure(before + change)
            if not (first.withheld or second.withheld):
                assert second.value - first.value in (0, 5)


def _counts_behind(figure: Figure) -> range:
    """Every count a reader can tell a shown figure might be."""
    if figure.small:
        return range(5)
    return range(max(5, figure.value - 2), figure.value + 3)


def test_no_two_versions_of_a_figure_pin_down_the_change():
    """Whatever the count before and after, a reader comparing the two shown figures
    is left with several possible changes, the true one among them."""
    for before in range(150):
        for change in range(30):
            first, second = disclosure.figure(before), disclosure.figure(before + change)
            possible = {
                after - earlier
                for earlier in _counts_behind(first)
                for after in _counts_behind(second)
                if after >= earlier
            }
            assert change in possible
            assert len(possible) > 1, (before, change)


# --- A breakdown and its complementary cell -------------------------------------


def test_breakdown_without_small_cells_rounds_each_cell():
    shown = disclosure.breakdown({"women": 123, "men": 97, "sex_other": 7})

    assert {key: str(cell) for key, cell in shown.items()} == {
        "women": "125",
        "men": "95",
        "sex_other": "5",
    }


def test_breakdown_hides_the_next_smallest_when_exactly_one_cell_is_small():
    # Total 25 is shown as 25: without the hidden 10, "fewer than 5" would be 25 − 10 − 12.
    shown = disclosure.breakdown({"women": 10, "men": 12, "sex_other": 3})

    assert shown == {"women": HIDDEN, "men": Figure(10), "sex_other": FEWER_THAN_5}
    assert shown["women"].hidden
    assert not shown["women"].small
    assert str(shown["women"]) == "hidden"


def test_breakdown_hides_the_next_smallest_by_count_not_by_shown_figure():
    # 8 and 12 both show as 10; 8 is the smaller count and is the one hidden.
    shown = disclosure.breakdown({"women": 12, "men": 8, "sex_other": 4})

    assert shown == {"women": Figure(10), "men": HIDDEN, "sex_other": FEWER_THAN_5}


def test_breakdown_breaks_a_tie_for_next_smallest_by_order():
    shown = disclosure.breakdown({"women": 9, "men": 9, "sex_other": 1})

    assert shown == {"women": HIDDEN, "men": Figure(10), "sex_other": FEWER_THAN_5}


def test_breakdown_counts_a_zero_as_a_small_cell():
    shown = disclosure.breakdown({"with": 6, "without": 47, "not_stated": 0})

    assert shown == {"with": HIDDEN, "without": Figure(45), "not_stated": FEWER_THAN_5}


def test_breakdown_with_two_small_cells_hides_nothing_more():
    # The two small cells protect each other: the total gives away only their sum.
    shown = disclosure.breakdown({"women": 10, "men": 2, "sex_other": 3})

    assert shown == {"women": Figure(10), "men": FEWER_THAN_5, "sex_other": FEWER_THAN_5}


def test_breakdown_of_two_cells_with_one_small_withholds_both():
    shown = disclosure.breakdown({"with": 0, "without": 40})

    assert shown == {"with": FEWER_THAN_5, "without": HIDDEN}


def test_breakdown_of_one_cell_has_nothing_to_hide_it_with():
    assert disclosure.breakdown({"women": 3}) == {"women": FEWER_THAN_5}
