from django.apps import apps as django_apps
from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.accounts.permissions import PortalRoleRequiredMixin
from apps.core.panels import WorkspacePanel
from apps.monitoring import selectors as monitoring_selectors
from apps.programme import selectors as programme_selectors


class HomeView(TemplateView):
    template_name = "site/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = programme_selectors.programme_get_current()
        context["programme"] = programme
        if programme is not None:
            context["components"] = programme_selectors.component_list(programme=programme)
            context["key_figures"] = programme_selectors.programme_key_figures(programme=programme)
        return context


class AboutView(TemplateView):
    template_name = "site/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = programme_selectors.programme_get_current()
        context["programme"] = programme
        context["partners"] = programme_selectors.partner_list()
        context["member_states"] = programme_selectors.member_state_list()
        context["units"] = programme_selectors.unit_list()
        if programme is not None:
            context["milestones"] = programme_selectors.milestone_list(programme=programme)
        return context


class ComponentDetailView(TemplateView):
    """A component: aims, units, its first results, its newest public activities and
    participation. Lists are cut, with a link to the rest, so the page stays the same
    size however much is published."""

    template_name = "site/component_detail.html"
    results_shown = 6
    activities_shown = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        component = get_object_or_404(
            programme_selectors.component_get_with_units(slug=kwargs["slug"])
        )
        results = monitoring_selectors.result_list_public(component=component)
        activities = monitoring_selectors.activity_list_public(component=component)
        context["component"] = component
        context["results"] = monitoring_selectors.result_progress_public(
            results=results[: self.results_shown]
        )
        context["results_total"] = results.count()
        context["activities"] = activities[: self.activities_shown]
        context["participation"] = monitoring_selectors.participation_public(component=component)
        return context


class ResultsView(TemplateView):
    """Every component with a line of figures about its results, linking to its own
    results page: nothing per indicator, so the page does not grow with the framework."""

    template_name = "site/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reference = monitoring_selectors.track_reference()
        overview = monitoring_selectors.results_overview_public(today=reference.measured_on)
        context["reference"] = reference
        context["overview"] = overview
        context["published"] = any(entry.results for entry in overview)
        return context


class ResultsComponentView(TemplateView):
    """One component's results with their public indicators in full (summary, charts
    and tables), `results_per_page` results a page. `?page=` beyond the last gives the
    last page, and anything that is not a number the first (Paginator.get_page)."""

    template_name = "site/results_component.html"
    results_per_page = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        component = get_object_or_404(
            programme_selectors.component_get_with_units(slug=kwargs["slug"])
        )
        paginator = Paginator(
            monitoring_selectors.result_list_public(component=component), self.results_per_page
        )
        page = paginator.get_page(self.request.GET.get("page"))
        context["component"] = component
        context["page_obj"] = page
        context["results"] = monitoring_selectors.result_progress_public(results=page)
        return context


class AccessibilityStatementView(TemplateView):
    template_name = "site/accessibility.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.PORTAL_CONTACT_EMAIL
        context["programme"] = programme_selectors.programme_get_current()
        return context


class WorkspaceView(PortalRoleRequiredMixin, TemplateView):
    """The signed-in landing page: who you are, then each app's panel
    (apps.core.panels), in the order of INSTALLED_APPS."""

    template_name = "site/workspace.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panels"] = [
            render_to_string(panel.template_name, panel.context, request=self.request)
            for panel in workspace_panels(self.request)
        ]
        return context


def workspace_panels(request) -> list[WorkspacePanel]:
    panels = []
    for config in django_apps.get_app_configs():
        path = getattr(config, "workspace_panel", None)
        if path and (panel := import_string(path)(request=request)) is not None:
            panels.append(panel)
    return panels


# Not wrapped in ATOMIC_REQUESTS: opening the transaction would itself need the
# database, and a down database must give 503 here, not a 500.
@transaction.non_atomic_requests
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
