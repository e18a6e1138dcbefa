"""`make bench`: the portal's pages under load, each against a bare view on the same server.

Run by `make bench` with the portal's interpreter (stdlib only; Django, gunicorn
and psycopg2 run in subprocesses of that interpreter):

    .venv/bin/python scripts/bench.py

What it does (docs/performance.md, "How to rerun"):

1. Makes two PostgreSQL databases, asec_bench_1x and asec_bench_<N>x: migrate
   and `seed_demo` under local settings; the big one also `seed_demo --scale N`.
   With BENCH_REUSE=1 databases already seeded at the same scale are kept.
2. Collects the static files into a temporary STATIC_ROOT (production stores
   them hashed and compressed).
3. Signs two people in by writing their sessions directly (no password): a
   Secretariat staff member and a programme adviser with a confirmed
   authenticator app in the session. These are bench twins of the demo accounts
   (same unit, same roles), because production-like settings refuse the demo
   accounts' sessions outright (apps/accounts/backends.py).
4. For each size, starts gunicorn (2 workers, config.settings.bench) twice: with
   the public page cache on (every page) and off (the public pages again).
5. For each page: one request must answer 200 with the right content type (it
   stops here otherwise), then warm-up requests, the last of which gives the
   page's query count and size; then wrk runs, interleaved with runs on the
   bare view (bare, page 1, bare, page 2, ..., bare; repeated), medians of the
   repeats.
6. Prints a Markdown table and writes it to bench-results/latest.md (and the raw
   numbers to bench-results/latest.json).

Settings (environment): BENCH_SCALE (100), BENCH_REPEATS (3), BENCH_DURATION
(seconds per page run, 1; a slow page's runs last long enough for about
BENCH_MIN_REQUESTS (10) requests, at most 10 s), BENCH_BARE_DURATION (seconds
per bare run, 1), BENCH_CONNECTIONS (8), BENCH_WARMUP (requests, 5),
BENCH_REUSE (0), BENCH_PAGES (comma-separated parts of page paths or labels:
only those pages), BENCH_DATABASE_SERVER (postgres://postgres@127.0.0.1:5432),
BENCH_REDIS_URL (redis://127.0.0.1:6379/15, a Redis database the bench may
flush).

Exit status: 0 when every page was measured (targets missed or not: the table
says), 1 when a page failed or the run could not be set up.
"""

from __future__ import annotations

import contextlib
import datetime
import http.client
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

# --- The pages ------------------------------------------------------------------------

ANON, STAFF, ADVISER = "anon", "staff", "adviser"


@dataclass(frozen=True)
class Page:
    """One page to measure. `path` and `form` values may name a fact the sign-in
    step looks up, e.g. "{activity_pk}" (see SIGN_IN below)."""

    path: str
    who: str  # ANON (measured with the public page cache on and off), STAFF or ADVISER
    label: str = ""  # shown instead of the path
    form: dict[str, str] | None = None  # POSTed, with a CSRF token added
    content_type: str = "text/html"
    # An export of every record grows with the data by design: the N×/1× targets
    # (req/s and size) do not apply to it.
    grows_with_data: bool = False

    @property
    def name(self) -> str:
        return self.label or self.path


# A later app adds its pages here, one line each.
PAGES = [
    Page("/", ANON),
    Page("/about/", ANON),
    Page("/components/organisational-processes/", ANON),
    Page("/components/connectivity/", ANON),
    Page("/components/diversity-inclusion/", ANON),
    Page("/results/", ANON),
    Page("/results/organisational-processes/", ANON),
    Page("/results/connectivity/", ANON),
    Page("/results/diversity-inclusion/", ANON),
    Page("/accessibility/", ANON),
    Page("/workspace/", STAFF),
    Page("/workspace/activities/new/", STAFF),
    Page("/workspace/activities/", STAFF),
    Page("/admin/", ADVISER),
    Page("/admin/monitoring/activity/", ADVISER),
    Page("/admin/monitoring/indicatorupdate/", ADVISER),
    # Component 1 (apps/processes): the busiest staff pages and review queues
    Page("/workspace/processes/improvements/", STAFF),
    Page("/workspace/processes/legal-instruments/new/", STAFF),
    Page("/admin/processes/processimprovement/", ADVISER),
    Page("/admin/processes/legalinstrument/", ADVISER),
    # Component 2 (apps/connectivity): the bench's staff member is in CRD, so the
    # adviser (who sees every unit) reads the division's lists
    Page("/workspace/connectivity/meetings/", ADVISER),
    Page("/workspace/connectivity/initiatives/", ADVISER),
    Page("/admin/connectivity/coordinationmeeting/", ADVISER),
    # Component 3 (apps/inclusion)
    Page("/workspace/inclusion/policy-reviews/", ADVISER),
    Page("/admin/inclusion/policyreview/", ADVISER),
    Page("/admin/inclusion/workforcesnapshot/", ADVISER),
    # Events (apps/events)
    Page("/events/", ANON),
    Page("/events/asean-media-forum-2019/", ANON),
    Page("/events/series/asean-media-forum/", ANON),
    Page("/events/calendar.ics", ANON, content_type="text/calendar; charset=utf-8"),
    Page("/workspace/events/", ADVISER),
    Page("/admin/events/event/", ADVISER),
    # Registrations (apps/registrations): the forum's participants, a day's check-in
    # list and figures as an event reviewer sees them; the advisers' registrations
    Page("/workspace/events/{forum_pk}/participants/", ADVISER),
    Page("/workspace/events/{forum_pk}/participants/check-in/{forum_day}/", ADVISER),
    Page("/workspace/events/{forum_pk}/participation/", ADVISER),
    Page("/admin/registrations/registration/", ADVISER),
    # News (apps/news)
    Page("/news/", ANON),
    Page("/news/asean-media-forum-2019-looks-at-the-digital-economy/", ANON),
    Page("/news/publications/", ANON),
    Page("/news/feed/", ANON, content_type="application/rss+xml; charset=utf-8"),
    Page("/workspace/news/stories/", ADVISER),
    Page("/admin/news/story/", ADVISER),
    # Search and open data (apps/site)
    Page("/search/?q=Media+Forum", ANON),
    Page("/search/?q=Media+Forum&kind=events", ANON),
    Page("/open-data/", ANON),
    Page("/open-data/indicators.csv", ANON, content_type="text/csv; charset=utf-8"),
    Page("/open-data/iati-activities.xml", ANON, content_type="application/xml; charset=utf-8"),
    Page("/sitemap.xml", ANON, content_type="application/xml"),
    # The reporting cycle (issue 18): the due list with due dates, the email
    # preference, spreadsheet import and its template, the progress report.
    Page("/workspace/updates/due/", STAFF),
    Page("/accounts/emails/", STAFF),
    Page("/workspace/imports/", STAFF),
    Page(
        "/workspace/imports/updates/{open_period_pk}/template.xlsx",
        STAFF,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        grows_with_data=True,  # a row for every indicator of the unit
    ),
    Page("/results/2020/", ANON),
    Page("/admin/reports/", ADVISER),
    # The report leaves no indicator out: the print page and the Word file grow with them.
    Page("/admin/reports/2020/", ADVISER, grows_with_data=True),
    Page(
        "/admin/reports/2020.docx",
        ADVISER,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        grows_with_data=True,
    ),
    Page(
        "/admin/monitoring/activity/",
        ADVISER,
        label="CSV export, all activities (POST /admin/monitoring/activity/)",
        form={
            "action": "export_csv",
            "select_across": "1",
            "index": "0",
            "_selected_action": "{activity_pk}",
        },
        content_type="text/csv",
        grows_with_data=True,
    ),
]

