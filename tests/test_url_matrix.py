"""Every URL of the project × every role: who may open what (docs/security.md).

The URL patterns are read from the resolver, not listed by hand. Each one has
an entry in `MATRIX` (the portal's pages and the admin site's own) or is
claimed by the back-office rules: every registered model's admin URLs follow
the rules of its family (`ADMIN_FAMILIES`, `family_rules`). A pattern with
neither fails `test_every_url_has_an_entry`, naming it, so a new URL is covered
from the day it exists; likewise every admin action of every registered model
needs a rule in `ACTION_RULES`. To mark a wrong answer found here without
hiding it, write the outcome the portal should give as `bug(outcome, reason)`:
the case becomes a strict xfail, which fails once the bug is fixed.

An entry says, for each HTTP method and target (which object the URL is built
for), what each of the five roles gets:

    anonymous   staff_a   staff_b   adviser   superuser

— 200, 302 to a sign-in page, 403, 404 (another unit's record), 405, or a
302 elsewhere where the view redirects by design. The targets are objects of
one shared world: unit A's records (a draft of staff A, a submitted one, their
evidence files) and unit B's draft, so staff A meets unit B's records and
staff B unit A's. Every POST, and every GET, must leave the record it is about
exactly as it was, unless the outcome says the request does its work (`done`).

The world is built once for the module inside an outer transaction and every
test runs in a savepoint inside it (pytest-django's per-test transaction), so
a POST that deletes or submits a record is undone before the next test.
Sessions are made once per role too. Static and media serving (`static()` in
config/urls.py, DEBUG only) is out of scope: the tests run with DEBUG off.
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.static import serve
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import User
from apps.core.open_data import datasets_all
from apps.monitoring.models import Activity, IndicatorUpdate, ReviewStatus
from apps.programme.models import Component
from apps.programme.services import programme_facts_load
from apps.registrations import tokens
from apps.registrations.models import Attendance, Registration
from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory
from tests.connectivity.factories import KIND_FACTORIES as CONNECTIVITY_KINDS
from tests.events.factories import KIND_FACTORIES as EVENTS_KINDS
from tests.events.factories import (
    EventFactory,
    SeriesFactory,
    SessionFactory,
    SponsorFactory,
    jakarta,
)
from tests.helpers import force_login_verified
from tests.inclusion.factories import KIND_FACTORIES as INCLUSION_KINDS
from tests.monitoring.factories import (
    ActivityEvidenceFactory,
    ActivityFactory,
    IndicatorFactory,
    IndicatorUpdateEvidenceFactory,
    IndicatorUpdateFactory,
    ReportingPeriodFactory,
)
from tests.news.factories import KIND_FACTORIES as NEWS_KINDS
from tests.news.factories import PublicationFactory, StoryFactory
from tests.photos.factories import PhotoFactory
from tests.processes.factories import KIND_FACTORIES as PROCESSES_KINDS
from tests.programme.factories import ComponentFactory, UnitFactory
from tests.registrations.factories import (
    OpenEventFactory,
    RegistrationFactory,
    RegistrationSetupFactory,
)
from tests.test_admin_smoke import FACTORIES

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "staff_a", "staff_b", "adviser", "superuser")
ONE = "-"  # the target of a URL built for no particular object
COMPONENT_SLUGS = ("organisational-processes", "connectivity", "diversity-inclusion")


# --- The shared world ---------------------------------------------------------------


@dataclass
class World:
    users: dict[str, User]
    sessions: dict[str, str]
    component: Any
    activity: dict[str, Any]  # a_draft (by staff A), a_submitted, b_draft (by staff B)
    activity_file: dict[str, Any]  # one evidence file of each of them
    update: dict[str, Any]
    update_file: dict[str, Any]
    indicator: dict[str, Any]  # to report on: a_new, a_reported (has a_draft), b_new
    locked_period: Any
    admin_object: dict[str, Any]  # one object per registered model, by label
    # The component apps' reviewed records, by kind ("processes:legal_instrument"):
    # a_draft, a_submitted, b_draft; their evidence files under "<kind>:files".
    kinds: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Unit A's events with registrations and their participants (build_participants).
    participants: dict[str, Any] = field(default_factory=dict)
    # Staff A's spreadsheet import of the case at hand (imports_entries).
    spreadsheet_import: Any = None


# The component apps' reviewed models (apps.monitoring.record_views.RecordKind), by
# the kind's URL prefix: (the record's factory, its evidence file's factory). Each
# factory takes unit=, created_by= and status=; the evidence factory record=.
KIND_FACTORIES: dict[str, tuple[Callable, Callable]] = {
    **PROCESSES_KINDS,
    **CONNECTIVITY_KINDS,
    **INCLUSION_KINDS,
    **EVENTS_KINDS,
    **NEWS_KINDS,
}


def has_url(name: str) -> bool:
    try:
        reverse(name, args=["csv"])
    except NoReverseMatch:
        return False
    return True


def kind_labels() -> dict[str, str]:
    """The kinds' models by label ("processes.legalinstrument") → the kind."""
    return {
        make._meta.model._meta.label_lower: prefix for prefix, (make, _f) in KIND_FACTORIES.items()
    }


