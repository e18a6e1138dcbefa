"""The component's own rules for its records, on top of the review core's.

Each rule reads the record as it would be after the change: the values the
person sent (`data`, as a form's `record_data()` gives them, or a service
caller's partial dict) over the record's current ones. They raise
ValidationError keyed by the field to correct, so the message lands next to it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.core.validators import FIRST_DAY

from .models import IntegrityMeasure, ProcessImprovement, StagedRecord


def value(record, data: dict, name: str):
    """The field as it will be: what was sent, else what the record holds."""
    return data[name] if name in data else getattr(record, name)


# --- Stages and their dates -----------------------------------------------------------


def check_stage_dates(record: StagedRecord, data: dict, *, today: datetime.date | None = None):
    """The stage reached needs the date it was reached; a stage not reached yet has
    no date; the dates given follow each other (an earlier stage not after a later
    one), and none lies in the future. Each error is on the date field to correct."""
    today = today or timezone.localdate()
    stages = list(record.STAGE_DATES.items())
    labels = dict(type(record).Stage.choices)
    current = value(record, data, "stage")
    if current not in labels:
        return  # not a stage at all: full_clean says so on the field
    reached = [stage for stage, _name in stages].index(current)
    errors: dict[str, str] = {}
    previous: tuple[str, datetime.date] | None = None
    for position, (stage, name) in enumerate(stages):
        if name is None:
            continue
        day = value(record, data, name)
        label = labels[stage].lower()
        if position > reached and day:
            errors[name] = _(
                "It is not %(stage)s yet: leave this date empty, or move the stage on."
            ) % {"stage": label}
        elif position == reached and not day:
            errors[name] = _("Give the date it was %(stage)s.") % {"stage": label}
        elif day and day > today:
            errors[name] = _("The date it was %(stage)s cannot be in the future.") % {
                "stage": label
            }
        elif day and day < FIRST_DAY:
            errors[name] = _("Enter a date from %(first)s.") % {
                "first": date_format(FIRST_DAY, "DATE_FORMAT")
            }
        elif day and previous and day < previous[1]:
            errors[name] = _("It cannot be %(stage)s before it was %(earlier)s (%(day)s).") % {
                "stage": label,
                "earlier": previous[0],
                "day": date_format(previous[1], "DATE_FORMAT"),
            }
        if day and name not in errors:
            previous = (label, day)
    if errors:
        raise ValidationError(errors)


# --- Figures ------------------------------------------------------------------------


def check_measure(improvement: ProcessImprovement, data: dict) -> None:
    """Figures need the measure they count, and an after figure the before one it
    is compared with."""
    measure = value(improvement, data, "measure")
    before = value(improvement, data, "measure_before")
    after = value(improvement, data, "measure_after")
    errors = {}
    if (before is not None or after is not None) and not (measure or "").strip():
        errors["measure"] = _("Say what the figures count, e.g. “processing days”.")
    if after is not None and before is None:
        errors["measure_before"] = _("Give the figure before the change, to compare with.")
    if errors:
        raise ValidationError(errors)


def check_coverage(measure: IntegrityMeasure, data: dict) -> None:
    """Staff covered, by sex: each needs the staff it is counted among, and cannot
    be more than them."""
    errors = {}
    for sex, covered_label in (("women", _("women")), ("men", _("men"))):
        staff = value(measure, data, f"staff_{sex}")
        covered = value(measure, data, f"staff_covered_{sex}")
        if covered is None:
            continue
        if staff is None:
            errors[f"staff_{sex}"] = _(
                "Give how many %(group)s the measure is for, to count the share covered."
            ) % {"group": covered_label}
        elif covered > staff:
            errors[f"staff_covered_{sex}"] = _(
                "More %(group)s covered (%(covered)d) than the %(staff)d it is for."
            ) % {"group": covered_label, "covered": covered, "staff": staff}
    if errors:
        raise ValidationError(errors)


# --- Put together, per model -----------------------------------------------------------


def _all(*checks):
    """One check made of several: every error reported at once, each on its field."""

    def run(record, data: dict) -> None:
        errors: dict = {}
        for check in checks:
            try:
                check(record, data)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.setdefault(field, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    return run


check_improvement = _all(check_stage_dates, check_measure)
check_strategy = _all(check_stage_dates)
check_legal_instrument = _all(check_stage_dates)
check_integrity_measure = _all(check_stage_dates, check_coverage)
