"""The staff's forms for the component's records, in the portal's accessible pattern
(`monitoring.forms.ReviewedRecordForm`: dates as day / month / year boxes, figures
as text boxes with the numeric keyboard, relations as checkboxes). The services, not
the forms, write; their rules (rules.py) land on the fields here."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.monitoring import selectors as monitoring_selectors
from apps.monitoring.forms import ReviewedRecordForm
from apps.programme import selectors as programme_selectors
from apps.programme.models import Partner

from . import selectors
from .facts import COMPONENT_SLUG
from .models import IntegrityMeasure, LegalInstrument, ProcessImprovement, Strategy


class ProcessRecordForm(ReviewedRecordForm):
    """What the four forms share: the workstream (the one the person's unit leads,
    suggested), and the activities it comes from, chosen among the unit's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3  # a few lines to start; the box can be resized
        self.fields["stage"].label = _("Stage reached")
        # Messages that say what to do, in the portal's words (not "This field is required.").
        title = self.fields["title"]
        title.error_messages["required"] = _("Enter the %(what)s") % {
            "what": str(title.label).lower()
        }
        if "kind" in self.fields:
            kind = self.fields["kind"]
            kind.error_messages["required"] = _("Choose the kind")
            kind.choices = [("", _("Choose a kind")), *kind.choices[1:]]
        workstream = self.fields["workstream"]
        workstream.queryset = selectors.workstream_list()
        workstream.empty_label = _("Choose a workstream")
        workstream.error_messages["required"] = _("Choose the workstream")
        if self.instance.pk is None:
            workstream.initial = selectors.workstream_led_by(self.user.unit)
        activities = self.fields["activities"]
        activities.queryset = (
            monitoring_selectors.activity_list_for_user(user=self.user)
            .filter(unit_id=self.user.unit_id, component__slug=COMPONENT_SLUG)
            .order_by("-start_date", "-pk")
        )
        activities.label_from_instance = _activity_label
        if not activities.queryset.exists():
            activities.help_text = _(
                "Your unit has logged no activities of this component yet; once it has, "
                "you can link them here."
            )
        activities.error_messages["invalid_choice"] = _(
            "Choose activities of your own unit from the list."
        )


def _activity_label(activity) -> str:
    return f"{activity.title} ({date_format(activity.start_date, 'SHORT_DATE_FORMAT')})"


class ProcessImprovementForm(ProcessRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = ProcessImprovement
        fields = (
            "title",
            "workstream",
            "stage",
            "mapped_on",
            "redesigned_on",
            "piloted_on",
            "institutionalised_on",
            "measure",
            "measure_before",
            "measure_after",
            "lower_is_better",
            "evidence_summary",
            "notes",
            "activities",
            "is_public",
        )
        labels = {"title": _("Process")}
        help_texts = {"title": _("The work process, e.g. “Media enquiry handling”.")}


class StrategyForm(ProcessRecordForm):
    # Declared for its scheme: an address typed without one is read as https://.
    link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=Strategy._meta.get_field("link").help_text,
    )

    class Meta(ReviewedRecordForm.Meta):
        model = Strategy
        fields = (
            "title",
            "workstream",
            "summary",
            "stage",
            "adopted_on",
            "implementation_started_on",
            "evaluated_on",
            "audiences",
            "link",
            "activities",
            "is_public",
        )
        help_texts = {"title": _("E.g. “ASEAN Communication Master Plan II”.")}


class LegalInstrumentForm(ProcessRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = LegalInstrument
        fields = (
            "title",
            "workstream",
            "kind",
            "summary",
            "trade_rights",
            "stage",
            "consultation_started_on",
            "adopted_on",
            "in_force_on",
            "activities",
            "is_public",
        )


class IntegrityMeasureForm(ProcessRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = IntegrityMeasure
        fields = (
            "title",
            "workstream",
            "kind",
            "summary",
            "stage",
            "preparation_started_on",
            "in_place_on",
            "evaluated_on",
            "staff_women",
            "staff_covered_women",
            "staff_men",
            "staff_covered_men",
            "partners",
            "activities",
            "is_public",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The Secretariat runs the measure; it is not its own partner (as for activities).
        self.fields["partners"].queryset = programme_selectors.partner_list(
            exclude_kinds=(Partner.Kind.EXECUTING_AGENCY,)
        )
