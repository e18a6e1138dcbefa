"""Browser fixtures: Debian's Chromium driven by Playwright against the live server.

No test tool downloads a browser: Playwright launches the Chromium at
CHROMIUM_PATH (default /usr/bin/chromium). Where it is missing the browser tests
are skipped with a message saying so, unless BROWSER_TESTS=required (CI), which
turns the skip into a failure.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from apps.programme.models import Unit
from apps.programme.services import programme_facts_load
from tests.accounts.factories import AdviserFactory, StaffUserFactory

from .a11y import AXE_SCRIPT

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
    """The live server with the programme facts, one staff member and one adviser."""
    programme_facts_load()
    users = {
        "staff": StaffUserFactory(
            email="staff@asean.example.org",
            full_name="Siti Rahma",
            unit=Unit.objects.get(abbreviation="CRD"),
        ),
        "adviser": AdviserFactory(email="adviser@giz.example.org", full_name="Jonas Weber"),
    }
    live_server.users = users
    return live_server


@pytest.fixture
def open_page(browser, portal):
    """open_page(path, user=None, width=1280) -> a Playwright page, signed in as `user`."""
    contexts = []

    def open_(path: str, *, user: str | None = None, width: int = 1280, status: int = 200):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
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
        response = page.goto(portal.url + path)
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        return page

    yield open_
    for context in contexts:
        context.close()
