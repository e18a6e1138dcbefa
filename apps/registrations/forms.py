"""The registration forms (docs/registrations.md).

- `PersonForm`: who the person is, the fields every registration has (name, email,
  organisation, job title, role, member state, sex, disability, accessibility needs).
  The staff's invitation form builds on it.
- `RegistrationForm`: the public form at /events/<slug>/register/: the person, the
  two consents (the privacy notice, required; being listed publicly, optional) and a
  honeypot field that people never see.

Neither form saves anything: the views hand `person_data()` to services.register,
which checks again under the event's lock.
"""

from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.events.models import Event
from apps.programme.models import MemberState

from .models import Registration
from .services import PERSON_FIELDS

# The Washington Group's short set, as one question (models.Registration.Disability).
DISABILITY_QUESTION = _(
    "Do you have a lot of difficulty, or cannot do at all, any of: seeing, hearing, "
    "walking or climbing steps, remembering or concentrating, self-care, communicating?"
)
FIGURES_ONLY = _(
    "For the programme's figures on who takes part. Never shown with your name or "
    "to other participants."
)
# Radio buttons and boxes in Bootstrap's look (includes/_field.html renders each).
CHECK = {"class": "form-check-input"}


class _StatesWithOutside(ModelChoiceIterator):
    """The member states, with "Outside ASEAN" right after the empty choice."""

    def __iter__(self):
        choices = super().__iter__()
        if self.field.empty_label is not None:
            yield next(choices)
        yield (MemberStateField.OUTSIDE, self.field.outside_label)
        yield from choices

    def __len__(self):
        return super().__len__() + 1


class MemberStateField(forms.ModelChoiceField):
    """A member state, or "Outside ASEAN" (saved as no member state). A choice is
    required, so that a skipped question is not counted as "outside ASEAN"."""

    OUTSIDE = "outside"
    iterator = _StatesWithOutside

    def __init__(self, *, outside_label=None, **kwargs):
        self.outside_label = outside_label or _("Outside ASEAN")
        kwargs.setdefault("empty_label", _("Choose one"))
        super().__init__(**kwargs)

    def clean(self, value):
        if value == self.OUTSIDE:
            return None
        return super().clean(value)

    def has_changed(self, initial, data):
        if data == self.OUTSIDE:
            return initial is not None
        return super().has_changed(initial, data)


class PersonForm(forms.ModelForm):
    """The person: what every registration records about who registers. `event` gives
    the member states to choose from (those that were members on the event's first day).
    """

    # Each message says what to do ("Enter your full name"): the error summary shows
    # it without the field's label in front (includes/_form_errors.html).
    specific_error_messages = True

    member_state = MemberStateField(
        label=_("ASEAN member state"),
        queryset=MemberState.objects.none(),
        help_text=_("Where you work. Choose “Outside ASEAN” if it is not a member state."),
        error_messages={
            "required": _("Choose a member state, or “Outside ASEAN”"),
            "invalid_choice": _("Choose one of the member states listed, or “Outside ASEAN”"),
        },
    )
    disability = forms.TypedChoiceField(
        label=DISABILITY_QUESTION,
        choices=Registration.Disability.choices,
        widget=forms.RadioSelect(attrs=CHECK),
        required=False,
        empty_value=Registration.Disability.NOT_STATED,
        help_text=FIGURES_ONLY,
        error_messages={"invalid_choice": _("Choose one of the answers listed on disability")},
    )
    needs = forms.MultipleChoiceField(
        label=_("Do you need any of these to take part?"),
        choices=Registration.NEEDS,
        widget=forms.CheckboxSelectMultiple(attrs=CHECK),
        required=False,
        help_text=_("Optional. Choose all that apply: the organisers will contact you."),
        error_messages={"invalid_choice": _("Choose needs from the list, or describe them below")},
    )

    class Meta:
        model = Registration
        fields = (
            "name",
            "email",
            "organisation",
            "job_title",
            "role",
            "member_state",
            "sex",
            "disability",
            "needs",
            "needs_note",
        )
        labels = {
            "name": _("Full name"),
            "email": _("Email address"),
            "organisation": _("Organisation"),
            "job_title": _("Job title"),
            "role": _("Which best describes you?"),
            "sex": _("Sex"),
            "needs_note": _("Other needs, or details"),
        }
        help_texts = {
            "name": _("As it should appear on your badge and certificate."),
            "organisation": _("Optional."),
            "job_title": _("Optional."),
            "sex": FIGURES_ONLY,
            "needs_note": _(
                "Optional. For example a dietary requirement, the language to interpret, "
                "or an assistant coming with you."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "role": forms.RadioSelect(attrs=CHECK),
            "sex": forms.RadioSelect(attrs=CHECK),
            "needs_note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {
                "required": _("Enter your full name"),
                "max_length": _("Full name must be 150 characters or fewer"),
            },
            "email": {
                "required": _("Enter your email address"),
                "invalid": _("Enter an email address like name@example.org"),
                "max_length": _("Email address must be 254 characters or fewer"),
            },
            "organisation": {"max_length": _("Organisation must be 200 characters or fewer")},
            "job_title": {"max_length": _("Job title must be 150 characters or fewer")},
            "role": {
                "required": _("Choose what best describes you"),
                "invalid_choice": _("Choose one of the roles listed"),
            },
            "sex": {
                "required": _("Choose one, or “Prefer not to say”"),
                "invalid_choice": _("Choose one of the answers listed for sex"),
            },
            "needs_note": {"max_length": _("Other needs must be 1,000 characters or fewer")},
        }

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["member_state"].queryset = MemberState.objects.filter(
            joined_on__lte=event.start_date
        ).order_by("name")
        # Radio buttons have no empty choice: the blank "---------" is not one of them.
        for name in ("role", "sex"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        if self.instance.pk and self.instance.member_state_id is None:
            self.initial["member_state"] = MemberStateField.OUTSIDE

    def person_data(self) -> dict:
        """What services.register takes, from the cleaned form."""
        return {
            name: self.cleaned_data[name] for name in PERSON_FIELDS if name in self.cleaned_data
        }


class RegistrationForm(PersonForm):
    """The public registration form: the person, the consents, and the honeypot."""

    # A trap for programs that fill in every field: hidden from people (CSS, aria-hidden,
    # out of the tab order); a registration that fills it is dropped (public.py).
    HONEYPOT = "website"

    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Agree to the privacy notice to register")},
    )
    listed_publicly = forms.BooleanField(
        label=_("You may list my name and organisation as a participant of this event"),
        help_text=_("Optional. Without it, your name is never shown publicly."),
        required=False,
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta(PersonForm.Meta):
        fields = (*PersonForm.Meta.fields, "listed_publicly")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "We send your confirmation here, with a link to cancel if you cannot come."
        )
        version = settings.PORTAL_PRIVACY_NOTICE_VERSION
        self.fields["consent"].label = _("I agree to the privacy notice")
        self.fields["consent"].help_text = format_html(
            '<a href="{}">{}</a>',
            reverse("site:privacy"),
            _("Read the privacy notice (version %(version)s): what we keep, why, for how long")
            % {"version": version},
        )

    @property
    def is_trap_filled(self) -> bool:
        """True when the honeypot holds something: a program, not a person."""
        return bool((self.data.get(self.add_prefix(self.HONEYPOT)) or "").strip())
