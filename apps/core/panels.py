"""What each app adds to pages that `site` composes, without `site` importing it.

An app names functions in its AppConfig; `site` calls them through the app
registry, in the order of INSTALLED_APPS, and imports no app to do so:

    class ProcessesConfig(AppConfig):
        # /workspace/: the function takes the request and returns a Panel, or None
        # when it has nothing for this person.
        workspace_panel = "apps.processes.panels.workspace_panel"
        # /components/<component_slug>/: the function takes the component and
        # returns a list of Panels, the page's sections after the component's story.
        # Cached with the page (apps.core.public_cache): register the models they
        # read with purge_on_change.
        component_slug = "organisational-processes"
        component_sections = "apps.processes.public.component_sections"
        # seed_demo: reference data loaded in every environment, and demo data
        # loaded when DEBUG is on (after the demo accounts and monitoring's demo).
        # Both idempotent, both return {"kind of row": rows created or changed}.
        facts_loader = "apps.processes.services.processes_facts_load"
        demo_loader = "apps.processes.demo.processes_demo_load"  # takes users=
        # /search/: a list of apps.core.search.SearchSource (public rows only);
        # /open-data/: a list of apps.core.open_data.Dataset (docs/search.md,
        # docs/open-data.md).
        search_sources = "apps.processes.search.search_sources"
        open_data = "apps.processes.open_data.datasets"
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Panel:
    """A template and its context, rendered by the page that composes it."""

    template_name: str
    context: dict = field(default_factory=dict)


def app_hooks(attribute: str, **match) -> list:
    """The functions installed apps name under `attribute` in their AppConfig, in the
    order of INSTALLED_APPS; only apps whose config has the `match` values."""
    hooks = []
    for config in apps.get_app_configs():
        dotted = getattr(config, attribute, None)
        if dotted and all(getattr(config, key, None) == value for key, value in match.items()):
            hooks.append(import_string(dotted))
    return hooks
