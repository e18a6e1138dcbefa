"""The results framework, the activity log and the review workflow.

The chain follows IATI: a component has results (impact, outcome, output), a
result has indicators with baseline and target, and indicator updates report a
value per reporting period. Activities are the log of what units did. Updates
and activities move through the review workflow (`services.py`); only approved
records count and only approved, public ones are shown publicly.
"""

import datetime
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, OrderBy, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.core.validators import (
    FIRST_YEAR,
    LAST_YEAR,
    PLAUSIBLE_DATES_MESSAGE,
    plausible_date_q,
    plausible_year_q,
    year_validators,
)


def percentage(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """numerator / denominator in percent, to one decimal, halves rounded up.

    The one place a percentage actual is computed: the model, the selectors,
    the admin and the exports all call it, so 1/16 reads 6.3 % everywhere.
    """
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator) * 100).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


def review_queue_order(*, for_index: bool = False) -> tuple[OrderBy, ...]:
    """The review queues' order: submitted records first, the longest waiting at the
    top; then the most recently changed. The admin sorts by it, and each reviewed
    table has an index on exactly these expressions, so a page of the queue is read
    off the index instead of sorting (and joining) every row first."""
    # Not yet submitted (no date) last. An index cannot say NULLS LAST on SQLite,
    # and need not on PostgreSQL, whose ascending indexes keep NULLs last anyway.
    submitted_at = F("submitted_at").asc(nulls_last=not for_index or None)
    return (
        Case(
            When(status=ReviewStatus.SUBMITTED, then=Value(0)),
            default=Value(1),
            output_field=models.IntegerField(),
        ).asc(),
        submitted_at,
        F("updated_at").desc(),
        F("id").desc(),
    )


class ReviewedModel(TimeStampedModel):
    """A record staff write and advisers review: draft → submitted → approved or returned.

    The review core (`apps.monitoring.review`) moves it between states, decides
    who may edit or review it and keeps its audit trail. A concrete model says
    which unit's staff write it (`unit_path`) and may add a reason it cannot be
    edited (`edit_blocker`) and rows to its audit snapshot (`audit_related`).
    """

    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus, default=ReviewStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(
        _("reviewer's note"),
        blank=True,
        help_text=_("Why the record was returned; shown to the author."),
    )
    # The token of the form that created the record: the same form sent twice
    # (a double click, a resent page) finds this record instead of making another.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    # The lookup from the record to the programme.Unit whose staff write it.
    unit_path: ClassVar[str] = "unit"
    # Whether its unit may reopen it once approved (`review.reopen`): records that
    # move on through stages over months. Activities and updates are final.
    reopenable: ClassVar[bool] = False
    # The slug of the programme component whose units alone write it (a component
    # app's records); None: staff of any unit (`records.writes_here`).
    component_slug: ClassVar[str | None] = None

    # Workflow bookkeeping, never part of what an edit changes.
    REVIEW_FIELDS: ClassVar[tuple[str, ...]] = (
        "status",
        "created_by",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "review_note",
        "creation_token",
    )

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        """Authors may change a record only while it is a draft or returned to them."""
        return self.status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED)

    @property
    def owner_unit_id(self) -> int | None:
        """The unit whose staff write this record (follows `unit_path`)."""
        *path, last = self.unit_path.split("__")
        obj = self
        for name in path:
            obj = getattr(obj, name)
        return getattr(obj, f"{last}_id")

    def edit_blocker(self) -> str | None:
        """A reason beyond the review state why nobody may change the record now."""
        return None

    def audit_related(self) -> dict[str, tuple[str, str]]:
        """Rows that belong to the record (a breakdown, say), for its audit snapshot:
        {key: (label, value)}. Fields, many-to-many relations and evidence files
        are already in the snapshot."""
        return {}


