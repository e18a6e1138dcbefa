"""The Content-Security-Policy in a real browser: every registered page and every
admin page loads under it without a single violation, and it does block what it
must (docs/security.md, "Response headers").

Chromium reports a violation twice: as a console message and as a
`securitypolicyviolation` event; either fails the test. So does a console
complaint about the Permissions-Policy header.
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from apps.accounts.permissions import second_factor_required
from tests.accounts.factories import UserFactory
from tests.core.extra_urls import FAILING_PATH, INLINE_SCRIPT_PATH
from tests.helpers import force_login_verified
from tests.test_admin_smoke import FACTORIES, REGISTERED

from .marks import BROWSER
from .pages import PAGES

pytestmark = BROWSER

# What Chromium's console says about a refused resource or a bad policy header.
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")

_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportPolicyViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"}` +
      ` at ${event.sourceFile || document.location.pathname}:${event.lineNumber}` +
      (event.sample ? ` (${event.sample})` : "")
  );
});
"""


@pytest.fixture
def open_checked(browser, portal):
    """open_checked(path, user=None) -> (page, problems): a page opened with every
    policy violation and policy complaint collected in `problems` from the start.
    Whoever must sign in with a second factor (advisers) is signed in with one."""
    contexts = []

    def open_(path: str, *, user=None, width: int = 1280, status: int = 200):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        problems: list[str] = []

        def on_console(message) -> None:
            if any(word in message.text for word in POLICY_WORDS):
                problems.append(f"console {message.type}: {message.text}")

        def on_violation(description: str) -> None:
            problems.append(description)

        context.on("console", on_console)
        context.expose_function("reportPolicyViolation", on_violation)
        context.add_init_script(_REPORT_VIOLATIONS)
        if user is not None:
            client = Client()
            user = portal.users[user] if isinstance(user, str) else user
            if second_factor_required(user):
                force_login_verified(client, user)
            else:
                client.force_login(user)
            name = settings.SESSION_COOKIE_NAME
            context.add_cookies(
                [{"name": name, "value": client.cookies[name].value, "url": portal.url}]
            )
        page = context.new_page()
        response = page.goto(portal.url + path)
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        return page, problems

    yield open_
    for context in contexts:
        context.close()


def assert_no_violations(page, problems: list[str], where: str) -> None:
    page.wait_for_load_state("load")
    # A round trip, so that violations reported during the load have arrived.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    assert not problems, f"policy violations on {where}:\n" + "\n".join(
        f"- {problem}" for problem in problems
    )


@pytest.mark.parametrize("case", PAGES, ids=str)
def test_registered_page_loads_without_policy_violations(open_checked, case):
    if case.data:
        case.data()
    page, problems = open_checked(case.path, user=case.user, width=case.width, status=case.status)
    if case.state:
        case.state(page)

    assert_no_violations(page, problems, f"{case.name} ({case.path})")


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
