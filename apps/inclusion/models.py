"""Component 3: the Secretariat as an inclusive and diverse workplace.

Reference data that advisers maintain (`CrossCuttingTopic`, `StaffCategory`) is
loaded from `facts.py`. Staff of the Corporate Affairs Directorate write three
reviewed records (the review core in apps.monitoring): policy reviews with their
recommendations, workforce snapshots and accessibility measures.

A workforce snapshot holds aggregates only: per staff category, how many staff
are women, men or of another or unstated sex, and how many have a disability,
do not, or did not say. No row describes a person; the public sees these counts
only through the disclosure rule (`public.py`, apps.monitoring.disclosure).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.validators import PLAUSIBLE_DATES_MESSAGE, plausible_date_q
from apps.monitoring.models import EvidenceBase, ReviewedModel, review_queue_order

# --- Reference data (facts.py) ---------------------------------------------------


class CrossCuttingTopic(TimeStampedModel):
    """A topic the Secretariat brings into its regulations: gender equality, disability
    inclusion (extensible by advisers)."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("cross-cutting topic")
        verbose_name_plural = _("cross-cutting topics")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class StaffCategory(TimeStampedModel):
    """A category of Secretariat staff that workforce figures are counted in."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("staff category")
        verbose_name_plural = _("staff categories")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


def _dates_plausible(model: str, *names: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=plausible_date_q(name),
            name=f"{model}_{name}_plausible",
            violation_error_message=PLAUSIBLE_DATES_MESSAGE,
        )
        for name in names
    ]


# --- Policy reviews ----------------------------------------------------------------


class PolicyReview(ReviewedModel):
    """A regulation, rule or process of ASEC reviewed for inclusion, with the
    recommendations the review made (`Recommendation`, edited in the same form)."""

    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_REVIEW = "under_review", _("Under review")
        RECOMMENDATIONS_MADE = "recommendations_made", _("Recommendations made")
        ADOPTED = "adopted", _("Adopted")
        IMPLEMENTED = "implemented", _("Implemented")

    # The date field each stage is reached on, in the order of the stages.
    STAGE_DATES = {
        Stage.UNDER_REVIEW: "started_on",
        Stage.RECOMMENDATIONS_MADE: "recommendations_on",
        Stage.ADOPTED: "adopted_on",
        Stage.IMPLEMENTED: "implemented_on",
    }

    title = models.CharField(
        _("title"), max_length=200, help_text=_("The regulation, rule or process reviewed.")
    )
    unit = models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name="policy_reviews",
        verbose_name=_("unit"),
    )
    topics = models.ManyToManyField(
        CrossCuttingTopic, related_name="policy_reviews", verbose_name=_("topics")
    )
    stage = models.CharField(_("stage"), max_length=30, choices=Stage, default=Stage.PLANNED)
    started_on = models.DateField(_("review started"), null=True, blank=True)
    recommendations_on = models.DateField(_("recommendations made"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted"), null=True, blank=True)
    implemented_on = models.DateField(_("implemented"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    activities = models.ManyToManyField(
        "monitoring.Activity",
        related_name="policy_reviews",
        blank=True,
        verbose_name=_("related activities"),
    )
    is_public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_("Shown publicly once an adviser approves it."),
    )

    # Only staff of the component's units write them (the Corporate Affairs Directorate).
    component_slug = "diversity-inclusion"

    class Meta:
        verbose_name = _("policy review")
        verbose_name_plural = _("policy reviews")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "is_public", "stage"]),
            models.Index(*review_queue_order(for_index=True), name="policyreview_queue"),
        ]
        constraints = _dates_plausible(
            "policyreview", "started_on", "recommendations_on", "adopted_on", "implemented_on"
        )
        permissions = [("review_policyreview", _("Can approve or return policy reviews"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inclusion:policy_review_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = stage_date_errors(self, self.Stage, self.STAGE_DATES)
        if errors:
            raise ValidationError(errors)

    def audit_related(self) -> dict[str, tuple[str, str]]:
        rows = {}
        for number, row in enumerate(self.recommendations.order_by("order", "pk"), start=1):
            label = _("Recommendation %(number)d") % {"number": number}
            rows[f"recommendation:{number}"] = (str(label), row.summary())
        return rows


def stage_date_errors(record, stages, stage_dates: dict) -> dict[str, str]:
    """A stage reached needs the date it was reached on; a later stage's date stays
    empty until it is reached; the dates follow the stages' order."""
    order = list(stages.values)
    reached = order.index(record.stage) if record.stage in order else 0
    errors = {}
    previous = None
    for stage, name in stage_dates.items():
        day = getattr(record, name)
        field_label = record._meta.get_field(name).verbose_name
        if order.index(stage) <= reached and day is None:
            errors[name] = _("Give the date of “%(stage)s”: the record has reached it.") % {
                "stage": stages(stage).label
            }
        elif order.index(stage) > reached and day is not None:
            errors[name] = _(
                "Leave this empty until the stage “%(stage)s” is reached, or change the stage."
            ) % {"stage": stages(stage).label}
        elif day is not None and previous is not None and day < previous[1]:
            errors[name] = _("%(this)s cannot be before %(earlier)s (%(day)s).") % {
                "this": str(field_label).capitalize(),
                "earlier": previous[0],
                "day": date_format(previous[1]),
            }
        if day is not None:
            previous = (field_label, day)
    return errors


