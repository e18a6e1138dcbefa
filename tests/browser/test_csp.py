"""The Content-Security-Policy in a real browser: every admin page loads under it
without a single violation, and it does block what it must (docs/security.md,
"Response headers"). Every registered page is checked by the accessibility gate,
on the same page load as axe; how violations are caught: tests/browser/csp.py.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.core.extra_urls import FAILING_PATH, INLINE_SCRIPT_PATH
from tests.test_admin_smoke import FACTORIES, REGISTERED

from .csp import assert_no_violations
from .marks import BROWSER

pytestmark = BROWSER


@pytest.fixture
def open_checked(open_page):
    """open_checked(path, user=None) -> (page, problems): `open_page` with the
    policy violations it collects from the page's first byte."""

    def open_(path: str, *, user=None, width: int = 1280, status: int = 200):
        page = open_page(path, user=user, width=width, status=status)
        return page, page.policy_problems

    return open_


# Every registered page (tests/browser/pages.py) is checked for violations by the
# accessibility gate, on the same page load as axe (test_accessibility.py).


@pytest.fixture
def root(portal):
    """A superuser: sees every admin page."""
    return UserFactory(email="root@giz.example.org", is_staff=True, is_superuser=True)


def open_admin(open_checked, path: str, user):
    page, problems = open_checked(path, user=user)
    assert page.url.endswith(path), f"{path} led to {page.url}"
    return page, problems


def test_admin_index_loads_without_policy_violations(open_checked, root):
    page, problems = open_admin(open_checked, reverse("admin:index"), root)

    assert_no_violations(page, problems, "admin index")


def _may_add(user, record) -> bool:
    request = RequestFactory().get("/")
    request.user = user
    return admin.site._registry[type(record)].has_add_permission(request)


@pytest.mark.parametrize("label", REGISTERED)
def test_admin_pages_load_without_policy_violations(open_checked, root, label):
    record = FACTORIES[label]()
    prefix = f"admin:{record._meta.app_label}_{record._meta.model_name}"
    pages = {
        "changelist": reverse(f"{prefix}_changelist"),
        "changelist, everything selected": reverse(f"{prefix}_changelist"),
        "change": reverse(f"{prefix}_change", args=[record.pk]),
        "add": reverse(f"{prefix}_add"),
    }
    for name, path in pages.items():
        if name == "add" and not _may_add(root, record):
            continue  # records written only through their services have no add page
        page, problems = open_admin(open_checked, path, root)
        if name == "changelist, everything selected" and page.locator("#action-toggle").count():
            page.locator("#action-toggle").check()
        assert_no_violations(page, problems, f"{label} {name} ({path})")


@pytest.mark.urls("tests.core.extra_urls")
def test_500_page_loads_without_policy_violations(open_checked):
    page, problems = open_checked(FAILING_PATH, status=500)

    assert page.get_by_role("heading", level=1).inner_text() == "Something went wrong"
    assert_no_violations(page, problems, f"500 page ({FAILING_PATH})")


@pytest.mark.urls("tests.core.extra_urls")
def test_an_inline_script_with_the_nonce_runs(open_checked):
    page, problems = open_checked(INLINE_SCRIPT_PATH)

    assert page.title() == "Ran"
    assert_no_violations(page, problems, f"inline script with the nonce ({INLINE_SCRIPT_PATH})")


def test_policy_blocks_inline_script_and_style_and_the_check_sees_it(open_checked):
    page, problems = open_checked("/")

    ran = page.evaluate(
        """() => {
      const script = document.createElement("script");
      script.textContent = "window.injectedScriptRan = true;";
      document.head.append(script);
      document.querySelector("main").insertAdjacentHTML(
        "beforeend", '<p id="injected" style="color: rgb(255, 0, 0)">injected</p>'
      );
      return window.injectedScriptRan === true;
    }"""
    )
    colour = page.locator("#injected").evaluate("(p) => getComputedStyle(p).color")

    assert ran is False
    assert colour != "rgb(255, 0, 0)"
    with pytest.raises(AssertionError) as failure:
        assert_no_violations(page, problems, "home, altered")
    message = str(failure.value)
    assert "script-src-elem refused inline" in message
    assert "style-src-attr refused inline" in message
