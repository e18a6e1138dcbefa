"""The advisers' photo form: the upload is checked and cleaned here, so a file
that is not a real image never reaches the disk (apps.photos.images)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import images
from .models import Photo


class PhotoForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Image file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "A JPEG, PNG or WebP file of at most 15 MB and 40 megapixels; at least 1600 "
            "pixels wide for a photo across the page. The portal keeps a cleaned copy "
            "without camera data (place, device, date) and makes the sizes visitors get; "
            "the file as uploaded is not kept. Choose a file only to replace the image."
        ),
    )

    class Meta:
        model = Photo
        fields = (
            "caption",
            "alt_text",
            "credit",
            "copyright_holder",
            "kind",
            "licence",
            "taken_on",
            "people",
            "is_published",
            "featured_on_home",
            "components",
        )

    def clean_upload(self) -> images.Master | None:
        file = self.cleaned_data.get("upload")
        if not file:
            if self.instance.pk is None:
                raise forms.ValidationError(_("Choose the image file."), code="required")
            return None
        return images.prepare(file)
