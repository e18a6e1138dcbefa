"""Photos shared by every public page: one model, its rules in one place.

A photo shows in public only when it is published and nobody identifiable is
shown without having agreed (`PhotoQuerySet.public`, docs/photos.md). The file
kept is a re-encoded master without metadata; visitors get renditions made once
when the photo is saved (`apps.photos.images`, `apps.photos.services`).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel


class PhotoQuerySet(models.QuerySet):
    def public(self) -> "PhotoQuerySet":
        """The one rule for public photos: published, with renditions made, and
        either no identifiable people or their consent recorded."""
        return self.filter(
            is_published=True,
            people__in=Photo.People.public_values(),
        ).exclude(rendition_key="")


class Photo(TimeStampedModel):
    class Kind(models.TextChoices):
        PHOTOGRAPH = "photograph", _("Photograph")
        ILLUSTRATION = "illustration", _("Illustration")

    class Licence(models.TextChoices):
        ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")
        CC_BY_4 = "cc-by-4.0", _("CC BY 4.0")
        CC_BY_SA_4 = "cc-by-sa-4.0", _("CC BY-SA 4.0")
        PUBLIC_DOMAIN = "public-domain", _("Public domain")

    class People(models.TextChoices):
        NONE = "none", _("No identifiable people")
        CONSENT = "consent", _("People shown, consent recorded")
        NO_CONSENT = "no-consent", _("People shown, no consent")

        @classmethod
        def public_values(cls) -> list[str]:
            return [cls.NONE, cls.CONSENT]

    LICENCE_URLS = {
        Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
        Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/",
    }

    # The re-encoded master (never served); set only by apps.photos.services, under
    # a server-made name. Forms take the upload in a field of their own (forms.py).
    image = models.ImageField(
        _("image"),
        upload_to="photos/masters/",
        editable=False,
    )
    width = models.PositiveIntegerField(_("width in pixels"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height in pixels"), editable=False, default=0)
    # Names the renditions' folder and URLs; a new one whenever the image changes,
    # so a rendition's URL never shows other content (cached for a year).
    rendition_key = models.CharField(_("rendition key"), max_length=32, blank=True, editable=False)
    rendition_widths = models.JSONField(_("rendition widths"), default=list, editable=False)

    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the photo: what, where, when. Optional."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_(
            "For people who cannot see the photo: say in one sentence what it shows that "
            "matters on the page (e.g. “Delegates at the ASEAN Media Forum 2019 in Jakarta "
            "listen to a panel”). Don't start with “Photo of”, don't repeat the caption."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=120,
        help_text=_("Who took or made it, e.g. “Rafly Rinaldy”."),
    )
    copyright_holder = models.CharField(
        _("copyright holder"),
        max_length=120,
        help_text=_("Who holds the rights, e.g. “GIZ”. Shown as “Photo: Rafly Rinaldy © GIZ”."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PHOTOGRAPH)
    licence = models.CharField(
        _("licence"),
        max_length=30,
        choices=Licence,
        default=Licence.ALL_RIGHTS_RESERVED,
        help_text=_("Creative Commons licences are linked next to the credit."),
    )
    taken_on = models.DateField(_("date taken"), null=True, blank=True)
    people = models.CharField(
        _("people shown"),
        max_length=20,
        choices=People,
        help_text=_(
            "A photo with identifiable people shows in public only when their consent to "
            "publication is recorded (keep the signed forms with the event's papers)."
        ),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown on public pages (only with consent or without identifiable people)."),
    )
    featured_on_home = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("The newest public photo featured here is the home page's hero."),
    )
    components = models.ManyToManyField(
        "programme.Component",
        related_name="photos",
        blank=True,
        verbose_name=_("components"),
        help_text=_("The newest public photo of a component leads its page."),
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["is_published", "featured_on_home"]),
            models.Index(fields=["rendition_key"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text=""),
                name="photo_alt_text_required",
                violation_error_message=_("Every photo needs alt text."),
            ),
            models.CheckConstraint(
                condition=~models.Q(credit="") & ~models.Q(copyright_holder=""),
                name="photo_credit_required",
                violation_error_message=_("Every photo needs a credit and a copyright holder."),
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.alt_text

    @property
    def credit_line(self) -> str:
        """“Photo: Rafly Rinaldy © GIZ” (“Illustration: …” for an illustration)."""
        label = _("Illustration") if self.kind == self.Kind.ILLUSTRATION else _("Photo")
        return f"{label}: {self.credit} © {self.copyright_holder}"

    @property
    def licence_url(self) -> str:
        return self.LICENCE_URLS.get(self.licence, "")

    # --- Renditions (the files apps.photos.services makes) -----------------

    def rendition_url(self, width: int, ext: str) -> str:
        return reverse(
            "photos:rendition", kwargs={"key": self.rendition_key, "width": width, "ext": ext}
        )

    def rendition_height(self, width: int) -> int:
        return max(1, round(self.height * width / self.width)) if self.width else 0

    def srcset(self, ext: str) -> str:
        return ", ".join(f"{self.rendition_url(w, ext)} {w}w" for w in self.rendition_widths)

    @property
    def srcset_webp(self) -> str:
        return self.srcset("webp")

    @property
    def srcset_jpeg(self) -> str:
        return self.srcset("jpg")

    @property
    def fallback_width(self) -> int:
        """The width `src` names: the middle size (960 where there is one)."""
        widths = self.rendition_widths
        return widths[len(widths) // 2] if widths else 0

    @property
    def src(self) -> str:
        return self.rendition_url(self.fallback_width, "jpg") if self.rendition_widths else ""

    @property
    def fallback_height(self) -> int:
        return self.rendition_height(self.fallback_width)

    @property
    def thumbnail_url(self) -> str:
        return self.rendition_url(self.rendition_widths[0], "webp") if self.rendition_widths else ""
