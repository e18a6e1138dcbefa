"""The staff's forms for stories and publications, in the portal's accessible pattern
(`monitoring.forms.ReviewedRecordForm`: dates as day / month / year boxes, relations
as checkboxes, evidence files). The services, not the forms, write; their rules land
on the fields here."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.events import selectors as event_selectors
from apps.monitoring.forms import ReviewedRecordForm

from . import selectors
from .files import EXTENSIONS, allowed, validate_publication_file
from .models import Publication, Story


class NewsRecordForm(ReviewedRecordForm):
    """What both forms share: messages that say what to do, a larger box for long text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        title = self.fields["title"]
        title.error_messages["required"] = _("Enter the title")
        title.error_messages["max_length"] = _(
            "The title must be %(limit_value)d characters or fewer"
        )
        self.fields["published_on"].error_messages["required"] = _("Enter the publication date")
        self.fields["summary"].error_messages["required"] = _("Enter a short summary")


def _event_label(event) -> str:
    return f"{event.title} ({date_format(event.start_date, 'SHORT_DATE_FORMAT')})"


def _photo_label(photo) -> str:
    return f"{photo} ({photo.credit})"


class StoryForm(NewsRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = Story
        fields = (
            "title",
            "summary",
            "body",
            "published_on",
            "photo",
            "components",
            "events",
            "is_public",
        )
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            # Many events over the years: one list to choose from, not a box each.
            "events": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["rows"] = 14
        self.fields["body"].error_messages["required"] = _("Write the story")
        photo = self.fields["photo"]
        photo.queryset = selectors.photo_choices()
        photo.empty_label = _("No photo")
        photo.label_from_instance = _photo_label
        photo.error_messages["invalid_choice"] = _("Choose a published photo from the list")
        self.fields["components"].queryset = self.fields["components"].queryset.order_by("number")
        events = self.fields["events"]
        # Only events the public can open: a story links to them.
        events.queryset = event_selectors.events_public().order_by("-starts_at", "-pk")
        events.label_from_instance = _event_label
        events.help_text = _(
            "Optional. Published events the story is about; the story links to them. To "
            "choose several, hold Ctrl (Cmd on a Mac) while you click each one."
        )
        events.error_messages["invalid_choice"] = _("Choose published events from the list")


class PublicationForm(NewsRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = Publication
        fields = (
            "title",
            "kind",
            "summary",
            "file",
            "language",
            "published_on",
            "components",
            "is_public",
        )
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "file": forms.FileInput(attrs={"accept": ",".join(EXTENSIONS)}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        kind.choices = [("", _("Choose a kind")), *Publication.Kind.choices]
        kind.error_messages["required"] = _("Choose the kind of publication")
        kind.error_messages["invalid_choice"] = _("Choose one of the kinds in the list")
        self.fields["language"].error_messages["invalid_choice"] = _(
            "Choose one of the languages in the list"
        )
        self.fields["components"].queryset = self.fields["components"].queryset.order_by("number")
        file = self.fields["file"]
        file.error_messages["required"] = _("Choose the publication's file (%(allowed)s)") % {
            "allowed": allowed()
        }
        if self.instance.pk and self.instance.file:
            file.help_text = _(
                "Now: a %(format)s file. Choose a new file only to replace it (%(allowed)s, "
                "up to 10 MB)."
            ) % {"format": self.instance.file_format, "allowed": allowed()}

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and hasattr(file, "content_type"):  # a new upload, not the stored file
            validate_publication_file(file=file)
        return file
