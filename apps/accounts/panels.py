"""The accounts panel on /workspace/ (see apps.core.panels): two-step sign-in."""

from apps.core.panels import Panel

from .permissions import second_factor_required
from .selectors import authenticator_get, recovery_codes_left


def workspace_panel(*, request) -> Panel:
    """Whether two-step sign-in is on, with a link to turn it on (Secretariat
    staff, for whom it is optional) or to manage it."""
    user = request.user
    authenticator = authenticator_get(user)
    return Panel(
        "accounts/includes/_workspace_panel.html",
        {
            "two_factor_on": authenticator is not None,
            "two_factor_required": second_factor_required(user),
            "codes_left": recovery_codes_left(user) if authenticator else None,
        },
    )