def build_world() -> World:
    component = ComponentFactory()
    unit_a = UnitFactory(components=[component])
    unit_b = UnitFactory(components=[component])
    staff_a = StaffUserFactory(unit=unit_a)
    staff_b = StaffUserFactory(unit=unit_b)
    users = {
        "staff_a": staff_a,
        "staff_b": staff_b,
        "adviser": AdviserFactory(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    submitted = {"status": ReviewStatus.SUBMITTED, "submitted_at": timezone.now()}
    activity = {
        "a_draft": ActivityFactory(unit=unit_a, component=component, created_by=staff_a),
        "a_submitted": ActivityFactory(
            unit=unit_a, component=component, created_by=staff_a, submitted_by=staff_a, **submitted
        ),
        "b_draft": ActivityFactory(unit=unit_b, component=component, created_by=staff_b),
    }
    period = ReportingPeriodFactory(
        start=datetime.date(2019, 1, 1), end=datetime.date(2019, 3, 31), name="2019 Q1"
    )
    locked_period = ReportingPeriodFactory(
        start=datetime.date(2019, 4, 1),
        end=datetime.date(2019, 6, 30),
        name="2019 Q2",
        is_locked=True,
    )

    def indicator_of(unit):
        return IndicatorFactory(responsible_unit=unit, result__component=component)

    update = {
        "a_draft": IndicatorUpdateFactory(
            indicator=indicator_of(unit_a), period=period, created_by=staff_a
        ),
        "a_submitted": IndicatorUpdateFactory(
            indicator=indicator_of(unit_a),
            period=period,
            created_by=staff_a,
            submitted_by=staff_a,
            **submitted,
        ),
        "b_draft": IndicatorUpdateFactory(
            indicator=indicator_of(unit_b), period=period, created_by=staff_b
        ),
    }
    # Staff of both units may write the component apps' records: their units work
    # with the three components of the programme, as seed_demo loads them.
    programme_facts_load()
    real_components = Component.objects.filter(slug__in=COMPONENT_SLUGS)
    unit_a.components.add(*real_components)
    unit_b.components.add(*real_components)
    kinds = {}
    for prefix, (make, make_file) in KIND_FACTORIES.items():
        records = {
            "a_draft": make(unit=unit_a, created_by=staff_a),
            "a_submitted": make(unit=unit_a, created_by=staff_a, submitted_by=staff_a, **submitted),
            "b_draft": make(unit=unit_b, created_by=staff_b),
        }
        kinds[prefix] = records
        kinds[f"{prefix}:files"] = {key: make_file(record=r) for key, r in records.items()}
    # The back office works on the submitted records (its queues) and on fresh
    # objects of every other model, which nothing depends on, so they can be deleted.
    reviewed = {
        "monitoring.activity": activity["a_submitted"],
        "monitoring.indicatorupdate": update["a_submitted"],
        **{
            records["a_submitted"]._meta.label_lower: records["a_submitted"]
            for prefix, records in kinds.items()
            if not prefix.endswith(":files")
        },
    }
    admin_object = {label: reviewed.get(label) or FACTORIES[label]() for label in REGISTERED}
    # The account the back office manages has a second factor to remove.
    TOTPDevice.objects.create(
        user=admin_object["accounts.user"], name="Authenticator app", confirmed=True
    )
    return World(
        users=users,
        sessions={role: signed_in_session(user) for role, user in users.items()},
        component=component,
        activity=activity,
        activity_file={key: ActivityEvidenceFactory(record=r) for key, r in activity.items()},
        update=update,
        update_file={key: IndicatorUpdateEvidenceFactory(record=r) for key, r in update.items()},
        indicator={
            "a_new": indicator_of(unit_a),
            "a_reported": update["a_draft"].indicator,
            "b_new": indicator_of(unit_b),
        },
        locked_period=locked_period,
        admin_object=admin_object,
        kinds=kinds,
        participants=build_participants(unit_a, staff_a, component),
    )


# The days of the participants' event that took place (build_participants).
HELD_DAYS = (datetime.date(2019, 10, 15), datetime.date(2019, 10, 16))


def build_participants(unit, staff, component) -> dict[str, Any]:
    """Unit A's events with registrations, for the registration pages:

    - `held`: a published two-day event that took place (15–16 October 2019, Jakarta),
      five places, a registration set-up, a draft monitoring activity of the unit and a
      series; its personal data is past the retention period (24 months). Its people:
      `present` (confirmed, present both days: has a certificate), `confirmed`
      (confirmed, asked for a wheelchair, not marked present), `pending` (waiting for
      approval) and `waiting` (on the waiting list while places are free: filling
      the places promotes them);
    - `open`: a published event 30 days ahead that takes registrations, with
      `open_confirmed`, whose cancel link works.
    Names differ in full, so an export holding one never holds another by chance.
    """
    series = SeriesFactory()
    held = EventFactory(
        unit=unit,
        created_by=staff,
        status=ReviewStatus.APPROVED,
        capacity=5,
        starts_at=jakarta(2019, 10, 15, 9),
        ends_at=jakarta(2019, 10, 16, 17),
        series=series,
        title="Regional media forum 2019",
    )
    RegistrationSetupFactory(
        event=held,
        opens_at=held.starts_at - datetime.timedelta(days=30),
        closes_at=held.starts_at,
    )
    held.activity = ActivityFactory(
        unit=unit,
        component=component,
        created_by=staff,
        title=held.title,
        start_date=HELD_DAYS[0],
    )
    held.save(update_fields=["activity"])
    status = Registration.Status
    people = {
        "present": RegistrationFactory(event=held, name="Amara Wongsakul"),
        "confirmed": RegistrationFactory(event=held, name="Bui Thi Hoa", needs=["wheelchair"]),
        "pending": RegistrationFactory(event=held, name="Carlos Santos", status=status.PENDING),
        "waiting": RegistrationFactory(event=held, name="Dewi Lestari", status=status.WAITING),
    }
    for day in HELD_DAYS:
        Attendance.objects.create(registration=people["present"], day=day)
    open_event = OpenEventFactory(unit=unit, created_by=staff)
    return {
        "series": series,
        "held": held,
        "open": open_event,
        **people,
        "open_confirmed": RegistrationFactory(event=open_event, name="Ei Ei Mon"),
    }


def signed_in_session(user) -> str:
    """The session key of `user` signed in, made once and reused by every test.

    Back-office users (advisers, superusers) must sign in with a second factor:
    their session has taken both steps, as the suite's helper makes it.
    """
    client = Client()
    if user.is_staff:
        force_login_verified(client, user)
    else:
        client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    """The world's evidence files live for the whole module (overrides conftest's
    per-test folder, which would hide them from all but the first test)."""
    path = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=path):
        yield path


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_root):
    """Built once, in a transaction rolled back after the module; each test runs in
    a savepoint inside it, so what one test changes the next does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def shared_client():
    return Client()


@pytest.fixture
def matrix_client(shared_client):
    """One test client for the whole module, without cookies at the start of each
    test. A new client loads every middleware again (whitenoise reads each static
    file's headers), which would be most of the matrix's running time."""
    shared_client.cookies.clear()
    return shared_client


# --- Outcomes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    status: int | tuple[int, ...]  # a tuple: any of these
    label: str
    # Where a 302 leads: to a sign-in page, or to to(world, subject).
    sign_in: bool = False
    to: Callable[[World, Any], str] | None = None
    # The request does its work: the watched record changes (otherwise it must not).
    changes: bool = False
    # An admin export: an attachment holding the selected records and no other.
    download: bool = False


OK = Outcome(200, "200")
FORBIDDEN = Outcome(403, "403")
NOT_FOUND = Outcome(404, "404")
NOT_ALLOWED = Outcome(405, "405")
SIGN_IN = Outcome(302, "302 sign-in", sign_in=True)
SIGN_IN_URLS = (reverse("accounts:login"), reverse("admin:login"))


def statuses(outcome: Outcome) -> tuple[int, ...]:
    return outcome.status if isinstance(outcome.status, tuple) else (outcome.status,)


def redirect(label: str, to: Callable[[World, Any], str]) -> Outcome:
    return Outcome(302, f"302 {label}", to=to)


def done(outcome: Outcome) -> Outcome:
    return replace(outcome, label=f"{outcome.label}, done", changes=True)


def bug(outcome: Outcome, reason: str):
    """An outcome the portal should give and does not: the case is a strict xfail."""
    return pytest.param(outcome, marks=pytest.mark.xfail(strict=True, reason=f"bug: {reason}"))


def url_of(name: str) -> Callable[[World, Any], str]:
    return lambda world, subject: reverse(name)


TO_RECORD = redirect("its page", lambda world, record: record.get_absolute_url())
TO_FILES_RECORD = redirect("its record", lambda world, file: file.record.get_absolute_url())
TO_WORKSPACE = redirect("workspace", url_of("site:workspace"))
TO_HOME = redirect("home", url_of("site:home"))
TO_ADMIN_INDEX = redirect("admin index", url_of("admin:index"))
TO_TWO_FACTOR = redirect("two-step overview", url_of("accounts:two_factor"))
TO_RECOVERY_CODES = redirect("new codes", url_of("accounts:two_factor_recovery_codes"))
TO_ACTIVITY_LIST = redirect("list", url_of("monitoring:activity_list"))
TO_UPDATE_LIST = redirect("list", url_of("monitoring:indicator_update_list"))
TO_UPDATE_EDIT = redirect(
    "its edit page",
    lambda world, update: reverse("monitoring:indicator_update_edit", args=[update.pk]),
)

# Shorthands for the rows of the matrix, in the order of ROLES.
PUBLIC = (OK, OK, OK, OK, OK)
SIGNED_IN = (SIGN_IN, OK, OK, OK, OK)


def back_office(adviser, superuser) -> tuple:
    """Anonymous visitors and staff (no back-office access) go to the admin's sign-in."""
    return (SIGN_IN, SIGN_IN, SIGN_IN, adviser, superuser)


# --- Watching what a request may change ------------------------------------------------


def row(obj) -> dict | None:
    """The object's row as stored now (None once deleted)."""
    return type(obj)._base_manager.filter(pk=obj.pk).values().first()


def count_of(model) -> Callable[[World, str], int]:
    return lambda world, target: model._base_manager.count()


def passwords(world: World, target: str) -> list[str]:
    return list(User.objects.order_by("pk").values_list("password", flat=True))


def every_second_factor(world: World, target: str) -> list:
    return second_factors(User.objects.all())


# --- Entries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """How to call one URL and what each role gets.

    rows: (method, target) → one outcome per role, in the order of ROLES.
    args: target → the URL's args (a list) or kwargs (a dict).
    path: target → the URL itself, for patterns without a name.
    subject: target → the object the request is about (redirects, watching).
    watch: target → what must stay as it is; by default the subject's row.
    """

    rows: dict[tuple[str, str], tuple]
    args: Callable[[World, str], list | dict] = lambda world, target: []
    path: Callable[[World, str], str] | None = None
    subject: Callable[[World, str], Any] = lambda world, target: None
    watch: Callable[[World, str], Any] | None = None
    query: Callable[[World, str], dict] = lambda world, target: {}
    data: Callable[[World, str], dict] = lambda world, target: {}


def records_of(world: World, records: str) -> dict[str, Any]:
    """The world's records by name: `activity`, `update_file`, or a component app's kind."""
    return world.kinds[records] if records in world.kinds else getattr(world, records)


def pk_of(records: str) -> Callable[[World, str], dict]:
    return lambda world, target: {"pk": records_of(world, records)[target].pk}


def record_of(records: str) -> Callable[[World, str], Any]:
    return lambda world, target: records_of(world, records)[target]


# The evidence URLs also get one file under another record's URL: unit A's file
# addressed as if it were unit B's draft's, which must be 404 for everyone.
MISMATCH = "a_file_under_b"


def file_args(files: str, records: str) -> Callable[[World, str], dict]:
    def args(world, target):
        if target == MISMATCH:
            file = records_of(world, files)["a_draft"]
            return {"record_pk": records_of(world, records)["b_draft"].pk, "pk": file.pk}
        file = records_of(world, files)[target]
        return {"record_pk": file.record_id, "pk": file.pk}

    return args


def file_of(files: str) -> Callable[[World, str], Any]:
    return lambda world, target: records_of(world, files)[
        "a_draft" if target == MISMATCH else target
    ]


def kind_entries() -> dict[str, Entry]:
    """The workspace URLs of every component app's reviewed model (KIND_FACTORIES):
    the same rules as activities. Staff of both units may add records; an empty form
    comes back with its errors and adds nothing."""
    entries = {}
    for prefix, (make, _make_file) in KIND_FACTORIES.items():
        create = Entry(
            {
                ("GET", ONE): (SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN),
                ("POST", ONE): (SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN),
            },
            watch=count_of(make._meta.model),
        )
        entries |= reviewed_record_entries(
            prefix,
            prefix,
            f"{prefix}:files",
            to_list=redirect("list", url_of(f"{prefix}_list")),
            create=create,
        )
        if make._meta.model.reopenable:
            # Reopen an approved record (POST): none here is approved, so staff of its
            # unit are refused and led back to it; it works in tests/processes/test_reopen.py.
            entries[f"{prefix}_reopen"] = Entry(
                {
                    ("GET", "a_draft"): (SIGN_IN, NOT_ALLOWED, NOT_ALLOWED, FORBIDDEN, FORBIDDEN),
                    ("POST", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                    ("POST", "b_draft"): (SIGN_IN, NOT_FOUND, TO_RECORD, FORBIDDEN, FORBIDDEN),
                },
                args=pk_of(prefix),
                subject=record_of(prefix),
            )
    return entries


def new_update_args(world: World, target: str) -> dict:
    indicator = world.indicator[target]
    return {"indicator_pk": indicator.pk, "period_pk": world.update["a_draft"].period_id}


def new_update_subject(world: World, target: str):
    """The update a staff member is sent to when the indicator is already reported."""
    return world.update["a_draft"] if target == "a_reported" else None


def reviewed_record_entries(
    prefix: str, records: str, files: str, *, to_list: Outcome, create: Entry
) -> dict[str, Entry]:
    """The workspace URLs of one reviewed model: the same rules for activities and updates."""
    record = {"args": pk_of(records), "subject": record_of(records)}
    evidence = {"args": file_args(files, records), "subject": file_of(files)}
    return {
        f"{prefix}_list": Entry({("GET", ONE): SIGNED_IN}),
        f"{prefix}_create": create,
        f"{prefix}_detail": Entry(
            {
                # Read by their unit's staff and by those who see every unit.
                ("GET", "a_draft"): (SIGN_IN, OK, NOT_FOUND, OK, OK),
                ("GET", "b_draft"): (SIGN_IN, NOT_FOUND, OK, OK, OK),
            },
            **record,
        ),
        f"{prefix}_edit": Entry(
            {
                # Written only by their unit's staff; a submitted record leads to its page.
                ("GET", "a_draft"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("GET", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("GET", "b_draft"): (SIGN_IN, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN),
                # An empty form: errors on the page, nothing saved.
                ("POST", "a_draft"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("POST", "a_submitted"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("POST", "b_draft"): (SIGN_IN, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN),
            },
            **record,
        ),
        f"{prefix}_submit": Entry(
            {
                ("GET", "a_draft"): (SIGN_IN, NOT_ALLOWED, NOT_ALLOWED, FORBIDDEN, FORBIDDEN),
                ("POST", "a_draft"): (SIGN_IN, done(TO_WORKSPACE), NOT_FOUND, FORBIDDEN, FORBIDDEN),
                # Submitted already: refused, back to its page.
                ("POST", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("POST", "b_draft"): (SIGN_IN, NOT_FOUND, done(TO_WORKSPACE), FORBIDDEN, FORBIDDEN),
            },
            **record,
        ),
        f"{prefix}_delete": Entry(
            {
                # The author's draft: a confirmation page, then the deletion.
                ("GET", "a_draft"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("GET", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("GET", "b_draft"): (SIGN_IN, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN),
                ("POST", "a_draft"): (SIGN_IN, done(to_list), NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("POST", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("POST", "b_draft"): (SIGN_IN, NOT_FOUND, done(to_list), FORBIDDEN, FORBIDDEN),
            },
            **record,
        ),
        f"{prefix}_evidence_download": Entry(
            {
                ("GET", "a_draft"): (SIGN_IN, OK, NOT_FOUND, OK, OK),
                ("GET", "b_draft"): (SIGN_IN, NOT_FOUND, OK, OK, OK),
                ("GET", MISMATCH): (SIGN_IN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
            },
            **evidence,
        ),
        f"{prefix}_evidence_delete": Entry(
            {
                ("GET", "a_draft"): (SIGN_IN, NOT_ALLOWED, NOT_ALLOWED, FORBIDDEN, FORBIDDEN),
                ("POST", "a_draft"): (
                    SIGN_IN,
                    done(TO_FILES_RECORD),
                    NOT_FOUND,
                    FORBIDDEN,
                    FORBIDDEN,
                ),
                # The record cannot be changed any more: refused, back to it.
                ("POST", "a_submitted"): (
                    SIGN_IN,
                    TO_FILES_RECORD,
                    NOT_FOUND,
                    FORBIDDEN,
                    FORBIDDEN,
                ),
                ("POST", "b_draft"): (
                    SIGN_IN,
                    NOT_FOUND,
                    done(TO_FILES_RECORD),
                    FORBIDDEN,
                    FORBIDDEN,
                ),
                ("POST", MISMATCH): (SIGN_IN, NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN),
            },
            **evidence,
        ),
    }


def events_entries() -> dict[str, Entry]:
    """The events app's own URLs beside its kit pages (kind "events:event"): the agenda,
    speakers and sponsors of an event its unit's staff may edit, cancel, next edition;
    and the public pages, which show only published events."""
    record = {"args": pk_of("events:event"), "subject": record_of("events:event")}

    def child(make, name):
        # A session or sponsor of the target event, made for the request.
        def args(world, target):
            event = records_of(world, "events:event")[target]
            return {"pk": event.pk, name: make(event=event).pk}

        return args

    # A form of a part of the event: read and sent by the unit's staff while it may be
    # edited (an empty form comes back with its errors); a submitted event leads to its page.
    part_form = Entry(
        {
            ("GET", "a_draft"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN),
            ("GET", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
            ("GET", "b_draft"): (SIGN_IN, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN),
            ("POST", "a_draft"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN),
            ("POST", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
        },
        **record,
    )

    # A button (POST) on the event's page: back to the page, refused or done.
    def button(rows, **kwargs):
        return Entry(
            {
                ("GET", "a_draft"): (SIGN_IN, NOT_ALLOWED, NOT_ALLOWED, FORBIDDEN, FORBIDDEN),
                **rows,
            },
            **{**record, **kwargs},
        )

    published = lambda world, target: {  # noqa: E731
        "slug": EventFactory(status=ReviewStatus.APPROVED, unit=world.component.units.first()).slug
        if target == ONE
        else records_of(world, "events:event")[target].slug
    }
    return {
        "events:session_add": part_form,
        "events:speaker_add": part_form,
        "events:sponsor_add": part_form,
        "events:session_change": replace(part_form, args=child(SessionFactory, "session")),
        "events:session_remove": button(
            {
                ("POST", "a_draft"): (SIGN_IN, done(TO_RECORD), NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("POST", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
            },
            args=child(SessionFactory, "session"),
            watch=count_of(SessionFactory._meta.model),
        ),
        "events:sponsor_remove": button(
            {
                ("POST", "a_draft"): (SIGN_IN, done(TO_RECORD), NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("POST", "a_submitted"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN),
            },
            args=child(SponsorFactory, "sponsor"),
            watch=count_of(SponsorFactory._meta.model),
        ),
        # Cancelled by the unit's staff whatever its review status (advisers: in the admin).
        "events:event_cancel": button(
            {
                ("POST", "a_draft"): (SIGN_IN, done(TO_RECORD), NOT_FOUND, FORBIDDEN, FORBIDDEN),
                ("POST", "b_draft"): (SIGN_IN, NOT_FOUND, done(TO_RECORD), FORBIDDEN, FORBIDDEN),
            }
        ),
        # Without a date: refused with the reason, back to the event; nothing made.
        "events:next_edition": button(
            {("POST", "a_draft"): (SIGN_IN, TO_RECORD, NOT_FOUND, FORBIDDEN, FORBIDDEN)},
            watch=count_of(EventFactory._meta.model),
        ),
        # Public: published events only; a draft is a 404 for everyone.
        "events_public:list": Entry({("GET", ONE): PUBLIC}),
        "events_public:calendar": Entry({("GET", ONE): PUBLIC}),
        "events_public:detail": Entry(
            {("GET", ONE): PUBLIC, ("GET", "a_draft"): (NOT_FOUND,) * 5}, args=published
        ),
        "events_public:detail_calendar": Entry(
            {("GET", ONE): PUBLIC, ("GET", "a_draft"): (NOT_FOUND,) * 5}, args=published
        ),
        "events_public:series": Entry(
            {("GET", ONE): PUBLIC, ("GET", "no-such-series"): (NOT_FOUND,) * 5},
            args=lambda world, target: {
                "slug": SeriesFactory(slug="asean-media-forum").slug if target == ONE else target
            },
        ),
    }


GONE = Outcome(410, "410")
# The organising unit's staff and the reviewers of events (advisers; superusers hold
# every permission) manage an event's participants; other signed-in people get 403.
MANAGES_A = (SIGN_IN, OK, FORBIDDEN, OK, OK)
MANAGES_B = (SIGN_IN, FORBIDDEN, OK, OK, OK)
# A POST-only button of unit A's event: 405 for its managers.
BUTTON_GET = (SIGN_IN, NOT_ALLOWED, FORBIDDEN, NOT_ALLOWED, NOT_ALLOWED)
# Unit A's event, its managers: one of its registrations does not exist (404).
NOT_FOUND_IN_A = (SIGN_IN, NOT_FOUND, FORBIDDEN, NOT_FOUND, NOT_FOUND)


def held(world: World):
    return world.participants["held"]


def to_participants() -> Outcome:
    return redirect(
        "participants",
        lambda world, subject: reverse("registrations:participants", args=[held(world).pk]),
    )


def to_checkin(day: datetime.date) -> Outcome:
    return redirect(
        f"check-in {day}",
        lambda world, subject: reverse(
            "registrations:checkin", args=[held(world).pk, day.isoformat()]
        ),
    )


def registrations_entries() -> dict[str, Entry]:
    """An event's participants (registrations:*: the organising unit's staff and the
    reviewers of events), its figures (registrations_figures:*: a staff member's own
    unit's events only, so another unit's are a 404) and the public registration
    pages (published events with a set-up only; the cancel link's token checked)."""

    def event_of(world, target):
        return held(world) if target == "a_held" else records_of(world, "events:event")[target]

    def event_args(world, target):
        return {"pk": event_of(world, target).pk}

    # A page of unit A's event that took place, and of unit B's draft event.
    page = Entry({("GET", "a_held"): MANAGES_A, ("GET", "b_draft"): MANAGES_B}, args=event_args)

    def person(world, target):
        # MISMATCH: a registration of another event, under the held event's address.
        return world.participants["open_confirmed" if target == MISMATCH else target]

    by_person = {
        "args": lambda world, target: {
            "pk": held(world).pk,
            "registration": person(world, target).pk,
        },
        "subject": person,
    }
    participants = to_participants()

    def decision():
        # Approve or decline: a registration waiting for approval is decided; one
        # decided already is refused with the reason, back to the list.
        return Entry(
            {
                ("GET", "pending"): BUTTON_GET,
                ("POST", "pending"): (SIGN_IN, done(participants), FORBIDDEN)
                + (done(participants),) * 2,
                ("POST", "confirmed"): (
                    SIGN_IN,
                    participants,
                    FORBIDDEN,
                    participants,
                    participants,
                ),
                ("POST", MISMATCH): NOT_FOUND_IN_A,
            },
            **by_person,
        )

    second_day = HELD_DAYS[1]
    checkin_mark = to_checkin(second_day)
    first_checkin = to_checkin(HELD_DAYS[0])

    def open_event_slug(world, target):
        staff = world.users["staff_a"]
        if target == "draft":  # a draft with a set-up: not published, no registration
            return OpenEventFactory(
                status=ReviewStatus.DRAFT, unit=staff.unit, created_by=staff
            ).slug
        if target == "no_setup":
            return EventFactory(status=ReviewStatus.APPROVED, unit=staff.unit).slug
        return world.participants[target].slug

    def cancel_args(world, target):
        registration = world.participants["open_confirmed"]
        slug, token = registration.event.slug, tokens.cancel_token(registration)
        if target == "forged":
            token = f"{registration.cancel_key}:1tAbCd:forged"
        elif target == "other_event":  # a valid link under another event's address
            slug = held(world).slug
        elif target == "started":  # the event has taken place
            registration = world.participants["confirmed"]
            slug, token = held(world).slug, tokens.cancel_token(registration)
        return {"slug": slug, "token": token}

    def cancel_subject(world, target):
        return world.participants["confirmed" if target == "started" else "open_confirmed"]

    return {
        # --- Staff: the participants of an event
        # The set-up: an empty form comes back with its errors, nothing saved.
        "registrations:setup": replace(
            page,
            rows=page.rows | {("POST", "a_held"): MANAGES_A},
            watch=lambda world, target: row(held(world).registration_setup),
        ),
        "registrations:participants": page,
        # Inviting someone: an empty form comes back with its errors, nobody registered.
        "registrations:invite": replace(
            page, rows=page.rows | {("POST", "a_held"): MANAGES_A}, watch=count_of(Registration)
        ),
        # Places are free and someone waits: they get a place.
        "registrations:fill_places": Entry(
            {
                ("GET", "a_held"): BUTTON_GET,
                ("POST", "a_held"): (SIGN_IN, done(participants), FORBIDDEN)
                + (done(participants),) * 2,
            },
            args=event_args,
            watch=lambda world, target: [
                row(registration) for registration in held(world).registrations.order_by("pk")
            ],
        ),
        "registrations:approve": decision(),
        "registrations:decline": decision(),
        "registrations:cancel": Entry(
            {
                ("GET", "confirmed"): BUTTON_GET,
                ("POST", "confirmed"): (SIGN_IN, done(participants), FORBIDDEN)
                + (done(participants),) * 2,
                ("POST", MISMATCH): NOT_FOUND_IN_A,
            },
            **by_person,
        ),
        # The accommodation of someone who asked for it; someone who did not: refused.
        "registrations:accommodation": Entry(
            {
                ("GET", "confirmed"): BUTTON_GET,
                ("POST", "confirmed"): (SIGN_IN, done(participants), FORBIDDEN)
                + (done(participants),) * 2,
                ("POST", "present"): (SIGN_IN, participants, FORBIDDEN, participants, participants),
                ("POST", MISMATCH): NOT_FOUND_IN_A,
            },
            data=lambda world, target: {"accommodation": Registration.Accommodation.ARRANGED},
            **by_person,
        ),
        # After the event: to the check-in of its first day.
        "registrations:checkin_start": Entry(
            {("GET", "a_held"): (SIGN_IN, first_checkin, FORBIDDEN, first_checkin, first_checkin)},
            args=event_args,
        ),
        "registrations:checkin": Entry(
            {
                ("GET", "first_day"): MANAGES_A,
                ("GET", "not_a_day"): NOT_FOUND_IN_A,
                ("GET", "not_a_date"): NOT_FOUND_IN_A,
            },
            args=lambda world, target: {
                "pk": held(world).pk,
                "day": {"first_day": "2019-10-15", "not_a_day": "2019-10-17"}.get(
                    target, "yesterday"
                ),
            },
        ),
        # Present on the second day: a confirmed participant is marked; someone
        # waiting for approval is refused; a day not of the event is a 404.
        "registrations:checkin_mark": Entry(
            {
                ("GET", "confirmed"): BUTTON_GET,
                ("POST", "confirmed"): (SIGN_IN, done(checkin_mark), FORBIDDEN)
                + (done(checkin_mark),) * 2,
                ("POST", "pending"): (SIGN_IN, checkin_mark, FORBIDDEN, checkin_mark, checkin_mark),
                ("POST", "not_a_day"): NOT_FOUND_IN_A,
                ("POST", MISMATCH): NOT_FOUND_IN_A,
            },
            args=lambda world, target: {
                "pk": held(world).pk,
                "day": "2019-10-17" if target == "not_a_day" else second_day.isoformat(),
                "registration": person(world, "confirmed" if target == "not_a_day" else target).pk,
            },
            watch=count_of(Attendance),
        ),
        # An empty form comes back with its errors; nothing imported.
        "registrations:attendance_import": replace(
            page, rows=page.rows | {("POST", "a_held"): MANAGES_A}, watch=count_of(Attendance)
        ),
        "registrations:certificates": page,
        # One certificate: for someone present enough; anyone else's is a 404.
        "registrations:certificate": Entry(
            {
                ("GET", "present"): MANAGES_A,
                ("GET", "pending"): NOT_FOUND_IN_A,
                ("GET", MISMATCH): NOT_FOUND_IN_A,
            },
            **by_person,
        ),
        # --- Staff and advisers: participation figures (their unit's events only)
        "registrations_figures:event_participation": Entry(
            {
                ("GET", "a_held"): (SIGN_IN, OK, NOT_FOUND, OK, OK),
                ("GET", "b_draft"): (SIGN_IN, NOT_FOUND, OK, OK, OK),
            },
            args=event_args,
        ),
        "registrations_figures:event_participation_export": Entry(
            {
                ("GET", "csv"): (SIGN_IN, OK, NOT_FOUND, OK, OK),
                ("GET", "xlsx"): (SIGN_IN, OK, NOT_FOUND, OK, OK),
                ("GET", "pdf"): (SIGN_IN, *(NOT_FOUND,) * 4),
            },
            args=lambda world, target: {"pk": held(world).pk, "file_format": target},
        ),
        # Into the event's draft activity: by its unit's staff, who may edit it;
        # advisers and superusers are told why not (they never edit staff's records).
        "registrations_figures:record_participation": Entry(
            {
                ("GET", "a_held"): (SIGN_IN, *(NOT_ALLOWED,) * 4),
                ("POST", "a_held"): (
                    SIGN_IN,
                    done(redirect("figures", figures_url)),
                    NOT_FOUND,
                    redirect("figures", figures_url),
                    redirect("figures", figures_url),
                ),
            },
            args=event_args,
            watch=lambda world, target: row(held(world).activity),
        ),
        "registrations_figures:series_participation": Entry(
            {
                ("GET", ONE): (SIGN_IN, OK, NOT_FOUND, OK, OK),
                ("GET", "no-such-series"): (SIGN_IN, *(NOT_FOUND,) * 4),
            },
            args=lambda world, target: {
                "slug": world.participants["series"].slug if target == ONE else target
            },
        ),
        # --- Public: registering and cancelling
        # The form of a published event with a set-up, open or closed; an empty form
        # comes back with its errors, nobody registered.
        "registrations_public:register": Entry(
            {
                ("GET", "open"): PUBLIC,
                ("GET", "held"): PUBLIC,
                ("GET", "draft"): (NOT_FOUND,) * 5,
                ("GET", "no_setup"): (NOT_FOUND,) * 5,
                ("POST", "open"): PUBLIC,
                ("POST", "draft"): (NOT_FOUND,) * 5,
            },
            args=lambda world, target: {"slug": open_event_slug(world, target)},
            watch=count_of(Registration),
        ),
        "registrations_public:registered": Entry(
            {("GET", "open"): PUBLIC, ("GET", "draft"): (NOT_FOUND,) * 5},
            args=lambda world, target: {"slug": open_event_slug(world, target)},
        ),
        # The link in the emails: asks first (GET), cancels (POST); a forged link or
        # one under another event's address is a 404, one after the start a 410.
        "registrations_public:cancel": Entry(
            {
                ("GET", "valid"): PUBLIC,
                ("POST", "valid"): (done(OK),) * 5,
                ("GET", "forged"): (NOT_FOUND,) * 5,
                ("POST", "forged"): (NOT_FOUND,) * 5,
                ("GET", "other_event"): (NOT_FOUND,) * 5,
                ("GET", "started"): (GONE,) * 5,
                ("POST", "started"): (GONE,) * 5,
            },
            args=cancel_args,
            subject=cancel_subject,
        ),
    }


def figures_url(world: World, subject) -> str:
    return reverse("registrations_figures:event_participation", args=[held(world).pk])


def news_and_site_entries() -> dict[str, Entry]:
    """The public news pages and feeds, a publication's file for staff, search, open
    data, the sitemap and robots.txt."""
    public = Entry({("GET", ONE): PUBLIC})

    def published(make, **kwargs):
        # A published record made for the request (ONE), else the kit's record.
        def args(world, target):
            if target == ONE:
                staff = world.users["staff_a"]
                return {"slug": make(unit=staff.unit, created_by=staff, **kwargs).slug}
            if target == "not_public":
                staff = world.users["staff_a"]
                return {
                    "slug": make(
                        unit=staff.unit, created_by=staff, **{**kwargs, "is_public": False}
                    ).slug
                }
            kind = "news_staff:story" if make is StoryFactory else "news_staff:publication"
            return {"slug": world.kinds[kind][target].slug}

        return args

    approved = {"status": ReviewStatus.APPROVED}
    datasets = [dataset.slug for dataset in datasets_all()]

    def dataset_entry():
        return Entry(
            {("GET", slug): PUBLIC for slug in datasets}
            | {("GET", "no-such-dataset"): (NOT_FOUND,) * 5},
            args=lambda world, target: {"slug": target},
        )

    return {
        # --- News: published stories and publications only
        "news:list": public,
        "news:feed_rss": public,
        "news:feed_atom": public,
        "news:publication_list": public,
        "news:story_detail": Entry(
            {
                ("GET", ONE): PUBLIC,
                ("GET", "a_draft"): (NOT_FOUND,) * 5,
                ("GET", "a_submitted"): (NOT_FOUND,) * 5,
                ("GET", "not_public"): (NOT_FOUND,) * 5,
            },
            args=published(StoryFactory, **approved),
        ),
        "news:publication_download": Entry(
            {
                ("GET", ONE): PUBLIC,
                ("GET", "a_draft"): (NOT_FOUND,) * 5,
                ("GET", "a_submitted"): (NOT_FOUND,) * 5,
                ("GET", "not_public"): (NOT_FOUND,) * 5,
            },
            args=published(PublicationFactory, **approved),
        ),
        # A publication's file in the workspace: whoever may see the record.
        "news_staff:publication_file": Entry(
            {
                ("GET", "a_draft"): (SIGN_IN, OK, NOT_FOUND, OK, OK),
                ("GET", "a_submitted"): (SIGN_IN, OK, NOT_FOUND, OK, OK),
                ("GET", "b_draft"): (SIGN_IN, NOT_FOUND, OK, OK, OK),
            },
            args=pk_of("news_staff:publication"),
            subject=record_of("news_staff:publication"),
        ),
        # --- Search, open data and what search engines read
        "site:search": Entry(
            {("GET", ONE): PUBLIC, ("GET", "forum"): PUBLIC},
            query=lambda world, target: {} if target == ONE else {"q": target},
        ),
        "site:open_data": public,
        "site:open_data_csv": dataset_entry(),
        "site:open_data_json": dataset_entry(),
        "site:open_data_iati": public,
        "site:sitemap": public,
        "site:robots": public,
    }


def portal_matrix() -> dict[str, Entry]:
    """The portal's own URLs (all but the admin's), by URL name."""
    public = Entry({("GET", ONE): PUBLIC})
    return {
        # --- Public pages
        "site:home": public,
        "site:about": public,
        "site:component_detail": Entry(
            {("GET", ONE): PUBLIC}, args=lambda world, target: {"slug": world.component.slug}
        ),
        "site:results": public,
        "site:privacy": public,
        "site:legal_notice": public,
        "site:contact": public,
        # A photo's size: a public photo's to everyone; an unpublished one (or one
        # without the consent of the people shown) only to the back office.
        "photos:rendition": Entry(
            {
                ("GET", "public"): PUBLIC,
                ("GET", "unpublished"): (NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK),
            },
            args=lambda world, target: {
                "key": (
                    world.admin_object["photos.photo"]
                    if target == "public"
                    else PhotoFactory(is_published=False)
                ).rendition_key,
                "width": 960,
                "ext": "jpg",
            },
        ),
        "site:results_component": Entry(
            {("GET", ONE): PUBLIC, ("GET", "no-such-component"): (NOT_FOUND,) * 5},
            args=lambda world, target: {"slug": world.component.slug if target == ONE else target},
        ),
        "site:accessibility": public,
        "site:healthz": public,
        # --- Signed in
        "site:workspace": Entry({("GET", ONE): SIGNED_IN}),
        # --- Accounts: sign-in pages are public; a signed-in person goes on to the workspace
        # Signed in already: staff land on the workspace, advisers in the back office.
        "accounts:login": Entry(
            {("GET", ONE): (OK, TO_WORKSPACE, TO_WORKSPACE, TO_ADMIN_INDEX, TO_ADMIN_INDEX)}
        ),
        "accounts:logout": Entry(
            {("GET", ONE): (NOT_ALLOWED,) * 5, ("POST", ONE): (TO_HOME,) * 5},
        ),
        "accounts:password_change": Entry(
            # An empty form: errors on the page, no password changed.
            {("GET", ONE): SIGNED_IN, ("POST", ONE): SIGNED_IN},
            watch=passwords,
        ),
        "accounts:password_change_done": Entry({("GET", ONE): SIGNED_IN}),
        # Reporting emails on or off: an empty form unticks the sender's own box.
        "accounts:emails": Entry(
            {
                ("GET", ONE): SIGNED_IN,
                ("POST", ONE): (SIGN_IN,)
                + (done(redirect("the same page", url_of("accounts:emails"))),) * 4,
            },
            watch=lambda world, target: list(
                User.objects.order_by("pk").values_list("gets_reporting_emails", flat=True)
            ),
        ),
        # Forgotten password: public, signed in or not.
        "accounts:password_reset": public,
        "accounts:password_reset_done": public,
        "accounts:password_reset_complete": public,
        "accounts:password_reset_confirm": Entry(
            # A link with a wrong token: the page says so, for everybody.
            {("GET", ONE): PUBLIC},
            args=lambda world, target: {
                "uidb64": urlsafe_base64_encode(force_bytes(world.users["staff_a"].pk)),
                "token": "not-the-token",
            },
        ),
        # Two-step sign-in. Staff here have none (they may turn it on); advisers
        # and superusers have an authenticator app and took the second step.
        "accounts:two_factor": Entry({("GET", ONE): SIGNED_IN}),
        # The key being set up stays in the session: neither the page nor a
        # wrong (here: empty) code stores or replaces a second factor.
        "accounts:two_factor_setup": Entry(
            {("GET", ONE): SIGNED_IN, ("POST", ONE): SIGNED_IN}, watch=every_second_factor
        ),
        # The second step, once taken (or not needed): on to the workspace.
        # A code sent then is not even read (no recovery code is used up).
        "accounts:two_factor_verify": Entry(
            {
                ("GET", ONE): (SIGN_IN, TO_WORKSPACE, TO_WORKSPACE, TO_ADMIN_INDEX, TO_ADMIN_INDEX),
                ("POST", ONE): (
                    SIGN_IN,
                    TO_WORKSPACE,
                    TO_WORKSPACE,
                    TO_ADMIN_INDEX,
                    TO_ADMIN_INDEX,
                ),
            },
            watch=every_second_factor,
        ),
        "accounts:two_factor_verify_recovery": Entry(
            {
                ("GET", ONE): (SIGN_IN, TO_WORKSPACE, TO_WORKSPACE, TO_ADMIN_INDEX, TO_ADMIN_INDEX),
                ("POST", ONE): (
                    SIGN_IN,
                    TO_WORKSPACE,
                    TO_WORKSPACE,
                    TO_ADMIN_INDEX,
                    TO_ADMIN_INDEX,
                ),
            },
            watch=every_second_factor,
        ),
        "accounts:two_factor_recovery_codes": Entry(
            {
                # Without an authenticator app there are no codes: to the overview.
                ("GET", ONE): (SIGN_IN, TO_TWO_FACTOR, TO_TWO_FACTOR, OK, OK),
                # New codes, for one's own account only.
                ("POST", ONE): (
                    SIGN_IN,
                    TO_TWO_FACTOR,
                    TO_TWO_FACTOR,
                    done(TO_RECOVERY_CODES),
                    done(TO_RECOVERY_CODES),
                ),
            },
            watch=every_second_factor,
        ),
        "accounts:two_factor_disable": Entry(
            {
                # Only where the role does not require it; staff without one: to the overview.
                ("GET", ONE): (SIGN_IN, TO_TWO_FACTOR, TO_TWO_FACTOR, FORBIDDEN, FORBIDDEN),
                # An empty form: errors on the page, nothing turned off.
                ("POST", ONE): (SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN),
            },
            watch=every_second_factor,
        ),
        # --- Staff's workspace
        # What the unit has to report: for those who write updates, as the forms it links to.
        "monitoring:indicator_update_due_list": Entry(
            {("GET", ONE): (SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN)}
        ),
        **reviewed_record_entries(
            "monitoring:activity",
            "activity",
            "activity_file",
            to_list=TO_ACTIVITY_LIST,
            create=Entry(
                {
                    ("GET", ONE): (SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN),
                    # An empty form: errors on the page, nothing created.
                    ("POST", ONE): (SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN),
                },
                watch=count_of(Activity),
            ),
        ),
        **reviewed_record_entries(
            "monitoring:indicator_update",
            "update",
            "update_file",
            to_list=TO_UPDATE_LIST,
            create=Entry(
                {
                    # Only for an indicator of the person's unit; reported already:
                    # to that update's form.
                    ("GET", "a_new"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                    ("GET", "a_reported"): (
                        SIGN_IN,
                        TO_UPDATE_EDIT,
                        NOT_FOUND,
                        FORBIDDEN,
                        FORBIDDEN,
                    ),
                    ("GET", "b_new"): (SIGN_IN, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN),
                    ("POST", "a_new"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN),
                    ("POST", "b_new"): (SIGN_IN, NOT_FOUND, OK, FORBIDDEN, FORBIDDEN),
                },
                args=new_update_args,
                subject=new_update_subject,
                watch=count_of(IndicatorUpdate),
            ),
        ),
        **kind_entries(),
    }


# --- The back office ---------------------------------------------------------------------

REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry)
MODEL_ADMINS = {model._meta.label_lower: ma for model, ma in admin.site._registry.items()}

# Which family each registered model belongs to; a model missing here fails
# test_every_url_has_an_entry (its URLs have no rule).
REVIEWED = "reviewed"  # staff's records: read-only queues, changed only by the review actions
REFERENCE = "reference"  # the programme's facts and the results framework: advisers maintain
PEOPLE = "people"  # accounts: advisers see who is who, superusers manage them
SECURITY = "security"  # groups, sign-in logs, two-factor devices: superusers only
LOCKOUTS = "lockouts"  # sign-in lockouts: advisers see and lift them (delete), nothing else
TASKS = "tasks"  # the task worker's queue (emails): superusers read it, nobody changes it
# Registrations: written by the services only; advisers read them and run the actions.
PARTICIPANTS = "participants"
# What the reporting job sent (reminders, digests): advisers and superusers read it,
# nobody changes it (a deleted row would send its mailing again).
SENT = "sent"
ADMIN_FAMILIES = {
    **dict.fromkeys(kind_labels(), REVIEWED),
    "processes.workstream": REFERENCE,
    "processes.audience": REFERENCE,
    "connectivity.strategicarea": REFERENCE,
    "connectivity.focusarea": REFERENCE,
    "connectivity.city": REFERENCE,
    "connectivity.coordinationbody": REFERENCE,
    "inclusion.crosscuttingtopic": REFERENCE,
    "inclusion.staffcategory": REFERENCE,
    "photos.photo": REFERENCE,
    "events.series": REFERENCE,
    "events.speaker": REFERENCE,
    "registrations.registration": PARTICIPANTS,
    # Advisers add and change an event's set-up, superusers delete: the reference rules.
    "registrations.registrationsetup": REFERENCE,
    "monitoring.activity": REVIEWED,
    "monitoring.indicatorupdate": REVIEWED,
    "programme.programme": REFERENCE,
    "programme.component": REFERENCE,
    "programme.unit": REFERENCE,
    "programme.memberstate": REFERENCE,
    "programme.partner": REFERENCE,
    "programme.milestone": REFERENCE,
    "monitoring.result": REFERENCE,
    "monitoring.indicator": REFERENCE,
    "monitoring.reportingperiod": REFERENCE,
    "accounts.user": PEOPLE,
    "auth.group": SECURITY,
    "axes.accessattempt": LOCKOUTS,
    "axes.accesslog": SECURITY,
    "axes.accessfailurelog": SECURITY,
    "otp_totp.totpdevice": SECURITY,
    "otp_static.staticdevice": SECURITY,
    "django_tasks_database.dbtaskresult": TASKS,
    "monitoring.reportingreminder": SENT,
    "monitoring.adviserdigest": SENT,
}


def admin_url(label: str, kind: str) -> str:
    app_label, model_name = label.split(".")
    return f"admin:{app_label}_{model_name}_{kind}"


def to_change(label: str) -> Outcome:
    return redirect(
        "its change page", lambda world, obj: reverse(admin_url(label, "change"), args=[obj.pk])
    )


def to_changelist(label: str) -> Outcome:
    return redirect("the list", lambda world, obj: reverse(admin_url(label, "changelist")))


def family_rules(family: str, label: str) -> dict[tuple[str, str], tuple]:
    """(URL kind, method) → (adviser, superuser) for one model of `family`.

    Empty forms are POSTed to add and change pages: where the person may write,
    the page answers 200 with its errors and nothing is saved.
    """
    deleted = done(to_changelist(label))
    common = {("object", "GET"): (to_change(label), to_change(label))}
    if family == REVIEWED:
        return common | {
            ("changelist", "GET"): (OK, OK),
            ("add", "GET"): (FORBIDDEN, FORBIDDEN),
            ("add", "POST"): (FORBIDDEN, FORBIDDEN),
            ("change", "GET"): (OK, OK),  # read-only, for superusers too
            ("change", "POST"): (FORBIDDEN, FORBIDDEN),
            ("delete", "GET"): (FORBIDDEN, FORBIDDEN),  # nobody deletes them here
            ("delete", "POST"): (FORBIDDEN, FORBIDDEN),
            ("history", "GET"): (OK, OK),
            # Approve or return from the record's page, then the next record waiting
            # (or the list when none is left); POST only.
            ("review", "GET"): (NOT_ALLOWED, NOT_ALLOWED),
            ("review", "POST"): (done(Outcome(302, "302 next or list")),) * 2,
        }
    if family == REFERENCE:
        return common | {
            ("changelist", "GET"): (OK, OK),
            ("add", "GET"): (OK, OK),
            ("add", "POST"): (OK, OK),
            ("change", "GET"): (OK, OK),
            ("change", "POST"): (OK, OK),
            ("delete", "GET"): (FORBIDDEN, OK),  # advisers never delete
            ("delete", "POST"): (FORBIDDEN, deleted),
            ("history", "GET"): (OK, OK),
            # django-simple-history's old versions: shown, never reverted.
            ("simple_history", "GET"): (OK, OK),
            ("simple_history", "POST"): (FORBIDDEN, FORBIDDEN),
        }
    if family == PEOPLE:
        return common | {
            ("changelist", "GET"): (OK, OK),
            ("add", "GET"): (FORBIDDEN, OK),
            ("add", "POST"): (FORBIDDEN, OK),
            ("change", "GET"): (OK, OK),  # advisers: read-only
            ("change", "POST"): (FORBIDDEN, OK),
            ("delete", "GET"): (FORBIDDEN, OK),
            ("delete", "POST"): (FORBIDDEN, deleted),
            ("history", "GET"): (OK, OK),
        }
    if family == LOCKOUTS:
        return common | {
            ("changelist", "GET"): (OK, OK),
            ("add", "GET"): (FORBIDDEN, FORBIDDEN),  # django-axes writes them itself
            ("add", "POST"): (FORBIDDEN, FORBIDDEN),
            ("change", "GET"): (OK, OK),
            # Read-only: a superuser's POST saves nothing and goes back to the list.
            ("change", "POST"): (FORBIDDEN, to_changelist(label)),
            ("delete", "GET"): (OK, OK),  # deleting the failed sign-ins lifts the lock
            # Advisers may not change them: Django sends them to the index, not the list.
            ("delete", "POST"): (done(TO_ADMIN_INDEX), deleted),
            ("history", "GET"): (OK, OK),
        }
    if family == SECURITY:
        rules = {
            ("changelist", "GET"): (FORBIDDEN, OK),
            ("add", "GET"): (FORBIDDEN, OK),
            ("add", "POST"): (FORBIDDEN, OK),
            ("change", "GET"): (FORBIDDEN, OK),
            ("change", "POST"): (FORBIDDEN, OK),
            ("delete", "GET"): (FORBIDDEN, OK),
            ("delete", "POST"): (FORBIDDEN, deleted),
            ("history", "GET"): (FORBIDDEN, OK),
        }
        if label.startswith("axes."):
            # django-axes writes these itself: no add page, read-only change page
            # (a POST saves nothing new and goes back to the list).
            rules |= {
                ("add", "GET"): (FORBIDDEN, FORBIDDEN),
                ("add", "POST"): (FORBIDDEN, FORBIDDEN),
                ("change", "POST"): (FORBIDDEN, to_changelist(label)),
            }
        return common | rules
    if family == PARTICIPANTS:
        return common | {
            ("changelist", "GET"): (OK, OK),
            ("add", "GET"): (FORBIDDEN, FORBIDDEN),
            ("add", "POST"): (FORBIDDEN, FORBIDDEN),
            ("change", "GET"): (OK, OK),  # read-only, for superusers too
            ("change", "POST"): (FORBIDDEN, FORBIDDEN),
            ("delete", "GET"): (FORBIDDEN, FORBIDDEN),  # the figures count them
            ("delete", "POST"): (FORBIDDEN, FORBIDDEN),
            ("history", "GET"): (OK, OK),
            ("simple_history", "GET"): (OK, OK),
            ("simple_history", "POST"): (FORBIDDEN, FORBIDDEN),
        }
    if family == SENT:
        return common | {
            ("changelist", "GET"): (OK, OK),
            ("add", "GET"): (FORBIDDEN, FORBIDDEN),
            ("add", "POST"): (FORBIDDEN, FORBIDDEN),
            ("change", "GET"): (OK, OK),  # read-only, for superusers too
            ("change", "POST"): (FORBIDDEN, FORBIDDEN),
            ("delete", "GET"): (FORBIDDEN, FORBIDDEN),
            ("delete", "POST"): (FORBIDDEN, FORBIDDEN),
            ("history", "GET"): (OK, OK),
        }
    if family == TASKS:
        return common | {
            ("changelist", "GET"): (FORBIDDEN, OK),
            ("add", "GET"): (FORBIDDEN, FORBIDDEN),
            ("add", "POST"): (FORBIDDEN, FORBIDDEN),
            ("change", "GET"): (FORBIDDEN, OK),  # read-only
            ("change", "POST"): (FORBIDDEN, FORBIDDEN),
            ("delete", "GET"): (FORBIDDEN, FORBIDDEN),
            ("delete", "POST"): (FORBIDDEN, FORBIDDEN),
            ("history", "GET"): (FORBIDDEN, OK),
        }
    raise KeyError(family)


def admin_model_entries() -> dict[str, Entry]:
    """The URLs every registered model's admin has, by name (or route for unnamed ones)."""
    entries = {}
    for label in REGISTERED:
        family = ADMIN_FAMILIES.get(label)
        if family is None:
            continue  # reported by test_every_url_has_an_entry
        model = MODEL_ADMINS[label].model
        obj = {"subject": lambda world, target, label=label: world.admin_object[label]}
        by_kind: dict[str, dict] = {}
        for (kind, method), (adviser, superuser) in family_rules(family, label).items():
            by_kind.setdefault(kind, {})[(method, ONE)] = back_office(adviser, superuser)
        for kind, rows in by_kind.items():
            if kind == "changelist":
                entry = Entry(rows)
            elif kind == "add":
                entry = Entry(rows, watch=count_of(model))
            elif kind in ("change", "delete", "history"):
                entry = Entry(
                    rows,
                    args=lambda world, target, label=label: [world.admin_object[label].pk],
                    # The delete page's "Yes, I'm sure"; an unknown field elsewhere.
                    data=lambda world, target: {"post": "yes"},
                    **obj,
                )
            elif kind == "review":
                entry = Entry(
                    rows,
                    args=lambda world, target, label=label: [world.admin_object[label].pk],
                    data=lambda world, target: {"decision": "approve"},
                    **obj,
                )
            elif kind == "simple_history":
                entry = Entry(rows, args=simple_history_args(label), **obj)
            elif kind == "object":
                app_label, model_name = label.split(".")
                entries[f"admin/{app_label}/{model_name}/<path:object_id>/"] = Entry(
                    rows,
                    path=lambda world, target, label=label: reverse(
                        admin_url(label, "change"), args=[world.admin_object[label].pk]
                    ).removesuffix("change/"),
                    **obj,
                )
                continue
            entries[admin_url(label, kind)] = entry
    return entries


def simple_history_args(label: str) -> Callable[[World, str], list]:
    def args(world, target):
        obj = world.admin_object[label]
        return [obj.pk, obj.history.latest().history_id]

    return args


def autocomplete_targets() -> dict[str, dict]:
    """Every autocomplete field of every admin: the search behind its widget."""
    targets = {}
    for label in REGISTERED:
        model_admin = MODEL_ADMINS[label]
        for field_name in model_admin.autocomplete_fields:
            app_label, model_name = label.split(".")
            remote = model_admin.model._meta.get_field(field_name).related_model
            targets[f"{label}.{field_name}"] = {
                "query": {
                    "app_label": app_label,
                    "model_name": model_name,
                    "field_name": field_name,
                },
                "family": ADMIN_FAMILIES.get(remote._meta.label_lower),
            }
    return targets


AUTOCOMPLETE = autocomplete_targets()
APP_LABELS = sorted({label.split(".")[0] for label in REGISTERED})


TO_PURGE = redirect("the purge page", url_of("admin:registrations_registration_purge"))
TO_REGISTRATIONS = redirect("the list", url_of("admin:registrations_registration_changelist"))


def back_office_matrix() -> dict[str, Entry]:
    """The admin site's own URLs and the model-specific extras."""
    user = {"subject": lambda world, target: world.admin_object["accounts.user"]}
    totp = {"args": lambda world, target: {"pk": world.admin_object["otp_totp.totpdevice"].pk}}
    return {
        "admin:index": Entry({("GET", ONE): back_office(OK, OK)}),
        "admin:login": Entry(
            # No form of its own: to the portal's sign-in; staff have no back office
            # (403); back-office users go on.
            {("GET", ONE): (SIGN_IN, FORBIDDEN, FORBIDDEN, TO_ADMIN_INDEX, TO_ADMIN_INDEX)}
        ),
        "admin:logout": Entry(
            {
                ("GET", ONE): (TO_ADMIN_INDEX,) * 3 + (NOT_ALLOWED, NOT_ALLOWED),
                ("POST", ONE): (TO_ADMIN_INDEX,) * 3 + (TO_HOME, TO_HOME),
            }
        ),
        "admin:password_change": Entry(
            {("GET", ONE): back_office(OK, OK), ("POST", ONE): back_office(OK, OK)},
            watch=passwords,
        ),
        "admin:password_change_done": Entry({("GET", ONE): back_office(OK, OK)}),
        "admin:jsi18n": Entry({("GET", ONE): back_office(OK, OK)}),
        "admin:autocomplete": Entry(
            {
                ("GET", target): back_office(FORBIDDEN if spec["family"] == SECURITY else OK, OK)
                for target, spec in AUTOCOMPLETE.items()
            }
            # Without saying which field: refused.
            | {("GET", "no_field"): back_office(FORBIDDEN, FORBIDDEN)},
            query=lambda world, target: (
                AUTOCOMPLETE[target]["query"] if target in AUTOCOMPLETE else {}
            ),
        ),
        # The activity queue's "export the listed": what the list's filters show.
        "admin:monitoring_activity_export": Entry(
            {
                ("GET", "csv"): back_office(OK, OK),
                ("GET", "xlsx"): back_office(OK, OK),
                ("GET", "pdf"): back_office(NOT_FOUND, NOT_FOUND),
            },
            args=lambda world, target: [target],
        ),
        # The component apps' queues export what they list, as activities do.
        **{
            admin_url(label, "export"): Entry(
                {
                    ("GET", "csv"): back_office(OK, OK),
                    ("GET", "xlsx"): back_office(OK, OK),
                    ("GET", "pdf"): back_office(NOT_FOUND, NOT_FOUND),
                },
                args=lambda world, target: [target],
            )
            for label in [*kind_labels(), "registrations.registration"]
            if has_url(admin_url(label, "export"))
        },
        # The retention purge: what it removes (GET); without the confirmation ticked,
        # back to the page and nothing removed; confirmed, the held event's people
        # (past their retention) lose their personal data.
        "admin:registrations_registration_purge": Entry(
            {
                ("GET", ONE): back_office(OK, OK),
                ("POST", "unconfirmed"): back_office(TO_PURGE, TO_PURGE),
                ("POST", "confirmed"): back_office(done(TO_REGISTRATIONS), done(TO_REGISTRATIONS)),
            },
            data=lambda world, target: {"confirm": "yes"} if target == "confirmed" else {},
            watch=lambda world, target: list(Registration.objects.order_by("pk").values()),
        ),
        # A story as the public will see it, at any status: advisers (and superusers).
        "admin:news_story_preview": Entry(
            {("GET", "a_draft"): back_office(OK, OK), ("GET", "b_draft"): back_office(OK, OK)},
            args=lambda world, target: [world.kinds["news_staff:story"][target].pk],
        ),
        "admin:view_on_site": Entry(
            {("GET", ONE): back_office(TO_RECORD, TO_RECORD)},
            args=lambda world, target: [
                ContentType.objects.get_for_model(world.activity["a_submitted"]).pk,
                world.activity["a_submitted"].pk,
            ],
            subject=lambda world, target: world.activity["a_submitted"],
        ),
        "admin:app_list": Entry(
            {
                # An app where the adviser may see nothing does not exist for them.
                ("GET", app_label): back_office(
                    OK
                    if any(
                        ADMIN_FAMILIES.get(label) not in (SECURITY, TASKS, None)
                        for label in REGISTERED
                        if label.startswith(f"{app_label}.")
                    )
                    else NOT_FOUND,
                    OK,
                )
                for app_label in APP_LABELS
            },
            args=lambda world, target: {"app_label": target},
        ),
        # Any other address under /admin/: sign-in first, then 404.
        "admin/(?P<url>.*)$": Entry(
            {("GET", ONE): back_office(NOT_FOUND, NOT_FOUND)},
            path=lambda world, target: reverse("admin:index") + "no-such-page/",
        ),
        # Setting another person's password: superusers only.
        "admin:auth_user_password_change": Entry(
            {("GET", ONE): back_office(FORBIDDEN, OK), ("POST", ONE): back_office(FORBIDDEN, OK)},
            args=lambda world, target: {"id": world.admin_object["accounts.user"].pk},
            **user,
        ),
        # A second factor's secret is never shown again, to anybody
        # (OTP_ADMIN_HIDE_SENSITIVE_DATA).
        "admin:otp_totp_totpdevice_config": Entry(
            {("GET", ONE): back_office(FORBIDDEN, FORBIDDEN)}, **totp
        ),
        "admin:otp_totp_totpdevice_qrcode": Entry(
            {("GET", ONE): back_office(FORBIDDEN, FORBIDDEN)}, **totp
        ),
    }


def reporting_entries() -> dict[str, Entry]:
    """The progress report (apps/reporting): the advisers' pages in the back office, a
    span that is not the term's a 404 there; the public annual summary, years of the
    term only."""
    span = {"args": lambda world, target: [target]}
    return {
        "reporting_admin:index": Entry({("GET", ONE): back_office(OK, OK)}),
        "reporting_admin:print": Entry(
            {
                ("GET", "2020"): back_office(OK, OK),
                ("GET", "2017"): back_office(NOT_FOUND, NOT_FOUND),
            },
            **span,
        ),
        "reporting_admin:docx": Entry(
            {
                ("GET", "2018-2021"): back_office(OK, OK),
                ("GET", "2022"): back_office(NOT_FOUND, NOT_FOUND),
            },
            **span,
        ),
        "reporting:annual": Entry(
            {("GET", "2020"): PUBLIC, ("GET", "2017"): (NOT_FOUND,) * 5},
            args=lambda world, target: {"year": int(target)},
        ),
    }


def staff_a_import(world: World, target: str):
    """Staff A's previewed import: their unit's template for the open period with one
    value typed in, stored by the service as the upload page stores it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.monitoring.spreadsheets.services import spreadsheet_import_create
    from apps.monitoring.spreadsheets.templates import updates_template
    from tests.monitoring.imports.helpers import XLSX, as_bytes, fill

    staff, period = world.users["staff_a"], world.update["a_draft"].period
    workbook = openpyxl.load_workbook(io.BytesIO(updates_template(user=staff, period=period)))
    fill(workbook, world.indicator["a_new"].code, Value=7)
    upload = SimpleUploadedFile("filled.xlsx", as_bytes(workbook), content_type=XLSX)
    spreadsheet, outcome = spreadsheet_import_create(
        user=staff, kind="updates", period=period, upload=upload, submit=False
    )
    assert outcome.ok, outcome.problems
    return spreadsheet


TO_IMPORTS = redirect("import page", url_of("imports:index"))


def imports_entries() -> dict[str, Entry]:
    """Spreadsheet import (apps/monitoring/import_views.py): Secretariat staff only, like
    the forms; an import is its uploader's (404 for anyone else); a locked period has
    no template (404)."""
    staff_only = (SIGN_IN, OK, OK, FORBIDDEN, FORBIDDEN)
    return {
        "imports:index": Entry({("GET", ONE): staff_only}),
        "imports:updates_template": Entry(
            {
                ("GET", "open"): staff_only,
                # A locked period has no template: back to the page, which says why.
                ("GET", "locked"): (SIGN_IN, TO_IMPORTS, TO_IMPORTS, FORBIDDEN, FORBIDDEN),
            },
            args=lambda world, target: [
                world.locked_period.pk if target == "locked" else world.update["a_draft"].period_id
            ],
        ),
        "imports:activities_template": Entry({("GET", ONE): staff_only}),
        "imports:preview": Entry(
            {("GET", "a"): (SIGN_IN, OK, NOT_FOUND, FORBIDDEN, FORBIDDEN)},
            args=lambda world, target: [world.spreadsheet_import.pk],
            subject=lambda world, target: _with_import(world),
        ),
        "imports:confirm": Entry(
            {
                ("GET", "a"): (SIGN_IN, NOT_ALLOWED, NOT_ALLOWED, FORBIDDEN, FORBIDDEN),
                ("POST", "a"): (SIGN_IN, done(TO_UPDATE_LIST), NOT_FOUND, FORBIDDEN, FORBIDDEN),
            },
            args=lambda world, target: [world.spreadsheet_import.pk],
            subject=lambda world, target: _with_import(world),
        ),
    }


def _with_import(world: World):
    """Make staff A's import for this case (the case's transaction rolls it back) and
    keep it on the world for the URL's args, which are read after the subject."""
    world.spreadsheet_import = staff_a_import(world, "a")
    return world.spreadsheet_import


