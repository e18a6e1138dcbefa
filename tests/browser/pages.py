"""The registry of pages the accessibility gate checks: one line a page or state.

`user` is who the browser is signed in as: None (a visitor), "staff" (Secretariat
staff in the Community Relations Division) or "adviser" (a programme adviser).
`state` brings the page into the state to check, e.g. a form showing errors.
Later issues add their pages here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page


def submit_empty_form(page: Page) -> None:
    """Send the page's main form as it is, to show its errors."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


@dataclass(frozen=True)
class PageCase:
    name: str
    path: str
    user: str | None = None
    width: int = 1280
    state: Callable[[Page], None] | None = None
    status: int = 200

    def __str__(self) -> str:
        return self.name


PAGES = [
    PageCase("home", "/"),
    PageCase("home at 320px", "/", width=320),
    PageCase("home at 375px", "/", width=375),
    PageCase("about", "/about/"),
    PageCase("about at 320px", "/about/", width=320),
    PageCase("component: organisational processes", "/components/organisational-processes/"),
    PageCase("component: connectivity", "/components/connectivity/"),
    PageCase("component: diversity and inclusion", "/components/diversity-inclusion/"),
    PageCase("component at 375px", "/components/connectivity/", width=375),
    PageCase("accessibility statement", "/accessibility/"),
    PageCase("page not found", "/no-such-page/", status=404),
    PageCase("sign in", "/accounts/login/"),
    PageCase("sign in with errors", "/accounts/login/", state=submit_empty_form),
    PageCase(
        "sign in with errors at 320px", "/accounts/login/", width=320, state=submit_empty_form
    ),
    PageCase("workspace (staff)", "/workspace/", user="staff"),
    PageCase("workspace (staff) at 320px", "/workspace/", user="staff", width=320),
    PageCase("workspace (adviser)", "/workspace/", user="adviser"),
    PageCase("change password", "/accounts/password/", user="staff"),
    PageCase(
        "change password with errors", "/accounts/password/", user="staff", state=submit_empty_form
    ),
]
