"""The registry of pages the accessibility gate checks: one line a page or state.

`user` is who the browser is signed in as: None (a visitor), "staff" (Secretariat
staff in the Community Relations Division), "adviser" (a programme adviser), or
staff of the component apps' units: "staff-legal" (LSAD), "staff-corporate" (CAD),
"staff-connectivity" (ACD); tests/browser/conftest.py makes them.
`data` loads extra records before the page opens (e.g. the demo results);
`state` then brings the page into the state to check, e.g. a form showing errors.
Later issues add their pages here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page


def submit_empty_form(page: Page) -> None:
    """Send the page's main form as it is, to show its errors."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


@dataclass(frozen=True)
class PageCase:
    name: str
    path: str
    user: str | None = None
    width: int = 1280
    state: Callable[[Page], None] | None = None
    status: int = 200
    data: Callable[[], None] | None = None

    def __str__(self) -> str:
        return self.name


PAGES = [
    PageCase("home", "/"),
    PageCase("home at 320px", "/", width=320),
    PageCase("home at 375px", "/", width=375),
    PageCase("about", "/about/"),
    PageCase("about at 320px", "/about/", width=320),
    PageCase("component: organisational processes", "/components/organisational-processes/"),
    PageCase("component: connectivity", "/components/connectivity/"),
    PageCase("component: diversity and inclusion", "/components/diversity-inclusion/"),
    PageCase("component at 375px", "/components/connectivity/", width=375),
    PageCase("accessibility statement", "/accessibility/"),
    PageCase("page not found", "/no-such-page/", status=404),
    PageCase("bad request", "/?q=%00", status=400),
    PageCase("sign in", "/accounts/login/"),
    PageCase("sign in with errors", "/accounts/login/", state=submit_empty_form),
    PageCase(
        "sign in with errors at 320px", "/accounts/login/", width=320, state=submit_empty_form
    ),
    PageCase("workspace (staff)", "/workspace/", user="staff"),
    PageCase("workspace (staff) at 320px", "/workspace/", user="staff", width=320),
    PageCase("workspace (adviser)", "/workspace/", user="adviser"),
    PageCase("change password", "/accounts/password/", user="staff"),
    PageCase(
        "change password with errors", "/accounts/password/", user="staff", state=submit_empty_form
    ),
]


# --- Staff's workspace: activities, indicator updates -------------------------------
# Records have no fixed URL in the browser tests, so these states follow the links
# from the page they open, as a person would.


def follow_link(name: str) -> Callable[[Page], None]:
    """A state: follow the first link in <main> called `name`."""

    def follow(page: Page) -> None:
        with page.expect_navigation():
            page.get_by_role("main").get_by_role("link", name=name).first.click()

    return follow


def in_turn(*states: Callable[[Page], None]) -> Callable[[Page], None]:
    """A state made of several, taken one after the other."""

    def run(page: Page) -> None:
        for state in states:
            state(page)

    return run


REPORT_LINK = "Report CRD-1.a for 2020 Q1"

