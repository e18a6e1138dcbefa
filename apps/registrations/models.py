"""Registration, waiting list and attendance for the programme's events
(docs/registrations.md).

- `RegistrationSetup` opens an event for registration: when, whether staff approve
  each registration, how long personal data is kept, and the share of days that
  earns a certificate. An event without one takes no registrations.
- `Registration` is one person for one event. Its status is confirmed, waiting (in
  order of `queued_at`), pending approval, declined or cancelled; every change goes
  through services.py under the event's row lock, so capacity holds under load.
- `Attendance` is one registration present on one day of the event.

Personal fields (name, email, organisation, the free-text needs) are emptied by the
retention purge and on request (`anonymised_at`); the categorical fields (sex,
disability, member state, role) stay, so the participation figures stay.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel


class RegistrationSetup(TimeStampedModel):
    """An event's registration: open from when until when, and its rules."""

    event = models.OneToOneField(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="registration_setup",
        primary_key=True,
        verbose_name=_("event"),
    )
    opens_at = models.DateTimeField(_("registration opens"))
    closes_at = models.DateTimeField(
        _("registration closes"), help_text=_("At the latest when the event starts.")
    )
    requires_approval = models.BooleanField(
        _("staff approve each registration"),
        default=False,
        help_text=_("For invitation-only events: registrations wait until staff approve them."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("keep personal data for (months after the event)"),
        default=24,
        help_text=_("Then names, emails and organisations are removed; the figures stay."),
    )
    certificate_share = models.PositiveSmallIntegerField(
        _("share of days for a certificate (%)"),
        default=75,
        help_text=_("Participants present on at least this share of the days get a certificate."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration set-up")
        verbose_name_plural = _("registration set-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="registration_closes_after_opening",
                violation_error_message=_("Registration must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(certificate_share__gte=1, certificate_share__lte=100),
                name="registration_certificate_share_percent",
                violation_error_message=_("The share of days is a percentage from 1 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.event)


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        PENDING = "pending", _("Waiting for approval")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        MEDIA = "media", _("Media")
        GOVERNMENT = "government", _("Government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        ACADEMIA = "academia", _("Academia and research")
        ASEC = "asec", _("ASEAN Secretariat staff")
        INTERNATIONAL = "international", _("International organisation or development partner")
        OTHER = "other", _("Other")

    class Sex(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other")
        NOT_STATED = "not_stated", _("Prefer not to say")

    class Disability(models.TextChoices):
        # The Washington Group short set asks about difficulty seeing, hearing,
        # walking, remembering, self-care and communicating; "a lot of difficulty"
        # or "cannot do at all" in any of them counts as a disability.
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_STATED = "not_stated", _("Prefer not to say")

    class Source(models.TextChoices):
        PUBLIC = "public", _("Registered on the website")
        INVITED = "invited", _("Invited by staff")

    class Accommodation(models.TextChoices):
        NONE = "none", _("None requested")
        REQUESTED = "requested", _("Requested")
        ARRANGED = "arranged", _("Being arranged")
        PROVIDED = "provided", _("Provided")
        NOT_POSSIBLE = "not_possible", _("Could not be provided")

    # The common needs, offered as boxes beside the free text.
    NEEDS: ClassVar[list[tuple[str, str]]] = [
        ("sign_language", _("Sign-language interpretation")),
        ("wheelchair", _("Wheelchair access")),
        ("accessible_documents", _("Accessible documents")),
        ("captioning", _("Live captions")),
        ("dietary", _("Dietary requirements")),
    ]

    # Statuses that hold one of the event's places, and the ones still "in".
    HOLDS_PLACE: ClassVar[tuple[str, ...]] = (Status.CONFIRMED,)
    ACTIVE: ClassVar[tuple[str, ...]] = (Status.CONFIRMED, Status.WAITING, Status.PENDING)

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("event"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    # When the registration joined the waiting list (or the queue for approval):
    # the next place goes to the earliest.
    queued_at = models.DateTimeField(_("in the queue since"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"))

    name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role)
    member_state = models.ForeignKey(
        "programme.MemberState",
        on_delete=models.PROTECT,
        related_name="registrations",
        null=True,
        blank=True,
        verbose_name=_("member state"),
        help_text=_("Empty: from outside the ASEAN member states."),
    )
    sex = models.CharField(_("sex"), max_length=20, choices=Sex)
    disability = models.CharField(
        _("disability"), max_length=20, choices=Disability, default=Disability.NOT_STATED
    )
    needs = models.JSONField(_("accessibility needs"), default=list, blank=True)
    needs_note = models.TextField(_("other needs"), max_length=1000, blank=True)
    accommodation = models.CharField(
        _("accommodation"), max_length=20, choices=Accommodation, default=Accommodation.NONE
    )

    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"))
    listed_publicly = models.BooleanField(_("may be listed as a participant"), default=False)

    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.PUBLIC)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("invited by"),
    )
    # Half of the cancel link; the link is signed and expires (tokens.py).
    cancel_key = models.CharField(max_length=32, unique=True, editable=False)
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["cancel_key"])

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "queued_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"]),
            models.Index(fields=["anonymised_at", "event"]),
        ]
        constraints = [
            # One registration per person and event: registering again finds it.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(email=""),
                name="registration_once_per_email",
                violation_error_message=_("This email address is already registered."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("Participant (removed)"))

    @property
    def holds_place(self) -> bool:
        return self.status in self.HOLDS_PLACE

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    def needs_labels(self) -> list[str]:
        labels = dict(self.NEEDS)
        return [str(labels[need]) for need in self.needs if need in labels]


class Attendance(models.Model):
    """A registration present on one day of its event."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("registration"),
    )
    day = models.DateField(_("day"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["registration", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                name="attendance_once_per_day",
                violation_error_message=_("Already marked present on this day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} — {self.day:%Y-%m-%d}"
