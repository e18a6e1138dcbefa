import datetime
import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from apps.accounts.permissions import PortalRoleRequiredMixin
from apps.core.panels import Panel, app_hooks
from apps.events import selectors as event_selectors
from apps.monitoring import selectors as monitoring_selectors
from apps.news import selectors as news_selectors
from apps.photos import selectors as photo_selectors
from apps.programme import selectors as programme_selectors
from apps.programme.models import Partner

from . import legal


class HomeView(TemplateView):
    """The front door: the programme in one sentence over a photo, its headline results,
    the three components each with its key result, the next events and latest news
    (when those apps have any), and the partners. A fixed number of queries whatever
    the data (tests/site/test_query_budgets.py)."""

    template_name = "site/home.html"
    headline_results_shown = 4

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = programme_selectors.programme_get_current()
        context["programme"] = programme
        # Upcoming events first, then the latest past ones; the newest published
        # stories. The sections hide while empty.
        context["next_events"] = event_selectors.event_cards_public(limit=3)
        context["latest_stories"] = news_selectors.latest_story_cards(limit=3)
        if programme is None:
            return context
        today = monitoring_selectors.track_reference().measured_on
        key_results = monitoring_selectors.component_key_results_public(today=today)
        context["headline"] = first_sentence(programme.summary)
        context["hero_photo"] = photo_selectors.featured_photo()
        # A component's key result shows on its card: the headlines are the others.
        shown_below = {entry.indicator.pk for entry in key_results.values()}
        headlines = monitoring_selectors.headline_results_public(
            limit=self.headline_results_shown + len(shown_below), today=today
        )
        context["headline_results"] = [
            entry for entry in headlines if entry.indicator.pk not in shown_below
        ][: self.headline_results_shown]
        components = list(programme_selectors.component_list(programme=programme))
        context["components"] = [
            {"component": component, "key_result": key_results.get(component.pk)}
            for component in components
        ]
        context["glance"] = programme_glance(programme=programme, components=len(components))
        context["partners"] = programme_selectors.partner_list(exclude_kinds=OWN_AGENCIES)
        return context


# The executing and implementing agencies run the programme: the header and footer
# show them as the co-branding, not as partners of their own work.
OWN_AGENCIES = (Partner.Kind.EXECUTING_AGENCY, Partner.Kind.IMPLEMENTING_AGENCY)


def programme_glance(*, programme, components: int) -> dict:
    """The home page's "at a glance" figures, in one query: the term, the member states
    today and at the end of the term (Timor-Leste joined in 2025), the region's
    people, the number of components."""
    end_of_term = datetime.date(programme.end_year, 12, 31)
    states = programme_selectors.member_state_list().aggregate(
        today=Count("pk", filter=Q(joined_on__lte=timezone.localdate())),
        in_term=Count("pk", filter=Q(joined_on__lte=end_of_term)),
    )
    return {
        "term": programme.term,
        "member_states_today": states["today"],
        "member_states_in_term": states["in_term"],
        "population_millions": programme.region_population_millions,
        "components": components,
    }


def first_sentence(text: str) -> str:
    """The first sentence of `text` (up to the first ".", "!" or "?" followed by a
    space), or all of it."""
    match = re.match(r"(.+?[.!?])(?:\s|$)", text.strip(), flags=re.DOTALL)
    return match.group(1) if match else text.strip()


class AboutView(TemplateView):
    template_name = "site/about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = programme_selectors.programme_get_current()
        context["programme"] = programme
        context["partners"] = programme_selectors.partner_list(exclude_kinds=OWN_AGENCIES)
        context["member_states"] = programme_selectors.member_state_list()
        context["units"] = programme_selectors.unit_list()
        if programme is not None:
            context["milestones"] = programme_selectors.milestone_list(programme=programme)
        return context


