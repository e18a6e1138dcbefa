"""Component 1: how the work processes of ASEC's strategic administrative departments
and key functional units improve (docs/processes.md).

Two kinds of data:

- reference data advisers maintain in the admin and nobody reviews, loaded as facts
  (`facts.py`, `services.processes_facts_load`): the four `Workstream`s and the
  `Audience`s a strategy can address;
- records staff of the component's units write in /workspace/ and advisers review
  (the review core, `apps.monitoring.review`): process improvements, strategies,
  legal instruments and integrity measures, each with its evidence files.

Each reviewed record moves through stages of its own (a process is mapped, then
redesigned…); `STAGE_DATES` names the date each stage was reached, and
`rules.check_stage_dates` keeps those dates in step with the stage.
"""

from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.core.validators import PLAUSIBLE_DATES_MESSAGE, plausible_date_q
from apps.monitoring.models import EvidenceBase, ReviewedModel, review_queue_order

# --- Reference data ---------------------------------------------------------------


class Audience(TimeStampedModel):
    """Whom a strategy addresses: cooperation partners, media, civil society, citizens."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Workstream(TimeStampedModel):
    """One of the component's four lines of work (design.md §1), with the units that
    lead it, the units it works with and the indicators that measure it."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    aim = models.TextField(_("aim"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    lead_units = models.ManyToManyField(
        "programme.Unit",
        related_name="led_process_workstreams",
        verbose_name=_("lead units"),
    )
    partner_units = models.ManyToManyField(
        "programme.Unit",
        related_name="supported_process_workstreams",
        blank=True,
        verbose_name=_("partner units"),
        help_text=_("Other ASEC units the workstream works with."),
    )
    indicators = models.ManyToManyField(
        "monitoring.Indicator",
        related_name="process_workstreams",
        blank=True,
        verbose_name=_("indicators"),
        help_text=_("The results framework's indicators that measure this workstream."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


# --- Staff's records ----------------------------------------------------------------


class StagedRecord(ReviewedModel):
    """What the four reviewed records share: a title, the stage it has reached with
    the date of each stage (`STAGE_DATES`), and whether its authors want it on the
    public site. Each model adds its owner unit, workstream and activities, so their
    reverse names read well (`unit.legal_instruments`)."""

    # {stage: the date field recording when it was reached, or None}, in order.
    STAGE_DATES: ClassVar[dict[str, str | None]]

    title = models.CharField(_("title"), max_length=200)
    is_public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_("Shown publicly once an adviser approves it."),
    )

    unit_path = "unit"
    # A record moves on over months (piloted, then institutionalised): once approved,
    # its unit reopens it to record the next stage (review.reopen).
    reopenable = True
    # Only staff of the component's units write them (CRD, CID, LSAD, CAD, IAED).
    component_slug = "organisational-processes"

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def stage_reached_on(self):
        """The date the current stage was reached (None for a stage without a date)."""
        name = self.STAGE_DATES.get(self.stage)
        return getattr(self, name) if name else None


def _unit(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("ASEC unit"),
    )


def _workstream(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        Workstream,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("workstream"),
    )


def _activities(related_name: str, label=None, help_text=None) -> models.ManyToManyField:
    return models.ManyToManyField(
        "monitoring.Activity",
        related_name=related_name,
        blank=True,
        verbose_name=label or _("where it comes from"),
        help_text=help_text
        or _("Your unit's activities this came out of, e.g. the workshop where it was agreed."),
    )


def _day(label) -> models.DateField:
    return models.DateField(label, null=True, blank=True)


def _plausible_dates(prefix: str, names: list[str]) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=plausible_date_q(name),
            name=f"{prefix}_{name}_plausible",
            violation_error_message=PLAUSIBLE_DATES_MESSAGE,
        )
        for name in names
    ]


def _meta_indexes(prefix: str) -> list[models.Index]:
    # The admin's queue reads a page off this index (monitoring.models.review_queue_order).
    return [
        models.Index(fields=["status", "unit"], name=f"{prefix}_status_unit"),
        models.Index(*review_queue_order(for_index=True), name=f"{prefix}_queue"),
    ]


