"""Staff's daily work in the browser: logging a typical activity with the keyboard
alone, and what it costs a practised person (docs/monitoring.md, "Logging an
activity: how long it takes").

The estimate uses the keystroke-level model (Card, Moran and Newell): K = 0.28 s a
keystroke (a skilled typist of average speed; Tab, Space and Enter count like
letters) and M = 1.35 s of mental preparation for each field filled or choice made.
Nothing here is timed: the counts are exact, the seconds are the model's.
"""

import datetime
from dataclasses import dataclass, field

from playwright.sync_api import Page, expect

from apps.monitoring.models import Activity, ReviewStatus
from apps.programme.models import MemberState

from .marks import BROWSER

pytestmark = BROWSER

KEYSTROKE_SECONDS = 0.28
MENTAL_SECONDS = 1.35


@dataclass
class Keyboard:
    """Types on a page as a person does, counting the keys pressed and the fields
    (or choices) that took a thought."""

    page: Page
    keystrokes: int = 0
    fields: list[str] = field(default_factory=list)

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)
        self.keystrokes += times

    def tab(self, times: int = 1) -> None:
        self.press("Tab", times)

    def fill(self, name: str, text: str) -> None:
        """Type `text` into the focused field, a thought and one key a character."""
        self.fields.append(name)
        self.page.keyboard.type(text)
        self.keystrokes += len(text)

    def choose(self, name: str, key: str) -> None:
        """Make a choice in the focused control with one key (Space, a letter, an arrow)."""
        self.fields.append(name)
        self.press(key)

    def focused(self) -> str:
        """The focused control: a field's name, a button's or link's text."""
        return self.page.evaluate(
            """() => {
              const el = document.activeElement;
              return el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA"
                ? el.name
                : el.textContent.trim();
            }"""
        )

    @property
    def seconds(self) -> float:
        return self.keystrokes * KEYSTROKE_SECONDS + len(self.fields) * MENTAL_SECONDS


def test_staff_log_a_typical_activity_with_the_keyboard_alone_in_under_a_minute(open_page):
    page = open_page("/workspace/activities/new/", user="staff")
    keys = Keyboard(page)

    # The skip link, then past "Back to the workspace" to the first field.
    keys.tab()
    keys.press("Enter")
    keys.tab(2)
    assert keys.focused() == "title"
    keys.fill("title", "ASEAN Media Forum 2021")
    keys.tab()
    keys.choose("activity_type", "m")  # "Meeting": typing selects in a closed <select>
    keys.tab()
    assert keys.focused() == "start_date_0"
    keys.fill("start date: day", "10")
    keys.tab()
    keys.fill("start date: month", "12")
    keys.tab()
    keys.fill("start date: year", "2021")
    keys.tab(4)  # past the end date's three boxes; the unit's one component is not asked
    assert keys.focused() == "location"
    keys.fill("location", "Jakarta")
    keys.tab(2)  # past the description
    for name, count in [
        ("participants_women", "48"),
        ("participants_men", "42"),
        ("participants_sex_other", "0"),
        ("participants_with_disability", "3"),
        ("participants_disability_not_stated", "0"),
    ]:
        assert keys.focused() == name
        keys.fill(name, count)
        keys.tab()
    assert keys.focused() == "all_member_states"
    keys.choose("all member states", " ")
    # Past the states and the folded "Participants by member state" (a Tab of its own).
    keys.tab(MemberState.objects.filter(joined_on__lte=datetime.date(2022, 12, 31)).count() + 2)
    assert keys.focused() == "partners"
    keys.choose("partner", " ")  # the first offered: GIZ (ASEC is not its own partner)
    keys.tab(3)
    assert keys.focused() == "indicators"
    keys.choose("indicator", "ArrowDown")  # the first: CRD-1.a
    keys.tab(4)  # past the evidence files, "Show on the public site" and "Save draft"
    assert keys.focused() == "Submit for review"
    keys.press("Enter")

    expect(page.get_by_text("“ASEAN Media Forum 2021” was submitted for review.")).to_be_visible()
    activity = Activity.objects.get(title="ASEAN Media Forum 2021")
    assert activity.status == ReviewStatus.SUBMITTED
    assert activity.activity_type == Activity.Type.MEETING
    assert activity.start_date == datetime.date(2021, 12, 10)
    assert activity.end_date is None
    assert activity.location == "Jakarta"
    assert (
        activity.participants_women,
        activity.participants_men,
        activity.participants_sex_other,
        activity.participants_with_disability,
        activity.participants_disability_not_stated,
    ) == (48, 42, 0, 3, 0)
    assert activity.member_states.count() == 10
    assert not activity.member_states.filter(name="Timor-Leste").exists()
    assert [p.acronym for p in activity.partners.all()] == ["GIZ"]
    assert [i.code for i in activity.indicators.all()] == ["CRD-1.a"]

    # What it cost: see docs/monitoring.md.
    print(
        f"\nfields: {len(keys.fields)}, keystrokes: {keys.keystrokes}, "
        f"estimate: {keys.seconds:.0f} s"
    )
    assert keys.seconds < 60
