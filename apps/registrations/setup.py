"""Opening an event for registration (docs/attendance.md): the one write of
`RegistrationSetup`.

The rules, checked under the event's row lock so a change of the event's start in
the same moment cannot slip past them: registration opens before it closes, and
closes at the latest when the event starts; the data is kept 1 to 120 months; the
share of days for a certificate is 1 to 100 %.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.events.models import Event

from . import services
from .models import RegistrationSetup

SETUP_FIELDS = (
    "opens_at",
    "closes_at",
    "requires_approval",
    "retention_months",
    "certificate_share",
)
RETENTION_MAX = 120


def _check(event: Event, data: dict) -> None:
    errors = {}
    opens, closes = data["opens_at"], data["closes_at"]
    if closes <= opens:
        errors["closes_at"] = _("Registration must close after it opens.")
    elif closes > event.starts_at:
        errors["closes_at"] = _("Registration must close at the latest when the event starts.")
    if not 1 <= data["retention_months"] <= RETENTION_MAX:
        errors["retention_months"] = _("Keep the data for 1 to %(max)s months.") % {
            "max": RETENTION_MAX
        }
    if not 1 <= data["certificate_share"] <= 100:
        errors["certificate_share"] = _("The share of days is a percentage from 1 to 100.")
    if errors:
        raise ValidationError(errors)


def registration_setup_save(*, event: Event, user, data: dict) -> RegistrationSetup:
    """Create or change the event's registration set-up. Raises PermissionDenied for
    someone who may not manage the event, ValidationError (on the field to change)
    when a rule above is broken; nothing is written then."""
    if not services.may_manage(user=user, event=event):
        raise PermissionDenied(_("Only the organising unit's staff set up registration."))
    with transaction.atomic():
        locked = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
        if locked.state == Event.State.CANCELLED:
            raise ValidationError(_("This event is cancelled: it takes no registrations."))
        _check(locked, data)
        setup = RegistrationSetup.objects.filter(event=locked).first() or RegistrationSetup(
            event=locked
        )
        for field in SETUP_FIELDS:
            setattr(setup, field, data[field])
        setup.full_clean(exclude=["event"], validate_unique=False)
        setup.save()
    return setup
