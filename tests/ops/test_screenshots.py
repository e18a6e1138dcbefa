"""scripts/screenshots.py (`make screenshots`, docs/design-system.md): which pages it
takes, and that it refuses to run without Chromium. No browser is started here."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parents[2]

_spec = importlib.util.spec_from_file_location(
    "scripts_screenshots", ROOT / "scripts" / "screenshots.py"
)
screenshots = sys.modules.setdefault("scripts_screenshots", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(screenshots)


def test_the_page_list_covers_home_results_each_component_and_about():
    paths = set(screenshots.PAGES.values())

    assert {"/", "/results/", "/about/"} <= paths
    # seed_demo's three components (apps/programme/facts.py).
    from apps.programme import facts

    slugs = {component["slug"] for component in facts.COMPONENTS}
    assert len(slugs) == 3
    assert {f"/components/{slug}/" for slug in slugs} <= paths


@pytest.mark.parametrize("path", ["/", "/results/", "/about/", "/components/connectivity/"])
def test_every_page_in_the_list_is_a_url_of_the_portal(path):
    assert path in screenshots.PAGES.values()
    try:
        resolve(path)
    except Resolver404:
        pytest.fail(f"{path} is not a URL of the portal")


def test_it_shoots_at_1280_and_375_px_into_docs_screenshots():
    assert set(screenshots.WIDTHS) == {1280, 375}
    assert screenshots.OUTPUT == ROOT / "docs" / "screenshots"


def test_a_missing_chromium_is_refused_with_a_clear_message(tmp_path):
    missing = tmp_path / "no-chromium-here"

    with pytest.raises(screenshots.ScreenshotError) as refused:
        screenshots.check_chromium(str(missing))

    message = str(refused.value)
    assert str(missing) in message
    assert "apt-get install chromium" in message
    assert "CHROMIUM_PATH" in message


def test_the_script_stops_before_doing_anything_when_chromium_is_missing(tmp_path):
    environment = {"PATH": "/usr/bin:/bin", "CHROMIUM_PATH": str(tmp_path / "none")}

    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "scripts" / "screenshots.py")],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert "make screenshots needs Chromium" in result.stderr
    assert "Setting up" not in result.stdout
    assert not list(tmp_path.glob("*.sqlite3"))


def test_the_server_gets_a_throwaway_database_and_no_developer_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://somewhere/production")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "a developer's key")

    env = screenshots.environment(tmp_path)

    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path / 'screenshots.sqlite3'}"
    assert env["DJANGO_MEDIA_ROOT"] == str(tmp_path / "media")
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.local"
    assert "DJANGO_SECRET_KEY" not in env
