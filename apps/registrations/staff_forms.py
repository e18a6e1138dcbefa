"""The staff's forms of an event's participants (docs/attendance.md). Times are
typed as a date (day, month, year boxes) and a 24-hour time in the event's own time
zone, as on the event's form; the forms hand the services aware datetimes."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateInputField, NumberInput, WholeNumberField
from apps.events.forms import TimeInputField
from apps.events.models import Event
from apps.events.times import combine, local

from .attendance import MAX_BYTES
from .forms import PersonForm
from .models import Registration, RegistrationSetup
from .staff_selectors import STATUS_ORDER


class RegistrationSetupForm(forms.Form):
    opens_date = DateInputField(label=_("Registration opens on"))
    opens_time = TimeInputField(label=_("at"))
    closes_date = DateInputField(
        label=_("Registration closes on"), help_text=_("At the latest the event's first day.")
    )
    closes_time = TimeInputField(label=_("at"), help_text=_("At the latest when the event starts."))
    requires_approval = forms.BooleanField(
        label=_("Staff approve each registration"),
        required=False,
        help_text=_("For invitation-only events: people who register wait until you approve them."),
    )
    retention_months = WholeNumberField(
        label=_("Keep personal data for (months after the event)"),
        min_value=1,
        max_value=120,
        widget=NumberInput(attrs={"class": "portal-input-count"}),
        help_text=_(
            "1 to 120. Then names, emails and organisations are removed; the figures stay."
        ),
        error_messages={
            "required": _("Enter the number of months, for example 24"),
            "invalid": _("Enter a whole number of months, for example 24"),
            "min_value": _("Keep the data for at least 1 month"),
            "max_value": _("Keep the data for at most 120 months"),
        },
    )
    certificate_share = WholeNumberField(
        label=_("Share of days for a certificate (%)"),
        min_value=1,
        max_value=100,
        widget=NumberInput(attrs={"class": "portal-input-count"}),
        help_text=_(
            "1 to 100. Participants present on at least this share of the event's days "
            "get a certificate of attendance, e.g. 75: 3 of 4 days."
        ),
        error_messages={
            "required": _("Enter a percentage, for example 75"),
            "invalid": _("Enter a whole percentage, for example 75"),
            "min_value": _("Enter a percentage from 1 to 100"),
            "max_value": _("Enter a percentage from 1 to 100"),
        },
    )

    def __init__(self, *args, event: Event, setup: RegistrationSetup | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        zone = event.time_zone
        if setup is not None:
            opens, closes = local(setup.opens_at, zone), local(setup.closes_at, zone)
            self.initial.update(
                opens_date=opens.date(),
                opens_time=opens.time(),
                closes_date=closes.date(),
                closes_time=closes.time(),
                requires_approval=setup.requires_approval,
                retention_months=setup.retention_months,
                certificate_share=setup.certificate_share,
            )
        else:
            starts = local(event.starts_at, zone)
            self.initial.update(
                opens_time=datetime.time(9, 0),
                closes_date=starts.date(),
                closes_time=starts.time(),
                retention_months=RegistrationSetup._meta.get_field("retention_months").default,
                certificate_share=RegistrationSetup._meta.get_field("certificate_share").default,
            )

    def clean(self):
        cleaned = super().clean()
        zone = self.event.time_zone
        parts = [cleaned.get(name) for name in ("opens_date", "opens_time")]
        if all(part is not None for part in parts):
            cleaned["opens_at"] = combine(parts[0], parts[1], zone)
        parts = [cleaned.get(name) for name in ("closes_date", "closes_time")]
        if all(part is not None for part in parts):
            cleaned["closes_at"] = combine(parts[0], parts[1], zone)
        # The service's rules, said beside the field at once (it checks them again).
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_time", _("Registration must close after it opens."))
        elif closes and closes > self.event.starts_at:
            self.add_error(
                "closes_time", _("Registration must close at the latest when the event starts.")
            )
        return cleaned

    def setup_data(self) -> dict:
        names = (
            "opens_at",
            "closes_at",
            "requires_approval",
            "retention_months",
            "certificate_share",
        )
        return {name: self.cleaned_data[name] for name in names}


# A service's errors, on the form's fields.
SETUP_FIELDS = {"opens_at": "opens_time", "closes_at": "closes_time"}


class InviteForm(PersonForm):
    """Staff register a nominated participant (a member state's focal point sent the
    name): the person, whether they may be listed, and the staff's word that the
    nominee agreed to the privacy notice."""

    listed_publicly = forms.BooleanField(
        label=_("The nominee agreed to be listed publicly as a participant"),
        help_text=_("Optional. Without it, their name is never shown publicly."),
        required=False,
    )
    agreed = forms.BooleanField(
        label=_("The nominee agreed to the privacy notice"),
        help_text=_("Required: ask them first. Their registration records the notice's version."),
        error_messages={
            "required": _("Tick this once the nominee has agreed to the privacy notice")
        },
    )

    class Meta(PersonForm.Meta):
        fields = (*PersonForm.Meta.fields, "listed_publicly")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["name"].help_text = _("As it should appear on the badge and certificate.")
        fields["name"].error_messages["required"] = _("Enter the nominee's full name")
        fields["email"].help_text = _(
            "Optional, but without it they get no confirmation and cannot be found by "
            "email in an attendance import."
        )
        fields["role"].label = _("Which best describes them?")
        fields["role"].error_messages["required"] = _("Choose what best describes the nominee")
        fields["member_state"].help_text = _(
            "Where they work. Choose “Outside ASEAN” if it is not a member state."
        )
        fields["disability"].label = _(
            "Does the nominee have a lot of difficulty, or cannot do at all, any of: seeing, "
            "hearing, walking or climbing steps, remembering or concentrating, self-care, "
            "communicating?"
        )
        fields["disability"].help_text = _("Only if they told you. For the figures only.")
        fields["sex"].help_text = _("For the programme's figures. Never shown with the name.")
        fields["needs"].label = _("Do they need any of these to take part?")
        fields["needs"].help_text = _("Optional. Choose all that apply.")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Attendance file"),
        help_text=_(
            "A CSV file or an Excel workbook (.xlsx), up to 2 MB and 5,000 rows. The first "
            "row names the columns: email, day (YYYY-MM-DD), and optionally present (yes "
            "or no)."
        ),
        error_messages={
            "required": _("Choose the file to import"),
            "empty": _("The file is empty"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB: split it into smaller files")
            )
        return upload


class AccommodationForm(forms.Form):
    accommodation = forms.ChoiceField(
        label=_("Accommodation"),
        choices=[
            choice
            for choice in Registration.Accommodation.choices
            if choice[0] != Registration.Accommodation.NONE
        ],
    )


class ParticipantFilterForm(forms.Form):
    """The participants page's filter (GET): a status and a search."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))]
        + [(status, Registration.Status(status).label) for status in STATUS_ORDER],
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Part of a name, email or organisation."),
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a participant"),
        required=False,
        max_length=100,
        help_text=_("Part of a name, email or organisation."),
    )
