"""The accessibility gate: every registered page, in a real browser, against WCAG 2.2 AA,
and, on the same page load, without a Content-Security-Policy violation."""

import pytest

from .a11y import assert_accessible
from .csp import assert_no_violations
from .marks import BROWSER
from .pages import PAGES

pytestmark = BROWSER


@pytest.mark.parametrize("case", PAGES, ids=str)
def test_page_is_accessible(open_page, case):
    if case.data:
        case.data()
    page = open_page(case.path, user=case.user, width=case.width, status=case.status)
    if case.state:
        case.state(page)

    where = f"{case.name} ({case.path}, {case.width}px)"
    # The policy first: axe, once evaluated in the page, adds inline styles of its
    # own while it measures colour contrast, which the policy rightly refuses.
    assert_no_violations(page, page.policy_problems, where)
    assert_accessible(page, where)


def test_every_page_has_a_title_of_its_own(open_page):
    titles = {}
    for case in PAGES:
        if case.state or case.width != 1280:
            continue
        page = open_page(case.path, user=case.user, status=case.status)
        titles.setdefault(page.title(), set()).add(case.path)
        # Close the page's browser context now, not at the end: its open keep-alive
        # connections each hold a live-server thread and its database connection,
        # and a context per page would use up PostgreSQL's max_connections (100).
        page.context.close()

    shared = {title: paths for title, paths in titles.items() if len(paths) > 1}
    assert not shared, f"pages share a title: {shared}"