class ComponentDetailView(TemplateView):
    """A component: its story, the sections its own app publishes, its indicators
    once (as cards), its newest public activities as compact cards, the partners it
    works with and participation. Lists are cut, with a link to the rest, so the page
    stays the same size however much is published."""

    template_name = "site/component_detail.html"
    indicators_shown = 6
    activities_shown = 12

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        component = get_object_or_404(
            programme_selectors.component_get_with_units(slug=kwargs["slug"])
        )
        reference = monitoring_selectors.track_reference()
        indicators = monitoring_selectors.indicator_list_public(component=component)
        activities = monitoring_selectors.activity_list_public(component=component)
        context["component"] = component
        context["reference"] = reference
        context["indicators"] = monitoring_selectors.indicator_cards_public(
            indicators=indicators[: self.indicators_shown], today=reference.measured_on
        )
        context["indicators_total"] = indicators.count()
        context["activities"] = monitoring_selectors.activity_cards_public(
            activities=activities, limit=self.activities_shown
        )
        context["participation"] = monitoring_selectors.participation_public(component=component)
        context["partners"] = programme_selectors.partner_list_for_activities(activities=activities)
        context["events"] = event_selectors.event_cards_public(component=component, limit=3)
        context["photo"] = photo_selectors.featured_photo(component=component)
        # What the component's own app publishes (workstreams, initiatives…), after
        # the story: apps.core.panels.
        context["sections"] = [
            section
            for sections in app_hooks("component_sections", component_slug=component.slug)
            for section in sections(component=component)
        ]
        return context


class ResultsView(TemplateView):
    """Results against targets: a summary (how many indicators reached what share of
    their target, as of which period), tabs by component (plain links: this page is
    "All", each component has its own page, `ResultsComponentView`), and one card per
    public indicator, `indicators_per_page` a page. `?page=` beyond the last gives the
    last page, and anything that is not a number the first (Paginator.get_page)."""

    template_name = "site/results.html"
    indicators_per_page = 15

    def get_component(self, components):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        components = list(programme_selectors.component_list_all())
        component = self.get_component(components)
        reference = monitoring_selectors.track_reference()
        paginator = Paginator(
            monitoring_selectors.indicator_list_public(component=component),
            self.indicators_per_page,
        )
        summary = monitoring_selectors.public_results_summary(
            component=component, reference=reference
        )
        # The summary has counted the same public indicators: the paginator need not.
        paginator.count = summary.indicators
        page = paginator.get_page(self.request.GET.get("page"))
        context["component"] = component
        context["components"] = components
        context["show_component"] = component is None
        if component is not None:
            context["crumbs"] = [{"title": _("Results"), "url": reverse("site:results")}]
        context["reference"] = reference
        context["summary"] = summary
        context["page_obj"] = page
        context["indicators"] = monitoring_selectors.indicator_cards_public(
            indicators=page, today=reference.measured_on
        )
        return context


class ResultsComponentView(ResultsView):
    """One component's results: the same page as /results/, its tab selected."""

    def get_component(self, components):
        for component in components:
            if component.slug == self.kwargs["slug"]:
                return component
        raise Http404("No such component.")


class AccessibilityStatementView(TemplateView):
    template_name = "site/accessibility.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.PORTAL_CONTACT_EMAIL
        context["programme"] = programme_selectors.programme_get_current()
        return context


class PrivacyNoticeView(TemplateView):
    """What the portal collects and why, for how long, and people's rights. Its periods
    come from apps.site.legal, which reads the settings the code runs with."""

    template_name = "site/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.PORTAL_CONTACT_EMAIL
        context["version"] = settings.PORTAL_PRIVACY_NOTICE_VERSION
        context["version_date"] = legal.PRIVACY_NOTICE_DATE
        context["retention"] = legal.retention()
        return context


class LegalNoticeView(TemplateView):
    template_name = "site/legal_notice.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.PORTAL_CONTACT_EMAIL
        context["programme"] = programme_selectors.programme_get_current()
        return context


class ContactView(TemplateView):
    template_name = "site/contact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact_email"] = settings.PORTAL_CONTACT_EMAIL
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


def workspace_panels(request) -> list[Panel]:
    panels = (panel(request=request) for panel in app_hooks("workspace_panel"))
    return [panel for panel in panels if panel is not None]


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
