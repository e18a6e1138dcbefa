"""Factories of the registrations app.

`OpenEventFactory` is a published (approved, public) event that takes registrations
now: it starts in 30 days, has `capacity` places (5 by default) and a
`RegistrationSetup` open since yesterday. `RegistrationFactory` is a confirmed
registration of a made-up person who agreed to the privacy notice.
`ADMIN_FACTORIES` names one factory per model in the admin (tests/test_admin_smoke.py).
"""

import datetime

import factory
from django.utils import timezone

from apps.monitoring.models import ReviewStatus
from apps.registrations import tokens
from apps.registrations.models import Attendance, Registration, RegistrationSetup
from tests.events.factories import EventFactory


class RegistrationSetupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationSetup

    event = factory.SubFactory(EventFactory, status=ReviewStatus.APPROVED, capacity=5)
    # Since yesterday; a month before the event when that is long past.
    opens_at = factory.LazyAttribute(
        lambda setup: min(
            timezone.now() - datetime.timedelta(days=1),
            setup.event.starts_at - datetime.timedelta(days=30),
        )
    )
    closes_at = factory.LazyAttribute(lambda setup: setup.event.starts_at)


class OpenEventFactory(EventFactory):
    """A published event, 30 days ahead, open for registration (`capacity` places)."""

    status = ReviewStatus.APPROVED
    capacity = 5
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=8))
    setup = factory.RelatedFactory(
        RegistrationSetupFactory,
        factory_related_name="event",
        requires_approval=factory.SelfAttribute("..requires_approval"),
    )

    class Params:
        requires_approval = False


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(OpenEventFactory)
    status = Registration.Status.CONFIRMED
    status_changed_at = factory.LazyFunction(timezone.now)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    organisation = "Regional Daily"
    role = Registration.Role.MEDIA
    sex = Registration.Sex.WOMAN
    disability = Registration.Disability.NO
    privacy_notice_version = "1.1"
    consented_at = factory.LazyFunction(timezone.now)
    cancel_key = factory.LazyFunction(tokens.new_key)
    queued_at = factory.LazyAttribute(
        lambda r: (
            r.status_changed_at
            if r.status in (Registration.Status.WAITING, Registration.Status.PENDING)
            else None
        )
    )


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    day = factory.LazyAttribute(lambda a: a.registration.event.start_date)


def person(n: int = 1, **overrides) -> dict:
    """What a registration form hands to services.register."""
    return {
        "name": f"Person {n}",
        "email": f"person{n}@example.org",
        "organisation": "Regional Daily",
        "job_title": "Editor",
        "role": Registration.Role.MEDIA,
        "member_state": None,
        "sex": Registration.Sex.WOMAN,
        "disability": Registration.Disability.NO,
        "needs": [],
        "needs_note": "",
        "listed_publicly": False,
        **overrides,
    }


ADMIN_FACTORIES = {
    "registrations.registration": RegistrationFactory,
    "registrations.registrationsetup": RegistrationSetupFactory,
}
