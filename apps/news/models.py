"""Stories and publications (docs/news.md).

Both are reviewed records (apps.monitoring's review core): staff of any unit write
them in /workspace/news/, an adviser approves them, and an approved record marked
`is_public` is published under /news/ (`records.published`). The review core keeps
their audit trail (who, when, what changed), as for every reviewed record.

- `Story`: a news story. Its body is Markdown, shown through the one sanitiser
  (`apps.core.markdown.render_markdown`); its lead photo is a shared `photos.Photo`
  (alt text, credit), shown only while that photo is public.
- `Publication`: a report, strategy, brief or toolkit, with its file (PDF, DOCX or
  XLSX, checked by content: `apps.news.files`), served only while published.

Each gets a web address (`slug`) made from its title when it is created
(`services.unique_slug`); it never changes afterwards, so links keep working.
"""

import uuid
from pathlib import Path
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.validators import (
    FIRST_DAY,
    LAST_DAY,
    PLAUSIBLE_DATES_MESSAGE,
    plausible_date_q,
)
from apps.monitoring.models import EvidenceBase, ReviewedModel, review_queue_order


class Language(models.TextChoices):
    """The languages a publication is written in: English, ASEAN's working language,
    and the member states' national languages (ISO 639 codes)."""

    ENGLISH = "en", _("English")
    BURMESE = "my", _("Burmese")
    CHINESE = "zh", _("Chinese")
    FILIPINO = "fil", _("Filipino")
    INDONESIAN = "id", _("Indonesian")
    KHMER = "km", _("Khmer")
    LAO = "lo", _("Lao")
    MALAY = "ms", _("Malay")
    PORTUGUESE = "pt", _("Portuguese")
    TAMIL = "ta", _("Tamil")
    TETUM = "tet", _("Tetum")
    THAI = "th", _("Thai")
    VIETNAMESE = "vi", _("Vietnamese")


def publication_upload_to(instance: "Publication", filename: str) -> str:
    """A server-made name: nothing a user typed reaches the file system."""
    return f"publications/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def _unit(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "programme.Unit",
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("writing unit"),
    )


def _slug() -> models.SlugField:
    return models.SlugField(
        _("web address"),
        max_length=220,
        unique=True,
        editable=False,
        help_text=_("Made from the title when it is created; it never changes."),
    )


def _published_on() -> models.DateField:
    return models.DateField(
        _("publication date"),
        help_text=_("The date it appeared."),
        validators=[
            MinValueValidator(FIRST_DAY, message=PLAUSIBLE_DATES_MESSAGE),
            MaxValueValidator(LAST_DAY, message=PLAUSIBLE_DATES_MESSAGE),
        ],
    )


def _is_public() -> models.BooleanField:
    return models.BooleanField(
        _("show on the public site"),
        default=True,
        help_text=_("Shown publicly once an adviser approves it."),
    )


def _components(related_name: str) -> models.ManyToManyField:
    return models.ManyToManyField(
        "programme.Component",
        related_name=related_name,
        blank=True,
        verbose_name=_("components"),
        help_text=_("Optional. The programme components it is about."),
    )


def _meta_indexes(prefix: str) -> list[models.Index]:
    return [
        models.Index(fields=["status", "unit"], name=f"{prefix}_status_unit"),
        models.Index(fields=["status", "is_public", "-published_on"], name=f"{prefix}_public_date"),
        # The admin's queue reads a page off this index (monitoring.models.review_queue_order).
        models.Index(*review_queue_order(for_index=True), name=f"{prefix}_queue"),
    ]


class Story(ReviewedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = _slug()
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences for lists, the home page and the feed."),
    )
    body = models.TextField(
        _("story"),
        help_text=_(
            "Markdown: an empty line starts a paragraph; ## a heading; - a list item; "
            "**bold**, *italic*, [a link](https://…). HTML and images are left out "
            "(choose the lead photo below)."
        ),
    )
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.SET_NULL,
        related_name="news_stories",
        null=True,
        blank=True,
        verbose_name=_("lead photo"),
        help_text=_("Optional. Its alt text and credit live with the photo."),
    )
    components = _components("stories")
    events = models.ManyToManyField(
        "events.Event",
        related_name="stories",
        blank=True,
        verbose_name=_("related events"),
        help_text=_("Optional. Events the story is about; linked from the story."),
    )
    published_on = _published_on()
    unit = _unit("stories")
    is_public = _is_public()

    unit_path = "unit"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_on", "-pk"]
        indexes = _meta_indexes("story")
        constraints = [
            models.CheckConstraint(
                condition=plausible_date_q("published_on"),
                name="story_published_on_plausible",
                violation_error_message=PLAUSIBLE_DATES_MESSAGE,
            ),
        ]
        permissions = [("review_story", _("Can approve or return stories"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The story's page in /workspace/ (the review kit's pages go there)."""
        return reverse("news_staff:story_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("news:story_detail", args=[self.slug])


class Publication(ReviewedModel):
    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        STRATEGY = "strategy", _("Strategy")
        BRIEF = "brief", _("Brief")
        TOOLKIT = "toolkit", _("Toolkit")

    title = models.CharField(_("title"), max_length=200)
    slug = _slug()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    summary = models.TextField(
        _("summary"), max_length=1000, help_text=_("A short paragraph: what it is and for whom.")
    )
    file = models.FileField(
        _("file"),
        upload_to=publication_upload_to,
        max_length=200,
        help_text=_("PDF, DOCX or XLSX, up to 10 MB."),
    )
    file_size = models.PositiveIntegerField(_("file size in bytes"), default=0, editable=False)
    language = models.CharField(
        _("language"), max_length=3, choices=Language, default=Language.ENGLISH
    )
    published_on = _published_on()
    components = _components("publications")
    unit = _unit("publications")
    is_public = _is_public()

    unit_path = "unit"

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-pk"]
        indexes = _meta_indexes("publication")
        constraints = [
            models.CheckConstraint(
                condition=plausible_date_q("published_on"),
                name="publication_published_on_plausible",
                violation_error_message=PLAUSIBLE_DATES_MESSAGE,
            ),
        ]
        permissions = [("review_publication", _("Can approve or return publications"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The publication's page in /workspace/ (the review kit's pages go there)."""
        return reverse("news_staff:publication_detail", args=[self.pk])

    def get_public_url(self) -> str:
        """Where visitors download it (only while published)."""
        return reverse("news:publication_download", args=[self.slug])

    @property
    def file_format(self) -> str:
        """ "PDF", "DOCX" or "XLSX", from the stored file's name."""
        return Path(self.file.name or "").suffix.lstrip(".").upper()


class StoryEvidence(EvidenceBase):
    """Files behind a story for its reviewers: the press release, signed consent forms."""

    record = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="evidence_files", verbose_name=_("story")
    )

    unit_path: ClassVar[str] = "record__unit"
    download_url_name = "news_staff:story_evidence_download"
    delete_url_name = "news_staff:story_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("story file")
        verbose_name_plural = _("story files")


class PublicationEvidence(EvidenceBase):
    """Files behind a publication for its reviewers: the sign-off, the source data."""

    record = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="evidence_files",
        verbose_name=_("publication"),
    )

    unit_path: ClassVar[str] = "record__unit"
    download_url_name = "news_staff:publication_evidence_download"
    delete_url_name = "news_staff:publication_evidence_delete"

    class Meta(EvidenceBase.Meta):
        verbose_name = _("publication file")
        verbose_name_plural = _("publication files")
