"""Browser-test cases of the connectivity app: see pages.py.

"staff-connectivity" works in the ASEAN Connectivity Division, the unit whose demo
records `connectivity_demo` loads (written by the division's demo account): the
workspace pages show them, the ACCC meeting with its overdue action item first.
"""

from .pages import PageCase, follow_link, in_turn, submit_empty_form

STAFF = "staff-connectivity"
MEETING = "ACCC meeting, 23 March 2021"


def connectivity_facts() -> None:
    """Data: the MPAC areas, ASUS focus areas, cities and coordination bodies."""
    from apps.connectivity.services import connectivity_facts_load

    connectivity_facts_load()


def connectivity_demo() -> None:
    """Data: seed_demo's monitoring and connectivity records (approved, returned,
    submitted), with the ACCC meeting's overdue action item."""
    from apps.accounts.services import demo_accounts_create
    from apps.connectivity.demo import connectivity_demo_load
    from apps.monitoring.demo import monitoring_demo_load

    connectivity_facts()
    users = demo_accounts_create(password="browser-demo-password")
    monitoring_demo_load(users=users)
    connectivity_demo_load(users=users)


PAGES = [
    # The public component page with its four sections and the member states' chart.
    PageCase("connectivity sections", "/components/connectivity/", data=connectivity_demo),
    PageCase(
        "connectivity sections at 320px",
        "/components/connectivity/",
        width=320,
        data=connectivity_demo,
    ),
    PageCase(
        "connectivity sections, nothing published yet",
        "/components/connectivity/",
        width=375,
        data=connectivity_facts,
    ),
    # The workspace: the division's panel, the overdue action item flagged.
    PageCase("workspace (connectivity staff)", "/workspace/", user=STAFF, data=connectivity_demo),
    PageCase(
        "workspace (connectivity staff) at 320px",
        "/workspace/",
        user=STAFF,
        width=320,
        data=connectivity_demo,
    ),
    # Coordination meetings: list, page, the form with its action items.
    PageCase(
        "coordination meetings",
        "/workspace/connectivity/meetings/",
        user=STAFF,
        data=connectivity_demo,
    ),
    PageCase(
        "coordination meeting detail",
        "/workspace/connectivity/meetings/",
        user=STAFF,
        data=connectivity_demo,
        state=follow_link(MEETING),
    ),
    PageCase(
        "coordination meeting detail at 320px",
        "/workspace/connectivity/meetings/",
        user=STAFF,
        width=320,
        data=connectivity_demo,
        state=follow_link(MEETING),
    ),
    PageCase(
        "coordination meeting form",
        "/workspace/connectivity/meetings/new/",
        user=STAFF,
        data=connectivity_facts,
    ),
    PageCase(
        "coordination meeting form with errors",
        "/workspace/connectivity/meetings/new/",
        user=STAFF,
        data=connectivity_facts,
        state=submit_empty_form,
    ),
    PageCase(
        "coordination meeting form with errors at 320px",
        "/workspace/connectivity/meetings/new/",
        user=STAFF,
        width=320,
        data=connectivity_facts,
        state=submit_empty_form,
    ),
    # Initiatives.
    PageCase(
        "initiatives", "/workspace/connectivity/initiatives/", user=STAFF, data=connectivity_demo
    ),
    PageCase(
        "initiative detail",
        "/workspace/connectivity/initiatives/",
        user=STAFF,
        data=connectivity_demo,
        state=follow_link("ASEAN Sustainable Urbanisation Strategy"),
    ),
    PageCase(
        "initiative form",
        "/workspace/connectivity/initiatives/new/",
        user=STAFF,
        data=connectivity_facts,
    ),
    PageCase(
        "initiative form with errors",
        "/workspace/connectivity/initiatives/new/",
        user=STAFF,
        data=connectivity_facts,
        state=submit_empty_form,
    ),
    # Cities' actions, one returned with a note.
    PageCase(
        "city actions", "/workspace/connectivity/city-actions/", user=STAFF, data=connectivity_demo
    ),
    PageCase(
        "city action, returned with a note",
        "/workspace/",
        user=STAFF,
        data=connectivity_demo,
        state=in_turn(follow_link("Digital services for small businesses"), follow_link("Change")),
    ),
    PageCase(
        "city action form",
        "/workspace/connectivity/city-actions/new/",
        user=STAFF,
        data=connectivity_facts,
    ),
    PageCase(
        "city action form with errors at 320px",
        "/workspace/connectivity/city-actions/new/",
        user=STAFF,
        width=320,
        data=connectivity_facts,
        state=submit_empty_form,
    ),
]
