"""Who may open monitoring's workspace pages.

Which records a person sees is decided by the scoped selectors
(`*_list_for_user`); whether they may change, delete or review one record by
the review core (`review.may_edit`, `may_delete`, `may_review`); the roles by
`apps.accounts.permissions`.
"""

from apps.accounts.permissions import SecretariatStaffRequiredMixin


class StaffWorkspaceMixin(SecretariatStaffRequiredMixin):
    """Pages that write: signed-in Secretariat staff with a unit. Others: login page, or 403."""
