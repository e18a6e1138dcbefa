"""Forms for Secretariat staff's work under /workspace/.

The forms read and check what people type; the services decide the rules, and
the views turn a service's ValidationError into errors on these forms. Every
form renders field by field with crispy-bootstrap5 in the portal's accessible
pattern (docs/accessibility.md): labels, help texts, an error summary, no
autofocus.
"""

import uuid
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.forms import DateInputField, DecimalNumberField, NumberInput, WholeNumberField
from apps.programme import selectors as programme_selectors
from apps.programme.models import MemberState, Partner

from . import evidence, selectors, services
from .models import (
    Activity,
    Disaggregation,
    Indicator,
    IndicatorUpdate,
    disaggregation_total,
)


def _model_field(model: type[Model], name: str, **kwargs) -> forms.Field:
    """The form field Django makes for a model field: its label, help text and limits."""
    return model._meta.get_field(name).formfield(**kwargs)


# --- Evidence files -------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Optional; one or more files, each checked as `evidence.validate` does, and all
    of them together within the per-request limit."""

    def __init__(self, **kwargs):
        accept = ",".join(sorted(evidence.TYPES))
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        kwargs.setdefault("label", _("Evidence files"))
        kwargs.setdefault("help_text", lazy(self.describe_limits, str)())
        kwargs["required"] = False
        super().__init__(**kwargs)

    @staticmethod
    def describe_limits() -> str:
        return _(
            "Optional. An agenda, a report, a participant list or photos: %(allowed)s, up to "
            "%(limit)d MB each and %(total)d MB in all. You can choose several files."
        ) % {
            "allowed": evidence.allowed_extensions(),
            "limit": evidence.MAX_FILE_BYTES // evidence.MB,
            "total": evidence.MAX_TOTAL_BYTES // evidence.MB,
        }

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        cleaned, errors = [], []
        for file in files:
            if not file:
                continue
            file = super().clean(file, initial)
            try:
                evidence.validate(file=file)
            except ValidationError as error:
                name = Path(file.name or "").name
                errors.extend(f"{name}: {message}" for message in error.messages)
            cleaned.append(file)
        if errors:
            raise ValidationError(errors)
        evidence.validate_total(files=cleaned)
        return cleaned


class CreationTokenField(forms.UUIDField):
    """A hidden token made when the form is shown: the service recognises the same
    form sent twice (a double click) and answers with the record it already made."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            initial=uuid.uuid4,
            widget=forms.HiddenInput,
            error_messages={"invalid": _("This form is out of date. Reload the page and retry.")},
            **kwargs,
        )


# --- Activities -----------------------------------------------------------------


class IndicatorChoiceIterator(forms.models.ModelChoiceIterator):
    """The indicators as groups, one per result: each becomes an <optgroup> named after
    its component and result. The queryset keeps each result's indicators together
    (`selectors.indicator_list_for_unit_components`). Read as values, not model
    objects: a unit may see hundreds of indicators, and an option needs only the
    indicator's id, code and title."""

    def __iter__(self):
        rows = self.queryset.values_list(
            "pk",
            "code",
            "title",
            "result_id",
            "result__code",
            "result__title",
            "result__component__number",
        )
        for group, options in groupby(rows, key=itemgetter(3, 4, 5, 6)):
            _result, result_code, result_title, number = group
            label = _("Component %(number)s, %(code)s %(title)s") % {
                "number": number,
                "code": result_code,
                "title": result_title,
            }
            yield label, [(pk, f"{code} {title}") for pk, code, title, *_result in options]


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    """The indicators an activity contributes to, as one <select multiple> grouped by
    component and result.

    Why not a checkbox each, as before: a unit may see hundreds of indicators (with a
    hundred times the demo data, 1,000 checkboxes made the form 361 KB), and a checkbox
    with its label and wrapper costs some 250 bytes of markup where an <option> costs
    about 30 plus its text. Screen readers announce an option's group, and the select
    is one labelled control with a help text that says how to choose several.

    Which indicators may be chosen is unchanged: the field's queryset (the selector
    `indicator_list_for_unit_components`) and, when saving, the service's check that
    they belong to the activity's component. Grouping only changes how they are shown.
    """

    iterator = IndicatorChoiceIterator
    widget = forms.SelectMultiple(attrs={"size": 10})