BARE = Page("/bench/bare/", ANON, content_type="text/plain")

# Targets (docs/performance.md): page req/s ÷ bare view req/s, at every size.
CACHED_FLOOR = 0.5  # anonymous public pages, cache on
FLOOR = 0.1  # public pages uncached, signed-in pages
SCALE_FLOOR = 0.8  # req/s at N× ÷ req/s at 1×
SIZE_CEILING = 1.10  # HTML bytes at N× ÷ at 1×: "flat"

# How each row's "who" reads in the table.
CACHED, UNCACHED = "anon cached", "anon uncached"

# --- Settings -------------------------------------------------------------------------


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


@dataclass
class Config:
    scale: int = 100
    duration: int = 1
    bare_duration: int = 1
    min_requests: int = 10
    max_duration: int = 10
    repeats: int = 3
    connections: int = 8
    warmup: int = 5
    workers: int = 2
    reuse: bool = False
    only: list[str] = field(default_factory=list)
    database_server: str = "postgres://postgres@127.0.0.1:5432"
    redis_url: str = "redis://127.0.0.1:6379/15"
    python: str = sys.executable

    @classmethod
    def from_env(cls) -> Config:
        return cls(
            scale=_env_int("BENCH_SCALE", 100),
            duration=_env_int("BENCH_DURATION", 1),
            bare_duration=_env_int("BENCH_BARE_DURATION", 1),
            min_requests=_env_int("BENCH_MIN_REQUESTS", 10),
            repeats=_env_int("BENCH_REPEATS", 3),
            connections=_env_int("BENCH_CONNECTIONS", 8),
            warmup=_env_int("BENCH_WARMUP", 5),
            reuse=os.environ.get("BENCH_REUSE", "").strip().lower() in ("1", "true", "yes"),
            only=[part for part in os.environ.get("BENCH_PAGES", "").split(",") if part.strip()],
            database_server=os.environ.get("BENCH_DATABASE_SERVER", "").strip()
            or cls.database_server,
            redis_url=os.environ.get("BENCH_REDIS_URL", "").strip() or cls.redis_url,
        )


class BenchError(Exception):
    """The run cannot go on: a page answered wrongly, a step failed."""


_STARTED = time.monotonic()


def say(message: str = "") -> None:
    """Progress, with the minutes and seconds since the start."""
    elapsed = int(time.monotonic() - _STARTED)
    print(f"[{elapsed // 60:2d}:{elapsed % 60:02d}] {message}" if message else "", flush=True)


# --- Subprocesses: Django, PostgreSQL, Redis --------------------------------------------


def base_environment(tmp: Path) -> dict[str, str]:
    """The caller's environment without anything that configures the portal: the
    bench sets every variable itself, and no developer's .env is read."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PORTAL_"))
    }
    environment["DJANGO_ENV_FILE"] = str(tmp / "no-env-file")
    environment["PYTHONUNBUFFERED"] = "1"
    return environment


def run(command: list[str], *, env: dict[str, str], what: str, timeout: int = 1800) -> str:
    """Run a command in the project folder; its stdout, or BenchError with its output."""
    result = subprocess.run(  # noqa: S603 - our own commands, no shell
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def manage(config: Config, env: dict[str, str], *args: str, what: str = "") -> str:
    return run(
        [config.python, "manage.py", *args], env=env, what=what or f"manage.py {' '.join(args)}"
    )


def database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


# Run with the portal's interpreter, which has psycopg2: this script stays stdlib-only.
_POSTGRES = """
import sys
import psycopg2
from psycopg2 import sql