PAGES += [
    PageCase("activity form", "/workspace/activities/new/", user="staff"),
    PageCase("activity form at 320px", "/workspace/activities/new/", user="staff", width=320),
    PageCase(
        "activity form with errors",
        "/workspace/activities/new/",
        user="staff",
        state=submit_empty_form,
    ),
    PageCase(
        "activity form with errors at 320px",
        "/workspace/activities/new/",
        user="staff",
        width=320,
        state=submit_empty_form,
    ),
    PageCase(
        "activity detail",
        "/workspace/",
        user="staff",
        state=follow_link("Briefing on the Communication Master Plan II"),
    ),
    PageCase(
        "activity detail at 320px",
        "/workspace/",
        user="staff",
        width=320,
        state=follow_link("Briefing on the Communication Master Plan II"),
    ),
    PageCase(
        "activity form, returned with a note",
        "/workspace/",
        user="staff",
        state=follow_link("ASEAN Media Forum preparatory meeting"),
    ),
    PageCase(
        "activity detail (adviser)",
        "/workspace/activities/",
        user="adviser",
        state=follow_link("ASEAN Media Forum preparatory meeting"),
    ),
    PageCase(
        "delete a draft: confirmation",
        "/workspace/",
        user="staff",
        state=in_turn(
            follow_link("Briefing on the Communication Master Plan II"),
            follow_link("Delete draft"),
        ),
    ),
    PageCase(
        "delete a draft: confirmation at 320px",
        "/workspace/",
        user="staff",
        width=320,
        state=in_turn(
            follow_link("Briefing on the Communication Master Plan II"),
            follow_link("Delete draft"),
        ),
    ),
    PageCase("activities", "/workspace/activities/", user="staff"),
    PageCase("activities at 320px", "/workspace/activities/?status=draft", user="staff", width=320),
    PageCase("update form", "/workspace/", user="staff", state=follow_link(REPORT_LINK)),
    PageCase(
        "update form at 320px",
        "/workspace/",
        user="staff",
        width=320,
        state=follow_link(REPORT_LINK),
    ),
    PageCase(
        "update form with errors",
        "/workspace/",
        user="staff",
        state=in_turn(follow_link(REPORT_LINK), submit_empty_form),
    ),
    PageCase(
        "update form, returned with a note",
        "/workspace/",
        user="staff",
        state=follow_link("CRD-1.b Share of events with an accessible venue, 2020 Q1"),
    ),
    PageCase(
        "update detail",
        "/workspace/updates/",
        user="staff",
        state=follow_link("CRD-1.b Share of events with an accessible venue, 2020 Q1"),
    ),
    PageCase("indicator updates", "/workspace/updates/", user="staff"),
    PageCase("indicators to report", "/workspace/updates/due/", user="staff"),
    PageCase("indicators to report at 320px", "/workspace/updates/due/", user="staff", width=320),
]


def many_to_report() -> None:
    """Data: 55 more indicators for the staff member's unit (CRD) to report in 2020 Q1:
    more than the workspace shows (10) and than a page of the full list (50)."""
    from apps.programme.models import Component, Unit
    from tests.monitoring.factories import IndicatorFactory, ResultFactory

    component = Component.objects.get(slug="organisational-processes")
    result = ResultFactory(component=component, code="CRD-9", title="Many indicators")
    unit = Unit.objects.get(abbreviation="CRD")
    for number in range(55):
        IndicatorFactory(result=result, code=f"CRD-9.{number:02d}", responsible_unit=unit)


PAGES += [
    PageCase(
        "workspace (staff) with more to report", "/workspace/", user="staff", data=many_to_report
    ),
    PageCase(
        "indicators to report, page 2 at 320px",
        "/workspace/updates/due/",
        user="staff",
        width=320,
        data=many_to_report,
        state=follow_link("Next page"),
    ),
]


# --- Public results: /results/ and the component pages with monitoring data ------------


def demo_results() -> None:
    """Data: seed_demo's monitoring records (results, updates, activities)."""
    from apps.accounts.services import demo_accounts_create
    from apps.monitoring.demo import monitoring_demo_load

    monitoring_demo_load(users=demo_accounts_create(password="browser-demo-password"))


def tables_open(page: Page) -> None:
    """A state: every chart's data table unfolded."""
    page.locator("main details").evaluate_all("all => all.forEach((d) => { d.open = true; })")


def many_results() -> None:
    """Data: sixteen published results of the connectivity component, one indicator each:
    more than a results page (15 indicators) or a component page (6) shows."""
    from apps.programme.models import Component, Unit
    from tests.monitoring.factories import IndicatorFactory, ResultFactory

    component = Component.objects.get(slug="connectivity")
    unit = Unit.objects.filter(components=component).first()
    for number in range(1, 17):
        result = ResultFactory(
            component=component, code=f"2.{number}", title=f"Connectivity result {number}"
        )
        IndicatorFactory(result=result, code=f"2.{number}.a", responsible_unit=unit)


