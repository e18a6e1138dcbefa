"""Form fields and widgets the portal's forms share.

- `DateInputField`: a date typed as three numbers, day, month and year (the GOV.UK
  "date input" pattern). A browser's `<input type=date>` follows the browser's
  locale: "10122021" typed for 10 December 2021 became 12 October 2021 on a
  computer set to American English. Three labelled boxes cannot be misread.
- `WholeNumberField` and `DecimalNumberField`: numbers in a text box with a
  numeric keyboard on phones (`inputmode`), shown as people write them: "90",
  "12.5", never "90.00". Not `<input type=number>`: its value changes when a
  person scrolls over it, and browsers read some typed values as empty.

Templates: `includes/widgets/date_input.html` (the three boxes) and
`includes/_field.html` (label, hint, error, input: the order the portal's forms
use).
"""

import calendar
import datetime
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DATE_EXAMPLE = _("For example, 10 12 2021")

# A date sent as one value, as the portal's forms did before (a form left open in a
# tab across an update, a script): still understood.
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def number_text(value) -> str:
    """A number as typed into a box: 90, 12.5, 0.25 (no trailing zeros, no grouping,
    no exponent)."""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


class DateInputWidget(forms.MultiWidget):
    """Three text boxes, Day, Month and Year, each with its own label, inside the
    field's fieldset; named `<name>_0`, `<name>_1`, `<name>_2` (the error summary
    links to `<id>_0`, the day)."""

    template_name = "includes/widgets/date_input.html"
    PARTS = (("day", _("Day")), ("month", _("Month")), ("year", _("Year")))

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "off",
                    "spellcheck": "false",
                    "class": f"form-control portal-date-input__input portal-date-input__{part}",
                }
            )
            for part, _label in self.PARTS
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if not any(f"{name}_{index}" in data for index in range(3)) and name in data:
            match = _ISO_DATE.fullmatch(str(data.get(name) or "").strip())
            if match:
                year, month, day = match.groups()
                return [str(int(day)), str(int(month)), year]
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def _render(self, template_name, context, renderer=None):
        # The template lives in the project's templates/, which Django's default form
        # renderer does not search; the project's template engine does.
        return mark_safe(loader.render_to_string(template_name, context))  # noqa: S308

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (part, label) in zip(
            context["widget"]["subwidgets"], self.PARTS, strict=True
        ):
            subwidget["part"], subwidget["label"] = part, label
            if subwidget["attrs"].get("aria-invalid"):
                subwidget["attrs"]["class"] += " is-invalid"
        return context


class DateInputField(forms.Field):
    """A date typed as day, month and year, with a message for each way it can be
    wrong, in the order a person can act on them: nothing typed ("required"), a part
    missing ("incomplete", naming the part), letters where numbers belong ("invalid"),
    a year not of four digits ("year"), no such day, like 31 2 2021 ("real").
    A month may be written as a name too ("Dec", "December"). The hint ends with an
    example: "For example, 10 12 2021"."""

    widget = DateInputWidget
    default_error_messages = {
        "required": _("Enter a date"),
        "incomplete": _("The date must include %(missing)s"),
        "invalid": _("Enter the date in numbers, for example 10 12 2021"),
        "year": _("The year must have 4 numbers, for example 2021"),
        "real": _("Enter a real date"),
    }
    MISSING = {
        ("day",): _("a day"),
        ("month",): _("a month"),
        ("year",): _("a year"),
        ("day", "month"): _("a day and month"),
        ("day", "year"): _("a day and year"),
        ("month", "year"): _("a month and year"),
    }

    def __init__(self, *, help_text="", example=DATE_EXAMPLE, **kwargs):
        if example:
            help_text = format_lazy("{} {}", help_text, example) if help_text else example
        super().__init__(help_text=help_text, **kwargs)

    def to_python(self, value) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        parts = [str(part or "").strip() for part in (value or ["", "", ""])]
        if not any(parts):
            return None
        names = [name for name, _label in DateInputWidget.PARTS]
        missing = tuple(name for name, part in zip(names, parts, strict=True) if not part)
        if missing:
            raise ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params={"missing": self.MISSING[missing]},
            )
        day, month, year = parts
        month = self._month_number(month)
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4:
            raise ValidationError(self.error_messages["year"], code="year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(self.error_messages["real"], code="real") from None

    @staticmethod
    def _month_number(month: str) -> str:
        """ "Dec" or "december" as "12"; anything else as it was."""
        if month.isdigit() or len(month) < 3:
            return month
        for number in range(1, 13):
            if calendar.month_name[number].lower().startswith(month.lower()):
                return str(number)
        return month

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True


class NumberInput(forms.TextInput):
    """A text box for a number: the numeric keyboard on phones, the value written as
    people write it (`number_text`), and what was typed shown back as it was."""

    def __init__(self, attrs=None, *, decimals: bool = False):
        attrs = {
            "inputmode": "decimal" if decimals else "numeric",
            "autocomplete": "off",
            "spellcheck": "false",
            **(attrs or {}),
        }
        super().__init__(attrs)

    def format_value(self, value):
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            value = number_text(value)
        return super().format_value(value)


class WholeNumberField(forms.IntegerField):
    """A count: 0 or more, in a text box with the numeric keyboard."""

    widget = NumberInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def to_python(self, value):
        # "1,250" and "1 250" are how people write counts.
        if isinstance(value, str):
            value = re.sub(r"(?<=\d)[,\s](?=\d{3}\b)", "", value.strip())
        return super().to_python(value)


class DecimalNumberField(forms.DecimalField):
    """A figure that may have decimals: shown as "90" or "12.5", never "90.00"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", NumberInput(decimals=True))
        super().__init__(**kwargs)