url, action, name, *rest = sys.argv[1:]
if not name.startswith("asec_bench"):
    sys.exit("refusing to touch a database whose name does not start with asec_bench")
connection = psycopg2.connect(url)
connection.autocommit = True
cursor = connection.cursor()
database = sql.Identifier(name)
if action == "describe":
    cursor.execute(
        "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database"
        " WHERE datname = %s",
        [name],
    )
    row = cursor.fetchone()
    print("missing" if row is None else "exists " + row[0])
elif action == "drop":
    cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
elif action == "create":
    template = sql.Identifier(rest[0] if rest else "template0")
    cursor.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(database, template))
elif action == "comment":
    cursor.execute(sql.SQL("COMMENT ON DATABASE {} IS %s").format(database), [rest[0]])
elif action == "version":
    cursor.execute("SHOW server_version")
    print(cursor.fetchone()[0])
"""


def postgres(config: Config, env: dict[str, str], action: str, name: str, *rest: str) -> str:
    maintenance = database_url(config.database_server, "postgres")
    return run(
        [config.python, "-c", _POSTGRES, maintenance, action, name, *rest],
        env=env,
        what=f"PostgreSQL: {action} {name}",
        timeout=600,
    ).strip()


def seed_marker(scale: int) -> str:
    return f"make bench: seed_demo at scale {scale}"


def seed_has_scale_option(config: Config, env: dict[str, str]) -> bool:
    local = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    return "--scale" in manage(config, local, "seed_demo", "--help")


def prepare_databases(config: Config, env: dict[str, str], sizes: list[int]) -> dict[int, str]:
    """The bench database of each size, migrated and seeded; their URLs."""
    urls = {}
    for size in sizes:
        name = f"asec_bench_{size}x"
        url = database_url(config.database_server, name)
        local = {**env, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DATABASE_URL": url}
        started = time.monotonic()
        if (
            config.reuse
            and postgres(config, env, "describe", name) == f"exists {seed_marker(size)}"
        ):
            manage(config, local, "migrate", "--noinput")
            say(f"  {name}: reused (BENCH_REUSE=1), migrated")
        else:
            postgres(config, env, "drop", name)
            if size == 1:
                postgres(config, env, "create", name)
                manage(config, local, "migrate", "--noinput")
                manage(config, local, "seed_demo")
            else:
                # The 1× database is migrate + seed_demo already: copy it, then scale up.
                postgres(config, env, "create", name, "asec_bench_1x")
                manage(config, local, "seed_demo", "--scale", str(size))
            postgres(config, env, "comment", name, seed_marker(size))
            say(f"  {name}: created and seeded in {time.monotonic() - started:.0f} s")
        urls[size] = url
    return urls


def flush_redis(config: Config, url: str) -> str | None:
    """Empty the bench's Redis database, so that no server gets pages another one
    stored (from the other size's data). Returns why it could not, or None."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2):
            pass
    except OSError:
        return f"Redis did not answer at {parts.hostname}:{parts.port or 6379}"
    if shutil.which("redis-cli"):
        command = ["redis-cli", "-u", url, "FLUSHDB"]
    else:
        command = [
            config.python,
            "-c",
            "import sys, redis; redis.Redis.from_url(sys.argv[1]).flushdb()",
            url,
        ]
    try:
        result = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"Redis not flushed ({error})"
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or "error" in output.lower():
        return f"Redis not flushed ({output.splitlines()[-1] if output else result.returncode})"
    return None


# --- Signing in -------------------------------------------------------------------------

# Run with `manage.py shell -c` under config.settings.bench. The demo accounts
# cannot keep a session outside DEBUG (apps/accounts/backends.py), so each role
# signs in as a bench twin of a demo account: same unit, same groups, no usable
# password, an email under .invalid. The adviser's session is verified with a
# confirmed TOTP device, as django_otp.login() records it.
SIGN_IN = """
import json
import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import User
from apps.core.middleware import LAST_ACTIVITY_AT, SIGNED_IN_AT
from apps.events.models import Event
from apps.monitoring.models import Activity
from apps.monitoring.selectors import period_list_open

TWINS = {
    "staff": ("staff.processes@example.org", "bench.staff@bench.invalid", False),
    "adviser": ("adviser@example.org", "bench.adviser@bench.invalid", True),
}
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
sessions = {}
for who, (demo_email, email, verified) in TWINS.items():
    demo = User.objects.get(email__iexact=demo_email)
    user = User.objects.filter(email=email).first() or User(email=email)
    user.full_name = f"Bench twin of {demo.full_name}"
    user.unit = demo.unit
    user.is_staff, user.is_superuser, user.is_active = demo.is_staff, demo.is_superuser, True
    user.set_unusable_password()
    user.save()
    user.groups.set(demo.groups.all())
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "apps.accounts.backends.PortalBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SIGNED_IN_AT] = session[LAST_ACTIVITY_AT] = int(time.time())
    if verified:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    sessions[who] = session.session_key
forum = Event.objects.filter(slug="asean-media-forum-2019").first()
open_period = period_list_open().order_by("-start").first()
print("BENCH-SIGN-IN " + json.dumps({
    "sessions": sessions,
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME,
    "facts": {
        "activity_pk": Activity.objects.order_by("pk").values_list("pk", flat=True).first(),
        "forum_pk": forum.pk if forum else None,
        "forum_day": f"{forum.start_date:%Y-%m-%d}" if forum else None,
        "open_period_pk": open_period.pk if open_period else None,
    },
}))
"""


@dataclass
class SignIns:
    cookies: dict[str, str]  # who -> Cookie header value
    csrf_token: str
    facts: dict[str, object]


def sign_in(config: Config, env: dict[str, str]) -> SignIns:
    output = manage(config, env, "shell", "-c", SIGN_IN, what="signing in the bench accounts")
    lines = [line for line in output.splitlines() if line.startswith("BENCH-SIGN-IN ")]
    if not lines:
        raise BenchError(f"signing in the bench accounts said nothing useful:\n{output}")
    data = json.loads(lines[-1].removeprefix("BENCH-SIGN-IN "))
    # A CSRF secret as Django makes them: 32 letters and digits, in the cookie and the form.
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    cookies = {ANON: ""}
    for who, key in data["sessions"].items():
        cookies[who] = f"{data['session_cookie']}={key}; {data['csrf_cookie']}={csrf}"
    if any(
        data["facts"].get(fact) is None for fact in ("activity_pk", "forum_pk", "open_period_pk")
    ):
        raise BenchError(
            "the bench database holds no activity, forum or open period: was seed_demo run?"
        )
    return SignIns(cookies=cookies, csrf_token=csrf, facts=data["facts"])


# --- The server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with config.settings.bench on a free port, stopped on exit whatever
    happens (its whole process group, so no worker is left behind)."""

    def __init__(self, config: Config, env: dict[str, str], log_path: Path):
        self.config, self.env, self.log_path = config, env, log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        gunicorn = str(Path(self.config.python).parent / "gunicorn")
        command = [
            gunicorn,
            "--config",
            "config/bench_gunicorn.py",
            "--workers",
            str(self.config.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "config.wsgi:application",
        ]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_until_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _wait_until_healthy(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited ({self.process.returncode}):\n{self.log()}")
            try:
                status, _headers, _body = fetch(self.port, "GET", "/healthz", {}, b"")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /healthz within 60 s:\n{self.log()}")

    def log(self) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return text[-4000:]

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # gunicorn's graceful stop
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        # The master is gone; anything left in its group (a stuck worker) goes too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None


# --- Requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


def build_request(page: Page, port: int, signins: SignIns | None, who: str) -> Request:
    """The request a browser would send: over https as far as Django knows (the
    proxy's X-Forwarded-Proto), with the session cookie when signed in, and for a
    form a CSRF token matching the cookie and an Origin of the portal itself."""
    facts = signins.facts if signins else {}
    path = page.path.format_map(facts)
    headers = {"X-Forwarded-Proto": "https"}
    cookie = signins.cookies.get(who, "") if signins else ""
    if cookie:
        headers["Cookie"] = cookie
    body = b""
    if page.form is not None:
        if signins is None or not cookie:
            raise BenchError(f"{page.name}: a form needs a signed-in person")
        form = {key: value.format_map(facts) for key, value in page.form.items()}
        form["csrfmiddlewaretoken"] = signins.csrf_token
        body = urlencode(form).encode()
        origin = f"https://127.0.0.1:{port}"
        headers.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + path,
            }
        )
    return Request("POST" if page.form is not None else "GET", path, headers, body)


def fetch(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request; redirects are not followed (a 302 to the sign-in is a failure)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@dataclass
class Sample:
    """What one request of a page says: its status, size and query count."""

    status: int
    html_bytes: int
    queries: int | None
    content_type: str
    seconds: float = 0.0  # median time of one request, alone on the server (warm-up)


# A slow page's warm-up stops after this long (after one request at least).
WARMUP_SECONDS = 1.5


def check_and_warm(port: int, page: Page, request: Request, who: str, warmup: int) -> Sample:
    """The page must answer 200 with its content type (else BenchError); then
    `warmup` more requests, timed, one after the other (fewer, but at least one,
    for a slow page), each checked too. The last one's size and query count are
    the page's (so a cached page is measured as the cache serves it)."""

    def sample() -> Sample:
        status, headers, body = fetch(
            port, request.method, request.path, request.headers, request.body
        )
        queries = headers.get("X-Bench-Queries")
        result = Sample(
            status=status,
            html_bytes=len(body),
            queries=int(queries) if queries is not None else None,
            content_type=headers.get("Content-Type", ""),
        )
        if status != 200:
            where = headers.get("Location", "")
            raise BenchError(
                f"{page.name} ({who}) answered {status}{' → ' + where if where else ''}, not 200"
            )
        if not result.content_type.startswith(page.content_type):
            raise BenchError(
                f"{page.name} ({who}) answered {result.content_type!r}, not {page.content_type}"
            )
        if result.queries is None:
            raise BenchError(f"{page.name}: no X-Bench-Queries header (not config.settings.bench?)")
        return result

    sample()
    times, result = [], None
    deadline = time.monotonic() + WARMUP_SECONDS
    while result is None or (len(times) < warmup and time.monotonic() < deadline):
        started = time.monotonic()
        result = sample()
        times.append(time.monotonic() - started)
    result.seconds = statistics.median(times)
    return result


# --- wrk --------------------------------------------------------------------------------

# Counts responses other than 200 (wrk itself counts only 4xx and 5xx) and
# prints the count at the end.
_LUA_COUNTER = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) unexpected = 0 end
function response(status, headers, body)
  if status ~= 200 then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("Responses other than 200: %d\\n", total))
