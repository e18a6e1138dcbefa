"""Demo records of component 3 for a developer's machine (design.md §1).

The Corporate Affairs Directorate's demo staff member writes them through this app's
services and the demo adviser reviews them, so their history is the real one. Most
are approved and public; one measure waits for review and one is a draft, so the
queue and the workspace have something to show.

The workforce figures are invented but plausible for a secretariat of about 300
staff, with a few small groups (persons with disabilities, "other or not stated"),
most in the early snapshots, so that the public page shows the disclosure rule at
work there and the shares in the later ones.

Idempotent: records are matched on their title (snapshots on their date); what
exists is left alone, so a second run writes nothing.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ImproperlyConfigured

from apps.accounts.models import User
from apps.monitoring.models import Activity, ReviewStatus

from . import services
from .models import (
    AccessibilityMeasure,
    CrossCuttingTopic,
    PolicyReview,
    Recommendation,
    StaffCategory,
    WorkforceSnapshot,
)

UNIT = "CAD"
APPROVED, SUBMITTED, DRAFT = ReviewStatus.APPROVED, ReviewStatus.SUBMITTED, ReviewStatus.DRAFT
Stage = PolicyReview.Stage

POLICY_REVIEWS = [
    {
        "title": "Recruitment rules of the Secretariat",
        "topics": ("gender-equality", "disability-inclusion"),
        "stage": Stage.ADOPTED,
        "started_on": date(2019, 2, 1),
        "recommendations_on": date(2019, 9, 30),
        "adopted_on": date(2020, 3, 12),
        "findings": (
            "Vacancy notices rarely invited applications from women and persons with "
            "disabilities, and selection panels were often all men. The rules said nothing "
            "about adjustments in tests and interviews."
        ),
        "recommendations": [
            {
                "text": "Gender-balanced selection panels for every professional post.",
                "owner": "Human Resources Division",
                "status": Recommendation.Status.IMPLEMENTED,
                "due_on": date(2020, 6, 30),
            },
            {
                "text": (
                    "Vacancy notices offer reasonable accommodation in tests and interviews, "
                    "and invite persons with disabilities to apply."
                ),
                "owner": "Human Resources Division",
                "status": Recommendation.Status.IN_PROGRESS,
                "due_on": date(2021, 6, 30),
            },
        ],
        "activities": ("Review of ASEC's HR regulations for gender equality",),
        "state": APPROVED,
    },
    {
        "title": "Staff regulations: reasonable accommodation",
        "topics": ("disability-inclusion",),
        "stage": Stage.RECOMMENDATIONS_MADE,
        "started_on": date(2020, 1, 15),
        "recommendations_on": date(2020, 11, 20),
        "findings": (
            "The staff regulations did not provide for reasonable accommodation; requests "
            "were handled case by case, without a budget or a named person responsible."
        ),
        "recommendations": [
            {
                "text": "A reasonable accommodation policy with a budget line and a focal point.",
                "owner": "Corporate Affairs Directorate",
                "status": Recommendation.Status.OPEN,
                "due_on": date(2021, 12, 31),
            },
        ],
        "activities": ("Disability inclusion workshop: reasonable accommodation at ASEC",),
        "state": APPROVED,
    },
]

# Per snapshot and category: (women, men, other or not stated) and
# (with disability, without, not stated); each category's two add up to the same.
WORKFORCE_SNAPSHOTS = [
    {
        "as_of": date(2018, 12, 31),
        "source": "HR information system, year-end headcount",
        "counts": {
            "professional": ((48, 71, 2), (1, 104, 16)),
            "general-service": ((102, 93, 5), (3, 172, 25)),
        },
        "state": APPROVED,
    },
    {
        "as_of": date(2020, 12, 31),
        "source": "HR information system, year-end headcount",
        "counts": {
            "professional": ((57, 69, 6), (2, 115, 15)),
            "general-service": ((108, 90, 7), (6, 180, 19)),
        },
        "state": APPROVED,
    },
    {
        "as_of": date(2021, 12, 31),
        "source": "HR information system, year-end headcount",
        "counts": {
            "professional": ((61, 68, 6), (5, 118, 12)),
            "general-service": ((111, 88, 8), (8, 184, 15)),
        },
        "state": APPROVED,
    },
]

Kind, MeasureStage = AccessibilityMeasure.Kind, AccessibilityMeasure.Stage

ACCESSIBILITY_MEASURES = [
    {
        "title": "Accessible documents: templates and training",
        "kind": Kind.COMMUNICATION,
        "stage": MeasureStage.IN_PLACE,
        "owner": "Community Relations Division",
        "started_on": date(2019, 10, 1),
        "in_place_on": date(2020, 9, 1),
        "description": (
            "Word and PDF templates with headings, alternative text and tagged tables; "
            "communication staff trained to use them."
        ),
        "state": APPROVED,
    },
    {
        "title": "Sign-language interpretation at the ASEAN Media Forum",
        "kind": Kind.EVENTS,
        "stage": MeasureStage.IN_PLACE,
        "owner": "Community Relations Division",
        "started_on": date(2019, 9, 1),
        "in_place_on": date(2019, 11, 20),
        "description": (
            "International Sign interpretation of the plenary sessions, live and online."
        ),
        "state": APPROVED,
    },
    {
        "title": "Ramps and a lift at the Secretariat's main entrance",
        "kind": Kind.BUILDING,
        "stage": MeasureStage.IN_PROGRESS,
        "owner": "General Services Division",
        "started_on": date(2021, 6, 1),
        "description": "Following the accessibility audit of the building in May 2021.",
        "activities": ("Accessibility audit of the ASEC building",),
        "state": APPROVED,
    },
    {
        "title": "Screen-reader software on request",
        "kind": Kind.IT,
        "stage": MeasureStage.PLANNED,
        "owner": "IT Division",
        "description": "Licences and support for staff who need a screen reader.",
        "state": SUBMITTED,
    },
]


def _people(users: Iterable[User]) -> tuple[User, User]:
    reviewer = author = None
    for user in users:
        if user.is_programme_adviser and reviewer is None:
            reviewer = user
        elif user.is_secretariat_staff and user.unit_id and user.unit.abbreviation == UNIT:
            author = author or user
    if reviewer is None or author is None:
        raise ImproperlyConfigured(
            f"The inclusion demo needs the demo adviser and a demo staff member of {UNIT}."
        )
    return reviewer, author


def _activities(author: User, titles: Iterable[str]) -> list[Activity]:
    return list(Activity.objects.filter(unit_id=author.unit_id, title__in=list(titles)))


def inclusion_demo_load(*, users) -> dict[str, int]:
    """Write the demo policy reviews, workforce snapshots and accessibility measures.
    Idempotent. Returns how many of each were created."""
    reviewer, author = _people(users)
    written = {"policy reviews": 0, "workforce snapshots": 0, "accessibility measures": 0}
    topics = {topic.slug: topic for topic in CrossCuttingTopic.objects.all()}
    categories = {category.slug: category for category in StaffCategory.objects.all()}

    for spec in POLICY_REVIEWS:
        if PolicyReview.objects.filter(unit_id=author.unit_id, title=spec["title"]).exists():
            continue
        data = {
            key: spec.get(key)
            for key in ("title", "stage", "started_on", "recommendations_on", "adopted_on")
        }
        data |= {
            "findings": spec["findings"],
            "topics": [topics[slug] for slug in spec["topics"]],
            "activities": _activities(author, spec.get("activities", ())),
            "recommendations": spec["recommendations"],
            "is_public": True,
        }
        record = services.policy_review_create(user=author, data=data, submit=True)
        if spec["state"] == APPROVED:
            services.policy_review_approve(policy_review=record, reviewer=reviewer)
        written["policy reviews"] += 1

    for spec in WORKFORCE_SNAPSHOTS:
        if WorkforceSnapshot.objects.filter(as_of=spec["as_of"]).exists():
            continue
        counts = []
        for slug, (by_sex, by_disability) in spec["counts"].items():
            keys = services.COUNT_FIELDS
            counts.append(
                {
                    "staff_category": categories[slug],
                    **dict(zip(keys, (*by_sex, *by_disability), strict=True)),
                }
            )
        data = {
            "as_of": spec["as_of"],
            "source": spec["source"],
            "counts": counts,
            "is_public": True,
        }
        record = services.workforce_snapshot_create(user=author, data=data, submit=True)
        if spec["state"] == APPROVED:
            services.workforce_snapshot_approve(snapshot=record, reviewer=reviewer)
        written["workforce snapshots"] += 1

    for spec in ACCESSIBILITY_MEASURES:
        if AccessibilityMeasure.objects.filter(
            unit_id=author.unit_id, title=spec["title"]
        ).exists():
            continue
        data = {
            key: spec.get(key, "") for key in ("title", "kind", "stage", "owner", "description")
        }
        data |= {
            "started_on": spec.get("started_on"),
            "in_place_on": spec.get("in_place_on"),
            "activities": _activities(author, spec.get("activities", ())),
            "is_public": True,
        }
        record = services.accessibility_measure_create(
            user=author, data=data, submit=spec["state"] != DRAFT
        )
        if spec["state"] == APPROVED:
            services.accessibility_measure_approve(measure=record, reviewer=reviewer)
        written["accessibility measures"] += 1
    return written