MATRIX: dict[str, Entry] = (
    portal_matrix()
    | events_entries()
    | registrations_entries()
    | news_and_site_entries()
    | back_office_matrix()
    | reporting_entries()
    | imports_entries()
)
GENERATED: dict[str, Entry] = admin_model_entries()


# --- Discovering the URLs ---------------------------------------------------------------


def url_keys() -> list[str]:
    """Every URL pattern of the project: its namespaced name, or its route when unnamed."""
    keys = []

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}{pattern.namespace}:"
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                if pattern.callback is serve:  # static()/media in DEBUG: out of scope
                    continue
                keys.append(
                    f"{namespace}{pattern.name}" if pattern.name else prefix + str(pattern.pattern)
                )

    walk(get_resolver().url_patterns)
    return keys


URL_KEYS = url_keys()


def entry_for(key: str) -> Entry | None:
    return MATRIX.get(key) or GENERATED.get(key)


# --- The cases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    key: str
    method: str
    target: str
    role: str
    entry: Entry = field(repr=False)

    def __str__(self) -> str:
        method = "" if self.method == "GET" else f"{self.method} "
        target = "" if self.target == ONE else f"[{self.target}]"
        return f"{method}{self.key}{target} × {self.role}"


def param(*values, outcome, id: str):
    """One parametrized case; an outcome marked with bug() becomes a strict xfail."""
    if isinstance(outcome, Outcome):
        return pytest.param(*values, outcome, id=f"{id} → {outcome.label}")
    expected = outcome.values[0]
    return pytest.param(*values, expected, marks=outcome.marks, id=f"{id} → {expected.label}")