end
"""


def lua_string(value: str | bytes) -> str:
    """A Lua string literal: letters, digits and a few safe characters as they
    are, every other byte as a decimal escape."""
    data = value.encode() if isinstance(value, str) else value
    safe = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_./:=;&%,+*")
    return '"' + "".join(chr(byte) if byte in safe else f"\\{byte:03d}" for byte in data) + '"'


def wrk_script(request: Request) -> str:
    lines = [f"wrk.method = {lua_string(request.method)}"]
    if request.body:
        lines.append(f"wrk.body = {lua_string(request.body)}")
    # What a browser says it accepts: the public page cache answers with gzip then.
    headers = {"Accept-Encoding": "gzip", **request.headers}
    lines += [f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()]
    return "\n".join(lines) + "\n" + _LUA_COUNTER


@dataclass
class WrkResult:
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors, 4xx/5xx and other non-200 responses


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value)
    if match is None:
        raise ValueError(f"not a wrk duration: {value!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """Requests, req/s, p50, p99 and errors from `wrk --latency` output."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    percentiles = dict(
        re.findall(r"^\s+(50|75|90|99)(?:\.0+)?%\s+([\d.]+(?:us|ms|s|m|h))\s*$", output, re.M)
    )
    if rps is None or total is None or not {"50", "99"} <= percentiles.keys():
        raise ValueError(f"unexpected wrk output:\n{output}")
    errors = 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    not_200 = re.search(r"Responses other than 200: (\d+)", output)
    # Ours counts 4xx and 5xx too; wrk's line alone when the script is not ours.
    errors += int(not_200.group(1)) if not_200 else int(non_2xx.group(1)) if non_2xx else 0
    return WrkResult(
        requests=int(total.group(1)),
        rps=float(rps.group(1)),
        p50_ms=_ms(percentiles["50"]),
        p99_ms=_ms(percentiles["99"]),
        errors=errors,
    )


