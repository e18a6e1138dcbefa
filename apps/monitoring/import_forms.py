"""The upload form of the spreadsheet import (/workspace/imports/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import ReportingPeriod, SpreadsheetImport
from .services import period_refusal

DRAFT, SUBMIT = "draft", "submit"


class SpreadsheetImportForm(forms.Form):
    """What the file holds, its period (indicator updates), the file, and whether the
    rows become drafts or go for review. The file itself is checked by the service."""

    specific_error_messages = True

    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=SpreadsheetImport.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose what the file holds")},
    )
    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        queryset=ReportingPeriod.objects.all(),
        required=False,
        help_text=_(
            "Indicator updates only: the period the template was made for. Only open "
            "periods are listed."
        ),
        error_messages={"invalid_choice": _("Choose one of the open reporting periods")},
    )
    file = forms.FileField(
        label=_("The filled-in template"),
        help_text=_("The Excel workbook (.xlsx) you downloaded here and filled in."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
        error_messages={
            "required": _("Choose the filled-in template to upload"),
            "empty": _("The file is empty"),
        },
    )
    mode = forms.ChoiceField(
        label=_("What to do with the rows"),
        choices=[(DRAFT, _("Save them as drafts")), (SUBMIT, _("Submit them for review"))],
        initial=DRAFT,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": _("Choose whether to save drafts or submit them for review")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any period is read (a locked one gets its reason below); open ones are offered.
        self.fields["period"].choices = [
            ("", _("Choose a period")),
            *((period.pk, period.name) for period in selectors.period_list_open()),
        ]

    def clean_period(self):
        period = self.cleaned_data.get("period")
        if period is not None:
            refusal = period_refusal(period)
            if refusal:
                raise forms.ValidationError(refusal)
        return period

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind") == SpreadsheetImport.Kind.UPDATES
            and not cleaned.get("period")
            and "period" not in self.errors
        ):
            self.add_error("period", _("Choose the reporting period the file reports on"))
        return cleaned