def url_cases() -> list:
    cases = []
    for key in URL_KEYS:
        entry = entry_for(key)
        if entry is None:
            continue  # reported by test_every_url_has_an_entry
        for (method, target), outcomes in entry.rows.items():
            for role, outcome in zip(ROLES, outcomes, strict=True):
                case = Case(key, method, target, role, entry)
                cases.append(param(case, outcome=outcome, id=str(case)))
    return cases


def sign_in_as(client: Client, world: World, role: str) -> None:
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]


def check_redirect(response, outcome: Outcome, world: World, subject) -> None:
    location = urlsplit(response.headers.get("Location", "")).path
    if outcome.sign_in:
        assert location.startswith(SIGN_IN_URLS), f"redirected to {location}, not a sign-in page"
    elif outcome.to is not None:
        assert location == outcome.to(world, subject), f"redirected to {location}"


@pytest.mark.parametrize(("case", "outcome"), url_cases())
def test_url_answers_each_role_as_the_matrix_says(matrix_client, world, case, outcome):
    client = matrix_client
    entry = case.entry
    subject = entry.subject(world, case.target)
    if entry.path is not None:
        url = entry.path(world, case.target)
    else:
        args = entry.args(world, case.target)
        url = reverse(case.key, **({"kwargs": args} if isinstance(args, dict) else {"args": args}))
    watch = entry.watch or (lambda world, target: row(subject) if subject is not None else None)
    before = watch(world, case.target)
    sign_in_as(client, world, case.role)

    if case.method == "GET":
        response = client.get(url, entry.query(world, case.target))
    else:
        response = client.post(url, entry.data(world, case.target))
    if response.streaming:
        # Read to the end: the client then closes the file, as a server would,
        # without the close_old_connections that would drop the test's transaction.
        b"".join(response.streaming_content)

    assert response.status_code in statuses(outcome), (
        f"{case.method} {url} as {case.role}: {response.status_code}, expected {outcome.label}"
    )
    check_redirect(response, outcome, world, subject)
    after = watch(world, case.target)
    if outcome.changes:
        assert after != before, f"{case.method} {url} as {case.role} changed nothing"
    else:
        assert after == before, f"{case.method} {url} as {case.role} changed the record"