def run_wrk(
    config: Config, port: int, script: Path, path: str, duration: int, connections: int = 0
) -> WrkResult:
    command = [
        "wrk",
        "-t1",
        f"-c{connections or config.connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}{path}",
    ]
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"wrk failed ({result.returncode}): {result.stderr}{result.stdout}")
    drain(port)
    return parse_wrk(result.stdout)


def drain(port: int) -> None:
    """Wait until the requests wrk left behind are answered. When wrk stops, up to
    one request per connection is still queued or running, and gunicorn answers
    them all; without this the next run would start on a busy server (after a
    slow page, a bare run could measure nothing). A request joins the back of the
    queue, so when it (and one more, for the other worker) is answered, the
    server is idle again."""
    for _ in range(2):
        fetch(port, "GET", BARE.path, {"X-Forwarded-Proto": "https"}, b"")


# --- Measuring ---------------------------------------------------------------------------


@dataclass
class Measurement:
    """One page at one size, as one kind of visitor."""

    page: Page
    row_who: str  # CACHED, UNCACHED, STAFF or ADVISER
    size: int
    sample: Sample
    request: Request
    script: Path
    duration: int = 1  # seconds per wrk run
    connections: int = 8  # wrk's
    # Too slow for wrk (see too_slow_for_wrk): estimated from single requests.
    estimated: bool = False
    runs: list[WrkResult] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)  # ÷ the mean of the adjacent bare runs

    @property
    def rps(self) -> float:
        return statistics.median(run.rps for run in self.runs)

    @property
    def p50_ms(self) -> float:
        return statistics.median(run.p50_ms for run in self.runs)

    @property
    def p99_ms(self) -> float:
        return statistics.median(run.p99_ms for run in self.runs)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def errors(self) -> int:
        return sum(run.errors for run in self.runs)

    @property
    def unfinished(self) -> int:
        """Runs in which not one request finished: their req/s is 0, their latency unknown."""
        if self.estimated:
            return 0
        return sum(1 for run in self.runs if run.requests == 0)


# A page slower than this (one request, alone on the server) is driven with one
# connection per worker.
SLOW_SECONDS = 0.5


def too_slow_for_wrk(config: Config, sample: Sample) -> bool:
    """A page whose requests take so long that not even BENCH_MIN_REQUESTS of them
    fit in the longest run (at defaults: more than 2 s each). wrk would measure a
    handful of requests or none, and the requests it left queued would take as
    long again; such a page's req/s is estimated from single requests instead."""
    return config.min_requests * sample.seconds / config.workers > config.max_duration


def estimate(config: Config, measurement: Measurement, bare_rps: float) -> None:
    """Req/s of a page too slow for wrk: every worker answering it back to back,
    each request as long as one alone on the server took; p50 and p99 that time
    (no queueing); ÷bare against the server's median bare run."""
    seconds = measurement.sample.seconds
    rps = config.workers / seconds
    measurement.runs = [
        WrkResult(requests=0, rps=rps, p50_ms=seconds * 1000, p99_ms=seconds * 1000, errors=0)
    ]
    measurement.ratios = [rps / bare_rps]


def run_shape(config: Config, sample: Sample) -> tuple[int, int]:
    """How long each wrk run of a page lasts, and with how many connections.

    BENCH_DURATION, or longer for a slow page: long enough for about
    BENCH_MIN_REQUESTS requests at the speed its warm-up showed, at most 10 s.
    BENCH_CONNECTIONS, or one per worker for a page slower than SLOW_SECONDS:
    the workers are as busy either way, but when wrk stops, every connection
    leaves a request that the server still answers before the next run can
    start, and eight of those take long for a slow page.
    """
    needed = math.ceil(config.min_requests * sample.seconds / config.workers)
    duration = max(config.duration, min(config.max_duration, needed))
    slow = sample.seconds >= SLOW_SECONDS
    return duration, min(config.connections, config.workers) if slow else config.connections


