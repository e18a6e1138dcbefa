"""Writes to user accounts."""

from django.contrib.auth.models import Group
from django.db import transaction

from apps.programme.models import Unit

from .models import User
from .roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF

# One adviser, and a staff member in each ASEC unit the programme works with.
DEMO_ACCOUNTS = [
    {
        "email": "adviser@example.org",
        "full_name": "Demo Programme Adviser",
        "role": PROGRAMME_ADVISERS,
        "unit": None,
        "is_staff": True,
    },
    {
        "email": "staff.processes@example.org",
        "full_name": "Demo Staff, Community Relations",
        "role": SECRETARIAT_STAFF,
        "unit": "CRD",
        "is_staff": False,
    },
    {
        "email": "staff.information@example.org",
        "full_name": "Demo Staff, Culture and Information",
        "role": SECRETARIAT_STAFF,
        "unit": "CID",
        "is_staff": False,
    },
    {
        "email": "staff.legal@example.org",
        "full_name": "Demo Staff, Legal Services",
        "role": SECRETARIAT_STAFF,
        "unit": "LSAD",
        "is_staff": False,
    },
    {
        "email": "staff.audit@example.org",
        "full_name": "Demo Staff, Internal Audit",
        "role": SECRETARIAT_STAFF,
        "unit": "IAED",
        "is_staff": False,
    },
    {
        "email": "staff.connectivity@example.org",
        "full_name": "Demo Staff, Connectivity",
        "role": SECRETARIAT_STAFF,
        "unit": "ACD",
        "is_staff": False,
    },
    {
        "email": "staff.inclusion@example.org",
        "full_name": "Demo Staff, Corporate Affairs",
        "role": SECRETARIAT_STAFF,
        "unit": "CAD",
        "is_staff": False,
    },
]


@transaction.atomic
def demo_accounts_create(*, password: str) -> list[User]:
    """Create the demo accounts that do not exist yet; leave existing ones alone.

    Existing accounts keep their password, so running it twice changes nothing.
    Raises Unit.DoesNotExist if the programme facts have not been loaded.
    """
    users = []
    for spec in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=spec["email"]).first()
        if user is None:
            unit = Unit.objects.get(abbreviation=spec["unit"]) if spec["unit"] else None
            user = User.objects.create_user(
                spec["email"],
                password,
                full_name=spec["full_name"],
                unit=unit,
                is_staff=spec["is_staff"],
            )
            user.groups.add(Group.objects.get(name=spec["role"]))
        users.append(user)
    return users


DEMO_EMAILS = frozenset(spec["email"] for spec in DEMO_ACCOUNTS)


def is_demo_account(user) -> bool:
    """One of the demo accounts, whose password is published in the README."""
    return (user.email or "").lower() in DEMO_EMAILS