# --- Admin actions -------------------------------------------------------------------------

FILE = Outcome(200, "200 file", download=True)
CONFIRM = Outcome(200, "200 confirmation page")  # delete_selected asks first; nothing deleted


# Django answers an action that ran with a redirect to the list. One the person
# may not run is not offered to them: the list answers "No action selected" with
# the same redirect, or, where they may run no action at all there, shows the
# list (200). What tells these apart is the record, watched by the test.
DONE_BACK = done(Outcome(302, "302 the list"))
REFUSED = Outcome((200, 302), "200/302 the list, not run")

# (family, action) → (adviser, superuser); anonymous visitors and staff go to
# the admin's sign-in. An action without a rule fails test_every_admin_action_has_a_rule.
ACTION_RULES = {
    # Only reviewers (advisers; superusers hold every permission) approve and return.
    (REVIEWED, "approve_selected"): (DONE_BACK, DONE_BACK),
    (REVIEWED, "return_selected"): (DONE_BACK, DONE_BACK),
    (REVIEWED, "export_csv"): (FILE, FILE),
    (REVIEWED, "export_xlsx"): (FILE, FILE),
    (REVIEWED, "delete_selected"): (REFUSED, REFUSED),  # nobody deletes them here
    # Events: a next edition is made by Secretariat staff with a unit only (the
    # adviser is told why); advisers and superusers cancel.
    (REVIEWED, "next_edition"): (REFUSED, REFUSED),
    (REVIEWED, "cancel_selected"): (DONE_BACK, DONE_BACK),
    (REFERENCE, "export_targets_csv"): (FILE, FILE),
    (REFERENCE, "export_targets_xlsx"): (FILE, FILE),
    (REFERENCE, "lock_selected"): (DONE_BACK, DONE_BACK),
    (REFERENCE, "unlock_selected"): (DONE_BACK, DONE_BACK),
    (REFERENCE, "delete_selected"): (REFUSED, CONFIRM),
    (PEOPLE, "delete_selected"): (REFUSED, CONFIRM),
    # A lost phone: superusers remove a person's second factors.
    (PEOPLE, "remove_two_factor"): (REFUSED, DONE_BACK),
    (SECURITY, "delete_selected"): (FORBIDDEN, CONFIRM),
    (LOCKOUTS, "delete_selected"): (CONFIRM, CONFIRM),
    (LOCKOUTS, "lift_selected"): (DONE_BACK, DONE_BACK),
    # django-axes' clean-up of expired lockouts runs (nothing has expired here,
    # so nothing goes; apps/accounts/admin.py gives it the time it needs).
    (LOCKOUTS, "cleanup_expired_attempts"): (Outcome(302, "302 the list"),) * 2,
    # Nobody deletes a task's result; advisers do not see the queue at all.
    (TASKS, "delete_selected"): (FORBIDDEN, REFUSED),
    # Registrations: the waiting list filled (the held event has places free), the
    # personal data removed after a confirmation page, downloads; never deleted.
    (PARTICIPANTS, "promote_from_waiting_list"): (DONE_BACK, DONE_BACK),
    (PARTICIPANTS, "remove_personal_data"): (CONFIRM, CONFIRM),
    (PARTICIPANTS, "export_csv"): (FILE, FILE),
    (PARTICIPANTS, "export_xlsx"): (FILE, FILE),
    (PARTICIPANTS, "delete_selected"): (REFUSED, REFUSED),
    # The reporting job's record: nobody deletes it (the mailing would go again).
    (SENT, "delete_selected"): (REFUSED, REFUSED),
}


