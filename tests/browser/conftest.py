"""Browser fixtures: Debian's Chromium driven by Playwright against the live server.

No test tool downloads a browser: Playwright launches the Chromium at
CHROMIUM_PATH (default /usr/bin/chromium). Where it is missing the browser tests
are skipped with a message saying so, unless BROWSER_TESTS=required (CI), which
turns the skip into a failure.
"""

import datetime
import os
import shutil
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from apps.accounts.permissions import second_factor_required
from apps.monitoring.models import Indicator, ReportingPeriod, ReviewStatus
from apps.programme.models import Component, Unit
from apps.programme.services import programme_facts_load
from tests.accounts.factories import AdviserFactory, AuthenticatorFactory, StaffUserFactory
from tests.helpers import force_login_verified
from tests.monitoring.factories import (
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ResultFactory,
)

from .a11y import AXE_SCRIPT
from .csp import watch_policy

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The flags a root, offline, headless machine needs (see docs/accessibility.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing() -> str | None:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}"
    if not AXE_SCRIPT.is_file():
        return f"axe-core not found at {AXE_SCRIPT} (run `make install`)"
    return None


@pytest.fixture(scope="session")
def browser():
    missing = _missing()
    if missing:
        message = f"{missing}: browser tests skipped. Install it: apt-get install chromium"
        if os.environ.get("BROWSER_TESTS") == "required":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread. Two Django
    # guards then misread the (synchronous) test code as async code:
    # - the check against database calls from async code: switched off;
    # - asgiref's thread-critical locals hand out a new set of database
    #   connections, which lack the snapshot that serialized rollback restores
    #   after each flush (the roles from the data migrations): copied over.
    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def portal(live_server):
    """The live server with the programme facts, one staff member, one adviser and
    one staff member with two-step sign-in on."""
    programme_facts_load()
    users = {
        "staff": StaffUserFactory(
            email="staff@asean.example.org",
            full_name="Siti Rahma",
            unit=Unit.objects.get(abbreviation="CRD"),
        ),
        "adviser": AdviserFactory(email="adviser@giz.example.org", full_name="Jonas Weber"),
        # Staff of the units the component apps' pages are written by.
        "staff-legal": StaffUserFactory(
            email="staff.legal@asean.example.org",
            full_name="Arief Nugroho",
            unit=Unit.objects.get(abbreviation="LSAD"),
        ),
        "staff-corporate": StaffUserFactory(
            email="staff.corporate@asean.example.org",
            full_name="Maria Santos",
            unit=Unit.objects.get(abbreviation="CAD"),
        ),
        "staff-information": StaffUserFactory(
            email="staff.information@asean.example.org",
            full_name="Putri Wulandari",
            unit=Unit.objects.get(abbreviation="CID"),
        ),
        "staff-connectivity": StaffUserFactory(
            email="staff.connectivity@asean.example.org",
            full_name="Nguyen Thi Lan",
            unit=Unit.objects.get(abbreviation="ACD"),
        ),
        # Staff who turned two-step sign-in on: signed in with the password only,
        # so the pages ask for the code first.
        "staff-2fa": StaffUserFactory(
            email="staff.two-step@asean.example.org",
            full_name="Dewi Lestari",
            unit=Unit.objects.get(abbreviation="CRD"),
        ),
    }
    AuthenticatorFactory(user=users["staff-2fa"])
    _workspace_records(staff=users["staff"], adviser=users["adviser"])
    live_server.users = users
    return live_server


def _workspace_records(*, staff, adviser) -> None:
    """A little of the staff member's work, for the workspace pages: an indicator to
    report and one returned update (open period), a draft and a returned activity.
    Not public, so the public pages do not change."""
    component = Component.objects.get(slug="organisational-processes")
    result = ResultFactory(component=component, code="CRD-1", title="Outreach reaches more people")
    to_report = IndicatorFactory(
        result=result,
        code="CRD-1.a",
        title="People reached by outreach events",
        unit_of_measure="people",
        responsible_unit=staff.unit,
        disaggregate_by_sex=True,
        is_public=False,
    )
    returned = IndicatorFactory(
        result=result,
        code="CRD-1.b",
        title="Share of events with an accessible venue",
        measure=Indicator.Measure.PERCENTAGE,
        target_value=100,
        responsible_unit=staff.unit,
        is_public=False,
    )
    period, _created = ReportingPeriod.objects.get_or_create(
        start=datetime.date(2020, 1, 1),
        defaults={"name": "2020 Q1", "end": datetime.date(2020, 3, 31)},
    )
    IndicatorUpdateFactory(
        indicator=returned,
        period=period,
        value=None,
        numerator=3,
        denominator=4,
        created_by=staff,
        status=ReviewStatus.RETURNED,
        reviewed_by=adviser,
        review_note="Which venue was not accessible? Say so in the comment.",
    )
    draft = ActivityFactory(
        title="Briefing on the Communication Master Plan II",
        component=component,
        unit=staff.unit,
        created_by=staff,
    )
    draft.indicators.add(to_report)
    ActivityFactory(
        title="ASEAN Media Forum preparatory meeting",
        component=component,
        unit=staff.unit,
        created_by=staff,
        status=ReviewStatus.RETURNED,
        reviewed_by=adviser,
        review_note="Please attach the participant list.",
    )


@pytest.fixture
def open_page(browser, portal):
    """open_page(path, user=None, width=1280) -> a Playwright page, signed in as `user`
    (a name from `portal.users`, or a User). The page's `policy_problems` lists every
    Content-Security-Policy violation from its first byte (tests/browser/csp.py)."""
    contexts = []

    def open_(path: str, *, user=None, width: int = 1280, status: int = 200):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        problems = watch_policy(context)
        if user is not None:
            client = Client()
            person = portal.users[user] if isinstance(user, str) else user
            # Advisers (and anyone with back-office access) use the portal only
            # after the second step (docs/security.md); staff sign in with the
            # password only, so "staff-2fa" is asked for the code first.
            if second_factor_required(person):
                force_login_verified(client, person)
            else:
                client.force_login(person)
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
        page.policy_problems = problems
        response = page.goto(portal.url + path)
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        return page

    yield open_
    for context in contexts:
        context.close()
