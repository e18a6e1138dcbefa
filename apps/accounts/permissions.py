"""Who holds which role, asked by every app.

The two role checks below are the only place that decides "is this person
Secretariat staff" and "does this person see every unit"; apps never stand in
a model permission (such as `add_activity`) for a role.
"""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin

from .roles import PROGRAMME_ADVISERS, SECRETARIAT_STAFF


def is_secretariat_staff(user) -> bool:
    """An active account holding the Secretariat staff role and working in a unit:
    it writes its unit's records in /workspace/."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.unit_id is not None
        and SECRETARIAT_STAFF in user.role_names
    )


def sees_every_unit(user) -> bool:
    """Programme advisers and superusers read every unit's records; staff only their own."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or PROGRAMME_ADVISERS in user.role_names)
    )


class PortalRoleRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Signed-in users who hold a portal role (or superusers).

    Anonymous visitors are sent to the login page; a signed-in account with no
    role gets 403 rather than an empty page.
    """

    def test_func(self) -> bool:
        user = self.request.user
        return user.is_superuser or bool(user.role_names)


class SecretariatStaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Signed-in Secretariat staff with a unit: the people who write records.
    Anonymous visitors are sent to the login page; everyone else gets 403."""

    def test_func(self) -> bool:
        return is_secretariat_staff(self.request.user)
