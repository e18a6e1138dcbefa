"""Browser-test cases of the inclusion app: see pages.py.

"staff-corporate" works in the Corporate Affairs Directorate, the unit whose demo
records `inclusion_demo` loads (written by the directorate's demo account): the
workspace lists show them.
"""

from .pages import PageCase, follow_link, submit_empty_form

STAFF = "staff-corporate"
REVIEW = "Recruitment rules of the Secretariat"
SNAPSHOT = "Workforce on 31 December 2021"


def inclusion_facts() -> None:
    """Data: the cross-cutting topics and staff categories."""
    from apps.inclusion.services import inclusion_facts_load

    inclusion_facts_load()


def inclusion_demo() -> None:
    """Data: seed_demo's monitoring and inclusion records (approved, submitted)."""
    from apps.accounts.services import demo_accounts_create
    from apps.inclusion.demo import inclusion_demo_load
    from apps.monitoring.demo import monitoring_demo_load

    inclusion_facts()
    users = demo_accounts_create(password="browser-demo-password")
    monitoring_demo_load(users=users)
    inclusion_demo_load(users=users)


COMPONENT = "/components/diversity-inclusion/"
REVIEWS = "/workspace/inclusion/policy-reviews/"
SNAPSHOTS = "/workspace/inclusion/workforce-snapshots/"
MEASURES = "/workspace/inclusion/accessibility-measures/"

PAGES = [
    # The public component page: policy reviews, the workforce with its charts and
    # suppressed tables, accessibility measures.
    PageCase("inclusion sections", COMPONENT, data=inclusion_demo),
    PageCase("inclusion sections at 320px", COMPONENT, width=320, data=inclusion_demo),
    PageCase(
        "inclusion sections, nothing published yet", COMPONENT, width=375, data=inclusion_facts
    ),
    # The workspace: the directorate's panel.
    PageCase("workspace (corporate staff)", "/workspace/", user=STAFF, data=inclusion_demo),
    # Policy reviews: list, page, the form with its recommendations, empty and with errors.
    PageCase("policy reviews", REVIEWS, user=STAFF, data=inclusion_demo),
    PageCase(
        "policy review detail", REVIEWS, user=STAFF, data=inclusion_demo, state=follow_link(REVIEW)
    ),
    PageCase("policy review form", f"{REVIEWS}new/", user=STAFF, data=inclusion_facts),
    PageCase(
        "policy review form at 320px", f"{REVIEWS}new/", user=STAFF, width=320, data=inclusion_facts
    ),
    PageCase(
        "policy review form with errors",
        f"{REVIEWS}new/",
        user=STAFF,
        data=inclusion_facts,
        state=submit_empty_form,
    ),
    # Workforce snapshots: list, page, the grid, empty and with errors.
    PageCase("workforce snapshots", SNAPSHOTS, user=STAFF, data=inclusion_demo),
    PageCase(
        "workforce snapshot detail",
        SNAPSHOTS,
        user=STAFF,
        data=inclusion_demo,
        state=follow_link(SNAPSHOT),
    ),
    PageCase("workforce snapshot form", f"{SNAPSHOTS}new/", user=STAFF, data=inclusion_facts),
    PageCase(
        "workforce snapshot form at 320px",
        f"{SNAPSHOTS}new/",
        user=STAFF,
        width=320,
        data=inclusion_facts,
    ),
    PageCase(
        "workforce snapshot form with errors",
        f"{SNAPSHOTS}new/",
        user=STAFF,
        data=inclusion_facts,
        state=submit_empty_form,
    ),
    # Accessibility measures: list, form empty and with errors.
    PageCase("accessibility measures", MEASURES, user=STAFF, data=inclusion_demo),
    PageCase("accessibility measure form", f"{MEASURES}new/", user=STAFF, data=inclusion_facts),
    PageCase(
        "accessibility measure form with errors",
        f"{MEASURES}new/",
        user=STAFF,
        data=inclusion_facts,
        state=submit_empty_form,
    ),
]
