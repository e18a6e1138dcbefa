from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import Span


class ReportChoiceForm(forms.Form):
    """The span of a report and whether it is for publication (a GET form: it only
    chooses which report to open)."""

    span = forms.ChoiceField(
        label=_("Span"),
        error_messages={
            "required": _("Choose the year or the whole term the report covers."),
            "invalid_choice": _(
                "Choose one of the programme's years or the whole term: “%(value)s” is not one."
            ),
        },
    )
    publication = forms.BooleanField(
        label=_("For publication (apply the disclosure rule)"),
        required=False,
        help_text=_(
            "Only public indicators, public activities and published events; every number "
            "of people rounded to the nearest 5, under 5 written “fewer than 5”."
        ),
    )

    def __init__(self, *args, spans: list[Span], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["span"].choices = [
            (
                span.key,
                span.label if span.is_year else _("Whole term, %(term)s") % {"term": span.label},
            )
            for span in spans
        ]