def action_names(label: str) -> list[str]:
    """The actions of a registered model's admin: the site's and its own."""
    model_admin = MODEL_ADMINS[label]
    names = [name for name, _action in model_admin.admin_site.actions]
    for action in model_admin.actions or ():
        names.append(action if isinstance(action, str) else action.__name__)
    return names


def selected_for(world: World, label: str, action: str) -> list:
    """The records an action is run on."""
    if action == "unlock_selected":
        return [world.locked_period]
    if label == "monitoring.result" and action.startswith("export"):
        return [world.indicator["a_new"].result]  # a result with an indicator to export
    if label == "monitoring.activity" and action.startswith("export"):
        # Both units' records: advisers and superusers see every unit.
        return [world.activity["a_submitted"], world.activity["b_draft"]]
    if label in kind_labels() and action.startswith("export"):
        records = world.kinds[kind_labels()[label]]
        return [records["a_submitted"], records["b_draft"]]
    if label == "registrations.registration":
        if action.startswith("export"):
            return [world.participants["present"], world.participants["pending"]]
        if action == "promote_from_waiting_list":
            return [world.participants["waiting"]]
    return [world.admin_object[label]]


def second_factors(users) -> list:
    """The second factors of `users`: authenticator apps, recovery codes and their tokens."""
    return [
        *TOTPDevice.objects.filter(user__in=users).order_by("pk").values(),
        *StaticDevice.objects.filter(user__in=users).order_by("pk").values(),
        *StaticToken.objects.filter(device__user__in=users).order_by("pk").values(),
    ]