PAGES += [
    # /results/: a line per component; /results/<slug>/: the component's results in full.
    PageCase("results, nothing published yet", "/results/"),
    PageCase("results", "/results/", data=demo_results),
    PageCase("results at 320px", "/results/", width=320, data=demo_results),
    PageCase("results of a component, nothing published yet", "/results/connectivity/"),
    PageCase("results of a component", "/results/organisational-processes/", data=demo_results),
    PageCase(
        "results of a component at 320px",
        "/results/connectivity/",
        width=320,
        data=demo_results,
    ),
    PageCase(
        "results of a component with tables open",
        "/results/organisational-processes/",
        data=demo_results,
        state=tables_open,
    ),
    PageCase(
        "results of a component with tables open at 320px",
        "/results/diversity-inclusion/",
        width=320,
        data=demo_results,
        state=tables_open,
    ),
    PageCase(
        "results of a component, more than one page", "/results/connectivity/", data=many_results
    ),
    PageCase(
        "results of a component, page 2 at 320px",
        "/results/connectivity/",
        width=320,
        data=many_results,
        state=follow_link("Next page"),
    ),
    PageCase(
        "component with more results than it shows", "/components/connectivity/", data=many_results
    ),
    PageCase(
        "component with results: organisational processes",
        "/components/organisational-processes/",
        data=demo_results,
    ),
    PageCase(
        "component with results: connectivity",
        "/components/connectivity/",
        data=demo_results,
    ),
    PageCase(
        "component with results: diversity and inclusion",
        "/components/diversity-inclusion/",
        data=demo_results,
    ),
    PageCase(
        "component with results at 320px",
        "/components/organisational-processes/",
        width=320,
        data=demo_results,
    ),
    PageCase(
        "component with hidden small cells at 320px",
        "/components/diversity-inclusion/",
        width=320,
        data=demo_results,
    ),
]


# --- Sign-in protection: lockout, password reset, two-step sign-in ------------------------
# "staff-2fa" is a staff member with an authenticator app, signed in with the
# password only: the pages ask for the code first.


def lock_out(page: Page) -> None:
    """A state: five wrong passwords in a row, which pauses sign-in."""
    for _attempt in range(5):
        page.get_by_label("Email address").fill("staff@asean.example.org")
        page.get_by_label("Password").fill("not-the-password")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()


def _origin(page: Page) -> str:
    return "/".join(page.url.split("/", 3)[:3])


