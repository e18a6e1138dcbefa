"""Who may write and who may review monitoring records.

Rights come from the roles (auth groups) granted in this app's data migration:
Secretariat staff write for their own unit; programme advisers review and see
every unit. Views, forms, exports and services all ask these functions.
"""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin

from apps.accounts.models import User


def can_write_for_unit(*, user: User, unit_id: int | None) -> bool:
    """Staff may log and report for their own unit only."""
    return (
        user.is_active
        and unit_id is not None
        and user.unit_id == unit_id
        and user.has_perm("monitoring.add_activity")
    )


def can_review(*, user: User, record) -> bool:
    return user.is_active and user.has_perm(f"monitoring.review_{record._meta.model_name}")


def sees_all_units(user: User) -> bool:
    """Advisers (and superusers) see every unit's records; staff only their own."""
    return user.has_perm("monitoring.review_activity")


class StaffWorkspaceMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Signed-in Secretariat staff with a unit. Others: login page, or 403."""

    def test_func(self) -> bool:
        user = self.request.user
        return can_write_for_unit(user=user, unit_id=user.unit_id)
