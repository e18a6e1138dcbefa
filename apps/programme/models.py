"""The programme itself: what every other app hangs its records on."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.validators import plausible_year_q, year_validators


class Programme(TimeStampedModel):
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(_("short title"), max_length=120)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=year_validators())
    end_year = models.PositiveSmallIntegerField(_("end year"), validators=year_validators())
    lead_executing_agency = models.CharField(_("lead executing agency"), max_length=200)
    implementing_agency = models.CharField(_("implementing agency"), max_length=200)
    region = models.CharField(_("region"), max_length=100)
    region_population_millions = models.PositiveIntegerField(
        _("region population (millions)"),
        null=True,
        blank=True,
        help_text=_("Shown as “more than N million inhabitants”."),
    )
    summary = models.TextField(_("summary"))

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="programme_end_year_not_before_start_year",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            models.CheckConstraint(
                condition=plausible_year_q("start_year") & plausible_year_q("end_year"),
                name="programme_years_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.short_title

    @property
    def term(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class Component(TimeStampedModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="components", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    aims = models.TextField(_("aims"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="component_number_unique_per_programme"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Unit(TimeStampedModel):
    """A division or directorate of the ASEAN Secretariat."""

    class Kind(models.TextChoices):
        DIRECTORATE = "directorate", _("Directorate")
        DIVISION = "division", _("Division")
        OFFICE = "office", _("Office")

    name = models.CharField(_("name"), max_length=200, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DIVISION)
    components = models.ManyToManyField(
        Component,
        related_name="units",
        blank=True,
        verbose_name=_("components"),
        help_text=_("The programme components this unit works with."),
    )

    class Meta:
        verbose_name = _("ASEC unit")
        verbose_name_plural = _("ASEC units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MemberState(TimeStampedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    iso_code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Enter two capital letters, e.g. ID."))],
        help_text=_("ISO 3166-1 alpha-2, e.g. ID for Indonesia."),
    )
    joined_on = models.DateField(_("joined ASEAN on"))

    class Meta:
        verbose_name = _("member state")
        verbose_name_plural = _("member states")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Partner(TimeStampedModel):
    class Kind(models.TextChoices):
        EXECUTING_AGENCY = "executing", _("Executing agency")
        IMPLEMENTING_AGENCY = "implementing", _("Implementing agency")
        PARTNER_INSTITUTION = "institution", _("Partner institution")
        BUSINESS_SPONSOR = "sponsor", _("Business sponsor")
        DEVELOPMENT_PARTNER = "development", _("Development partner")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="partner_name_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Milestone(TimeStampedModel):
    """A background date shown on the public pages (e.g. the ASEAN Charter)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("programme")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "title"], name="milestone_title_unique_per_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y}: {self.title}"
