"""Events across the components (docs/events.md): the ASEAN Media Forum and the
programme's workshops, trainings and launches.

- `Series` is reference data advisers keep in the admin (facts.py): "ASEAN Media
  Forum". An event of a series is one of its editions.
- `Event` is a reviewed record (apps.monitoring's review core) of the organising
  unit: staff write it in /workspace/, an adviser approves it; an approved event
  marked `is_public` is published. Beside the review status it has its own state:
  scheduled, then cancelled or completed.
- `Session`, `Sponsor` and the links to `Speaker`s belong to the event: staff change
  them while the event may be edited (draft or returned), through the services,
  and each change is in the event's audit trail (`audit_related`).
- `Speaker`s are reused across editions (a next edition links the same people).

Times are stored in UTC; each event names its own time zone, in which staff type
and visitors read its times (times.py).
"""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.monitoring.models import EvidenceBase, ReviewedModel, review_queue_order

from .times import TIME_ZONES, local


class Series(TimeStampedModel):
    """A recurring event, e.g. the annual ASEAN Media Forum."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events_public:series", args=[self.slug])


class Speaker(TimeStampedModel):
    """Someone who speaks at events; reused across editions."""

    name = models.CharField(_("name"), max_length=150)
    job_title = models.CharField(_("title"), max_length=150, blank=True, help_text=_("Job title."))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    member_state = models.ForeignKey(
        "programme.MemberState",
        on_delete=models.PROTECT,
        related_name="event_speakers",
        null=True,
        blank=True,
        verbose_name=_("member state"),
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.SET_NULL,
        related_name="event_speakers",
        null=True,
        blank=True,
        verbose_name=_("photo"),
        help_text=_("Its alt text and credit live with the photo."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation}" if self.organisation else self.name


class Event(ReviewedModel):
    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        LAUNCH = "launch", _("Launch")
        DIALOGUE = "dialogue", _("Dialogue")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("web address"),
        max_length=220,
        unique=True,
        editable=False,
        help_text=_("Made from the title and the year when the event is created."),
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        verbose_name=_("series"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    unit = models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("organising unit"),
    )
    components = models.ManyToManyField(
        "programme.Component", related_name="events", verbose_name=_("components")
    )
    partners = models.ManyToManyField(
        "programme.Partner",
        related_name="events",
        blank=True,
        verbose_name=_("partners and co-hosts"),
        limit_choices_to=~Q(kind="executing"),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TIME_ZONES,
        default="Asia/Jakarta",
        help_text=_("The times are typed and shown in this zone."),
    )
    online = models.BooleanField(_("online"), default=False)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("e.g. “ASEAN Secretariat, Jakarta”.")
    )
    member_state = models.ForeignKey(
        "programme.MemberState",
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        verbose_name=_("host member state"),
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and cards.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Plain text; empty lines start paragraphs.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    is_public = models.BooleanField(
        _("show on the public site"),
        default=True,
        help_text=_("Shown publicly once an adviser approves it."),
    )
    state = models.CharField(
        _("event status"), max_length=20, choices=State, default=State.SCHEDULED
    )
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("lead photo"),
    )
    gallery = models.ManyToManyField(
        "photos.Photo", related_name="event_galleries", blank=True, verbose_name=_("gallery")
    )
    activity = models.OneToOneField(
        "monitoring.Activity",
        on_delete=models.SET_NULL,
        related_name="event",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("monitoring activity"),
    )

    unit_path = "unit"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "unit"]),
            models.Index(fields=["status", "is_public", "starts_at"]),
            models.Index(*review_queue_order(for_index=True), name="event_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
        ]
        permissions = [("review_event", _("Can approve or return events"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("events_public:detail", args=[self.slug])

    def audit_related(self) -> dict[str, tuple[str, str]]:
        """The agenda and the sponsors, so each change to them is in the trail."""
        sessions = []
        for session in self.sessions.order_by("starts_at", "pk").prefetch_related("speakers"):
            line = f"{local(session.starts_at, self.time_zone):%Y-%m-%d %H:%M} {session.title}"
            names = sorted(speaker.name for speaker in session.speakers.all())
            sessions.append(f"{line} ({', '.join(names)})" if names else line)
        sponsors = sorted(str(sponsor) for sponsor in self.sponsors.select_related("partner"))
        return {
            "sessions": (str(_("Agenda")), "; ".join(sessions)),
            "sponsors": (str(_("Sponsors")), "; ".join(sponsors)),
        }

    # --- For templates (components/event_card.html) -------------------------------

    @property
    def start_date(self):
        return local(self.starts_at, self.time_zone).date()

    @property
    def end_date(self):
        return local(self.ends_at, self.time_zone).date()

    @property
    def place(self) -> str:
        if self.online:
            return str(_("Online"))
        return self.venue


class EventEvidence(EvidenceBase):
    """Files behind an event: the concept note, the invitation, the agenda as sent."""

    record = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="evidence_files", verbose_name=_("event")
    )

    unit_path: ClassVar[str] = "record__unit"
    download_url_name = "events:event_evidence_download"
    delete_url_name = "events:event_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("event file")
        verbose_name_plural = _("event files")


class Session(TimeStampedModel):
    """One item of an event's agenda."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        BREAK = "break", _("Break")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.TALK)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    speakers = models.ManyToManyField(
        Speaker, related_name="sessions", blank=True, verbose_name=_("speakers")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["event", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Sponsor(TimeStampedModel):
    """A business that sponsors an event (a programme Partner)."""

    class Tier(models.TextChoices):
        GOLD = "gold", _("Gold")
        SILVER = "silver", _("Silver")
        BRONZE = "bronze", _("Bronze")
        PARTNER = "partner", _("Partner")

    TIER_ORDER: ClassVar[list[str]] = ["gold", "silver", "bronze", "partner"]

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sponsors", verbose_name=_("event")
    )
    partner = models.ForeignKey(
        "programme.Partner",
        on_delete=models.PROTECT,
        related_name="event_sponsorships",
        verbose_name=_("organisation"),
        limit_choices_to={"kind": "sponsor"},
    )
    tier = models.CharField(_("tier"), max_length=20, choices=Tier, default=Tier.PARTNER)
    link = models.URLField(_("link"), blank=True)
    logo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("logo"),
        help_text=_("A photo record: its alt text names the sponsor."),
    )

    class Meta:
        verbose_name = _("sponsor")
        verbose_name_plural = _("sponsors")
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "partner"],
                name="sponsor_once_per_event",
                violation_error_message=_("This organisation already sponsors the event."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ({self.get_tier_display()})"
