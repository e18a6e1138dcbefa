"""What the processes tests share: the data each service takes for a typical record,
and the same as a browser posts it (dates as day / month / year boxes)."""

import datetime
from decimal import Decimal

from apps.processes.models import (
    IntegrityMeasure,
    LegalInstrument,
    ProcessImprovement,
    Strategy,
    Workstream,
)
from tests.monitoring.helpers import date_input


def improvement_data(**overrides) -> dict:
    data = {
        "title": "Recruitment of professional staff",
        "workstream": Workstream.objects.get(slug="strategic-hr"),
        "stage": ProcessImprovement.Stage.REDESIGNED,
        "mapped_on": datetime.date(2019, 2, 11),
        "redesigned_on": datetime.date(2019, 10, 1),
        "measure": "working days",
        "measure_before": Decimal("120"),
        "measure_after": Decimal("82"),
        "is_public": True,
    }
    return {**data, **overrides}


def strategy_data(**overrides) -> dict:
    data = {
        "title": "ASEAN Communication Master Plan II",
        "workstream": Workstream.objects.get(slug="communication-outreach"),
        "stage": Strategy.Stage.ADOPTED,
        "adopted_on": datetime.date(2018, 11, 13),
        "is_public": True,
    }
    return {**data, **overrides}


def legal_instrument_data(**overrides) -> dict:
    data = {
        "title": "ASEAN model contract for procurement",
        "workstream": Workstream.objects.get(slug="legal-instruments"),
        "kind": LegalInstrument.Kind.TEMPLATE,
        "stage": LegalInstrument.Stage.UNDER_CONSULTATION,
        "consultation_started_on": datetime.date(2019, 10, 7),
        "trade_rights": "Equal terms for suppliers from every member state.",
        "is_public": True,
    }
    return {**data, **overrides}


def integrity_measure_data(**overrides) -> dict:
    data = {
        "title": "Conflict-of-interest declarations",
        "workstream": Workstream.objects.get(slug="corruption-prevention"),
        "kind": IntegrityMeasure.Kind.CONFLICT_OF_INTEREST,
        "stage": IntegrityMeasure.Stage.IN_PLACE,
        "in_place_on": datetime.date(2020, 7, 1),
        "staff_women": 180,
        "staff_covered_women": 150,
        "staff_men": 160,
        "staff_covered_men": 130,
        "is_public": True,
    }
    return {**data, **overrides}


def form_post(data: dict, *, action: str = "draft") -> dict:
    """`data` as the form posts it: dates as three boxes, records by pk, ticks as "on"."""
    post = {"action": action}
    for name, value in data.items():
        if isinstance(value, datetime.date):
            post.update(date_input(name, value))
        elif isinstance(value, bool):
            if value:
                post[name] = "on"
        elif isinstance(value, list | tuple):
            post[name] = [item.pk for item in value]
        elif hasattr(value, "pk"):
            post[name] = value.pk
        elif value is None:
            post[name] = ""
        else:
            post[name] = str(value)
    return post