def open_reset_link(page: Page) -> None:
    """A state: open a valid password reset link for the staff member."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from apps.accounts.models import User

    user = User.objects.get(email="staff@asean.example.org")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    page.goto(_origin(page) + reverse("accounts:password_reset_confirm", args=[uid, token]))


def enter_staff_2fa_code(page: Page) -> None:
    """A state: enter the code of the staff-2fa member's app on the code page."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.factories import authenticator_code

    device = TOTPDevice.objects.get(user__email="staff.two-step@asean.example.org")
    page.get_by_label("Code from your authenticator app").fill(authenticator_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def complete_set_up(page: Page) -> None:
    """A state: on the set-up page, type the key shown into an "app" and enter its
    code, as a person without a camera would; the new recovery codes show."""
    from base64 import b32decode

    from django_otp.oath import TOTP

    key = page.locator("#setup-key").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(
        f"{TOTP(b32decode(key)).token():06d}"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Turn on two-step sign-in").click()


PAGES += [
    PageCase("sign-in paused", "/accounts/login/", state=lock_out),
    PageCase("sign-in paused at 320px", "/accounts/login/", width=320, state=lock_out),
    PageCase("reset password", "/accounts/password/reset/"),
    PageCase("reset password at 320px", "/accounts/password/reset/", width=320),
    PageCase("reset password with errors", "/accounts/password/reset/", state=submit_empty_form),
    PageCase("reset password: email sent", "/accounts/password/reset/sent/"),
    PageCase("reset password: link does not work", "/accounts/password/reset/MQ/no-token/"),
    PageCase("reset password: new password", "/accounts/password/reset/", state=open_reset_link),
    PageCase(
        "reset password: new password with errors at 320px",
        "/accounts/password/reset/",
        width=320,
        state=in_turn(open_reset_link, submit_empty_form),
    ),
    PageCase("reset password: done", "/accounts/password/reset/done/"),
    PageCase("two-step sign-in (staff, off)", "/accounts/two-factor/", user="staff"),
    PageCase("two-step sign-in (adviser, on)", "/accounts/two-factor/", user="adviser"),
    PageCase(
        "two-step sign-in (adviser) at 320px", "/accounts/two-factor/", user="adviser", width=320
    ),
    PageCase("set up two-step sign-in", "/accounts/two-factor/set-up/", user="staff"),
    PageCase(
        "set up two-step sign-in at 320px", "/accounts/two-factor/set-up/", user="staff", width=320
    ),
    PageCase(
        "set up two-step sign-in at 375px", "/accounts/two-factor/set-up/", user="staff", width=375
    ),
    PageCase(
        "set up two-step sign-in with errors",
        "/accounts/two-factor/set-up/",
        user="staff",
        state=submit_empty_form,
    ),
    PageCase(
        "new recovery codes",
        "/accounts/two-factor/set-up/",
        user="staff",
        state=complete_set_up,
    ),
    PageCase(
        "new recovery codes at 320px",
        "/accounts/two-factor/set-up/",
        user="staff",
        width=320,
        state=complete_set_up,
    ),
    PageCase("recovery codes", "/accounts/two-factor/recovery-codes/", user="adviser"),
    PageCase("sign-in code", "/accounts/two-factor/verify/", user="staff-2fa"),
    PageCase("sign-in code at 320px", "/accounts/two-factor/verify/", user="staff-2fa", width=320),
    PageCase(
        "sign-in code with errors",
        "/accounts/two-factor/verify/",
        user="staff-2fa",
        state=submit_empty_form,
    ),
    PageCase(
        "sign-in with a recovery code",
        "/accounts/two-factor/verify/recovery-code/",
        user="staff-2fa",
    ),
    PageCase(
        "sign-in with a recovery code with errors at 320px",
        "/accounts/two-factor/verify/recovery-code/",
        user="staff-2fa",
        width=320,
        state=submit_empty_form,
    ),
    PageCase(
        "turn off two-step sign-in",
        "/accounts/two-factor/turn-off/",
        user="staff-2fa",
        state=enter_staff_2fa_code,
    ),
    PageCase(
        "turn off two-step sign-in with errors at 320px",
        "/accounts/two-factor/turn-off/",
        user="staff-2fa",
        width=320,
        state=in_turn(enter_staff_2fa_code, submit_empty_form),
    ),
]


# --- Daily work: staff's forms (activity and indicator update) ----------------------


def send_bad_dates(page: Page) -> None:
    """A state: the activity form sent with 31 2 2021 (no such day) and an end date
    without its month."""
    page.locator("#id_title").fill("ASEAN Media Forum 2021")
    for name, value in [("start_date_0", "31"), ("start_date_1", "2"), ("start_date_2", "2021")]:
        page.locator(f"input[name={name}]").fill(value)
    page.locator("input[name=end_date_0]").fill("11")
    page.locator("input[name=end_date_2]").fill("2021")
    submit_empty_form(page)


def send_zero_participants(page: Page) -> None:
    """A state: a workshop sent with 0 participants in every box: the form asks once."""
    page.locator("#id_title").fill("Workshop nobody came to")
    page.locator("#id_activity_type").select_option("workshop")
    for name, value in [("start_date_0", "10"), ("start_date_1", "12"), ("start_date_2", "2021")]:
        page.locator(f"input[name={name}]").fill(value)
    for name in (
        "participants_women",
        "participants_men",
        "participants_sex_other",
        "participants_with_disability",
        "participants_disability_not_stated",
    ):
        page.locator(f"input[name={name}]").fill("0")
    submit_empty_form(page)


PAGES += [
    PageCase(
        "activity form with date errors",
        "/workspace/activities/new/",
        user="staff",
        state=send_bad_dates,
    ),
    PageCase(
        "activity form with date errors at 375px",
        "/workspace/activities/new/",
        user="staff",
        width=375,
        state=send_bad_dates,
    ),
    PageCase(
        "activity form with errors at 375px",
        "/workspace/activities/new/",
        user="staff",
        width=375,
        state=submit_empty_form,
    ),
    PageCase(
        "activity form asking to confirm zero participants",
        "/workspace/activities/new/",
        user="staff",
        state=send_zero_participants,
    ),
    PageCase(
        "activity form asking to confirm zero participants at 375px",
        "/workspace/activities/new/",
        user="staff",
        width=375,
        state=send_zero_participants,
    ),
    PageCase(
        "update form with errors at 375px",
        "/workspace/",
        user="staff",
        width=375,
        state=in_turn(follow_link(REPORT_LINK), submit_empty_form),
    ),
    PageCase(
        "update form, returned with a note, at 375px",
        "/workspace/",
        user="staff",
        width=375,
        state=follow_link("CRD-1.b Share of events with an accessible venue, 2020 Q1"),
    ),
]


# --- Daily work: review in the admin --------------------------------------------------
# The adviser's queues and a record's page with the review panel. Records have no fixed
# URL here, so the states follow the links from the queue, as an adviser does.


def review_queue() -> None:
    """Data: work the CRD staff member submitted, waiting for the adviser: three
    activities (the oldest with no participants counted) and two indicator updates
    (a number with approved values before it, a breakdown and evidence; a percentage)."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from apps.accounts.models import User
    from apps.monitoring.models import Activity, Indicator, ReportingPeriod, ReviewStatus
    from apps.programme.models import Component
    from tests.monitoring.factories import (
        ActivityFactory,
        DisaggregationFactory,
        IndicatorFactory,
        IndicatorUpdateEvidenceFactory,
        IndicatorUpdateFactory,
        ResultFactory,
    )

    staff = User.objects.get(email="staff@asean.example.org")
    component = Component.objects.get(slug="organisational-processes")
    now = timezone.now()

    def submitted(days_ago: int) -> dict:
        return {
            "status": ReviewStatus.SUBMITTED,
            "submitted_by": staff,
            "submitted_at": now - datetime.timedelta(days=days_ago),
            "created_by": staff,
        }

    for title, days_ago, women, men in (
        ("Regional workshop on outreach", 9, 0, 0),
        ("ASEAN Media Forum 2019", 6, 20, 15),
        ("Training on statistical data dissemination", 3, 14, 11),
    ):
        ActivityFactory(
            title=title,
            component=component,
            unit=staff.unit,
            activity_type=Activity.Type.WORKSHOP,
            participants_women=women,
            participants_men=men,
            participants_sex_other=0,
            participants_with_disability=1 if women else 0,
            **submitted(days_ago),
        )
    result = ResultFactory(component=component, code="CRD-3", title="Media report on ASEAN")
    journalists = IndicatorFactory(
        result=result,
        code="CRD-3.a",
        title="Journalists trained on reporting about ASEAN integration",
        unit_of_measure="journalists",
        baseline_value=Decimal(0),
        target_value=Decimal(40),
        responsible_unit=staff.unit,
        disaggregate_by_sex=True,
        is_public=False,
    )
    venues = IndicatorFactory(
        result=result,
        code="CRD-3.b",
        title="Share of media events with an accessible venue",
        measure=Indicator.Measure.PERCENTAGE,
        unit_of_measure="events",
        baseline_value=Decimal(25),
        target_value=Decimal(80),
        responsible_unit=staff.unit,
        is_public=False,
    )
    quarters = []
    for year, quarter in ((2019, 1), (2019, 2), (2019, 3), (2019, 4), (2020, 2)):
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = datetime.date(year + (quarter == 4), 3 * quarter % 12 + 1, 1)
        period, _created = ReportingPeriod.objects.get_or_create(
            start=start,
            defaults={"name": f"{year} Q{quarter}", "end": end - datetime.timedelta(days=1)},
        )
        quarters.append(period)
    for period, value in zip(quarters[:4], (6, 9, 12, 15), strict=True):
        IndicatorUpdateFactory(
            indicator=journalists, period=period, value=value, status=ReviewStatus.APPROVED
        )
    update = IndicatorUpdateFactory(
        indicator=journalists, period=quarters[4], value=Decimal(21), **submitted(4)
    )
    DisaggregationFactory(update=update, group="women", value=Decimal(12))
    DisaggregationFactory(update=update, group="men", value=Decimal(9))
    IndicatorUpdateEvidenceFactory(record=update, original_name="attendance-list.pdf")
    IndicatorUpdateFactory(
        indicator=venues,
        period=quarters[4],
        value=None,
        numerator=Decimal(6),
        denominator=Decimal(8),
        **submitted(2),
    )


def return_with_an_empty_note(page: Page) -> None:
    """A state: on a record's page, press "Return to the authors" with no note."""
    with page.expect_navigation():
        page.get_by_role("button", name="Return to the authors").click()


ACTIVITY_QUEUE = "/admin/monitoring/activity/"
UPDATE_QUEUE = "/admin/monitoring/indicatorupdate/"

PAGES += [
    PageCase("admin: activity queue", ACTIVITY_QUEUE, user="adviser", data=review_queue),
    PageCase("admin: indicator update queue", UPDATE_QUEUE, user="adviser", data=review_queue),
    PageCase(
        "admin: activity with the review panel and a warning",
        ACTIVITY_QUEUE,
        user="adviser",
        data=review_queue,
        state=follow_link("Regional workshop on outreach"),
    ),
    PageCase(
        "admin: activity, returned with an empty note",
        ACTIVITY_QUEUE,
        user="adviser",
        data=review_queue,
        state=in_turn(follow_link("ASEAN Media Forum 2019"), return_with_an_empty_note),
    ),
    PageCase(
        "admin: indicator update with the review panel",
        UPDATE_QUEUE,
        user="adviser",
        data=review_queue,
        state=follow_link("CRD-3.a Journalists trained on reporting about ASEAN integration"),
    ),
    PageCase(
        "admin: indicator update with the review panel at 375px",
        UPDATE_QUEUE,
        user="adviser",
        width=375,
        data=review_queue,
        state=follow_link("CRD-3.b Share of media events with an accessible venue"),
    ),
]


# --- Daily work: navigation, landing pages, the admin for staff ------------------------
# The header's small-screen menu (a <details> disclosure), the friendly page staff get
# at /admin/, the lists with their primary actions, and the admin index's figures.


def open_menu(page: Page) -> None:
    """A state: open the small screens' "Menu" with the keyboard."""
    page.locator("summary.portal-menu__toggle").focus()
    page.keyboard.press("Enter")
    page.locator("details.portal-menu[open]").wait_for()


PAGES += [
    PageCase("header at 375px (staff)", "/workspace/", user="staff", width=375),
    PageCase("header at 375px (adviser)", "/workspace/", user="adviser", width=375),
    PageCase("menu open at 375px (staff)", "/workspace/", user="staff", width=375, state=open_menu),
    PageCase(
        "menu open at 375px (adviser)", "/workspace/", user="adviser", width=375, state=open_menu
    ),
    PageCase("menu open at 320px (signed out)", "/", width=320, state=open_menu),
    PageCase("back office refused (staff)", "/admin/", user="staff", status=403),
    PageCase(
        "back office refused (staff) at 375px", "/admin/", user="staff", width=375, status=403
    ),
    PageCase("activities: drafts with delete", "/workspace/activities/?status=draft", user="staff"),
    PageCase(
        "activities with log an activity at 375px",
        "/workspace/activities/",
        user="staff",
        width=375,
    ),
    PageCase("indicator updates with report progress", "/workspace/updates/", user="staff"),
    PageCase("admin index with key figures", "/admin/", user="adviser", data=review_queue),
]


# --- Front door: design system, home, legal pages -------------------------------------
# The home page with the demo's results (headline results, each component's key result)
# and a featured photo; the legal pages; the chrome (co-branding, footer) on each.


def home_with_photo() -> None:
    """Data: the demo results and a featured public photo for the home page's hero."""
    from tests.photos.factories import PhotoFactory

    demo_results()
    PhotoFactory(featured_on_home=True, alt_text="Delegates at a regional forum in Jakarta")


PAGES += [
    PageCase("home with results and photo", "/", data=home_with_photo),
    PageCase("home with results and photo at 375px", "/", width=375, data=home_with_photo),
    PageCase("home with results and photo at 320px", "/", width=320, data=home_with_photo),
    PageCase("about at 375px", "/about/", width=375),
    PageCase("accessibility statement at 320px", "/accessibility/", width=320),
    PageCase("privacy notice", "/privacy/"),
    PageCase("privacy notice at 375px", "/privacy/", width=375),
    PageCase("privacy notice at 320px", "/privacy/", width=320),
    PageCase("legal notice", "/legal-notice/"),
    PageCase("legal notice at 375px", "/legal-notice/", width=375),
    PageCase("legal notice at 320px", "/legal-notice/", width=320),
    PageCase("contact", "/contact/"),
    PageCase("contact at 375px", "/contact/", width=375),
    PageCase("contact at 320px", "/contact/", width=320),
]


# --- Front door: photos ------------------------------------------------------------------

PAGES += []


# --- Front door: results and component pages ---------------------------------------------


def first_details_open(page: Page) -> None:
    """A state: the first indicator card's "Details" opened by a click, as a visitor would."""
    page.locator("main details > summary").first.click()


PAGES += [
    PageCase("results at 375px", "/results/", width=375, data=demo_results),
    PageCase(
        "results with an indicator's details open",
        "/results/",
        data=demo_results,
        state=first_details_open,
    ),
    PageCase(
        "results with an indicator's details open at 375px",
        "/results/",
        width=375,
        data=demo_results,
        state=first_details_open,
    ),
    PageCase(
        "results of a component tab at 375px",
        "/results/organisational-processes/",
        width=375,
        data=demo_results,
        state=first_details_open,
    ),
    PageCase(
        "results of a component, every detail open at 1280px",
        "/results/connectivity/",
        data=demo_results,
        state=tables_open,
    ),
    PageCase(
        "component with indicator and activity cards at 375px",
        "/components/connectivity/",
        width=375,
        data=demo_results,
    ),
    PageCase(
        "component with an indicator's details open",
        "/components/diversity-inclusion/",
        data=demo_results,
        state=first_details_open,
    ),
    PageCase(
        "component with an indicator's details open at 320px",
        "/components/organisational-processes/",
        width=320,
        data=demo_results,
        state=first_details_open,
    ),
]


# --- The component apps: each keeps its cases in a module of its own --------------------
from . import pages_connectivity, pages_events, pages_inclusion, pages_processes  # noqa: E402

PAGES += pages_processes.PAGES + pages_connectivity.PAGES + pages_inclusion.PAGES
PAGES += pages_events.PAGES

from . import (  # noqa: E402
    pages_attendance,
    pages_news,
    pages_open_data,
    pages_registrations,
    pages_search,
)

PAGES += pages_registrations.PAGES + pages_attendance.PAGES
PAGES += pages_news.PAGES + pages_search.PAGES + pages_open_data.PAGES

from . import pages_imports, pages_reporting_cycle, pages_reports  # noqa: E402

PAGES += pages_reporting_cycle.PAGES + pages_imports.PAGES + pages_reports.PAGES