def measure_server(
    config: Config,
    port: int,
    pages: list[Page],
    signins: SignIns,
    size: int,
    cache_on: bool,
    tmp: Path,
) -> tuple[list[Measurement], list[float]]:
    """Every page on one running server: checked, warmed up, then wrk runs
    interleaved with the bare view's, `config.repeats` times round the pages."""
    bare_request = build_request(BARE, port, None, ANON)
    check_and_warm(port, BARE, bare_request, ANON, config.warmup)
    bare_script = tmp / "bare.lua"
    bare_script.write_text(wrk_script(bare_request))

    measurements, failures = [], []
    for index, page in enumerate(pages):
        who = page.who
        row_who = (CACHED if cache_on else UNCACHED) if who == ANON else who
        request = build_request(page, port, signins, who)
        try:
            sample = check_and_warm(port, page, request, row_who, config.warmup)
        except BenchError as error:
            failures.append(str(error))  # every failing page at once, not only the first
            continue
        script = tmp / f"page-{index}.lua"
        script.write_text(wrk_script(request))
        duration, connections = run_shape(config, sample)
        measurement = Measurement(
            page, row_who, size, sample, request, script, duration, connections
        )
        if too_slow_for_wrk(config, sample):
            # Two more requests, alone on the server, for a steadier time.
            times = [sample.seconds]
            for _ in range(2):
                started = time.monotonic()
                fetch(port, request.method, request.path, request.headers, request.body)
                times.append(time.monotonic() - started)
            sample.seconds = statistics.median(times)
            measurement.estimated, measurement.duration, measurement.connections = True, 0, 1
        measurements.append(measurement)
    if failures:
        raise BenchError("\n".join(failures))

    bare_runs: list[float] = []
    for repeat in range(config.repeats):
        before = run_wrk(config, port, bare_script, bare_request.path, config.bare_duration)
        bare_runs.append(before.rps)
        for measurement in (m for m in measurements if not m.estimated):
            page_run = run_wrk(
                config,
                port,
                measurement.script,
                measurement.request.path,
                measurement.duration,
                measurement.connections,
            )
            after = run_wrk(config, port, bare_script, bare_request.path, config.bare_duration)
            bare_runs.append(after.rps)
            if not (before.requests and after.requests) or before.errors or after.errors:
                raise BenchError(
                    f"the bare view answered {before.requests} and {after.requests} requests "
                    f"({before.errors + after.errors} failed) next to {measurement.page.name}"
                )
            measurement.runs.append(page_run)
            measurement.ratios.append(page_run.rps / ((before.rps + after.rps) / 2))
            before = after
            if repeat == config.repeats - 1:
                say(
                    f"    {measurement.page.name:<48} {measurement.row_who:<13} "
                    f"{measurement.rps:8.1f} req/s ({measurement.duration} s runs, "
                    f"{measurement.connections} conn.)  "
                    f"÷bare {measurement.ratio:5.2f}  "
                    f"{measurement.sample.queries:3d} queries  "
                    f"{measurement.sample.html_bytes / 1024:7.1f} KB"
                    + (f"  {measurement.errors} ERRORS" if measurement.errors else "")
                )
    for measurement in (m for m in measurements if m.estimated):
        estimate(config, measurement, statistics.median(bare_runs))
        say(
            f"    {measurement.page.name:<48} {measurement.row_who:<13} "
            f"{measurement.rps:8.2f} req/s (estimated: {measurement.sample.seconds:.1f} s "
            f"a request)  ÷bare {measurement.ratio:5.3f}  "
            f"{measurement.sample.queries:3d} queries  "
            f"{measurement.sample.html_bytes / 1024:7.1f} KB"
        )
    return measurements, bare_runs


# --- The table ----------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "—"
    if digits == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def _ratio(value: float) -> str:
    return f"{value:.2f}" if value >= 0.01 else f"{value:.3f}"


def _digits(value: float, limit: float) -> int:
    """Enough decimals that `value` does not read as `limit`."""
    digits = 2 if value >= 0.01 else 3
    while digits < 6 and round(value, digits) == limit:
        digits += 1
    return digits


def _below(value: float, limit: float) -> str:
    return f"{value:.{_digits(value, limit)}f} < {limit}"


def _above(value: float, limit: float) -> str:
    return f"{value:.{_digits(value, limit)}f} > {limit}"


def scale_change(small: Measurement, large: Measurement) -> float | None:
    """Req/s at N× ÷ req/s at 1×, each taken relative to its own server's bare
    view: the servers run minutes apart, and whatever else the machine did in
    between changes both a page and its bare view, not their ratio."""
    return large.ratio / small.ratio if small.ratio else None


def target_verdict(row_who: str, page: Page, by_size: dict[int, Measurement], big: int) -> str:
    floor = CACHED_FLOOR if row_who == CACHED else FLOOR
    misses = []
    for size, measurement in sorted(by_size.items()):
        if measurement.errors:
            misses.append(f"{measurement.errors} failed requests at {size}×")
        if measurement.unfinished:
            misses.append(
                f"no request finished in {measurement.unfinished} of the "
                f"{measurement.duration} s runs at {size}×"
            )
        if measurement.ratio < floor:
            misses.append(f"÷bare {_below(measurement.ratio, floor)} at {size}×")
    small, large = by_size.get(1), by_size.get(big)
    if small and large and large is not small and not page.grows_with_data:
        scale_ratio = scale_change(small, large)
        if scale_ratio is not None and scale_ratio < SCALE_FLOOR:
            misses.append(f"req/s {big}×/1× {_below(scale_ratio, SCALE_FLOOR)}")
        size_ratio = large.sample.html_bytes / small.sample.html_bytes
        if size_ratio > SIZE_CEILING:
            misses.append(f"size {big}×/1× {_above(size_ratio, SIZE_CEILING)}")
    if misses:
        return "**MISSED**: " + "; ".join(misses)
    if big == 1:
        return "met"
    if large is None or large is small:
        return f"met at 1× ({big}× not measured)"
    if page.grows_with_data:
        return f"met (÷bare; grows with the data, no {big}×/1× target)"
    return "met"