class Result(TimeStampedModel):
    class Level(models.TextChoices):
        IMPACT = "impact", _("Impact")
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")

    component = models.ForeignKey(
        "programme.Component",
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("component"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level)
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. 1.2"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["component__number", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["component", "code"], name="result_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Indicator(TimeStampedModel):
    class Measure(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENTAGE = "percentage", _("Percentage (numerator / denominator)")
        QUALITATIVE = "qualitative", _("Qualitative (narrative)")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")

    class CumulativeRule(models.TextChoices):
        NON_CUMULATIVE = "non_cumulative", _("Non-cumulative: the latest period's value counts")
        CUMULATIVE = "cumulative", _("Cumulative: the periods' values add up")

    result = models.ForeignKey(
        Result, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("result")
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. 1.2.a"))
    title = models.CharField(_("title"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure)
    unit_of_measure = models.CharField(
        _("unit of measure"), max_length=60, blank=True, help_text=_("e.g. staff members")
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=year_validators()
    )
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=year_validators()
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction, default=Direction.INCREASE
    )
    cumulative_rule = models.CharField(
        _("cumulative rule"),
        max_length=20,
        choices=CumulativeRule,
        default=CumulativeRule.NON_CUMULATIVE,
    )
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    responsible_unit = models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("responsible unit"),
    )
    disaggregate_by_sex = models.BooleanField(_("disaggregate by sex"), default=False)
    disaggregate_by_disability = models.BooleanField(_("disaggregate by disability"), default=False)
    disaggregate_by_member_state = models.BooleanField(
        _("disaggregate by member state"), default=False
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on /results/ with its approved values.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    # Changing these would reinterpret values advisers have already approved.
    FIXED_ONCE_APPROVED = ("measure", "cumulative_rule")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["result__component__number", "result__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["result", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=plausible_year_q("baseline_year"),
                name="indicator_baseline_year_plausible",
            ),
            models.CheckConstraint(
                condition=plausible_year_q("target_year"), name="indicator_target_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.measure != self.Measure.QUALITATIVE and self.target_value is None:
            errors["target_value"] = _("A number or percentage indicator needs a target.")
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            errors["target_year"] = _("The target year cannot be before the baseline year.")
        if self.measure == self.Measure.PERCENTAGE:
            for field in ("baseline_value", "target_value"):
                value = getattr(self, field)
                if value is not None and not Decimal(0) <= value <= Decimal(100):
                    errors[field] = _("A percentage lies between 0 and 100.")
        if self.pk:
            stored = Indicator.objects.filter(pk=self.pk).values(*self.FIXED_ONCE_APPROVED).first()
            has_approved = self.updates.filter(status=ReviewStatus.APPROVED).exists()
            for field in self.FIXED_ONCE_APPROVED:
                if stored and stored[field] != getattr(self, field) and has_approved:
                    errors[field] = _(
                        "This cannot change: approved values exist for this indicator and "
                        "would be read differently. Create a new indicator instead."
                    )
        if errors:
            raise ValidationError(errors)

    @property
    def disaggregation_categories(self) -> list[str]:
        flags = {
            Disaggregation.Category.SEX: self.disaggregate_by_sex,
            Disaggregation.Category.DISABILITY: self.disaggregate_by_disability,
            Disaggregation.Category.MEMBER_STATE: self.disaggregate_by_member_state,
        }
        return [category for category, wanted in flags.items() if wanted]


class ReportingPeriod(TimeStampedModel):
    name = models.CharField(_("name"), max_length=40, unique=True, help_text=_("e.g. 2019 Q1"))
    start = models.DateField(_("start"), unique=True)
    end = models.DateField(_("end"))
    is_locked = models.BooleanField(
        _("locked"),
        default=False,
        help_text=_("A locked period accepts no new or changed indicator updates."),
    )
    due_date = models.DateField(
        _("reports due"),
        null=True,
        blank=True,
        help_text=_(
            "The day the units' updates for this period are due. Leave empty for the "
            "default: a set number of days after the period ends (PORTAL_REPORT_DUE_DAYS)."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="reporting_period_end_not_before_start",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=plausible_date_q("start") & plausible_date_q("end"),
                name="reporting_period_dates_plausible",
                violation_error_message=PLAUSIBLE_DATES_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(due_date__gte=F("end")),
                name="reporting_period_due_not_before_end",
                violation_error_message=_("Reports cannot be due before the period ends."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def reports_due(self) -> datetime.date:
        """The day updates for this period are due: its own date, else the default."""
        if self.due_date:
            return self.due_date
        return self.end + datetime.timedelta(days=settings.PORTAL_REPORT_DUE_DAYS)


class IndicatorUpdate(ReviewedModel):
    """One indicator's value for one reporting period."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="updates", verbose_name=_("indicator")
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.PROTECT,
        related_name="updates",
        verbose_name=_("reporting period"),
    )
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    numerator = models.DecimalField(
        _("numerator"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    denominator = models.DecimalField(
        _("denominator"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    narrative = models.TextField(_("narrative"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    unit_path = "indicator__responsible_unit"

    class Meta:
        verbose_name = _("indicator update")
        verbose_name_plural = _("indicator updates")
        ordering = ["-period__start", "indicator__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="indicator_update_one_per_period",
                violation_error_message=_(
                    "This indicator already has an update for this period; edit that one."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "period"]),
            models.Index(*review_queue_order(for_index=True), name="indicator_update_queue"),
        ]
        permissions = [
            ("review_indicatorupdate", _("Can approve or return indicator updates")),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:indicator_update_detail", args=[self.pk])

    def clean(self) -> None:
        """The fields the indicator's measure asks for, and nothing impossible."""
        super().clean()
        if not self.indicator_id:
            return
        measure = self.indicator.measure
        errors = {}
        if measure == Indicator.Measure.NUMBER and self.value is None:
            errors["value"] = _("Enter the value for this period.")
        elif measure == Indicator.Measure.PERCENTAGE:
            if self.numerator is None:
                errors["numerator"] = _("Enter the numerator.")
            if not self.denominator:
                errors["denominator"] = _("Enter a denominator greater than zero.")
            elif self.numerator is not None and self.numerator > self.denominator:
                errors["numerator"] = _("The numerator cannot be larger than the denominator.")
        elif measure == Indicator.Measure.QUALITATIVE and not self.narrative.strip():
            errors["narrative"] = _("Describe the progress in this period.")
        if errors:
            raise ValidationError(errors)

    @property
    def total(self) -> Decimal | None:
        return disaggregation_total(
            measure=self.indicator.measure, value=self.value, numerator=self.numerator
        )

    @property
    def reported_value(self) -> Decimal | None:
        """The value as the indicator reads it; percentages from numerator/denominator."""
        if self.indicator.measure == Indicator.Measure.PERCENTAGE:
            return percentage(self.numerator, self.denominator)
        return self.value

    def edit_blocker(self) -> str | None:
        if self.period.is_locked:
            return _(
                "The reporting period %(period)s is locked: updates for it cannot be added or "
                "changed. Ask a programme adviser to unlock it."
            ) % {"period": self.period}
        return None

    def audit_related(self) -> dict[str, tuple[str, str]]:
        rows = {}
        for row in self.disaggregations.select_related("member_state").order_by("pk"):
            key = f"breakdown:{row.member_state_id or row.group}"
            label = _("Breakdown by %(category)s: %(group)s") % {
                "category": row.get_category_display().lower(),
                "group": row.member_state or row.get_group_display(),
            }
            rows[key] = (str(label), f"{row.value.normalize():f}")
        return rows


def disaggregation_total(
    *, measure: str, value: Decimal | None, numerator: Decimal | None
) -> Decimal | None:
    """What an update's disaggregated values must not exceed: the value, or the
    numerator of a percentage. The model and the form both ask this."""
    return numerator if measure == Indicator.Measure.PERCENTAGE else value


class Disaggregation(models.Model):
    """Part of an update's value for one group: by sex, by disability or by member state."""

    class Category(models.TextChoices):
        SEX = "sex", _("Sex")
        DISABILITY = "disability", _("Disability")
        MEMBER_STATE = "member_state", _("Member state")

    class Group(models.TextChoices):
        WOMEN = "women", _("Women")
        MEN = "men", _("Men")
        SEX_OTHER = "sex_other", _("Other or not stated")
        WITH_DISABILITY = "with_disability", _("With disability")
        WITHOUT_DISABILITY = "without_disability", _("Without disability")
        DISABILITY_NOT_STATED = "disability_not_stated", _("Disability not stated")
        MEMBER_STATE = "member_state", _("Member state")

    GROUPS = {
        Category.SEX: (Group.WOMEN, Group.MEN, Group.SEX_OTHER),
        Category.DISABILITY: (
            Group.WITH_DISABILITY,
            Group.WITHOUT_DISABILITY,
            Group.DISABILITY_NOT_STATED,
        ),
        Category.MEMBER_STATE: (Group.MEMBER_STATE,),
    }

    update = models.ForeignKey(
        IndicatorUpdate,
        on_delete=models.CASCADE,
        related_name="disaggregations",
        verbose_name=_("indicator update"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category)
    group = models.CharField(_("group"), max_length=30, choices=Group)
    member_state = models.ForeignKey(
        "programme.MemberState",
        on_delete=models.PROTECT,
        related_name="disaggregations",
        null=True,
        blank=True,
        verbose_name=_("member state"),
    )
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("disaggregated value")
        verbose_name_plural = _("disaggregated values")
        constraints = [
            models.UniqueConstraint(
                fields=["update", "group"],
                condition=~Q(category="member_state"),
                name="disaggregation_unique_group",
            ),
            models.UniqueConstraint(
                fields=["update", "member_state"],
                condition=Q(category="member_state"),
                name="disaggregation_unique_member_state",
            ),
            models.CheckConstraint(
                condition=Q(category="member_state", member_state__isnull=False)
                | (~Q(category="member_state") & Q(member_state__isnull=True)),
                name="disaggregation_member_state_only_for_that_category",
            ),
        ]

    def __str__(self) -> str:
        label = self.member_state if self.member_state_id else self.get_group_display()
        return f"{label}: {self.value}"


class Activity(ReviewedModel):
    class Type(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        MEETING = "meeting", _("Meeting")
        TRAINING = "training", _("Training")
        STUDY = "study", _("Study")
        STRATEGY = "strategy", _("Strategy")
        LAUNCH = "launch", _("Launch")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("date"), help_text=_("The day it took place, or began."))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only if it lasted more than one day.")
    )
    component = models.ForeignKey(
        "programme.Component",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("component"),
    )
    unit = models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("unit"),
    )
    activity_type = models.CharField(_("type"), max_length=20, choices=Type)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    member_states = models.ManyToManyField(
        "programme.MemberState",
        related_name="activities",
        blank=True,
        verbose_name=_("member states involved"),
    )
    partners = models.ManyToManyField(
        "programme.Partner", related_name="activities", blank=True, verbose_name=_("partners")
    )
    indicators = models.ManyToManyField(
        Indicator,
        related_name="activities",
        blank=True,
        verbose_name=_("contributes to indicators"),
    )
    participants_women = models.PositiveIntegerField(_("women"), default=0)
    participants_men = models.PositiveIntegerField(_("men"), default=0)
    participants_sex_other = models.PositiveIntegerField(_("other or not stated"), default=0)
    participants_with_disability = models.PositiveIntegerField(
        _("persons with disabilities"), default=0
    )
    participants_disability_not_stated = models.PositiveIntegerField(
        _("disability not stated"), default=0
    )
    is_public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_("Shown publicly once an adviser approves it."),
    )

    # Preparation and follow-up happen around a programme's term, not years away.
    MARGIN_YEARS = 1

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["status", "unit"]),
            models.Index(fields=["component", "status", "is_public"]),
            models.Index(fields=["start_date"]),
            models.Index(*review_queue_order(for_index=True), name="activity_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="activity_end_not_before_start",
                violation_error_message=_("The end date cannot be before the date it began."),
            ),
            models.CheckConstraint(
                condition=plausible_date_q("start_date"),
                name="activity_start_date_plausible",
                violation_error_message=PLAUSIBLE_DATES_MESSAGE,
            ),
            models.CheckConstraint(
                condition=plausible_date_q("end_date"),
                name="activity_end_date_plausible",
                violation_error_message=PLAUSIBLE_DATES_MESSAGE,
            ),
        ]
        permissions = [("review_activity", _("Can approve or return activities"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:activity_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        self._clean_dates()
        if self.participants_with_disability + self.participants_disability_not_stated > (
            self.participants_total
        ):
            raise ValidationError(
                {
                    "participants_with_disability": _(
                        "Persons with disabilities and “disability not stated” together cannot "
                        "be more than all participants (women + men + other)."
                    )
                }
            )
        if (
            self.unit_id
            and self.component_id
            and not self.unit.components.filter(pk=self.component_id).exists()
        ):
            raise ValidationError({"component": _("Your unit does not work with this component.")})

    def date_window(self) -> tuple[datetime.date, datetime.date] | None:
        """The dates an activity of its component's programme may carry: the term
        with a margin of MARGIN_YEARS on either side."""
        if not self.component_id:
            return None
        programme = self.component.programme
        # Held to the portal's years too: a programme at their edge gets no margin there.
        first_year = max(programme.start_year - self.MARGIN_YEARS, FIRST_YEAR)
        last_year = min(programme.end_year + self.MARGIN_YEARS, LAST_YEAR)
        return datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)

    def _clean_dates(self) -> None:
        window = self.date_window()
        if window is None:
            return
        first, last = window
        errors = {}
        for field in ("start_date", "end_date"):
            day = getattr(self, field)
            if day is not None and not first <= day <= last:
                errors[field] = _(
                    "Activities of this programme (%(term)s) are dated from %(first)s to %(last)s."
                ) % {
                    "term": self.component.programme.term,
                    "first": date_format(first),
                    "last": date_format(last),
                }
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", _("The end date cannot be before the date it began."))
        if errors:
            raise ValidationError(errors)

    @property
    def participants_total(self) -> int:
        return self.participants_women + self.participants_men + self.participants_sex_other

    def audit_related(self) -> dict[str, tuple[str, str]]:
        """Participants by member state, one entry a state."""
        return {
            f"from_state:{row.member_state_id}": (
                _("Participants from %(state)s") % {"state": row.member_state},
                str(row.participants),
            )
            for row in self.participation_by_state.select_related("member_state")
        }

    @property
    def participants_without_disability(self) -> int:
        return (
            self.participants_total
            - self.participants_with_disability
            - self.participants_disability_not_stated
        )


class MemberStateParticipation(models.Model):
    """How many of an activity's participants came from one member state: a regional
    forum's reach. Optional: the rows may add up to fewer than all participants (not
    everyone's nationality is recorded), never to more (`services`). Part of the
    activity's audit trail (`Activity.audit_related`)."""

    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="participation_by_state",
        verbose_name=_("activity"),
    )
    member_state = models.ForeignKey(
        "programme.MemberState",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member state"),
    )
    participants = models.PositiveIntegerField(_("participants"))

    class Meta:
        verbose_name = _("participants from a member state")
        verbose_name_plural = _("participants by member state")
        ordering = ["member_state__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member_state"], name="participation_one_row_per_state"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_state}: {self.participants}"


def evidence_upload_to(instance: "EvidenceBase", filename: str) -> str:
    """A server-made name: nothing a user typed reaches the file system."""
    suffix = Path(filename).suffix.lower()
    return f"evidence/{uuid.uuid4().hex}{suffix}"


class EvidenceBase(TimeStampedModel):
    """A file proving a reviewed record. Every app's evidence model builds on it
    and adds `record`, a foreign key to its reviewed model with
    related_name="evidence_files"; the rules live in `apps.monitoring.evidence`.

    Stored under a server-made name; downloaded only by those who may see the record.
    """

    file = models.FileField(_("file"), upload_to=evidence_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    # The URL names of the app's download and remove views (args: record pk, file pk).
    download_url_name: ClassVar[str]
    delete_url_name: ClassVar[str]

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse(self.download_url_name, args=[self.record_id, self.pk])

    def get_delete_url(self) -> str:
        return reverse(self.delete_url_name, args=[self.record_id, self.pk])


class ActivityEvidence(EvidenceBase):
    record = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("activity"),
    )

    download_url_name = "monitoring:activity_evidence_download"
    delete_url_name = "monitoring:activity_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("activity evidence file")
        verbose_name_plural = _("activity evidence files")


class IndicatorUpdateEvidence(EvidenceBase):
    record = models.ForeignKey(
        IndicatorUpdate,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("indicator update"),
    )

    download_url_name = "monitoring:indicator_update_evidence_download"
    delete_url_name = "monitoring:indicator_update_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("indicator update evidence file")
        verbose_name_plural = _("indicator update evidence files")


class AuditEntry(models.Model):
    """One thing done to a reviewed record: who, when, which action and what changed.

    Written by the review core in the same transaction as the change, for every
    workflow action and every edit; never changed afterwards. `changes` is a
    list of {"field", "label", "old", "new"} (text), related rows included
    (member states, partners, indicators, breakdowns, evidence files).
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        REOPENED = "reopened", _("Reopened for changes")
        DELETED = "deleted", _("Deleted")

    # What makes someone an author of a record, and so not its reviewer.
    AUTHORING = (Action.CREATED, Action.EDITED, Action.SUBMITTED, Action.REOPENED)

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("record type")
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    # Kept as text so the entry still reads after the record is deleted.
    record_label = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("action"), max_length=20, choices=Action)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="audit_entries",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.record_label}"

    @property
    def sets_values_only(self) -> bool:
        """Every change fills an empty value: a first save, shown folded."""
        return bool(self.changes) and not any(change["old"] for change in self.changes)


class ReportingReminder(models.Model):
    """One reminder mailing to one unit about one period at one stage (docs/reporting-cycle.md).

    The row is the claim: it is inserted before the emails are queued, and the
    unique constraint lets only one of two jobs running at once insert it, so each
    unit hears about each period at each stage once.
    """

    class Stage(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        DUE = "due", _("On the due date")
        OVERDUE = "overdue", _("After the due date")

    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("reporting period"),
    )
    unit = models.ForeignKey(
        "programme.Unit",
        on_delete=models.CASCADE,
        related_name="reporting_reminders",
        verbose_name=_("ASEC unit"),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reporting reminder")
        verbose_name_plural = _("reporting reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "stage"], name="reporting_reminder_once_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.period} · {self.get_stage_display()}"


class AdviserDigest(models.Model):
    """The weekly digest for programme advisers, claimed once per week like a reminder."""

    week = models.DateField(_("week of"), unique=True, help_text=_("The Monday of the week."))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("adviser digest")
        verbose_name_plural = _("adviser digests")
        ordering = ["-week"]

    def __str__(self) -> str:
        return str(self.week)


class SpreadsheetImport(models.Model):
    """A filled-in template a staff member uploaded: checked and previewed first, then
    imported (all rows or none) when they confirm (docs/spreadsheet-import.md).

    The file is kept in the database, not in media storage, so it is never served
    and goes with the row; previews nobody confirms are deleted after a day.
    """

    class Kind(models.TextChoices):
        UPDATES = "updates", _("Indicator updates")
        ACTIVITIES = "activities", _("Activities")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        IMPORTED = "imported", _("Imported")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PREVIEWED)
    unit = models.ForeignKey(
        "programme.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("ASEC unit")
    )
    period = models.ForeignKey(
        ReportingPeriod,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reporting period"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    original_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file"))
    submit = models.BooleanField(
        _("submit for review"),
        default=False,
        help_text=_("Send every row for review at once instead of saving drafts."),
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
