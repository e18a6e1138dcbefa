"""Browser-test cases of the public registration pages: see pages.py. `registration_data`
loads two published events that take registrations: "Regional Media Workshop 2021"
(20 places, one taken by a confirmed registration, one person waiting elsewhere) and
"Full Forum 2021" (its one place taken). Every case opens /events/ and goes on from
there (a `state`): the pages need the data, which the registry's title check does not
load."""

from collections.abc import Callable

from playwright.sync_api import Page

from .pages import PageCase, in_turn, submit_empty_form

OPEN_SLUG = "regional-media-workshop-2021"
FULL_SLUG = "full-forum-2021"
CONFIRMED_EMAIL = "amara@example.org"
WAITING_EMAIL = "maria@example.org"


def registration_data() -> None:
    from apps.registrations.models import Registration
    from tests.registrations.factories import OpenEventFactory, RegistrationFactory

    workshop = OpenEventFactory(
        title="Regional Media Workshop 2021",
        slug=OPEN_SLUG,
        capacity=20,
        description="Fact-checking regional news, for editors of the member states.",
    )
    full = OpenEventFactory(title="Full Forum 2021", slug=FULL_SLUG, capacity=1)
    RegistrationFactory(event=workshop, name="Amara Wongsakul", email=CONFIRMED_EMAIL)
    RegistrationFactory(event=full, name="Taken Place", email="taken@example.org")
    RegistrationFactory(
        event=full, name="Maria Dela Cruz", email=WAITING_EMAIL, status=Registration.Status.WAITING
    )


def _site(page: Page) -> str:
    return page.url.split("/events/")[0]


def go(path: str) -> Callable[[Page], None]:
    """A state: open `path` on the live server."""

    def run(page: Page) -> None:
        page.goto(_site(page) + path)

    return run


def done_page(email: str) -> Callable[[Page], None]:
    """A state: the page after registering, as the person who registered sees it."""

    def run(page: Page) -> None:
        from apps.registrations.models import Registration
        from apps.registrations.public import done_url
        from apps.registrations.services import Outcome

        registration = Registration.objects.select_related("event").get(email=email)
        page.goto(_site(page) + done_url(Outcome(registration, created=True)))

    return run


def cancel_page(email: str) -> Callable[[Page], None]:
    """A state: the page the cancel link in the emails opens."""

    def run(page: Page) -> None:
        from django.urls import reverse

        from apps.registrations import tokens
        from apps.registrations.models import Registration

        registration = Registration.objects.select_related("event").get(email=email)
        url = reverse(
            "registrations_public:cancel",
            args=[registration.event.slug, tokens.cancel_token(registration)],
        )
        page.goto(_site(page) + url)

    return run


REGISTER = go(f"/events/{OPEN_SLUG}/register/")
REGISTER_FULL = go(f"/events/{FULL_SLUG}/register/")

PAGES = [
    PageCase("registration form", "/events/", data=registration_data, state=REGISTER),
    PageCase(
        "registration form at 375px", "/events/", width=375, data=registration_data, state=REGISTER
    ),
    PageCase(
        "registration form with errors",
        "/events/",
        data=registration_data,
        state=in_turn(REGISTER, submit_empty_form),
    ),
    PageCase(
        "registration form with errors at 375px",
        "/events/",
        width=375,
        data=registration_data,
        state=in_turn(REGISTER, submit_empty_form),
    ),
    PageCase(
        "registration form, event full", "/events/", data=registration_data, state=REGISTER_FULL
    ),
    PageCase(
        "event page with registration",
        "/events/",
        data=registration_data,
        state=go(f"/events/{OPEN_SLUG}/"),
    ),
    PageCase(
        "registration done: place confirmed",
        "/events/",
        data=registration_data,
        state=done_page(CONFIRMED_EMAIL),
    ),
    PageCase(
        "registration done: waiting list",
        "/events/",
        data=registration_data,
        state=done_page(WAITING_EMAIL),
    ),
    PageCase(
        "cancel a registration",
        "/events/",
        data=registration_data,
        state=cancel_page(CONFIRMED_EMAIL),
    ),
]