# Kinds of activity people take part in: for these, 0 participants in all is
# probably a box left at 0, so the form asks once before accepting it.
TYPES_WITH_PARTICIPANTS = (
    Activity.Type.WORKSHOP,
    Activity.Type.MEETING,
    Activity.Type.TRAINING,
    Activity.Type.LAUNCH,
)
PARTICIPANT_FIELDS = (
    "participants_women",
    "participants_men",
    "participants_sex_other",
    "participants_with_disability",
    "participants_disability_not_stated",
)


MAX_PARTICIPANTS = 1_000_000


def _count(model_field: str, *, required: str, invalid: str, negative: str) -> WholeNumberField:
    """A participant count: no default, so a box left empty is noticed (0 typed on
    purpose is fine), with messages that say which count is missing."""
    return WholeNumberField(
        label=capfirst(Activity._meta.get_field(model_field).verbose_name),
        max_value=MAX_PARTICIPANTS,
        widget=NumberInput(attrs={"class": "portal-input-count"}),
        error_messages={
            "required": required,
            "invalid": invalid,
            "min_value": negative,
            "max_value": _("Enter a number up to 1,000,000"),
        },
    )


class ActivityForm(forms.Form):
    """Log or change an activity: everything on one form, sent once.

    What the form decides, beyond reading the input: the participant counts start
    empty and must be filled (0 is an answer); 0 participants in all for a kind of
    activity people take part in asks once for a confirmation; "All ASEAN member
    states" stands for every state that was a member on the activity's date; only
    states that were members during the programme's activity window are offered,
    and the executing agency (the Secretariat itself) is not offered as a partner;
    a unit with one component is not asked to choose it. The services check the
    membership and partner rules again.
    """

    # The messages say what to do, so the error summary shows them without the label.
    specific_error_messages = True

    title = _model_field(
        Activity,
        "title",
        error_messages={
            "required": _("Enter the activity's title"),
            "max_length": _("The title must be %(limit_value)d characters or fewer"),
        },
    )
    activity_type = _model_field(
        Activity,
        "activity_type",
        error_messages={
            "required": _("Choose the type of activity"),
            "invalid_choice": _("Choose one of the types in the list"),
        },
    )
    start_date = DateInputField(
        label=_("Date"),
        help_text=Activity._meta.get_field("start_date").help_text,
        error_messages={
            "required": _("Enter the date the activity took place or started"),
            "incomplete": _("The date must include %(missing)s"),
        },
    )
    end_date = DateInputField(
        label=_("End date"),
        required=False,
        help_text=Activity._meta.get_field("end_date").help_text,
        example=_("For example, 11 12 2021"),
        error_messages={
            "incomplete": _("The end date must include %(missing)s"),
            "invalid": _("Enter the end date in numbers, for example 11 12 2021"),
            "real": _("Enter a real end date"),
        },
    )
    component = _model_field(
        Activity,
        "component",
        error_messages={
            "required": _("Choose the component the activity belongs to"),
            "invalid_choice": _("Choose one of your unit's components"),
        },
    )
    location = _model_field(Activity, "location")
    description = _model_field(Activity, "description", widget=forms.Textarea(attrs={"rows": 4}))
    all_member_states = forms.BooleanField(
        label=_("All ASEAN member states"),
        required=False,
        help_text=_("Every state that was a member on the activity's date."),
    )
    member_states = _model_field(
        Activity,
        "member_states",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Optional. Tick “All ASEAN member states”, or the ones that took part."),
        error_messages={"invalid_choice": _("Choose the member states from the list")},
    )
    partners = _model_field(
        Activity,
        "partners",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Optional. Organisations that ran or supported it with your unit."),
        error_messages={"invalid_choice": _("Choose the partners from the list")},
    )
    indicators = _model_field(
        Activity,
        "indicators",
        form_class=IndicatorChoiceField,
        help_text=_(
            "Optional. The results framework's indicators this activity helps to reach, "
            "grouped by component and result. To choose several, hold Ctrl (Cmd on a Mac) "
            "while you click each one; Ctrl-click a chosen one to remove it. With the "
            "keyboard: Ctrl and the arrow keys move, Ctrl+Space chooses."
        ),
        error_messages={"invalid_choice": _("Choose the indicators from the list")},
    )
    participants_women = _count(
        "participants_women",
        required=_("Enter the number of women who took part, or 0"),
        invalid=_("Enter the number of women as a whole number, like 12"),
        negative=_("The number of women cannot be below 0"),
    )
    participants_men = _count(
        "participants_men",
        required=_("Enter the number of men who took part, or 0"),
        invalid=_("Enter the number of men as a whole number, like 12"),
        negative=_("The number of men cannot be below 0"),
    )
    participants_sex_other = _count(
        "participants_sex_other",
        required=_("Enter the number of participants of another or unstated sex, or 0"),
        invalid=_("Enter the number of participants of another or unstated sex as a whole number"),
        negative=_("The number of participants of another or unstated sex cannot be below 0"),
    )
    participants_with_disability = _count(
        "participants_with_disability",
        required=_("Enter the number of persons with disabilities who took part, or 0"),
        invalid=_("Enter the number of persons with disabilities as a whole number, like 2"),
        negative=_("The number of persons with disabilities cannot be below 0"),
    )
    participants_disability_not_stated = _count(
        "participants_disability_not_stated",
        required=_("Enter the number of participants whose disability is not known, or 0"),
        invalid=_(
            "Enter the number of participants whose disability is not known as a whole number"
        ),
        negative=_("The number of participants whose disability is not known cannot be below 0"),
    )
    confirm_no_participants = forms.BooleanField(label=_("Yes, nobody took part"), required=False)
    is_public = _model_field(Activity, "is_public")
    evidence = EvidenceField()
    token = CreationTokenField()

    def __init__(self, *args, user: User, activity: Activity | None = None, **kwargs):
        self.activity = activity
        if activity is not None:
            kwargs["initial"] = {**self.initial_for(activity), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        # Only staff with a unit reach this form (StaffWorkspaceMixin).
        components = user.unit.components.select_related("programme").order_by("number")
        field = self.fields["component"]
        field.queryset = components
        self.single_component = components[0] if len(components) == 1 else None
        if self.single_component is not None:
            # Most units work with one component: nothing to choose, only to say.
            field.widget = forms.HiddenInput()
            field.initial = self.single_component.pk
        window = Activity(
            component=activity.component if activity else (components[0] if components else None)
        ).date_window()
        self.fields["member_states"].queryset = (
            programme_selectors.member_states_between(first=window[0], last=window[1])
            if window
            else programme_selectors.member_state_list()
        )
        self._add_participation_fields(list(self.fields["member_states"].queryset))
        self.fields["partners"].queryset = programme_selectors.partner_list(
            exclude_kinds=(Partner.Kind.EXECUTING_AGENCY,)
        )
        self.fields["indicators"].queryset = selectors.indicator_list_for_unit_components(
            unit_id=user.unit_id
        )
        self.fields["activity_type"].choices = [("", _("Choose a type")), *Activity.Type.choices]
        self.fields["location"].help_text = _("Optional. For example, Jakarta, or online")
        self.fields["description"].help_text = _("Optional.")
        self.fields["all_member_states"].widget.attrs["class"] = "form-check-input"

    def _add_participation_fields(self, states: list[MemberState]) -> None:
        """One optional count a member state offered: participants from that state."""
        self.participation_states = {}
        for state in states:
            name = f"from_{state.iso_code.lower()}"
            self.fields[name] = WholeNumberField(
                label=_("From %(state)s") % {"state": state.name},
                required=False,
                error_messages={
                    "invalid": _("Enter the number from %(state)s as a whole number, like 12")
                    % {"state": state.name},
                    "min_value": _("The number from %(state)s cannot be below 0")
                    % {"state": state.name},
                },
            )
            self.participation_states[name] = state

    @property
    def participation_fields(self) -> list:
        return [self[name] for name in self.participation_states]

    @property
    def participation_open(self) -> bool:
        """Show the member-state boxes unfolded when any holds a value or an error."""
        return any(
            field.errors or field.value() not in (None, "") for field in self.participation_fields
        )

    @staticmethod
    def initial_for(activity: Activity) -> dict:
        initial = forms.model_to_dict(
            activity, fields=[*services.ACTIVITY_FIELDS, *services.ACTIVITY_RELATIONS]
        )
        for row in activity.participation_by_state.select_related("member_state"):
            initial[f"from_{row.member_state.iso_code.lower()}"] = row.participants
        states = {state.pk for state in initial["member_states"]}
        members = set(
            programme_selectors.member_state_list(on=activity.start_date).values_list(
                "pk", flat=True
            )
        )
        if states and states == members:
            # Shown as the one choice it was; the boxes below stay for picking a few.
            initial.update(all_member_states=True, member_states=[])
        return initial

    @property
    def asks_to_confirm_no_participants(self) -> bool:
        """Show "Yes, nobody took part": when the form asked, or it was ticked."""
        return "confirm_no_participants" in self.errors or bool(
            self.is_bound and self["confirm_no_participants"].value()
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the date it began."))
        if cleaned.get("all_member_states") and start:
            cleaned["member_states"] = list(programme_selectors.member_state_list(on=start))
        self._check_participants(cleaned)
        self._check_participation(cleaned)
        return cleaned

    def _check_participation(self, cleaned: dict) -> None:
        """By member state, no more than all participants: said beside the boxes (the
        service checks it again)."""
        counts = [cleaned.get(name) or 0 for name in self.participation_states]
        total = [cleaned.get(name) for name in PARTICIPANT_FIELDS[:3]]
        if None in total or sum(counts) <= sum(total):
            return
        first = next(name for name in self.participation_states if cleaned.get(name))
        self.add_error(
            first,
            _(
                "Participants by member state add up to %(states)d, more than the %(total)d "
                "participants in all (women + men + other)."
            )
            % {"states": sum(counts), "total": sum(total)},
        )

    def _check_participants(self, cleaned: dict) -> None:
        counts = [cleaned.get(name) for name in PARTICIPANT_FIELDS]
        kind = cleaned.get("activity_type")
        if (
            kind in TYPES_WITH_PARTICIPANTS
            and None not in counts
            and sum(counts[:3]) == 0
            and not cleaned.get("confirm_no_participants")
        ):
            self.add_error(
                "confirm_no_participants",
                _(
                    "You entered 0 participants for this %(kind)s. If people took part, enter "
                    "how many; if nobody did, tick “Yes, nobody took part”."
                )
                % {"kind": Activity.Type(kind).label.lower()},
            )

    def activity_data(self) -> dict:
        """What `services.activity_create` / `activity_update` take."""
        names = (*services.ACTIVITY_FIELDS, *services.ACTIVITY_RELATIONS)
        data = {name: self.cleaned_data[name] for name in names}
        data[services.PARTICIPATION] = {
            state: self.cleaned_data[name] for name, state in self.participation_states.items()
        }
        return data


# --- Indicator updates ----------------------------------------------------------


class IndicatorUpdateForm(forms.Form):
    """Report one indicator for one period: only the fields its measure asks for,
    the disaggregation it asks for, a comment and evidence. Figures show as people
    write them ("90", "12.5"); a breakdown by member state offers the states that
    were members by the end of the period."""

    specific_error_messages = True

    comment = _model_field(
        IndicatorUpdate,
        "comment",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Sources, caveats, anything the reviewer should know."),
    )
    evidence = EvidenceField()
    token = CreationTokenField()

    def __init__(
        self,
        *args,
        indicator: Indicator,
        update: IndicatorUpdate | None = None,
        member_states: list[MemberState] | None = None,
        **kwargs,
    ):
        self.indicator = indicator
        self.measure_fields = self._measure_fields(indicator)
        self.disaggregation_groups = self._disaggregation_groups(indicator, member_states or [])
        if update is not None:
            kwargs["initial"] = {**self.initial_for(update), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        fields = dict(self.measure_fields)
        for group in self.disaggregation_groups:
            fields.update(group["fields"])
        fields.update(self.fields)
        self.fields = fields

    # The fields ------------------------------------------------------------

    @staticmethod
    def _number(label, required_message="", help_text="", *, required=True) -> DecimalNumberField:
        """A figure of up to 12 digits and 2 decimals, 0 or more, shown as "90" or
        "12.5" (never "90.00"), with messages that name it."""
        return DecimalNumberField(
            label=label,
            required=required,
            min_value=0,
            max_digits=14,
            decimal_places=2,
            help_text=help_text,
            widget=NumberInput(attrs={"class": "portal-input-count"}, decimals=True),
            error_messages={
                "required": required_message,
                "invalid": _("%(label)s must be a number, like 12 or 12.5") % {"label": label},
                "min_value": _("%(label)s cannot be below 0") % {"label": label},
                "max_digits": _("%(label)s is too large: at most 12 digits before the point")
                % {"label": label},
                "max_whole_digits": _("%(label)s is too large: at most 12 digits before the point")
                % {"label": label},
                "max_decimal_places": _("%(label)s can have at most 2 decimals, like 12.25")
                % {"label": label},
            },
        )

    @classmethod
    def _measure_fields(cls, indicator: Indicator) -> dict[str, forms.Field]:
        unit = indicator.unit_of_measure or _("units")
        if indicator.measure == Indicator.Measure.PERCENTAGE:
            return {
                "numerator": cls._number(
                    _("Numerator"),
                    _("Enter the numerator."),
                    _("How many count towards the indicator (%(unit)s).") % {"unit": unit},
                ),
                "denominator": cls._number(
                    _("Denominator"),
                    _("Enter a denominator greater than zero."),
                    _("Out of how many in all; more than zero."),
                ),
            }
        if indicator.measure == Indicator.Measure.QUALITATIVE:
            return {
                "narrative": forms.CharField(
                    label=_("Progress in this period"),
                    widget=forms.Textarea(attrs={"rows": 6}),
                    help_text=_("What changed, and how you know."),
                    error_messages={"required": _("Describe the progress in this period.")},
                )
            }
        if indicator.cumulative_rule == Indicator.CumulativeRule.CUMULATIVE:
            help_text = _("In %(unit)s: what was added in this period, not the running total.")
        else:
            help_text = _("In %(unit)s: the level reached by the end of this period.")
        return {
            "value": cls._number(
                _("Value"), _("Enter the value for this period."), help_text % {"unit": unit}
            )
        }

    @classmethod
    def _disaggregation_groups(
        cls, indicator: Indicator, member_states: list[MemberState]
    ) -> list[dict]:
        """One group of number fields per category the indicator is disaggregated by."""
        legends = {
            Disaggregation.Category.SEX: _("By sex"),
            Disaggregation.Category.DISABILITY: _("By disability"),
            Disaggregation.Category.MEMBER_STATE: _("By member state"),
        }
        groups = []
        for category in indicator.disaggregation_categories:
            if category == Disaggregation.Category.MEMBER_STATE:
                group = Disaggregation.Group.MEMBER_STATE
                rows = [
                    (f"dis_member_state_{state.pk}", category, group, state, state.name)
                    for state in member_states
                ]
            else:
                rows = [
                    (f"dis_{group}", category, group, None, Disaggregation.Group(group).label)
                    for group in Disaggregation.GROUPS[category]
                ]
            groups.append(
                {
                    "category": category,
                    "legend": legends[category],
                    "rows": rows,
                    "fields": {
                        name: cls._number(label, required=False)
                        for name, _category, _group, _state, label in rows
                    },
                }
            )
        return groups

    @classmethod
    def initial_for(cls, update: IndicatorUpdate) -> dict:
        initial = {name: getattr(update, name) for name in services.UPDATE_FIELDS}
        for row in update.disaggregations.all():
            if row.category == Disaggregation.Category.MEMBER_STATE:
                initial[f"dis_member_state_{row.member_state_id}"] = row.value
            else:
                initial[f"dis_{row.group}"] = row.value
        return initial

    # For the template ----------------------------------------------------------

    @property
    def measure_bound_fields(self):
        return [self[name] for name in self.measure_fields]

    @property
    def disaggregation_fieldsets(self) -> list[dict]:
        return [
            {
                "legend": group["legend"],
                "category": group["category"],
                "fields": [self[name] for name in group["fields"]],
            }
            for group in self.disaggregation_groups
        ]

    # Checking and handing over -------------------------------------------------

    def _total(self) -> Decimal | None:
        return disaggregation_total(
            measure=self.indicator.measure,
            value=self.cleaned_data.get("value"),
            numerator=self.cleaned_data.get("numerator"),
        )

    def clean(self):
        # The service checks this too; checking here puts the message next to
        # the group's fields rather than only at the top of the form.
        cleaned = super().clean()
        for group in self.disaggregation_groups:
            names = list(group["fields"])
            values = [cleaned[name] for name in names if cleaned.get(name) is not None]
            if not values or any(name in self.errors for name in names):
                continue
            error = services.disaggregation_total_error(
                category=group["category"], subtotal=sum(values, Decimal(0)), total=self._total()
            )
            if error:
                self.add_error(names[0], error)
        return cleaned

    def update_data(self) -> dict:
        """What `services.indicator_update_create` / `indicator_update_change` take."""
        data = {name: self.cleaned_data.get(name) for name in self.measure_fields}
        data["comment"] = self.cleaned_data.get("comment", "")
        data["disaggregations"] = [
            {"category": category, "group": group, "member_state": state, "value": value}
            for fieldset in self.disaggregation_groups
            for name, category, group, state, _label in fieldset["rows"]
            if (value := self.cleaned_data.get(name)) is not None
        ]
        return data


# --- Any reviewed record ----------------------------------------------------------


def record_formfield(field, **kwargs) -> forms.Field | None:
    """The portal's inputs for a model field: dates as day / month / year boxes,
    counts and figures as text boxes with the numeric keyboard, choices of other
    records as checkboxes; the model's label, help text and limits kept."""
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return DateInputField(
            label=capfirst(field.verbose_name),
            help_text=field.help_text,
            required=not field.blank,
            error_messages=kwargs.get("error_messages"),
        )
    if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        return field.formfield(form_class=WholeNumberField, **kwargs)
    if isinstance(field, models.DecimalField):
        return field.formfield(form_class=DecimalNumberField, **kwargs)
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")  # Django 6's default, said now
    if isinstance(field, models.ManyToManyField):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
    return field.formfield(**kwargs)


class ReviewedRecordForm(forms.ModelForm):
    """The form of any reviewed record (process improvements, initiatives…): the
    model's own fields in the portal's inputs (`record_formfield`), a creation token
    against double clicks, and evidence files. The service, not the form, saves:
    `record_data()` is what it writes.

    Subclasses name the model and fields in a Meta built on this one
    (`class Meta(ReviewedRecordForm.Meta)`) and may narrow choices in __init__ (e.g.
    to the unit's own activities); the form's `user` is the person writing."""

    class Meta:
        formfield_callback = staticmethod(record_formfield)

    token = CreationTokenField()
    evidence = EvidenceField()

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def record_data(self) -> dict:
        """The model's fields and relations as typed, for the services."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}

    def visible_record_fields(self):
        """The fields a generic template renders, in Meta's order (evidence last)."""
        return [self[name] for name in self._meta.fields if name in self.fields]