def render(
    results: list[Measurement],
    bare: dict[tuple[int, bool], float],
    sizes: list[int],
    big: int,
    header: list[str],
    config: Config,
) -> str:
    blocks = (1, big) if big != 1 else (1,)
    columns = ["page", "who"]
    for size in blocks:
        columns += [f"{size}× req/s", f"{size}× p50 ms", f"{size}× p99 ms"]
        columns += [f"{size}× queries", f"{size}× KB"]
    columns += ["÷bare 1×"]
    if big != 1:
        columns += [f"÷bare {big}×", f"req/s {big}×/1×", f"size {big}×/1×"]
    columns += ["target"]

    rows: dict[tuple[str, str, str], dict[int, Measurement]] = {}
    for measurement in results:
        key = (measurement.page.name, measurement.row_who, measurement.page.path)
        rows.setdefault(key, {})[measurement.size] = measurement
    order = {CACHED: 0, UNCACHED: 1, STAFF: 2, ADVISER: 3}
    page_order = {page.name: index for index, page in enumerate(PAGES)}
    lines = [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join("---" if i < 2 else "---:" for i in range(len(columns) - 1)) + "|---|",
    ]
    for (name, row_who, _path), by_size in sorted(
        rows.items(), key=lambda item: (page_order.get(item[0][0], 99), order[item[0][1]])
    ):
        page = next(iter(by_size.values())).page
        cells = [f"`{name}`" if not page.label else name, row_who]
        for size in blocks:
            m = by_size.get(size) if size in sizes else None
            if m is None:
                cells += ["—"] * 5
            else:
                finished = m.unfinished < len(m.runs)
                cells += [
                    _fmt(m.rps, 0 if m.rps >= 10 else 1 if m.rps >= 1 else 2),
                    _fmt(m.p50_ms if finished else None),
                    _fmt(m.p99_ms if finished else None),
                    str(m.sample.queries),
                    _fmt(m.sample.html_bytes / 1024),
                ]
        small, large = by_size.get(1), by_size.get(big) if big in sizes else None
        cells.append(_ratio(small.ratio) if small else "—")
        if big != 1:
            both = small and large
            cells += [
                _ratio(large.ratio) if large else "—",
                _fmt(scale_change(small, large), 2) if both else "—",
                _fmt(large.sample.html_bytes / small.sample.html_bytes, 2) if both else "—",
            ]
        cells.append(target_verdict(row_who, page, by_size, big))
        lines.append("| " + " | ".join(cells) + " |")

    bare_lines = []
    for size in sizes:
        for cache_on in (True, False):
            if (size, cache_on) in bare:
                bare_lines.append(
                    f"{size}× cache {'on' if cache_on else 'off'} {bare[size, cache_on]:,.0f}"
                )
    reshaped = [
        f"`{m.page.name}` {m.row_who} at {m.size}×: {m.duration} s, {m.connections} connections"
        for m in results
        if not m.estimated
        and (m.duration != config.duration or m.connections != config.connections)
    ]
    estimated = [
        f"`{m.page.name}` {m.row_who} at {m.size}×: {m.sample.seconds:.1f} s a request"
        for m in results
        if m.estimated
    ]
    legend = [
        "",
        f"Bare view (`/bench/bare/`, same server), median req/s: {'; '.join(bare_lines)}.",
        "",
        "Slow pages' runs (longer, or one connection per worker): "
        + ("; ".join(reshaped) if reshaped else "none")
        + ".",
        "",
        "Too slow for wrk (not even "
        f"{config.min_requests} requests in {config.max_duration} s), estimated from "
        f"single requests: req/s = {config.workers} workers ÷ the time of one request "
        "alone on the server, p50 = p99 = that time, ÷bare against the server's median "
        "bare run: " + ("; ".join(estimated) if estimated else "none") + ".",
        "",
        f"Targets: anonymous public pages with the cache on ≥ {CACHED_FLOOR}× the bare view; "
        f"public pages uncached and signed-in pages ≥ {FLOOR}×; at both sizes. Req/s at "
        f"{big}× ≥ {SCALE_FLOOR}× req/s at 1×, and HTML size at {big}× ≤ {SIZE_CEILING}× "
        "its size at 1× (not for an export of every record, which grows with the data).",
        "",
        "Req/s, p50 and p99 are medians of the repeats. ÷bare is the median, over the "
        "repeats, of the page's req/s ÷ the mean of the two bare runs next to it. "
        f"Req/s {big}×/1× is ÷bare at {big}× ÷ ÷bare at 1× (each size runs on its own "
        "server, minutes apart: dividing by the bare view takes out whatever else the "
        "machine did meanwhile). Queries and KB: one request after the warm-up (KB "
        "uncompressed). —: not measured.",
    ]
    return "\n".join([*header, "", *lines, *legend]) + "\n"


# --- The run ------------------------------------------------------------------------------


def machine(config: Config, env: dict[str, str]) -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    version = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)  # noqa: S607
    wrk = (version.stdout + version.stderr).split(" [", 1)[0].strip()
    postgresql = postgres(config, env, "version", "asec_bench_1x")
    return (
        f"{os.cpu_count()} CPUs ({cpu}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PostgreSQL {postgresql}; {wrk}"
    )


def commit() -> str:
    def git(*args: str) -> str:
        result = subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.strip() if result.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD")
    if not head:
        return "unknown commit"
    return f"commit {head}" + (", with uncommitted changes" if git("status", "--porcelain") else "")


