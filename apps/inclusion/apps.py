from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InclusionConfig(AppConfig):
    """Component 3: diversity and inclusion at ASEC (docs/inclusion.md)."""

    name = "apps.inclusion"
    verbose_name = _("Diversity and inclusion")
    # The hooks of apps.core.panels.
    workspace_panel = "apps.inclusion.panels.workspace_panel"
    # /search/ and /open-data/ (apps.site): what this app publishes there.
    search_sources = "apps.inclusion.search.search_sources"
    open_data = "apps.inclusion.open_data.datasets"
    component_slug = "diversity-inclusion"
    component_sections = "apps.inclusion.public.component_sections"
    facts_loader = "apps.inclusion.services.inclusion_facts_load"
    demo_loader = "apps.inclusion.demo.inclusion_demo_load"

    def ready(self):
        from apps.core.public_cache import purge_on_change

        from .models import (
            AccessibilityMeasure,
            CrossCuttingTopic,
            PolicyReview,
            StaffCategory,
            WorkforceSnapshot,
        )

        # What the component page's sections read. The reviewed records purge only
        # while approved; their child rows (recommendations, counts) change only in
        # drafts and returned records, so they need no purge of their own.
        purge_on_change(
            CrossCuttingTopic, StaffCategory, PolicyReview, WorkforceSnapshot, AccessibilityMeasure
        )