class Recommendation(models.Model):
    """One recommendation of a policy review: part of the review, written in its form
    and kept in its audit trail."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        IMPLEMENTED = "implemented", _("Implemented")
        DROPPED = "dropped", _("Dropped")

    # What "done" means for a review marked implemented.
    SETTLED = (Status.IMPLEMENTED, Status.DROPPED)

    review = models.ForeignKey(
        PolicyReview,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("policy review"),
    )
    text = models.TextField(_("recommendation"))
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("Who carries it out, e.g. HR Division.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["review", "status"])]
        constraints = _dates_plausible("recommendation", "due_on")

    def __str__(self) -> str:
        return self.text[:80]

    def summary(self) -> str:
        """One line for the audit trail: the text, owner, status and due date."""
        parts = [self.text, self.get_status_display()]
        if self.owner:
            parts.append(self.owner)
        if self.due_on:
            parts.append(self.due_on.isoformat())
        return " · ".join(parts)


class PolicyReviewEvidence(EvidenceBase):
    record = models.ForeignKey(
        PolicyReview,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("policy review"),
    )

    download_url_name = "inclusion:policy_review_evidence_download"
    delete_url_name = "inclusion:policy_review_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("policy review evidence file")
        verbose_name_plural = _("policy review evidence files")


# --- Workforce snapshots ------------------------------------------------------------


class WorkforceSnapshot(ReviewedModel):
    """The Secretariat's workforce on one day, as counts per staff category
    (`WorkforceCount`). One snapshot a day."""

    as_of = models.DateField(_("as of"), unique=True, help_text=_("The day the counts describe."))
    unit = models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name="workforce_snapshots",
        verbose_name=_("unit"),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the counts come from, e.g. the HR information system."),
    )
    notes = models.TextField(_("notes"), blank=True)
    activities = models.ManyToManyField(
        "monitoring.Activity",
        related_name="workforce_snapshots",
        blank=True,
        verbose_name=_("related activities"),
    )
    is_public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_("Shown publicly, through the disclosure rule, once an adviser approves it."),
    )

    # Only staff of the component's units write them (the Corporate Affairs Directorate).
    component_slug = "diversity-inclusion"

    class Meta:
        verbose_name = _("workforce snapshot")
        verbose_name_plural = _("workforce snapshots")
        ordering = ["-as_of"]
        indexes = [
            models.Index(fields=["status", "is_public", "as_of"]),
            models.Index(*review_queue_order(for_index=True), name="workforcesnapshot_queue"),
        ]
        constraints = _dates_plausible("workforcesnapshot", "as_of")
        permissions = [("review_workforcesnapshot", _("Can approve or return workforce snapshots"))]

    def __str__(self) -> str:
        return _("Workforce on %(day)s") % {"day": date_format(self.as_of)} if self.as_of else ""

    def get_absolute_url(self) -> str:
        return reverse("inclusion:workforce_snapshot_detail", args=[self.pk])

    def audit_related(self) -> dict[str, tuple[str, str]]:
        rows = {}
        for row in self.counts.select_related("staff_category"):
            rows[f"counts:{row.staff_category.slug}"] = (str(row.staff_category), row.summary())
        return rows


# The groups a category's staff are counted in: two breakdowns of the same people.
SEX_GROUPS = {
    "women": _("Women"),
    "men": _("Men"),
    "sex_other": _("Other or not stated"),
}
DISABILITY_GROUPS = {
    "with_disability": _("With disability"),
    "without_disability": _("Without disability"),
    "disability_not_stated": _("Disability not stated"),
}


class WorkforceCount(models.Model):
    """How many staff of one category a snapshot counts, by sex and by disability.
    Both breakdowns count the same people, so they add up to the same total."""

    snapshot = models.ForeignKey(
        WorkforceSnapshot,
        on_delete=models.CASCADE,
        related_name="counts",
        verbose_name=_("workforce snapshot"),
    )
    staff_category = models.ForeignKey(
        StaffCategory,
        on_delete=models.PROTECT,
        related_name="counts",
        verbose_name=_("staff category"),
    )
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    sex_other = models.PositiveIntegerField(_("other or not stated"), default=0)
    with_disability = models.PositiveIntegerField(_("with disability"), default=0)
    without_disability = models.PositiveIntegerField(_("without disability"), default=0)
    disability_not_stated = models.PositiveIntegerField(_("disability not stated"), default=0)

    class Meta:
        verbose_name = _("workforce count")
        verbose_name_plural = _("workforce counts")
        ordering = ["staff_category__order", "staff_category__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "staff_category"], name="workforcecount_one_row_per_category"
            ),
            models.CheckConstraint(
                condition=Q(
                    with_disability=F("women")
                    + F("men")
                    + F("sex_other")
                    - F("without_disability")
                    - F("disability_not_stated")
                ),
                name="workforcecount_breakdowns_agree",
                violation_error_message=_(
                    "The counts by disability must add up to the same total as the counts by sex."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff_category}: {self.total}"

    @property
    def total(self) -> int:
        return self.women + self.men + self.sex_other

    def by_sex(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in SEX_GROUPS}

    def by_disability(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in DISABILITY_GROUPS}

    def summary(self) -> str:
        return ", ".join(
            f"{label}: {getattr(self, key)}"
            for key, label in {**SEX_GROUPS, **DISABILITY_GROUPS}.items()
        )


class WorkforceSnapshotEvidence(EvidenceBase):
    record = models.ForeignKey(
        WorkforceSnapshot,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("workforce snapshot"),
    )

    download_url_name = "inclusion:workforce_snapshot_evidence_download"
    delete_url_name = "inclusion:workforce_snapshot_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("workforce snapshot evidence file")
        verbose_name_plural = _("workforce snapshot evidence files")


# --- Accessibility measures ---------------------------------------------------------


class AccessibilityMeasure(ReviewedModel):
    """A step that makes ASEC accessible: reasonable accommodation, the building,
    IT, communication, events."""

    class Kind(models.TextChoices):
        ACCOMMODATION = "accommodation", _("Reasonable accommodation")
        BUILDING = "building", _("Building")
        IT = "it", _("IT")
        COMMUNICATION = "communication", _("Communication")
        EVENTS = "events", _("Events")

    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        IN_PLACE = "in_place", _("In place")

    STAGE_DATES = {Stage.IN_PROGRESS: "started_on", Stage.IN_PLACE: "in_place_on"}

    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name="accessibility_measures",
        verbose_name=_("unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.PLANNED)
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("Who is responsible, e.g. the General Services Division."),
    )
    started_on = models.DateField(_("work started"), null=True, blank=True)
    in_place_on = models.DateField(_("in place since"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    activities = models.ManyToManyField(
        "monitoring.Activity",
        related_name="accessibility_measures",
        blank=True,
        verbose_name=_("related activities"),
    )
    is_public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_("Shown publicly once an adviser approves it."),
    )

    # Only staff of the component's units write them (the Corporate Affairs Directorate).
    component_slug = "diversity-inclusion"

    class Meta:
        verbose_name = _("accessibility measure")
        verbose_name_plural = _("accessibility measures")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "is_public", "stage"]),
            models.Index(*review_queue_order(for_index=True), name="accessibilitymeasure_queue"),
        ]
        constraints = _dates_plausible("accessibilitymeasure", "started_on", "in_place_on")
        permissions = [
            ("review_accessibilitymeasure", _("Can approve or return accessibility measures"))
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inclusion:accessibility_measure_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = stage_date_errors(self, self.Stage, self.STAGE_DATES)
        if errors:
            raise ValidationError(errors)


class AccessibilityMeasureEvidence(EvidenceBase):
    record = models.ForeignKey(
        AccessibilityMeasure,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("accessibility measure"),
    )

    download_url_name = "inclusion:accessibility_measure_evidence_download"
    delete_url_name = "inclusion:accessibility_measure_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("accessibility measure evidence file")
        verbose_name_plural = _("accessibility measure evidence files")
