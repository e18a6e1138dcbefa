"""`make screenshots`: the public front door as a visitor sees it, in PNGs under
docs/screenshots/ (docs/design-system.md shows them; the README shows the home page).

Run by `make screenshots` with the portal's interpreter:

1. Makes a throwaway SQLite database and media folder in a temporary folder,
   migrates it and runs `seed_demo` (the programme, its demo results, the demo
   illustrations), under config.settings.local with the page cache off.
2. Starts `manage.py runserver` on a free port and waits until /healthz answers.
3. Opens each page of PAGES in Debian's Chromium (Playwright, CHROMIUM_PATH, default
   /usr/bin/chromium) at 1280 px (the full page) and 375 px (the first screen and the
   full page), and writes docs/screenshots/<name>-<width>[-full].png.
4. Stops the server and deletes the temporary folder.

It refuses to start, before touching anything, when Chromium is missing.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "screenshots"

# name → path. The component pages are seed_demo's three components.
PAGES = {
    "home": "/",
    "results": "/results/",
    "component-organisational-processes": "/components/organisational-processes/",
    "component-connectivity": "/components/connectivity/",
    "component-diversity-inclusion": "/components/diversity-inclusion/",
    "about": "/about/",
}
# width → also a screenshot of the first screen only (phones: what shows before scrolling).
WIDTHS = {1280: False, 375: True}
HEIGHT = {1280: 800, 375: 812}

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]


class ScreenshotError(Exception):
    pass


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def check_chromium(path: str) -> None:
    """Raise ScreenshotError, saying how to install it, unless Chromium is at `path`."""
    if not (Path(path).is_file() or shutil.which(path)):
        raise ScreenshotError(
            f"make screenshots needs Chromium, and there is none at {path}. "
            "Install it (sudo apt-get install chromium) or set CHROMIUM_PATH to its path."
        )


def say(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(tmp: Path) -> dict[str, str]:
    """The caller's environment without anything that configures the portal, then a
    throwaway database and media folder, local settings, the page cache off."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PORTAL_"))
    }
    env.update(
        {
            "DJANGO_ENV_FILE": str(tmp / "no-env-file"),
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp / 'screenshots.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(tmp / "media"),
            "PORTAL_PUBLIC_PAGE_CACHE": "False",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(  # noqa: S603 - our own command, no shell
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        raise ScreenshotError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


@contextlib.contextmanager
def server(env: dict[str, str], port: int) -> Iterator[str]:
    """runserver on 127.0.0.1:`port` until the block ends; its base URL."""
    log = open(Path(env["DJANGO_MEDIA_ROOT"]).parent / "server.log", "w")  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603 - our own command, no shell
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_for(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ScreenshotError("the server stopped while starting")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        time.sleep(0.3)
    raise ScreenshotError(f"the server did not answer on port {port} within {timeout:.0f} s")


def shoot(base_url: str, chromium: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for width, first_screen in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": HEIGHT[width]})
                for name, path in PAGES.items():
                    response = page.goto(base_url + path, wait_until="load")
                    if response is None or response.status != 200:
                        status = response.status if response else "no response"
                        raise ScreenshotError(f"{path} answered {status}")
                    full = OUTPUT / f"{name}-{width}{'-full' if first_screen else ''}.png"
                    page.screenshot(path=full, full_page=True)
                    written.append(full)
                    if first_screen:
                        screen = OUTPUT / f"{name}-{width}.png"
                        page.screenshot(path=screen, full_page=False)
                        written.append(screen)
                page.close()
        finally:
            browser.close()
    return written


def main() -> int:
    chromium = chromium_path()
    try:
        check_chromium(chromium)
        with tempfile.TemporaryDirectory(prefix="asec-screenshots-") as folder:
            tmp = Path(folder)
            env = environment(tmp)
            say("Setting up a throwaway database with the demo data (migrate, seed_demo) ...")
            manage(env, "migrate", "--noinput")
            manage(env, "seed_demo")
            with server(env, free_port()) as base_url:
                say(f"Serving the portal at {base_url}; taking screenshots with {chromium} ...")
                written = shoot(base_url, chromium)
    except ScreenshotError as error:
        print(f"make screenshots: {error}", file=sys.stderr)
        return 1
    for path in written:
        say(f"  {path.relative_to(ROOT)}")
    say(f"{len(written)} screenshots in {OUTPUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
