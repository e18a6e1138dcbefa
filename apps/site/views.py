from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.accounts.permissions import PortalRoleRequiredMixin
from apps.monitoring import permissions as monitoring_permissions
from apps.monitoring import selectors as monitoring_selectors
from apps.monitoring.models import ReviewStatus
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
    """A component: aims, units, its results, its newest public activities and participation."""

    template_name = "site/component_detail.html"
    activities_shown = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        component = get_object_or_404(
            programme_selectors.component_get_with_units(slug=kwargs["slug"])
        )
        results = monitoring_selectors.results_public(component=component)
        activities = monitoring_selectors.activity_list_public(component=component)
        context["component"] = component
        context["results"] = results[0].results if results else []
        context["activities"] = activities[: self.activities_shown]
        context["participation"] = monitoring_selectors.participation_public(component=component)
        return context


class ResultsView(TemplateView):
    """Every component's results with their public indicators: baseline, target, actual."""

    template_name = "site/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["component_results"] = monitoring_selectors.results_public()
        return context


class AccessibilityStatementView(TemplateView):
    template_name = "site/accessibility.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.PORTAL_CONTACT_EMAIL
        context["programme"] = programme_selectors.programme_get_current()
        return context


class WorkspaceView(PortalRoleRequiredMixin, TemplateView):
    """The signed-in landing page. Later apps add their panels here.

    Staff with a unit see their unit's work: returned records with the
    reviewer's note, indicators to report, drafts, submitted and recently
    approved records, and counts per status. Each list is cut at a few items
    (the counts link to the full lists), so the page runs the same queries
    whatever the amount of data. Advisers get the way to the review queue.
    """

    template_name = "site/workspace.html"
    LIST_LENGTH = 10
    APPROVED_LENGTH = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["reviews"] = monitoring_permissions.sees_all_units(user)
        if monitoring_permissions.can_write_for_unit(user=user, unit_id=user.unit_id):
            context.update(self.unit_dashboard(user))
        return context

    def unit_dashboard(self, user) -> dict:
        activities = monitoring_selectors.activity_list_for_user(user=user).filter(
            unit_id=user.unit_id
        )
        updates = monitoring_selectors.indicator_update_list_for_user(user=user).filter(
            indicator__responsible_unit_id=user.unit_id
        )
        # status: (newest first by, how many to show)
        lists = {
            ReviewStatus.RETURNED: ("-reviewed_at", self.LIST_LENGTH),
            ReviewStatus.DRAFT: ("-updated_at", self.LIST_LENGTH),
            ReviewStatus.SUBMITTED: ("-submitted_at", self.LIST_LENGTH),
            ReviewStatus.APPROVED: ("-reviewed_at", self.APPROVED_LENGTH),
        }
        activity_counts = monitoring_selectors.status_counts(activities)
        update_counts = monitoring_selectors.status_counts(updates)
        return {
            "dashboard": True,
            "status_rows": [
                (status, label, activity_counts[status], update_counts[status])
                for status, label in ReviewStatus.choices
            ],
            "activity_counts": activity_counts,
            "update_counts": update_counts,
            **{
                f"{status}_activities": list(
                    activities.filter(status=status).order_by(order, "-pk")[:length]
                )
                for status, (order, length) in lists.items()
            },
            **{
                f"{status}_updates": list(
                    updates.filter(status=status).order_by(order, "-pk")[:length]
                )
                for status, (order, length) in lists.items()
            },
            "reports_due": monitoring_selectors.reports_due_for_user(user=user),
        }


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
