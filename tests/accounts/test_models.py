import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.accounts.roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF
from tests.accounts.factories import AdviserFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def _permissions(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_roles_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        SECRETARIAT_STAFF,
        PROGRAMME_ADVISERS,
    }


def test_secretariat_staff_may_view_programme_records_but_not_change_them():
    permissions = _permissions(SECRETARIAT_STAFF)

    assert "programme.view_unit" in permissions
    assert "programme.view_component" in permissions
    assert not any(p.startswith(("programme.change_", "programme.add_")) for p in permissions)
    assert not any(p.endswith("_user") for p in permissions)
    assert not any(p.startswith("programme.delete_") for p in permissions)


def test_programme_advisers_may_maintain_programme_records_and_see_users():
    permissions = _permissions(PROGRAMME_ADVISERS)

    for model in ("programme", "component", "unit", "memberstate", "partner", "milestone"):
        assert {f"programme.view_{model}", f"programme.change_{model}"} <= permissions
    assert "accounts.view_user" in permissions
    assert "accounts.change_user" not in permissions
    # Deleting a lockout's failed sign-ins is how an adviser lifts it; nothing
    # else may they delete.
    assert {p for p in permissions if ".delete_" in p} == {"axes.delete_accessattempt"}
    assert "axes.view_accessattempt" in permissions
    assert not any(p.startswith(("otp_totp.", "otp_static.")) for p in permissions)


def test_role_helpers_read_the_groups():
    staff = StaffUserFactory()
    adviser = AdviserFactory()
    nobody = UserFactory()

    assert staff.is_secretariat_staff
    assert not staff.is_programme_adviser
    assert adviser.is_programme_adviser
    assert not adviser.is_secretariat_staff
    assert str(staff.role_label) == "Secretariat staff"
    assert nobody.role_names == []


def test_email_is_unique_ignoring_case():
    UserFactory(email="ana@asean.example.org")
    duplicate = User(email="ANA@asean.example.org")
    duplicate.set_unusable_password()

    with pytest.raises(ValidationError, match="already exists"):
        duplicate.full_clean()


def test_create_user_stores_email_in_lower_case():
    user = User.objects.create_user("Ana.Lim@ASEAN.example.org", "a-long-passphrase")

    assert user.email == "ana.lim@asean.example.org"