def selected_pages(config: Config) -> list[Page]:
    if not config.only:
        return PAGES
    pages = [
        page
        for page in PAGES
        if any(part.strip() in page.path or part.strip() in page.label for part in config.only)
    ]
    if not pages:
        raise BenchError(f"BENCH_PAGES={','.join(config.only)} matches no page")
    return pages


def bench(config: Config) -> int:
    started = time.monotonic()
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (Debian: apt-get install wrk)")
    pages = selected_pages(config)
    notes = []
    with tempfile.TemporaryDirectory(prefix="asec-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = base_environment(tmp)
        big = config.scale
        sizes = [1]
        if big > 1:
            if seed_has_scale_option(config, env):
                sizes.append(big)
            else:
                notes.append(
                    f"`seed_demo` has no `--scale` option yet: measured at 1× only, not at {big}×."
                )
                say(f"NOTE: {notes[-1]}")

        say("Preparing the databases")
        urls = prepare_databases(config, env, sizes)

        server_env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_STATIC_ROOT": str(tmp / "static"),
            "DJANGO_MEDIA_ROOT": str(tmp / "media"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "REDIS_URL": config.redis_url,
        }
        redis_note = flush_redis(config, config.redis_url)
        if redis_note:
            # A cache that is down would make every "cached" request fall back to
            # rendering, and one we cannot empty could serve the other size's pages:
            # use each worker's own memory instead (new with each server), and say so.
            del server_env["REDIS_URL"]
            notes.append(f"{redis_note}: the cache was each worker's own memory.")
            say(f"NOTE: {notes[-1]}")

        say("Collecting static files")
        manage(
            config,
            {**server_env, "DATABASE_URL": urls[1]},
            "collectstatic",
            "--noinput",
            "--verbosity",
            "0",
        )
        description = machine(config, {**server_env, "DATABASE_URL": urls[1]})

        results: list[Measurement] = []
        bare: dict[tuple[int, bool], float] = {}
        for size in sizes:
            db_env = {**server_env, "DATABASE_URL": urls[size]}
            signins = sign_in(config, db_env)
            for cache_on in (True, False):
                server_pages = [page for page in pages if cache_on or page.who == ANON]
                if not server_pages:
                    continue
                if "REDIS_URL" in db_env:
                    note = flush_redis(config, config.redis_url)
                    if note:
                        raise BenchError(f"{note}: the cache could serve another run's pages")
                cache = "true" if cache_on else "false"
                say(f"{size}×, public page cache {'on' if cache_on else 'off'}:")
                with Server(
                    config,
                    {**db_env, "PORTAL_PUBLIC_PAGE_CACHE": cache},
                    tmp / f"gunicorn-{size}x-{cache}.log",
                ) as server:
                    try:
                        measured, bare_runs = measure_server(
                            config, server.port, server_pages, signins, size, cache_on, tmp
                        )
                    except BenchError as error:
                        raise BenchError(
                            f"{error}\n--- gunicorn's log, last lines ---\n{server.log()}"
                        ) from None
                results += measured
                bare[size, cache_on] = statistics.median(bare_runs)
                say(f"    bare view: {bare[size, cache_on]:,.0f} req/s (median)")

    elapsed = time.monotonic() - started
    header = [
        f"### `make bench`, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} ({commit()})",
        "",
        f"- Machine: {description}.",
        f"- Load: `wrk -t1 -c{config.connections}`; {config.repeats} rounds of bare, page 1, "
        f"bare, page 2, …, bare; {config.bare_duration} s per bare run, {config.duration} s "
        f"per page run, longer for a slow page (enough for about {config.min_requests} "
        f"requests, at most {config.max_duration} s) and {config.workers} connections for "
        f"a page slower than {SLOW_SECONDS} s a request (the legend names them); gunicorn "
        f"with {config.workers} sync workers, "
        "`config.settings.bench` (production settings); requests carry "
        "`X-Forwarded-Proto: https` and `Accept-Encoding: gzip`.",
        "- Data: 1× = `seed_demo`"
        + (f"; {big}× = `seed_demo` then `seed_demo --scale {big}`." if big in sizes[1:] else "."),
        f"- Wall time: {elapsed // 60:.0f} min {elapsed % 60:.0f} s.",
        *[f"- Note: {note}" for note in notes],
    ]
    table = render(results, bare, sizes, big, header, config)
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "latest.md").write_text(table)
    (out_dir / "latest.json").write_text(
        json.dumps(
            {
                "header": header,
                "bare": {
                    f"{size}x-cache-{'on' if on else 'off'}": v for (size, on), v in bare.items()
                },
                "pages": [
                    {
                        "page": m.page.name,
                        "who": m.row_who,
                        "size": m.size,
                        "rps": m.rps,
                        "p50_ms": m.p50_ms,
                        "p99_ms": m.p99_ms,
                        "queries": m.sample.queries,
                        "bytes": m.sample.html_bytes,
                        "ratio_to_bare": m.ratio,
                        "errors": m.errors,
                        "runs": [vars(run) for run in m.runs],
                    }
                    for m in results
                ],
            },
            indent=2,
        )
        + "\n"
    )
    print("\n" + table, flush=True)
    say(f"Written to {out_dir.relative_to(ROOT) / 'latest.md'} (and latest.json).")
    failed = [m for m in results if m.errors]
    return 1 if failed else 0


def main() -> int:
    # A TERM (or a second ^C) still stops gunicorn: the `with Server` blocks unwind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(129))
    try:
        return bench(Config.from_env())
    except BenchError as error:
        say(f"\nmake bench FAILED: {error}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
