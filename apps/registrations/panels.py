"""The registrations app's panel on /workspace/ (apps.core.panels): "Events to run",
the next events of the person's unit with their registrations counted by status and
links to their participants and check-in. Staff with a unit only; a fixed number of
queries (one for the events and their counts)."""

from apps.core.panels import Panel

from . import staff_selectors


def workspace_panel(*, request) -> Panel | None:
    events = staff_selectors.events_to_run(user=request.user)
    if not events:
        return None
    return Panel("registrations/staff/_workspace_panel.html", {"events_to_run": events})
