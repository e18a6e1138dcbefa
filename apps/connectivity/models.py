"""Component 2: MPAC 2025 and sustainable urbanisation (docs/connectivity.md).

Two kinds of table:

- reference data advisers maintain in the admin and nobody reviews (`facts.py`,
  loaded by `services.connectivity_facts_load`): the five MPAC 2025 strategic
  areas, the six ASUS focus areas, the cities and the coordination bodies;
- records the ASEAN Connectivity Division writes and advisers review, built on the
  review core (`monitoring.models.ReviewedModel`): initiatives, cities'
  urbanisation actions and coordination meetings with their action items.
"""

import datetime
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.validators import PLAUSIBLE_DATES_MESSAGE, plausible_date_q
from apps.monitoring.models import EvidenceBase, ReviewedModel, review_queue_order

# --- Reference data ---------------------------------------------------------------


class StrategicArea(TimeStampedModel):
    """One of the five strategic areas of the Master Plan on ASEAN Connectivity 2025."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=120, unique=True)
    objectives = models.TextField(_("objectives"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("MPAC strategic area")
        verbose_name_plural = _("MPAC strategic areas")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class FocusArea(TimeStampedModel):
    """One of the six focus areas of the ASEAN Sustainable Urbanisation Strategy."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("ASUS focus area")
        verbose_name_plural = _("ASUS focus areas")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class City(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    member_state = models.ForeignKey(
        "programme.MemberState",
        on_delete=models.PROTECT,
        related_name="cities",
        verbose_name=_("member state"),
    )
    in_smart_cities_network = models.BooleanField(
        _("in the ASEAN Smart Cities Network"),
        default=False,
        help_text=_("One of the network's pilot cities (ASCN, since 2018)."),
    )

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["member_state", "name"], name="connectivity_city_unique_per_state"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CoordinationBody(TimeStampedModel):
    class Scope(models.TextChoices):
        INTERNAL = "internal", _("Internal to the ASEAN Secretariat")
        ASEAN_WIDE = "asean_wide", _("ASEAN-wide")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("coordination body")
        verbose_name_plural = _("coordination bodies")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


# --- Reviewed records ---------------------------------------------------------------


class Progress(models.TextChoices):
    """Where an initiative or a city's action stands. Named `progress` on the models
    because `status` is the review state (ReviewedModel)."""

    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    STALLED = "stalled", _("Stalled")


def _dates_constraints(prefix: str) -> list[models.BaseConstraint]:
    """End not before start; both within the portal's plausible dates."""
    return [
        models.CheckConstraint(
            condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
            name=f"{prefix}_end_not_before_start",
            violation_error_message=_("The end date cannot be before the start date."),
        ),
        models.CheckConstraint(
            condition=plausible_date_q("start_date") & plausible_date_q("end_date"),
            name=f"{prefix}_dates_plausible",
            violation_error_message=PLAUSIBLE_DATES_MESSAGE,
        ),
    ]


class ConnectivityRecord(ReviewedModel):
    """What the division's three reviewed records share: the owning unit, the
    public flag and the monitoring activities they come from."""

    unit = models.ForeignKey(
        "programme.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    is_public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_("Shown publicly once an adviser approves it."),
    )

    unit_path: ClassVar[str] = "unit"
    # Only staff of the component's units write them (the ASEAN Connectivity Division).
    component_slug: ClassVar[str] = "connectivity"

    class Meta:
        abstract = True


class Initiative(ConnectivityRecord):
    """An MPAC 2025 initiative or project the division follows."""

    title = models.CharField(_("title"), max_length=200)
    strategic_area = models.ForeignKey(
        StrategicArea,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("MPAC strategic area"),
    )
    lead = models.CharField(
        _("lead"),
        max_length=200,
        help_text=_("The ASEC unit or ASEAN body that leads it, e.g. ASEAN Connectivity Division."),
    )
    member_states = models.ManyToManyField(
        "programme.MemberState",
        related_name="connectivity_initiatives",
        blank=True,
        verbose_name=_("member states involved"),
    )
    progress = models.CharField(
        _("progress"), max_length=20, choices=Progress, default=Progress.PLANNED
    )
    progress_note = models.TextField(
        _("progress note"),
        blank=True,
        help_text=_("What has happened since the last report; why it stalled, if it did."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("When it ended or is planned to end.")
    )
    indicators = models.ManyToManyField(
        "monitoring.Indicator",
        related_name="connectivity_initiatives",
        blank=True,
        verbose_name=_("contributes to indicators"),
    )
    activities = models.ManyToManyField(
        "monitoring.Activity",
        related_name="connectivity_initiatives",
        blank=True,
        verbose_name=_("related activities"),
    )

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["status", "unit"]),
            models.Index(fields=["strategic_area", "status", "is_public"]),
            models.Index(*review_queue_order(for_index=True), name="connectivity_initiative_queue"),
        ]
        constraints = _dates_constraints("connectivity_initiative")
        permissions = [("review_initiative", _("Can approve or return initiatives"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("connectivity:initiative_detail", args=[self.pk])


class UrbanisationAction(ConnectivityRecord):
    """What a city does under one ASUS focus area."""

    title = models.CharField(_("title"), max_length=200)
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="urbanisation_actions", verbose_name=_("city")
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        related_name="urbanisation_actions",
        verbose_name=_("ASUS focus area"),
    )
    description = models.TextField(_("description"), blank=True)
    progress = models.CharField(
        _("progress"), max_length=20, choices=Progress, default=Progress.PLANNED
    )
    partners = models.ManyToManyField(
        "programme.Partner",
        related_name="urbanisation_actions",
        blank=True,
        verbose_name=_("partners"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    activities = models.ManyToManyField(
        "monitoring.Activity",
        related_name="urbanisation_actions",
        blank=True,
        verbose_name=_("related activities"),
    )

    class Meta:
        verbose_name = _("city action")
        verbose_name_plural = _("city actions")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["status", "unit"]),
            models.Index(fields=["focus_area", "status", "is_public"]),
            models.Index(*review_queue_order(for_index=True), name="connectivity_action_queue"),
        ]
        constraints = _dates_constraints("connectivity_action")
        permissions = [("review_urbanisationaction", _("Can approve or return city actions"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("connectivity:city_action_detail", args=[self.pk])


class CoordinationMeeting(ConnectivityRecord):
    """A meeting of a coordination body: its decisions are public once approved, its
    internal notes never are. Its action items are written with it (`ActionItem`)."""

    body = models.ForeignKey(
        CoordinationBody,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("coordination body"),
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Leave empty if it met only online.")
    )
    online = models.BooleanField(_("held online"), default=False)
    member_states = models.ManyToManyField(
        "programme.MemberState",
        related_name="connectivity_meetings",
        blank=True,
        verbose_name=_("member states represented"),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    decisions = models.TextField(
        _("decisions"), blank=True, help_text=_("Public once an adviser approves the meeting.")
    )
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Never shown on the public site.")
    )
    activities = models.ManyToManyField(
        "monitoring.Activity",
        related_name="connectivity_meetings",
        blank=True,
        verbose_name=_("related activities"),
    )

    class Meta:
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "unit"]),
            models.Index(fields=["body", "status", "is_public", "held_on"]),
            models.Index(*review_queue_order(for_index=True), name="connectivity_meeting_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | Q(online=True),
                name="connectivity_meeting_place_or_online",
                violation_error_message=_("Give the place, or tick “held online”."),
            ),
            models.CheckConstraint(
                condition=plausible_date_q("held_on"),
                name="connectivity_meeting_date_plausible",
                violation_error_message=PLAUSIBLE_DATES_MESSAGE,
            ),
        ]
        permissions = [
            ("review_coordinationmeeting", _("Can approve or return coordination meetings"))
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name} meeting, {date_format(self.held_on)}"

    def get_absolute_url(self) -> str:
        return reverse("connectivity:meeting_detail", args=[self.pk])

    @property
    def where(self) -> str:
        if self.place and self.online:
            return _("%(place)s and online") % {"place": self.place}
        return self.place or _("Online")

    def audit_related(self) -> dict[str, tuple[str, str]]:
        """The action items, in the order the form lists them: part of what a
        reviewer approves and of every edit's trail."""
        return {
            f"action_item:{number}": (
                _("Action item %(number)d") % {"number": number},
                item.audit_text(),
            )
            for number, item in enumerate(self.action_items.order_by("due_on", "pk"), start=1)
        }


class ActionItemQuerySet(models.QuerySet):
    def overdue(self, *, today: datetime.date | None = None) -> "ActionItemQuerySet":
        """Open items whose due date has passed; an item due today is not overdue yet."""
        today = today or timezone.localdate()
        return self.filter(status=ActionItem.Status.OPEN, due_on__lt=today)


class ActionItem(models.Model):
    """A follow-up agreed at a coordination meeting. Written with the meeting
    (`services.coordination_meeting_create` / `_update`), reviewed with it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(
        CoordinationMeeting,
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    description = models.CharField(_("what is to be done"), max_length=300)
    owner = models.CharField(
        _("owner"), max_length=200, help_text=_("Who follows it up: a person, unit or body.")
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    done_on = models.DateField(
        _("done on"), null=True, blank=True, help_text=_("Only once it is done.")
    )

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_on__isnull=False)
                | Q(status="open", done_on__isnull=True),
                name="connectivity_action_item_done_on_iff_done",
                violation_error_message=_(
                    "A done item needs the day it was done; an open one has none."
                ),
            ),
            models.CheckConstraint(
                condition=plausible_date_q("due_on") & plausible_date_q("done_on"),
                name="connectivity_action_item_dates_plausible",
                violation_error_message=PLAUSIBLE_DATES_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        super().clean()
        if self.status == self.Status.DONE and self.done_on is None:
            raise ValidationError({"done_on": _("Enter the day it was done.")})
        if self.status == self.Status.OPEN and self.done_on is not None:
            raise ValidationError(
                {"done_on": _("An open item has no “done on” date: mark it done, or clear it.")}
            )
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("The day it was done cannot be in the future.")})

    def is_overdue(self, *, today: datetime.date | None = None) -> bool:
        """Open and past its due date (`ActionItemQuerySet.overdue` says the same)."""
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_on < today

    @property
    def overdue(self) -> bool:
        """Overdue today (for templates, which cannot pass a day)."""
        return self.is_overdue()

    @property
    def due_today(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on == timezone.localdate()

    @property
    def overdue_since(self) -> datetime.date:
        """The first day it counted as overdue: the day after it was due."""
        return self.due_on + datetime.timedelta(days=1)

    def audit_text(self) -> str:
        text = f"{self.description} · {self.owner} · {_('due')} {self.due_on.isoformat()}"
        if self.status == self.Status.DONE and self.done_on:
            return f"{text} · {_('done')} {self.done_on.isoformat()}"
        return f"{text} · {self.get_status_display().lower()}"


class InitiativeEvidence(EvidenceBase):
    record = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("initiative"),
    )

    download_url_name = "connectivity:initiative_evidence_download"
    delete_url_name = "connectivity:initiative_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("initiative evidence file")
        verbose_name_plural = _("initiative evidence files")


class UrbanisationActionEvidence(EvidenceBase):
    record = models.ForeignKey(
        UrbanisationAction,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("city action"),
    )

    download_url_name = "connectivity:city_action_evidence_download"
    delete_url_name = "connectivity:city_action_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("city action evidence file")
        verbose_name_plural = _("city action evidence files")


class CoordinationMeetingEvidence(EvidenceBase):
    record = models.ForeignKey(
        CoordinationMeeting,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("coordination meeting"),
    )

    download_url_name = "connectivity:meeting_evidence_download"
    delete_url_name = "connectivity:meeting_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("coordination meeting evidence file")
        verbose_name_plural = _("coordination meeting evidence files")
