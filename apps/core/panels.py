"""Workspace panels: what each app shows its people on /workspace/.

An app offers a panel by naming a function in its AppConfig:

    class MonitoringConfig(AppConfig):
        workspace_panel = "apps.monitoring.panels.workspace_panel"

The function takes the request and returns a WorkspacePanel, or None when it
has nothing for this person. `site` lists the panels in the order of
INSTALLED_APPS; it imports no app to do so.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkspacePanel:
    template_name: str
    context: dict = field(default_factory=dict)