def action_watch(action: str) -> Callable[[list], Any]:
    """What an action may change: the selected records' rows; for the removal of
    a second factor, the selected people's devices."""
    if action == "remove_two_factor":
        return second_factors
    return lambda records: [row(record) for record in records]


def exported_texts(label: str, records: list) -> list[str]:
    """What the export of `records` holds: each activity's title, each indicator's code."""
    if label == "monitoring.activity" or label in kind_labels():
        # By title; a meeting or a workforce snapshot has none (their exports are
        # checked for what they hold in tests/connectivity and tests/inclusion).
        return [record.title for record in records if hasattr(record, "title")]
    if label == "monitoring.result":
        return [indicator.code for record in records for indicator in record.indicators.all()]
    if label == "registrations.registration":
        return [record.name for record in records]
    return [record.code for record in records]


def not_selected(world: World, label: str) -> list[str]:
    """What an export of the selected records must not hold: a record nobody selected."""
    if label == "monitoring.activity":
        return exported_texts(label, [world.activity["a_draft"]])
    if label in kind_labels():
        return exported_texts(label, [world.kinds[kind_labels()[label]]["a_draft"]])
    if label == "registrations.registration":
        return exported_texts(label, [world.participants["waiting"]])
    return [world.indicator["b_new"].code]


