"""The header and its small-screen menu: one line at 1280 px, a "Menu" disclosure
that opens and closes with the keyboard and without JavaScript at 320 and 375 px."""

import os

import pytest

from .marks import BROWSER

pytestmark = BROWSER

# Set to a folder to keep a screenshot of each header state (for looking at them).
SHOTS = os.environ.get("NAVIGATION_SCREENSHOTS", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=False)


def _tops(page, selector: str) -> set[int]:
    """The rounded top edges of the visible elements matching `selector`."""
    boxes = [item.bounding_box() for item in page.locator(selector).all() if item.is_visible()]
    return {round(box["y"]) for box in boxes if box}


@pytest.mark.parametrize("user", [None, "staff", "adviser"])
def test_the_header_is_one_line_at_1280_px(open_page, user):
    page = open_page("/", user=user, width=1280)
    _shot(page, f"header-1280-{user or 'anonymous'}")

    sections = _tops(page, ".portal-nav__list > li")
    account = _tops(page, ".portal-account__list > li")
    brand = page.locator(".portal-brand").bounding_box()

    assert len(sections) == 1, f"the sections wrap onto {len(sections)} lines"
    assert len(account) == 1, f"the account links wrap onto {len(account)} lines"
    # The account links sit beside the brand, not below it.
    (account_top,) = account
    assert brand["y"] <= account_top <= brand["y"] + brand["height"]
    assert not page.locator(".portal-menu__toggle").is_visible()


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("user", [None, "staff", "adviser"])
def test_small_screens_get_a_closed_menu_on_one_row(open_page, user, width):
    page = open_page("/workspace/" if user else "/", user=user, width=width)
    _shot(page, f"header-{width}-{user or 'anonymous'}")

    toggle = page.get_by_text("Menu", exact=True)
    assert toggle.is_visible()
    assert not page.locator(".portal-nav").is_visible()
    assert not page.get_by_role("link", name="Results").is_visible()
    header = page.locator(".portal-header").bounding_box()
    brand = page.locator(".portal-brand").bounding_box()
    button = toggle.bounding_box()
    # The brand and the Menu button beside it: no row of links below (the old header
    # took 3–4 rows of them).
    assert button["y"] < brand["y"] + brand["height"]
    assert header["height"] <= brand["y"] + brand["height"] + 16, (header, brand)
    document_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert document_width <= width, "the header makes the page scroll sideways"


@pytest.mark.parametrize("user", ["staff", "adviser"])
def test_the_menu_opens_and_closes_with_the_keyboard(open_page, user):
    page = open_page("/workspace/", user=user, width=375)
    toggle = page.locator("summary.portal-menu__toggle")

    toggle.focus()
    page.keyboard.press("Enter")

    menu = page.locator("details.portal-menu")
    assert menu.get_attribute("open") is not None
    results = page.get_by_role("link", name="Results")
    assert results.is_visible()
    workspace = page.get_by_role("navigation", name="Account").get_by_role("link", name="Workspace")
    assert workspace.get_attribute("aria-current") == "page"
    assert page.get_by_role("button", name="Sign out").is_visible()
    back_office = page.locator(".portal-menu").get_by_role("link", name="Back office", exact=True)
    assert back_office.count() == (1 if user == "adviser" else 0)
    _shot(page, f"menu-open-375-{user}")
    # Tab moves from the button into the menu's first link.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Home"

    toggle.focus()
    page.keyboard.press("Space")

    assert menu.get_attribute("open") is None
    assert not results.is_visible()


def test_the_menu_is_a_disclosure_with_a_name_and_a_state(open_page):
    page = open_page("/", width=375)
    snapshot = page.locator(".portal-header").aria_snapshot()

    # Closed: a named control, expandable; open: the sections and the sign-in link.
    assert "Menu" in snapshot
    page.locator("summary.portal-menu__toggle").click()
    opened = page.locator(".portal-header").aria_snapshot()
    assert 'navigation "Main"' in opened
    assert 'link "Sign in"' in opened
    expanded = page.evaluate("() => document.querySelector('details.portal-menu').open")
    assert expanded is True


@pytest.mark.parametrize("user", [None, "staff"])
def test_the_menu_works_without_javascript(browser, portal, user):
    from django.test import Client

    context = browser.new_context(viewport={"width": 320, "height": 800}, java_script_enabled=False)
    try:
        if user:
            client = Client()
            client.force_login(portal.users[user])
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": portal.url,
                    }
                ]
            )
        page = context.new_page()
        page.goto(portal.url + "/")
        toggle = page.locator("summary.portal-menu__toggle")
        about = page.locator(".portal-menu").get_by_role("link", name="About")
        assert not about.is_visible()

        toggle.click()
        assert about.is_visible()
        _shot(page, f"menu-open-320-nojs-{user or 'anonymous'}")
        about.click()
        page.wait_for_url("**/about/")

        assert page.locator("h1").first.is_visible()
    finally:
        context.close()
