"""Staff's forms of the events app. Dates are typed as day / month / year boxes
(`DateInputField`) and times as "09:00" in the event's own time zone; the forms
hand the services aware datetimes (times.combine)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.forms import DateInputField
from apps.monitoring.forms import ReviewedRecordForm
from apps.photos import images
from apps.photos.models import Photo
from apps.programme.models import Partner

from .models import Event, Session, Speaker, Sponsor
from .times import combine, local

TIME_HELP = _("24-hour clock, e.g. 09:00 or 17:30.")


class TimeInputField(forms.TimeField):
    """A time typed as 09:00, 9:00, 9.00 or 0900, in a text box."""

    input_formats = ["%H:%M", "%H.%M", "%H%M"]
    default_error_messages = {
        "required": _("Enter a time"),
        "invalid": _("Enter the time on the 24-hour clock, for example 09:00 or 17:30"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", TIME_HELP)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "class": "events-time"}
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        return value


class EventForm(ReviewedRecordForm):
    """The event itself: its dates and times in its own zone."""

    start_date = DateInputField(label=_("First day"))
    start_time = TimeInputField(label=_("Starts at"))
    end_date = DateInputField(
        label=_("Last day"), help_text=_("The first day again if it lasts one day.")
    )
    end_time = TimeInputField(label=_("Ends at"))

    class Meta(ReviewedRecordForm.Meta):
        model = Event
        fields = (
            "title",
            "series",
            "kind",
            "summary",
            "description",
            "components",
            "partners",
            "time_zone",
            "online",
            "venue",
            "member_state",
            "capacity",
            "is_public",
            "photo",
            "gallery",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.exclude(
            kind=Partner.Kind.EXECUTING_AGENCY
        ).order_by("name")
        public = Photo.objects.public()
        self.fields["photo"].queryset = public
        self.fields["gallery"].queryset = public
        event = self.instance
        if event.pk:
            for prefix, moment in (("start", event.starts_at), ("end", event.ends_at)):
                there = local(moment, event.time_zone)
                self.initial.setdefault(f"{prefix}_date", there.date())
                self.initial.setdefault(f"{prefix}_time", there.time())

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        parts = [cleaned.get(name) for name in ("start_date", "start_time", "end_date", "end_time")]
        if zone and all(part is not None for part in parts):
            starts = combine(parts[0], parts[1], zone)
            ends = combine(parts[2], parts[3], zone)
            if ends <= starts:
                self.add_error("end_time", _("The event must end after it starts."))
            cleaned["starts_at"], cleaned["ends_at"] = starts, ends
        if not cleaned.get("online") and not (cleaned.get("venue") or "").strip():
            self.add_error("venue", _("Enter the venue, or tick “online”."))
        return cleaned

    def record_data(self) -> dict:
        data = super().record_data()
        data["starts_at"] = self.cleaned_data["starts_at"]
        data["ends_at"] = self.cleaned_data["ends_at"]
        return data


# Errors of the services, on the forms' fields.
SERVICE_FIELDS = {"starts_at": "start_time", "ends_at": "end_time"}


class SessionForm(forms.ModelForm):
    """One item of the agenda: its day of the event and its times in the event's zone."""

    day = DateInputField(label=_("Day"))
    start_time = TimeInputField(label=_("Starts at"))
    end_time = TimeInputField(label=_("Ends at"))

    class Meta:
        model = Session
        fields = ("title", "kind", "room", "speakers", "description")
        widgets = {
            "speakers": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ("title", "kind", "day", "start_time", "end_time", "room", "speakers")

    def __init__(self, *args, event: Event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        # The speakers of this event and of the other editions of its series, then anyone
        # already on a session of the event's unit: bounded, and enough to reuse people.
        related = Q(sessions__event=event)
        if event.series_id:
            related |= Q(sessions__event__series_id=event.series_id)
        self.fields["speakers"].queryset = (
            Speaker.objects.filter(related | Q(sessions__event__unit_id=event.unit_id))
            .distinct()
            .order_by("name", "pk")
        )
        self.fields["day"].help_text = _("A day from %(first)s to %(last)s.") % {
            "first": event.start_date.strftime("%d %m %Y"),
            "last": event.end_date.strftime("%d %m %Y"),
        }
        if self.instance.pk:
            there = local(self.instance.starts_at, event.time_zone)
            self.initial.update(
                day=there.date(),
                start_time=there.time(),
                end_time=local(self.instance.ends_at, event.time_zone).time(),
            )

    def clean(self):
        cleaned = super().clean()
        day, start, end = (cleaned.get(name) for name in ("day", "start_time", "end_time"))
        if day and start and end:
            cleaned["starts_at"] = combine(day, start, self.event.time_zone)
            cleaned["ends_at"] = combine(day, end, self.event.time_zone)
            if end <= start:
                self.add_error("end_time", _("The session must end after it starts."))
        return cleaned

    def session_data(self) -> dict:
        names = ("title", "kind", "starts_at", "ends_at", "room", "description", "speakers")
        return {name: self.cleaned_data[name] for name in names}


class SpeakerForm(forms.ModelForm):
    sessions = forms.ModelMultipleChoiceField(
        label=_("Speaks in"),
        queryset=Session.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Speaker
        fields = ("name", "job_title", "organisation", "member_state", "bio")
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = event.sessions.order_by("starts_at", "pk")

    def speaker_data(self) -> dict:
        names = ("name", "job_title", "organisation", "member_state", "bio", "sessions")
        return {name: self.cleaned_data[name] for name in names}


class SponsorForm(forms.ModelForm):
    """A business sponsor, and optionally its logo as an image (checked by content: a
    renamed file that is not an image is refused)."""

    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("Optional. A JPEG, PNG or WebP image, up to 15 MB."),
    )
    logo_alt = forms.CharField(
        label=_("Logo's alt text"),
        required=False,
        max_length=250,
        help_text=_("Needed with a logo: the sponsor's name as the logo shows it."),
    )
    link = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        help_text=_("Optional. The sponsor's web page, e.g. https://example.org/."),
    )

    class Meta:
        model = Sponsor
        fields = ("partner", "tier", "link")

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(
            kind=Partner.Kind.BUSINESS_SPONSOR
        ).order_by("name")
        self.fields["partner"].empty_label = _("Choose a business sponsor")

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if upload:
            try:
                images.validate(upload)
            except ValidationError as error:
                raise ValidationError(
                    _("The logo was not accepted: %(reason)s")
                    % {"reason": " ".join(error.messages)}
                ) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo_file") and not (cleaned.get("logo_alt") or "").strip():
            self.add_error("logo_alt", _("Give the logo its alt text: the sponsor's name."))
        return cleaned

    def sponsor_data(self) -> dict:
        names = ("partner", "tier", "link", "logo_file", "logo_alt")
        return {name: self.cleaned_data[name] for name in names}

    def validate_unique(self):
        """The service says it (the event is not on the form's instance yet)."""


class NextEditionForm(forms.Form):
    starts_on = DateInputField(
        label=_("First day of the next edition"),
        help_text=_("The agenda moves by as many days."),
    )
