"""Every write of the processes app: its reference data, and its four reviewed records.

The records go through the review core (`apps.monitoring.records` and `review`):
one transaction, the row locked and re-checked, only what changed saved, one audit
entry. The app adds its own rules (`rules.py`): only staff of the component's
units write, each stage carries its date, figures make sense. Errors are
ValidationErrors keyed by field, or PermissionDenied.

`data` holds the model's fields and many-to-many relations by name, as the forms'
`record_data()` gives them; an update may send only what changes.
"""

import uuid

from django.db import transaction

from apps.core.db import upsert
from apps.monitoring import records, review
from apps.programme.models import Unit

from . import facts, rules
from .models import (
    Audience,
    IntegrityMeasure,
    LegalInstrument,
    ProcessImprovement,
    Strategy,
    Workstream,
)

# --- Reference data ---------------------------------------------------------------------


@transaction.atomic
def processes_facts_load() -> dict[str, int]:
    """Write the audiences and workstreams of `facts.py`, matched on their slugs, with
    their lead and partner units (by abbreviation). Idempotent: a second run writes
    nothing. Returns how many rows of each kind were created or changed.

    Raises Unit.DoesNotExist when the programme facts are not loaded yet."""
    written = {"audiences": 0, "workstreams": 0}
    for item in facts.AUDIENCES:
        values = {key: item[key] for key in ("name", "order")}
        _audience, changed = upsert(Audience, lookup={"slug": item["slug"]}, values=values)
        written["audiences"] += changed

    units = {unit.abbreviation: unit for unit in Unit.objects.all()}
    for item in facts.WORKSTREAMS:
        values = {key: item[key] for key in ("title", "aim", "order")}
        workstream, changed = upsert(Workstream, lookup={"slug": item["slug"]}, values=values)
        for relation in ("lead_units", "partner_units"):
            wanted = {_unit(units, abbreviation).pk for abbreviation in item[relation]}
            manager = getattr(workstream, relation)
            if set(manager.values_list("pk", flat=True)) != wanted:
                manager.set(wanted)
                changed = True
        written["workstreams"] += changed
    return written


def _unit(units: dict[str, Unit], abbreviation: str) -> Unit:
    try:
        return units[abbreviation]
    except KeyError:
        raise Unit.DoesNotExist(
            f"Unit {abbreviation} is missing: load the programme facts first."
        ) from None


# --- Process improvements -----------------------------------------------------------------