class ProcessImprovement(StagedRecord):
    """A work process of a unit being improved ("Media enquiry handling"), from mapped
    to institutionalised, with a before/after measure (processing days 30 → 12)."""

    class Stage(models.TextChoices):
        MAPPED = "mapped", _("Mapped")
        REDESIGNED = "redesigned", _("Redesigned")
        PILOTED = "piloted", _("Piloted")
        INSTITUTIONALISED = "institutionalised", _("Institutionalised")

    STAGE_DATES = {
        Stage.MAPPED: "mapped_on",
        Stage.REDESIGNED: "redesigned_on",
        Stage.PILOTED: "piloted_on",
        Stage.INSTITUTIONALISED: "institutionalised_on",
    }

    unit = _unit("process_improvements")
    workstream = _workstream("process_improvements")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.MAPPED)
    mapped_on = _day(_("mapped on"))
    redesigned_on = _day(_("redesigned on"))
    piloted_on = _day(_("piloted on"))
    institutionalised_on = _day(_("institutionalised on"))
    measure = models.CharField(
        _("measure"),
        max_length=100,
        blank=True,
        help_text=_("What the before and after figures count, e.g. “processing days”."),
    )
    measure_before = models.DecimalField(
        _("before"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The figure before the change."),
    )
    measure_after = models.DecimalField(
        _("after"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The figure since the change."),
    )
    lower_is_better = models.BooleanField(
        _("a lower figure is better"),
        default=True,
        help_text=_("Ticked for days or costs; clear it for a figure that should grow."),
    )
    evidence_summary = models.TextField(
        _("how the change shows"),
        blank=True,
        help_text=_("What shows the change, e.g. the adopted procedure or the case log."),
    )
    notes = models.TextField(_("notes"), blank=True)
    activities = _activities("process_improvements")

    class Meta:
        verbose_name = _("process improvement")
        verbose_name_plural = _("process improvements")
        ordering = ["-updated_at", "-pk"]
        indexes = _meta_indexes("improvement")
        constraints = _plausible_dates(
            "process_improvement",
            ["mapped_on", "redesigned_on", "piloted_on", "institutionalised_on"],
        )
        permissions = [
            ("review_processimprovement", _("Can approve or return process improvements"))
        ]

    def get_absolute_url(self) -> str:
        return reverse("processes:improvement_detail", args=[self.pk])

    @property
    def has_improved(self) -> bool | None:
        """Whether the after figure is better than the before one; None without both."""
        if self.measure_before is None or self.measure_after is None:
            return None
        if self.lower_is_better:
            return self.measure_after < self.measure_before
        return self.measure_after > self.measure_before


class Strategy(StagedRecord):
    """A plan or strategy the component supports, e.g. the ASEAN Communication Master
    Plan II. Its document is an evidence file; a link may point to a published copy."""

    class Stage(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        ADOPTED = "adopted", _("Adopted")
        IN_IMPLEMENTATION = "implementation", _("In implementation")
        REVIEWED = "reviewed", _("Reviewed")

    STAGE_DATES = {
        Stage.DRAFTING: None,
        Stage.ADOPTED: "adopted_on",
        Stage.IN_IMPLEMENTATION: "implementation_started_on",
        Stage.REVIEWED: "evaluated_on",
    }

    unit = _unit("strategies")
    workstream = _workstream("strategies")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.DRAFTING)
    adopted_on = _day(_("adopted on"))
    implementation_started_on = _day(_("implementation started on"))
    evaluated_on = _day(_("reviewed on"))
    summary = models.TextField(_("summary"), blank=True)
    link = models.URLField(
        _("link"),
        blank=True,
        help_text=_("Where the published strategy can be read, if it is online."),
    )
    audiences = models.ManyToManyField(
        Audience, related_name="strategies", blank=True, verbose_name=_("audiences")
    )
    activities = _activities("strategies")

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-updated_at", "-pk"]
        indexes = _meta_indexes("strategy")
        constraints = _plausible_dates(
            "strategy", ["adopted_on", "implementation_started_on", "evaluated_on"]
        )
        permissions = [("review_strategy", _("Can approve or return strategies"))]

    def get_absolute_url(self) -> str:
        return reverse("processes:strategy_detail", args=[self.pk])


class LegalInstrument(StagedRecord):
    """A dispute settlement procedure or legal instrument tracked by the Legal Services
    and Agreements Directorate, and the trade rights between member states it protects."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement")
        PROTOCOL = "protocol", _("Protocol")
        PROCEDURE = "procedure", _("Procedure")
        GUIDELINE = "guideline", _("Guideline")
        TEMPLATE = "template", _("Template")

    class Stage(models.TextChoices):
        DRAFTING = "drafting", _("Drafting")
        UNDER_CONSULTATION = "consultation", _("Under consultation")
        ADOPTED = "adopted", _("Adopted")
        IN_FORCE = "in_force", _("In force")

    STAGE_DATES = {
        Stage.DRAFTING: None,
        Stage.UNDER_CONSULTATION: "consultation_started_on",
        Stage.ADOPTED: "adopted_on",
        Stage.IN_FORCE: "in_force_on",
    }

    unit = _unit("legal_instruments")
    workstream = _workstream("legal_instruments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.DRAFTING)
    consultation_started_on = _day(_("consultation started on"))
    adopted_on = _day(_("adopted on"))
    in_force_on = _day(_("in force since"))
    trade_rights = models.TextField(
        _("trade rights it protects"),
        blank=True,
        help_text=_("Which rights between member states it guarantees, in a sentence or two."),
    )
    summary = models.TextField(_("summary"), blank=True)
    activities = _activities(
        "legal_instruments",
        label=_("related activities and events"),
        help_text=_("E.g. the legal training with the Centre for International Law."),
    )

    class Meta:
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")
        ordering = ["-updated_at", "-pk"]
        indexes = _meta_indexes("instrument")
        constraints = _plausible_dates(
            "legal_instrument", ["consultation_started_on", "adopted_on", "in_force_on"]
        )
        permissions = [("review_legalinstrument", _("Can approve or return legal instruments"))]

    def get_absolute_url(self) -> str:
        return reverse("processes:legal_instrument_detail", args=[self.pk])


class IntegrityMeasure(StagedRecord):
    """A corruption-prevention or integrity measure of ASEC and the share of staff it
    covers (trained, or bound by it), by sex."""

    class Kind(models.TextChoices):
        CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct")
        CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict-of-interest declarations")
        WHISTLE_BLOWING = "whistle_blowing", _("Whistle-blowing channel")
        RISK_ASSESSMENT = "risk_assessment", _("Integrity risk assessment")
        TRAINING = "training", _("Training")

    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PREPARATION = "preparation", _("In preparation")
        IN_PLACE = "in_place", _("In place")
        REVIEWED = "reviewed", _("Reviewed")

    STAGE_DATES = {
        Stage.PLANNED: None,
        Stage.IN_PREPARATION: "preparation_started_on",
        Stage.IN_PLACE: "in_place_on",
        Stage.REVIEWED: "evaluated_on",
    }

    unit = _unit("integrity_measures")
    workstream = _workstream("integrity_measures")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.PLANNED)
    preparation_started_on = _day(_("preparation started on"))
    in_place_on = _day(_("in place since"))
    evaluated_on = _day(_("reviewed on"))
    summary = models.TextField(_("summary"), blank=True)
    staff_women = models.PositiveIntegerField(
        _("women on the staff it is for"),
        null=True,
        blank=True,
        help_text=_("All women the measure is meant to reach."),
    )
    staff_men = models.PositiveIntegerField(
        _("men on the staff it is for"),
        null=True,
        blank=True,
        help_text=_("All men the measure is meant to reach."),
    )
    staff_covered_women = models.PositiveIntegerField(
        _("women covered"),
        null=True,
        blank=True,
        help_text=_("Of those women, how many it reached so far (trained, or declared)."),
    )
    staff_covered_men = models.PositiveIntegerField(
        _("men covered"),
        null=True,
        blank=True,
        help_text=_("Of those men, how many it reached so far (trained, or declared)."),
    )
    partners = models.ManyToManyField(
        "programme.Partner",
        related_name="integrity_measures",
        blank=True,
        verbose_name=_("partners"),
        help_text=_("Institutions it is done with, e.g. Indonesia's KPK."),
    )
    activities = _activities("integrity_measures")

    class Meta:
        verbose_name = _("integrity measure")
        verbose_name_plural = _("integrity measures")
        ordering = ["-updated_at", "-pk"]
        indexes = _meta_indexes("integrity")
        constraints = [
            *_plausible_dates(
                "integrity_measure", ["preparation_started_on", "in_place_on", "evaluated_on"]
            ),
            # The same rule as rules.check_coverage, for rows written by any other path.
            models.CheckConstraint(
                condition=Q(staff_covered_women__isnull=True)
                | Q(staff_women__isnull=False, staff_covered_women__lte=models.F("staff_women")),
                name="integrity_measure_women_covered_within_staff",
                violation_error_message=_("More women covered than on the staff."),
            ),
            models.CheckConstraint(
                condition=Q(staff_covered_men__isnull=True)
                | Q(staff_men__isnull=False, staff_covered_men__lte=models.F("staff_men")),
                name="integrity_measure_men_covered_within_staff",
                violation_error_message=_("More men covered than on the staff."),
            ),
        ]
        permissions = [("review_integritymeasure", _("Can approve or return integrity measures"))]

    def get_absolute_url(self) -> str:
        return reverse("processes:integrity_measure_detail", args=[self.pk])


# --- Evidence files -------------------------------------------------------------------
# Each `unit_path` leads through the record to its unit, so `records.visible_to`
# scopes the files as it scopes their records.


class ProcessImprovementEvidence(EvidenceBase):
    record = models.ForeignKey(
        ProcessImprovement,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("process improvement"),
    )

    unit_path: ClassVar[str] = "record__unit"
    download_url_name = "processes:improvement_evidence_download"
    delete_url_name = "processes:improvement_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("process improvement evidence file")
        verbose_name_plural = _("process improvement evidence files")


class StrategyEvidence(EvidenceBase):
    record = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("strategy"),
    )

    unit_path: ClassVar[str] = "record__unit"
    download_url_name = "processes:strategy_evidence_download"
    delete_url_name = "processes:strategy_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("strategy evidence file")
        verbose_name_plural = _("strategy evidence files")


class LegalInstrumentEvidence(EvidenceBase):
    record = models.ForeignKey(
        LegalInstrument,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("legal instrument"),
    )

    unit_path: ClassVar[str] = "record__unit"
    download_url_name = "processes:legal_instrument_evidence_download"
    delete_url_name = "processes:legal_instrument_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("legal instrument evidence file")
        verbose_name_plural = _("legal instrument evidence files")


class IntegrityMeasureEvidence(EvidenceBase):
    record = models.ForeignKey(
        IntegrityMeasure,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("integrity measure"),
    )

    unit_path: ClassVar[str] = "record__unit"
    download_url_name = "processes:integrity_measure_evidence_download"
    delete_url_name = "processes:integrity_measure_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("integrity measure evidence file")
        verbose_name_plural = _("integrity measure evidence files")
