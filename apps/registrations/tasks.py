"""Emails to registrants, sent by the task worker (docs/registrations.md).

services.py queues them with `transaction.on_commit`, so only what was saved is
announced. Locally and in tests the "immediate" backend runs them at once; in
production they wait in the database for `manage.py db_worker`. A send that fails
(the mail server is down) is queued again, PORTAL_TASK_RETRY_DELAY seconds later
where the backend can defer, up to PORTAL_TASK_RETRIES attempts; then it fails
for good and the worker logs it.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from apps.events import ical

from . import tokens
from .models import Registration

logger = logging.getLogger(__name__)

# What each email says; the templates are templates/registrations/email/<kind>.txt.
SUBJECTS = {
    "confirmed": "Your place at {event} is confirmed",
    "waiting": "You are on the waiting list for {event}",
    "pending": "We received your registration for {event}",
    "promoted": "A place is free for you at {event}",
    "declined": "Your registration for {event}",
    "cancelled": "Your registration for {event} is cancelled",
}
# Emails that carry the event as a calendar file: the person has a place.
WITH_CALENDAR = {"confirmed", "promoted"}


@task()
def registration_email(registration_id: int, kind: str, attempt: int = 1) -> bool:
    """Send one registration email; False when there is nobody to write to (the
    registration was anonymised or has no email)."""
    registration = (
        Registration.objects.select_related("event", "event__series")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email:
        return False
    try:
        build_email(registration, kind).send()
    except Exception:
        _retry(registration_id, kind, attempt)
        raise
    return True


def _retry(registration_id: int, kind: str, attempt: int) -> None:
    if attempt >= settings.PORTAL_TASK_RETRIES:
        logger.error("Registration email %s for %s failed for good", kind, registration_id)
        return
    queued = registration_email
    if default_task_backend.supports_defer:
        delay = datetime.timedelta(seconds=settings.PORTAL_TASK_RETRY_DELAY * attempt)
        queued = registration_email.using(run_after=timezone.now() + delay)
    logger.warning("Registration email %s for %s failed; trying again", kind, registration_id)
    queued.enqueue(registration_id, kind, attempt + 1)


def build_email(registration: Registration, kind: str) -> EmailMessage:
    event = registration.event
    site = settings.PORTAL_SITE_URL
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "event_url": site + event.get_public_url(),
            "cancel_url": site
            + reverse(
                "registrations_public:cancel", args=[event.slug, tokens.cancel_token(registration)]
            ),
            "contact": settings.PORTAL_CONTACT_EMAIL,
        }
        body = render_to_string(f"registrations/email/{kind}.txt", context)
        message = EmailMessage(
            subject=SUBJECTS[kind].format(event=event.title),
            body=body,
            to=[registration.email],
            reply_to=[settings.PORTAL_CONTACT_EMAIL],
        )
    if kind in WITH_CALENDAR:
        calendar = ical.calendar(
            [event],
            name=event.title,
            url_for=lambda e: site + e.get_public_url(),
            host=site.split("://", 1)[-1].split(":")[0].split("/")[0],
        )
        message.attach(f"{event.slug}.ics", calendar, "text/calendar")
    return message