def download_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        return "\n".join(",".join(line) for line in csv.reader(io.StringIO(content.decode())))
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for values in sheet.iter_rows(values_only=True)
        for value in values
        if value is not None
    )


def action_cases() -> list:
    cases = []
    for label in REGISTERED:
        family = ADMIN_FAMILIES.get(label)
        for action in action_names(label):
            rule = ACTION_RULES.get((family, action))
            if rule is None:
                continue  # reported by test_every_admin_action_has_a_rule
            for role, outcome in zip(ROLES, back_office(*rule), strict=True):
                changelist = admin_url(label, "changelist")
                cases.append(
                    param(
                        label,
                        action,
                        role,
                        outcome=outcome,
                        id=f"POST {changelist} action {action} × {role}",
                    )
                )
    return cases


@pytest.mark.parametrize(("label", "action", "role", "outcome"), action_cases())
def test_admin_action_answers_each_role_as_the_matrix_says(
    matrix_client, world, label, action, role, outcome
):
    client = matrix_client
    url = reverse(admin_url(label, "changelist"))
    selected = selected_for(world, label, action)
    watch = action_watch(action)
    before = watch(selected)
    sign_in_as(client, world, role)

    response = client.post(
        url,
        {
            "action": action,
            "index": 0,
            ACTION_CHECKBOX_NAME: [record.pk for record in selected],
            # return_selected: the note page's answer
            "apply": "1",
            "note": "Please attach the attendance list.",
        },
    )

    assert response.status_code in statuses(outcome), (
        f"{action} on {label} as {role}: {response.status_code}, expected {outcome.label}"
    )
    if response.status_code == 302:
        location = urlsplit(response["Location"]).path
        if outcome.sign_in:
            assert location.startswith(SIGN_IN_URLS), location
        else:
            assert location == url, location
    if outcome.download:
        assert response["Content-Disposition"].startswith("attachment")
        text = download_text(response)
        for expected in exported_texts(label, selected):
            assert expected in text, f"{expected!r} missing from the export"
        for unexpected in not_selected(world, label):
            assert unexpected not in text, f"{unexpected!r} exported, but not selected"
    after = watch(selected)
    if outcome.changes:
        assert after != before, f"{action} as {role} changed nothing"
    else:
        assert after == before, f"{action} as {role} changed the records"


# --- The matrix is complete ----------------------------------------------------------------


def test_every_url_has_an_entry():
    """A URL pattern with no entry (and no admin rule) fails here, by name: add it
    to MATRIX, or its model to ADMIN_FAMILIES."""
    missing = [key for key in URL_KEYS if entry_for(key) is None]
    assert not missing, f"URLs without an entry in the URL × role matrix: {missing}"


def test_matrix_names_only_existing_urls():
    stale = sorted(set(MATRIX) - set(URL_KEYS))
    assert not stale, f"matrix entries for URLs that no longer exist: {stale}"


def test_every_registered_model_has_a_family():
    missing = [label for label in REGISTERED if label not in ADMIN_FAMILIES]
    assert not missing, f"admin models without a family in ADMIN_FAMILIES: {missing}"


def test_every_admin_action_has_a_rule():
    missing = [
        f"{label}: {action}"
        for label in REGISTERED
        for action in action_names(label)
        if (ADMIN_FAMILIES.get(label), action) not in ACTION_RULES
    ]
    assert not missing, f"admin actions without a rule in ACTION_RULES: {missing}"


def test_every_role_is_tried_on_every_url():
    """Each row names an outcome for all five roles (a guard on the matrix itself)."""
    for key, entry in (MATRIX | GENERATED).items():
        for (method, target), outcomes in entry.rows.items():
            assert len(outcomes) == len(ROLES), (key, method, target)
