"""Who may open the signed-in pages."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin


class PortalRoleRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Signed-in users who hold a portal role (or superusers).

    Anonymous visitors are sent to the login page; a signed-in account with no
    role gets 403 rather than an empty page.
    """

    def test_func(self) -> bool:
        user = self.request.user
        return user.is_superuser or bool(user.role_names)
