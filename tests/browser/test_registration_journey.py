"""A visitor registers for a full event with the keyboard alone, from the event's page,
and lands on the waiting list (issue 16's "done when"). No mouse, no JavaScript of
ours: Tab moves on, Space ticks, arrows choose within a group, a letter picks from a
list, Enter follows a link or sends the form."""

from playwright.sync_api import Page, expect

from apps.registrations.models import Registration

from . import pages  # noqa: F401  (first: pages.py gathers pages_registrations' cases)
from .marks import BROWSER
from .pages_registrations import FULL_SLUG, registration_data

pytestmark = BROWSER

# More Tabs than the longest way between two controls on these pages.
MAX_TABS = 40


def focused(page: Page) -> str:
    """The focused control: a field's name (and a radio's or box's value), else its text."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (el.tagName === "INPUT" && (el.type === "radio" || el.type === "checkbox"))
            return `${el.name}=${el.value}`;
          return ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName)
            ? el.name
            : el.textContent.trim();
        }"""
    )


def tab_to(page: Page, target: str) -> None:
    """Press Tab until `target` has the focus, as a person moving through the page."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page) == target:
            return
    raise AssertionError(f"Tab never reached {target!r} (last: {focused(page)!r})")


def test_visitor_joins_the_waiting_list_of_a_full_event_with_the_keyboard(open_page):
    registration_data()
    page = open_page(f"/events/{FULL_SLUG}/")

    tab_to(page, "Register for Full Forum 2021")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("The event is full: you can join the waiting list")

    tab_to(page, "name")
    page.keyboard.type("Siti Aminah")
    page.keyboard.press("Tab")
    page.keyboard.type("siti.aminah@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Jakarta Post (demo)")
    page.keyboard.press("Tab")
    page.keyboard.type("Editor")
    # Role: the first radio gets the focus; Space chooses it (Media).
    page.keyboard.press("Tab")
    assert focused(page) == "role=media"
    page.keyboard.press("Space")
    # Member state: a letter picks from the list.
    tab_to(page, "member_state")
    page.keyboard.press("i")
    # Sex: Space on the first (Woman); disability: the arrow moves to and chooses "No".
    tab_to(page, "sex=woman")
    page.keyboard.press("Space")
    tab_to(page, "disability=yes")
    page.keyboard.press("ArrowDown")
    assert focused(page) == "disability=no"
    # Needs: a box ticked with Space.
    tab_to(page, "needs=captioning")
    page.keyboard.press("Space")
    tab_to(page, "consent=on")
    page.keyboard.press("Space")
    # The hidden field is out of the tab order: from the last box, the button.
    tab_to(page, "listed_publicly=on")
    page.keyboard.press("Tab")
    assert focused(page) == "Join the waiting list"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("You are on the waiting list")
    expect(page.locator("main")).to_contain_text("siti.aminah@example.org")
    registration = Registration.objects.select_related("member_state").get(
        email="siti.aminah@example.org"
    )
    assert registration.status == Registration.Status.WAITING
    assert registration.role == Registration.Role.MEDIA
    assert registration.sex == Registration.Sex.WOMAN
    assert registration.disability == Registration.Disability.NO
    assert registration.member_state.name == "Indonesia"
    assert registration.needs == ["captioning"]
    assert registration.listed_publicly is False
