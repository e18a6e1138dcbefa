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
from django.db.models import Model
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.programme import selectors as programme_selectors
from apps.programme.models import MemberState

from . import evidence, selectors, services
from .models import Activity, Disaggregation, Indicator, IndicatorUpdate, disaggregation_total

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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


class ActivityForm(forms.Form):
    """Log or change an activity: everything on one form, sent once."""

    title = _model_field(Activity, "title")
    activity_type = _model_field(Activity, "activity_type")
    start_date = _model_field(Activity, "start_date", widget=DATE_WIDGET)
    end_date = _model_field(Activity, "end_date", widget=DATE_WIDGET)
    component = _model_field(Activity, "component")
    location = _model_field(Activity, "location")
    description = _model_field(Activity, "description", widget=forms.Textarea(attrs={"rows": 4}))
    member_states = _model_field(
        Activity, "member_states", widget=forms.CheckboxSelectMultiple, help_text=""
    )
    partners = _model_field(Activity, "partners", widget=forms.CheckboxSelectMultiple, help_text="")
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
    )
    participants_women = _model_field(Activity, "participants_women")
    participants_men = _model_field(Activity, "participants_men")
    participants_sex_other = _model_field(Activity, "participants_sex_other")
    participants_with_disability = _model_field(Activity, "participants_with_disability")
    participants_disability_not_stated = _model_field(
        Activity, "participants_disability_not_stated"
    )
    is_public = _model_field(Activity, "is_public")
    evidence = EvidenceField()
    token = CreationTokenField()

    def __init__(self, *args, user: User, activity: Activity | None = None, **kwargs):
        if activity is not None:
            kwargs["initial"] = {**self.initial_for(activity), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        # Only staff with a unit reach this form (StaffWorkspaceMixin).
        components = user.unit.components.order_by("number")
        self.fields["component"].queryset = components
        if len(components) == 1:
            # Most units work with one component: nothing to choose.
            self.fields["component"].empty_label = None
        self.fields["member_states"].queryset = programme_selectors.member_state_list()
        self.fields["partners"].queryset = programme_selectors.partner_list()
        self.fields["indicators"].queryset = selectors.indicator_list_for_unit_components(
            unit_id=user.unit_id
        )
        self.fields["activity_type"].choices = [("", _("Choose a type")), *Activity.Type.choices]
        self.fields["location"].help_text = _("e.g. Jakarta, or online")

    @staticmethod
    def initial_for(activity: Activity) -> dict:
        return forms.model_to_dict(
            activity, fields=[*services.ACTIVITY_FIELDS, *services.ACTIVITY_RELATIONS]
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the date it began."))
        return cleaned

    def activity_data(self) -> dict:
        """What `services.activity_create` / `activity_update` take."""
        names = (*services.ACTIVITY_FIELDS, *services.ACTIVITY_RELATIONS)
        return {name: self.cleaned_data[name] for name in names}


# --- Indicator updates ----------------------------------------------------------


class IndicatorUpdateForm(forms.Form):
    """Report one indicator for one period: only the fields its measure asks for,
    the disaggregation it asks for, a comment and evidence."""

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
    def _number(label, required_message, help_text="") -> forms.DecimalField:
        return forms.DecimalField(
            label=label,
            min_value=0,
            max_digits=14,
            decimal_places=2,
            help_text=help_text,
            error_messages={"required": required_message},
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
                        name: forms.DecimalField(
                            label=label,
                            min_value=0,
                            max_digits=14,
                            decimal_places=2,
                            required=False,
                        )
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