def improvement_create(
    *, user, data: dict, files=(), submit: bool = False, token: uuid.UUID | None = None
) -> ProcessImprovement:
    """A new process improvement of the user's unit (submitted at once if asked)."""
    return records.record_create(
        record=ProcessImprovement(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=rules.check_improvement,
    )


def improvement_update(
    *, improvement: ProcessImprovement, user, data: dict, files=(), submit: bool = False
) -> ProcessImprovement:
    return records.record_update(
        record=improvement,
        user=user,
        data=data,
        files=files,
        submit=submit,
        check=rules.check_improvement,
    )


def improvement_submit(*, improvement: ProcessImprovement, user) -> ProcessImprovement:
    return review.submit(record=improvement, user=user)


def improvement_approve(*, improvement: ProcessImprovement, reviewer) -> ProcessImprovement:
    return review.approve(record=improvement, reviewer=reviewer)


def improvement_return(
    *, improvement: ProcessImprovement, reviewer, note: str
) -> ProcessImprovement:
    return review.return_to_author(record=improvement, reviewer=reviewer, note=note)


def improvement_reopen(*, improvement: ProcessImprovement, user) -> ProcessImprovement:
    """Open it for changes once approved: it has moved on to a later stage."""
    return review.reopen(record=improvement, user=user)


def improvement_delete(*, improvement: ProcessImprovement, user) -> None:
    review.delete(record=improvement, user=user)


# --- Strategies -------------------------------------------------------------------------


def strategy_create(
    *, user, data: dict, files=(), submit: bool = False, token: uuid.UUID | None = None
) -> Strategy:
    return records.record_create(
        record=Strategy(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=rules.check_strategy,
    )


def strategy_update(
    *, strategy: Strategy, user, data: dict, files=(), submit: bool = False
) -> Strategy:
    return records.record_update(
        record=strategy,
        user=user,
        data=data,
        files=files,
        submit=submit,
        check=rules.check_strategy,
    )


def strategy_submit(*, strategy: Strategy, user) -> Strategy:
    return review.submit(record=strategy, user=user)


def strategy_approve(*, strategy: Strategy, reviewer) -> Strategy:
    return review.approve(record=strategy, reviewer=reviewer)


def strategy_return(*, strategy: Strategy, reviewer, note: str) -> Strategy:
    return review.return_to_author(record=strategy, reviewer=reviewer, note=note)


def strategy_reopen(*, strategy: Strategy, user) -> Strategy:
    """Open it for changes once approved: it has moved on to a later stage."""
    return review.reopen(record=strategy, user=user)


def strategy_delete(*, strategy: Strategy, user) -> None:
    review.delete(record=strategy, user=user)


# --- Legal instruments --------------------------------------------------------------------


def legal_instrument_create(
    *, user, data: dict, files=(), submit: bool = False, token: uuid.UUID | None = None
) -> LegalInstrument:
    return records.record_create(
        record=LegalInstrument(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=rules.check_legal_instrument,
    )


def legal_instrument_update(
    *, instrument: LegalInstrument, user, data: dict, files=(), submit: bool = False
) -> LegalInstrument:
    return records.record_update(
        record=instrument,
        user=user,
        data=data,
        files=files,
        submit=submit,
        check=rules.check_legal_instrument,
    )


def legal_instrument_submit(*, instrument: LegalInstrument, user) -> LegalInstrument:
    return review.submit(record=instrument, user=user)


def legal_instrument_approve(*, instrument: LegalInstrument, reviewer) -> LegalInstrument:
    return review.approve(record=instrument, reviewer=reviewer)


def legal_instrument_return(*, instrument: LegalInstrument, reviewer, note: str) -> LegalInstrument:
    return review.return_to_author(record=instrument, reviewer=reviewer, note=note)


def legal_instrument_reopen(*, instrument: LegalInstrument, user) -> LegalInstrument:
    """Open it for changes once approved: it has moved on to a later stage."""
    return review.reopen(record=instrument, user=user)


def legal_instrument_delete(*, instrument: LegalInstrument, user) -> None:
    review.delete(record=instrument, user=user)


# --- Integrity measures -------------------------------------------------------------------


def integrity_measure_create(
    *, user, data: dict, files=(), submit: bool = False, token: uuid.UUID | None = None
) -> IntegrityMeasure:
    return records.record_create(
        record=IntegrityMeasure(unit_id=user.unit_id),
        user=user,
        data=data,
        files=files,
        submit=submit,
        token=token,
        check=rules.check_integrity_measure,
    )


def integrity_measure_update(
    *, measure: IntegrityMeasure, user, data: dict, files=(), submit: bool = False
) -> IntegrityMeasure:
    return records.record_update(
        record=measure,
        user=user,
        data=data,
        files=files,
        submit=submit,
        check=rules.check_integrity_measure,
    )


def integrity_measure_submit(*, measure: IntegrityMeasure, user) -> IntegrityMeasure:
    return review.submit(record=measure, user=user)


def integrity_measure_approve(*, measure: IntegrityMeasure, reviewer) -> IntegrityMeasure:
    return review.approve(record=measure, reviewer=reviewer)


def integrity_measure_return(*, measure: IntegrityMeasure, reviewer, note: str) -> IntegrityMeasure:
    return review.return_to_author(record=measure, reviewer=reviewer, note=note)


def integrity_measure_reopen(*, measure: IntegrityMeasure, user) -> IntegrityMeasure:
    """Open it for changes once approved: it has moved on to a later stage."""
    return review.reopen(record=measure, user=user)


def integrity_measure_delete(*, measure: IntegrityMeasure, user) -> None:
    review.delete(record=measure, user=user)
