"""Public pages under /events/<slug>/register/ (docs/registrations.md): the form, the
page after it, and cancelling by the link in the emails. No account needed.

Never cached, by the public page cache or anyone else: each page shows the places left
now, or one person's registration.

- `RegisterView`: GET shows the event, whether registration is open and the places
  left, and the form; POST checks the honeypot, then the address's rate limit, then
  the form, then registers (services.register) and redirects to the page after it.
- `RegisteredView`: what became of the registration (confirmed, waiting list, waiting
  for approval, or registered already), read from a signed, short-lived `?r=` value
  that only the redirect hands out. Without one (or an old one) it says only that an
  email is on its way: the page a honeypot catch sees too.
- `CancelView`: GET asks "Cancel your registration?" (a link scanner that follows the
  link cancels nothing); POST cancels.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from apps.events import selectors as event_selectors
from apps.events.models import Event

from . import services, tokens
from .forms import RegistrationForm
from .models import Registration
from .ratelimit import RateLimit

logger = logging.getLogger(__name__)

Status = Registration.Status
Window = services.Window

# The `?r=` value of the page after registering: which registration, and whether it is
# new. It works for an hour: long enough to read the page, short for a shared link.
DONE_SALT = "registrations.done"
DONE_MAX_AGE = 60 * 60


def _events() -> QuerySet[Event]:
    """Published events, with their registration set-up (no photos: not shown here)."""
    return (
        event_selectors.events_public()
        .select_related("registration_setup", "member_state")
        .prefetch_related(None)
    )


def _crumbs(event: Event) -> list[dict]:
    return [
        {"title": _("Events"), "url": reverse("events_public:list")},
        {"title": event.title, "url": event.get_public_url()},
    ]


def _event_context(event: Event) -> dict:
    return {
        "event": event,
        "setup": getattr(event, "registration_setup", None),
        "times": event_selectors.event_times(event),
        "crumbs": _crumbs(event),
        "contact_email": settings.PORTAL_CONTACT_EMAIL,
    }


@method_decorator(never_cache, name="dispatch")
class RegisterView(View):
    template_name = "registrations/public/register.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(_events(), slug=kwargs["slug"])
        if getattr(self.event, "registration_setup", None) is None:
            raise Http404("This event takes no registrations.")
        self.window = services.registration_window(self.event)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(RegistrationForm(event=self.event))

    def post(self, request, *args, **kwargs):
        form = RegistrationForm(request.POST, event=self.event)
        if form.is_trap_filled:
            # A program filled the hidden field: write nothing, answer as if done.
            logger.info("Registration for %s dropped: the hidden field was filled", self.event.slug)
            return HttpResponseRedirect(
                reverse("registrations_public:registered", args=[self.event.slug])
            )
        limit = RateLimit(request)
        if limit.exceeded():
            return self.too_many(form)
        if self.window != Window.OPEN:
            form.is_valid()
            form.add_error(None, _("Registration for this event is not open."))
            return self.render(form)
        if not form.is_valid():
            return self.render(form)
        if not limit.hit():
            return self.too_many(form)
        try:
            outcome = services.register(
                event=self.event, data=form.person_data(), consent=form.cleaned_data["consent"]
            )
        except ValidationError as error:
            _add_errors(form, error)
            return self.render(form)
        return HttpResponseRedirect(done_url(outcome))

    def too_many(self, form):
        logger.warning("Registration for %s refused: too many from one address", self.event.slug)
        form.is_valid()
        message = _(
            "Too many registrations from your network in the last hour. Please try again "
            "later, or write to %(contact)s."
        ) % {"contact": settings.PORTAL_CONTACT_EMAIL}
        return self.render(form, status=429, refused=message)

    def render(self, form, *, status=200, refused=""):
        places = services.places_left(self.event) if self.window == Window.OPEN else None
        context = {
            **_event_context(self.event),
            "form": form,
            "window": self.window,
            "places_left": places,
            "full": places == 0,
            "refused": refused,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)


def _add_errors(form, error: ValidationError) -> None:
    """The service's message beside its field, or above the form when the form has
    no such field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def done_url(outcome: services.Outcome) -> str:
    registration = outcome.registration
    value = signing.dumps({"id": registration.pk, "new": outcome.created}, salt=DONE_SALT)
    return (
        reverse("registrations_public:registered", args=[registration.event.slug]) + f"?r={value}"
    )


@method_decorator(never_cache, name="dispatch")
class RegisteredView(View):
    template_name = "registrations/public/registered.html"

    def get(self, request, *args, **kwargs):
        event = get_object_or_404(_events(), slug=kwargs["slug"])
        registration, created = None, False
        try:
            found = signing.loads(request.GET.get("r", ""), salt=DONE_SALT, max_age=DONE_MAX_AGE)
        except signing.BadSignature:
            found = None
        if isinstance(found, dict):
            registration = Registration.objects.filter(event=event, pk=found.get("id")).first()
            created = bool(found.get("new"))
        context = {
            **_event_context(event),
            "registration": registration,
            "created": created,
        }
        return TemplateResponse(request, self.template_name, context)


@method_decorator(never_cache, name="dispatch")
class CancelView(View):
    template_name = "registrations/public/cancel.html"

    def dispatch(self, request, *args, **kwargs):
        key = tokens.key_from_token(kwargs["token"])
        self.registration = None
        if key:
            self.registration = (
                Registration.objects.select_related("event", "event__member_state")
                .filter(cancel_key=key, event__slug=kwargs["slug"])
                .first()
            )
        if self.registration is None:
            return self.refuse(status=404, reason="unknown")
        if not tokens.link_usable(self.registration):
            return self.refuse(status=410, reason="started")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(done=False)

    def post(self, request, *args, **kwargs):
        was_active = self.registration.status in Registration.ACTIVE
        self.registration = services.cancel(registration=self.registration)
        return self.render(done=was_active)

    def render(self, *, done: bool):
        registration = self.registration
        context = {
            **_event_context(registration.event),
            "registration": registration,
            "active": registration.status in Registration.ACTIVE,
            "done": done,
        }
        return TemplateResponse(self.request, self.template_name, context)

    def refuse(self, *, status: int, reason: str):
        event = self.registration.event if self.registration else None
        context = {
            "event": event,
            "reason": reason,
            "contact_email": settings.PORTAL_CONTACT_EMAIL,
            "crumbs": [{"title": _("Events"), "url": reverse("events_public:list")}],
        }
        return TemplateResponse(
            self.request, "registrations/public/cancel_refused.html", context, status=status
        )
