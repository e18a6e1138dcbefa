"""Demo records of component 1 for a developer's machine, modelled on design.md §1: the
Communication Master Plan II, a faster recruitment at CAD, an ASEAN contract template
at LSAD, conflict-of-interest declarations with KPK at IAED.

`seed_demo` calls `processes_demo_load(users=…)` only when DEBUG is on, after the
facts, the demo accounts and monitoring's demo. Every record is written by the demo
staff member of its unit through the services (create, submit) and reviewed by the
demo adviser (approve, return), so its history is the real one. It links the
monitoring demo's activities of the same unit, and gives the workstreams the
component's demo indicators.

Idempotent: a record is matched on its model and title; what exists is left alone.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from apps.monitoring.models import Activity, Indicator, ReviewStatus
from apps.programme.models import Partner

from . import services
from .models import (
    Audience,
    IntegrityMeasure,
    LegalInstrument,
    ProcessImprovement,
    Strategy,
    Workstream,
)

DRAFT, SUBMITTED, RETURNED, APPROVED = (
    ReviewStatus.DRAFT,
    ReviewStatus.SUBMITTED,
    ReviewStatus.RETURNED,
    ReviewStatus.APPROVED,
)

# Workstream slug → the codes of monitoring's demo indicators that measure it.
WORKSTREAM_INDICATORS = {
    "communication-outreach": ("1.b", "1.1.a", "1.1.b"),
    "strategic-hr": ("1.a", "1.2.b"),
    "corruption-prevention": ("1.2.a",),
}

# kind: (model, its create, approve and return services, the services' record keyword)
KINDS = {
    "improvement": (
        ProcessImprovement,
        services.improvement_create,
        services.improvement_approve,
        services.improvement_return,
        "improvement",
    ),
    "strategy": (
        Strategy,
        services.strategy_create,
        services.strategy_approve,
        services.strategy_return,
        "strategy",
    ),
    "legal_instrument": (
        LegalInstrument,
        services.legal_instrument_create,
        services.legal_instrument_approve,
        services.legal_instrument_return,
        "instrument",
    ),
    "integrity_measure": (
        IntegrityMeasure,
        services.integrity_measure_create,
        services.integrity_measure_approve,
        services.integrity_measure_return,
        "measure",
    ),
}

RECORDS = [
    {
        "kind": "improvement",
        "unit": "CAD",
        "state": APPROVED,
        "activities": ("Competency framework workshop for strategic HR development",),
        "data": {
            "title": "Recruitment of professional staff",
            "workstream": "strategic-hr",
            "stage": ProcessImprovement.Stage.INSTITUTIONALISED,
            "mapped_on": date(2019, 2, 11),
            "redesigned_on": date(2019, 10, 1),
            "piloted_on": date(2020, 3, 2),
            "institutionalised_on": date(2021, 1, 18),
            "measure": "working days from the vacancy notice to the signed contract",
            "measure_before": Decimal("120"),
            "measure_after": Decimal("82"),
            "lower_is_better": True,
            "evidence_summary": "The revised recruitment procedure, adopted by the Deputy "
            "Secretary-General; HR records of 2021.",
            "is_public": True,
        },
    },
    {
        "kind": "improvement",
        "unit": "CRD",
        "state": APPROVED,
        "activities": ("ASEAN Media Forum 2019",),
        "data": {
            "title": "Media enquiry handling",
            "workstream": "communication-outreach",
            "stage": ProcessImprovement.Stage.PILOTED,
            "mapped_on": date(2019, 4, 8),
            "redesigned_on": date(2019, 12, 2),
            "piloted_on": date(2020, 6, 15),
            "measure": "processing days",
            "measure_before": Decimal("30"),
            "measure_after": Decimal("12"),
            "lower_is_better": True,
            "evidence_summary": "The enquiry log of the pilot, six months.",
            "is_public": True,
        },
    },
    {
        "kind": "improvement",
        "unit": "CRD",
        "state": RETURNED,
        "note": "Please give the figure before the redesign: how many days did a clearance take?",
        "data": {
            "title": "Clearance of press releases",
            "workstream": "communication-outreach",
            "stage": ProcessImprovement.Stage.REDESIGNED,
            "mapped_on": date(2020, 9, 1),
            "redesigned_on": date(2021, 3, 1),
            "is_public": True,
        },
    },
    {
        "kind": "strategy",
        "unit": "CID",
        "state": APPROVED,
        "audiences": ("cooperation-partners", "media", "civil-society", "citizens"),
        "activities": ("Launch of the ASEAN Communication Master Plan II",),
        "data": {
            "title": "ASEAN Communication Master Plan II",
            "workstream": "communication-outreach",
            "stage": Strategy.Stage.IN_IMPLEMENTATION,
            "adopted_on": date(2018, 11, 13),
            "implementation_started_on": date(2019, 1, 14),
            "summary": "How ASEAN tells its story to its peoples and partners, 2018–2025: "
            "one ASEAN message, many channels.",
            "is_public": True,
        },
    },
    {
        "kind": "strategy",
        "unit": "CRD",
        "state": SUBMITTED,
        "audiences": ("civil-society",),
        "activities": ("Consultation with civil society on ASEC's outreach strategy",),
        "data": {
            "title": "Outreach strategy for civil society",
            "workstream": "communication-outreach",
            "stage": Strategy.Stage.DRAFTING,
            "summary": "How ASEC involves civil society organisations in its outreach.",
            "is_public": True,
        },
    },
    {
        "kind": "legal_instrument",
        "unit": "LSAD",
        "state": APPROVED,
        "activities": ("Legal training on ASEAN contracts with the Centre for International Law",),
        "data": {
            "title": "ASEAN model contract for procurement",
            "workstream": "legal-instruments",
            "kind": LegalInstrument.Kind.TEMPLATE,
            "stage": LegalInstrument.Stage.ADOPTED,
            "consultation_started_on": date(2019, 10, 7),
            "adopted_on": date(2020, 5, 4),
            "trade_rights": "Fair and equal terms for suppliers from every member state.",
            "is_public": True,
        },
    },
    {
        "kind": "legal_instrument",
        "unit": "LSAD",
        "state": SUBMITTED,
        "activities": ("Legal training on ASEAN contracts: dispute clauses",),
        "data": {
            "title": "Procedure for consultations under the Enhanced Dispute Settlement Mechanism",
            "workstream": "legal-instruments",
            "kind": LegalInstrument.Kind.PROCEDURE,
            "stage": LegalInstrument.Stage.UNDER_CONSULTATION,
            "consultation_started_on": date(2021, 6, 1),
            "trade_rights": "A member state's right to have a trade dispute settled on time.",
            "is_public": True,
        },
    },
    {
        "kind": "integrity_measure",
        "unit": "IAED",
        "state": APPROVED,
        "partners": ("KPK",),
        "activities": ("Integrity and corruption prevention training for ASEC managers",),
        "data": {
            "title": "Conflict-of-interest declarations for all staff",
            "workstream": "corruption-prevention",
            "kind": IntegrityMeasure.Kind.CONFLICT_OF_INTEREST,
            "stage": IntegrityMeasure.Stage.IN_PLACE,
            "preparation_started_on": date(2019, 6, 3),
            "in_place_on": date(2020, 7, 1),
            "staff_women": 182,
            "staff_covered_women": 151,
            "staff_men": 164,
            "staff_covered_men": 129,
            "summary": "Every staff member declares interests once a year; IAED checks them.",
            "is_public": True,
        },
    },
    {
        "kind": "integrity_measure",
        "unit": "CAD",
        "state": DRAFT,
        "partners": ("KPK",),
        "activities": (
            "Anti-corruption workshop with KPK: whistle-blowing and conflicts of interest",
        ),
        "data": {
            "title": "Whistle-blowing channel",
            "workstream": "corruption-prevention",
            "kind": IntegrityMeasure.Kind.WHISTLE_BLOWING,
            "stage": IntegrityMeasure.Stage.IN_PREPARATION,
            "preparation_started_on": date(2021, 6, 8),
        },
    },
]


def _people(users) -> tuple:
    reviewer, authors = None, {}
    for user in users:
        if user.is_programme_adviser and reviewer is None:
            reviewer = user
        elif user.is_secretariat_staff and user.unit_id:
            authors.setdefault(user.unit.abbreviation, user)
    missing = sorted({spec["unit"] for spec in RECORDS} - authors.keys())
    if reviewer is None or missing:
        raise ImproperlyConfigured(
            "The processes demo needs the demo adviser and a demo staff member of each of "
            f"its units (missing: {', '.join(missing) or 'the adviser'})."
        )
    return reviewer, authors


@transaction.atomic
def processes_demo_load(*, users) -> dict[str, int]:
    """Write the demo records that do not exist yet (see the module's docstring) and
    link the workstreams to the demo indicators. Returns the rows created or changed."""
    reviewer, authors = _people(users)
    written = {"workstream indicators": _link_indicators()}
    workstreams = {workstream.slug: workstream for workstream in Workstream.objects.all()}
    for spec in RECORDS:
        model, create, approve, return_, argument = KINDS[spec["kind"]]
        if model.objects.filter(title=spec["data"]["title"]).exists():
            continue
        author = authors[spec["unit"]]
        data = {**spec["data"], "workstream": workstreams[spec["data"]["workstream"]]}
        data["activities"] = list(
            Activity.objects.filter(unit_id=author.unit_id, title__in=spec.get("activities", ()))
        )
        if "audiences" in spec:
            data["audiences"] = list(Audience.objects.filter(slug__in=spec["audiences"]))
        if "partners" in spec:
            data["partners"] = list(Partner.objects.filter(acronym__in=spec["partners"]))
        record = create(user=author, data=data, submit=spec["state"] != DRAFT)
        if spec["state"] == APPROVED:
            approve(**{argument: record}, reviewer=reviewer)
        elif spec["state"] == RETURNED:
            return_(**{argument: record}, reviewer=reviewer, note=spec["note"])
        key = str(model._meta.verbose_name_plural)
        written[key] = written.get(key, 0) + 1
    return written


def _link_indicators() -> int:
    """Add monitoring's demo indicators to the workstreams they measure, where both exist."""
    changed = 0
    for workstream in Workstream.objects.filter(slug__in=WORKSTREAM_INDICATORS):
        codes = WORKSTREAM_INDICATORS[workstream.slug]
        wanted = set(Indicator.objects.filter(code__in=codes).values_list("pk", flat=True))
        if wanted - set(workstream.indicators.values_list("pk", flat=True)):
            workstream.indicators.add(*wanted)
            changed += 1
    return changed
