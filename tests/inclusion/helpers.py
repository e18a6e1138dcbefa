"""What the inclusion tests share: service data and form posts as a browser sends them."""

import datetime

from apps.inclusion.models import CrossCuttingTopic, PolicyReview, StaffCategory
from apps.inclusion.services import COUNT_FIELDS
from tests.monitoring.helpers import date_input


def review_data(**overrides) -> dict:
    """What `policy_review_create` takes: under review, gender equality, two recommendations."""
    data = {
        "title": "Recruitment rules of the Secretariat",
        "topics": list(CrossCuttingTopic.objects.filter(slug="gender-equality")),
        "stage": PolicyReview.Stage.UNDER_REVIEW,
        "started_on": datetime.date(2019, 2, 1),
        "findings": "Selection panels were often all men.",
        "recommendations": [
            {"text": "Gender-balanced selection panels.", "owner": "HR", "status": "open"},
            {"text": "Offer reasonable accommodation in tests.", "status": "in_progress"},
        ],
    }
    return {**data, **overrides}


def count_row(category, women=30, men=28, sex_other=2, with_disability=3, without=50, not_stated=7):
    return {
        "staff_category": category,
        **dict(
            zip(
                COUNT_FIELDS,
                (women, men, sex_other, with_disability, without, not_stated),
                strict=True,
            )
        ),
    }


def snapshot_data(**overrides) -> dict:
    data = {
        "as_of": datetime.date(2020, 12, 31),
        "source": "HR information system",
        "counts": [count_row(category) for category in StaffCategory.objects.all()],
    }
    return {**data, **overrides}


def management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def review_post(*, action="draft", recommendations=(), **fields) -> dict:
    """The policy review form as a browser sends it."""
    topic = CrossCuttingTopic.objects.get(slug="gender-equality")
    data = {
        "title": "Recruitment rules of the Secretariat",
        "topics": [str(topic.pk)],
        "stage": "under_review",
        **date_input("started_on", "2019-02-01"),
        **date_input("recommendations_on", None),
        **date_input("adopted_on", None),
        **date_input("implemented_on", None),
        "findings": "",
        "action": action,
        **management("recommendations", max(3, len(recommendations))),
    }
    for number in range(max(3, len(recommendations))):
        row = recommendations[number] if number < len(recommendations) else {}
        prefix = f"recommendations-{number}"
        data[f"{prefix}-text"] = row.get("text", "")
        data[f"{prefix}-owner"] = row.get("owner", "")
        data[f"{prefix}-status"] = row.get("status", "open")
        data.update(date_input(f"{prefix}-due_on", row.get("due_on")))
    data.update(fields)
    return data


def snapshot_post(*, action="draft", counts=None, **fields) -> dict:
    """The workforce snapshot form as a browser sends it; `counts` maps a category's
    slug to its six numbers (women, men, other, with, without, not stated)."""
    data = {
        **date_input("as_of", "2020-12-31"),
        "source": "HR information system",
        "notes": "",
        "action": action,
    }
    counts = counts or {}
    for category in StaffCategory.objects.all():
        numbers = counts.get(category.slug, (30, 28, 2, 3, 50, 7))
        for group, number in zip(COUNT_FIELDS, numbers, strict=True):
            data[f"count_{category.pk}_{group}"] = str(number)
    data.update(fields)
    return data
