"""Staff's pages under /workspace/events/.

The event itself is a reviewed record: its list, page, forms, submit, delete and
evidence files come from the review core's kit (`Events`, a RecordKind), with its
own page template (the agenda, speakers and sponsors, "Create next edition",
"Cancel the event"). The agenda, speakers and sponsors have small forms of their own
(`EventChildFormView`): opened from an event the person may edit, written through
the services, which lock the event and note each change in its audit trail.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from apps.accounts.permissions import is_secretariat_staff
from apps.monitoring.permissions import StaffWorkspaceMixin
from apps.monitoring.record_views import KindDetailView, RecordKind
from apps.monitoring.views import add_service_errors, error_messages, refuse_unless_editable

from . import selectors, services
from .forms import SERVICE_FIELDS, EventForm, NextEditionForm, SessionForm, SpeakerForm, SponsorForm
from .models import Event, Session, Sponsor
from .selectors import event_times


class EventDetailView(KindDetailView):
    """The kit's record page, with the agenda, speakers, sponsors and the event's
    own actions."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.object, self.request.user
        context["times"] = event_times(event)
        prefetch_related_objects(
            [event], Prefetch("sessions", queryset=selectors.event_sessions(event=event))
        )
        context["agenda"] = selectors.agenda_by_day(event=event)
        context["sponsors"] = selectors.event_sponsors(event=event)
        context["next_edition_form"] = NextEditionForm()
        context["can_manage"] = services.may_manage(user=user, event=event)
        context["can_copy"] = is_secretariat_staff(user)
        return context


class Events(RecordKind):
    model, form_class = Event, EventForm
    namespace, name, prefix = "events", "event", "_"
    add_text = gettext_lazy("Add an event")
    views = {"detail": EventDetailView}
    list_columns = ("kind", "state")
    list_order = ("-starts_at", "-pk")
    detail_fields = (
        "kind",
        "series",
        "summary",
        "description",
        "components",
        "partners",
        "venue",
        "online",
        "member_state",
        "capacity",
        "is_public",
        "state",
    )
    detail_template = "events/event_detail.html"
    list_template = "events/event_list.html"
    fieldsets = (
        ("", ("title", "series", "kind", "summary", "description")),
        (
            gettext_lazy("When"),
            ("time_zone", "start_date", "start_time", "end_date", "end_time"),
        ),
        (gettext_lazy("Where"), ("online", "venue", "member_state", "capacity")),
        (gettext_lazy("Components and partners"), ("components", "partners")),
        (gettext_lazy("Photos and publication"), ("photo", "gallery", "is_public")),
    )

    def records(self, user):
        return selectors.event_list_for_user(user=user)

    def evidence(self, user):
        return selectors.event_evidence_list_for_user(user=user)

    def create(self, *, user, data, files, submit, token):
        return services.event_create(user=user, data=data, files=files, submit=submit, token=token)

    def update(self, *, record, user, data, files, submit):
        return services.event_update(event=record, user=user, data=data, files=files, submit=submit)

    def submit(self, *, record, user):
        return services.event_submit(event=record, user=user)

    def delete(self, *, record, user) -> None:
        services.event_delete(event=record, user=user)

    def urlpatterns(self) -> list:
        """The kit's pages at /workspace/events/ itself, without a segment of their own."""
        return [
            path(
                str(pattern.pattern).removeprefix(f"{self.prefix}/"),
                pattern.callback,
                name=pattern.name,
            )
            for pattern in super().urlpatterns()
        ]


EVENTS = Events()


# --- The agenda, speakers and sponsors ---------------------------------------------------


class EventChildFormView(StaffWorkspaceMixin, FormView):
    """A form that changes a part of an event the person may edit; back to the event's
    page when done. A service's ValidationError lands on the form."""

    template_name = "events/child_form.html"
    heading: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.test_func():
            return super().dispatch(request, *args, **kwargs)
        self.event = get_object_or_404(
            selectors.event_list_for_user(user=request.user), pk=kwargs["pk"]
        )
        return refuse_unless_editable(request, self.event) or super().dispatch(
            request, *args, **kwargs
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["event"] = self.event
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(event=self.event, heading=self.heading, times=event_times(self.event))
        return context

    def write(self, form):
        raise NotImplementedError

    def done_message(self, form) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.write(form)
        except ValidationError as error:
            add_service_errors(form, _map_fields(error))
            return self.form_invalid(form)
        except PermissionDenied as denied:
            messages.error(self.request, str(denied))
            return HttpResponseRedirect(self.event.get_absolute_url())
        messages.success(self.request, self.done_message(form))
        return HttpResponseRedirect(self.event.get_absolute_url())


def _map_fields(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {SERVICE_FIELDS.get(field, field): errors for field, errors in error.error_dict.items()}
    )


class SessionAddView(EventChildFormView):
    form_class = SessionForm
    heading = gettext_lazy("Add a session")

    def write(self, form):
        services.session_add(event=self.event, user=self.request.user, data=form.session_data())

    def done_message(self, form) -> str:
        return _("“%(title)s” was added to the agenda.") % {"title": form.cleaned_data["title"]}


class SessionChangeView(EventChildFormView):
    form_class = SessionForm
    heading = gettext_lazy("Change a session")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = get_object_or_404(Session, event=self.event, pk=self.kwargs["session"])
        return kwargs

    def write(self, form):
        services.session_change(
            session=form.instance, user=self.request.user, data=form.session_data()
        )

    def done_message(self, form) -> str:
        return _("“%(title)s” was changed.") % {"title": form.cleaned_data["title"]}


class SpeakerAddView(EventChildFormView):
    form_class = SpeakerForm
    heading = gettext_lazy("Add a speaker")

    def write(self, form):
        services.speaker_add(event=self.event, user=self.request.user, data=form.speaker_data())

    def done_message(self, form) -> str:
        return _("%(name)s was added as a speaker.") % {"name": form.cleaned_data["name"]}


class SponsorAddView(EventChildFormView):
    form_class = SponsorForm
    heading = gettext_lazy("Add a sponsor")

    def write(self, form):
        services.sponsor_add(event=self.event, user=self.request.user, data=form.sponsor_data())

    def done_message(self, form) -> str:
        return _("%(name)s was added as a sponsor.") % {"name": form.cleaned_data["partner"]}


class EventPostView(StaffWorkspaceMixin, View):
    """A button on the event's page (POST): the action, then back to the page with a
    message, or the refusal's reason."""

    http_method_names = ["post"]

    def event(self, pk) -> Event:
        return get_object_or_404(selectors.event_list_for_user(user=self.request.user), pk=pk)

    def act(self, request, event: Event, **kwargs) -> tuple[str, str]:
        """Do it; return (message, the URL to go to)."""
        raise NotImplementedError

    def post(self, request, pk, **kwargs):
        event = self.event(pk)
        try:
            message, url = self.act(request, event, **kwargs)
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, ValidationError):
                error_messages(request, error)
            else:
                messages.error(request, str(error))
            return HttpResponseRedirect(event.get_absolute_url())
        messages.success(request, message)
        return HttpResponseRedirect(url)


class SessionRemoveView(EventPostView):
    def act(self, request, event, *, session):
        session = get_object_or_404(Session, event=event, pk=session)
        services.session_remove(session=session, user=request.user)
        return _("“%(title)s” was removed from the agenda.") % {"title": session.title}, (
            event.get_absolute_url()
        )


class SponsorRemoveView(EventPostView):
    def act(self, request, event, *, sponsor):
        sponsor = get_object_or_404(
            Sponsor.objects.select_related("partner"), event=event, pk=sponsor
        )
        services.sponsor_remove(sponsor=sponsor, user=request.user)
        return _("%(name)s was removed.") % {"name": sponsor.partner}, event.get_absolute_url()


class EventCancelView(EventPostView):
    def act(self, request, event):
        services.event_cancel(event=event, user=request.user)
        return _("“%(title)s” is cancelled.") % {"title": event.title}, event.get_absolute_url()


class NextEditionView(EventPostView):
    def act(self, request, event):
        form = NextEditionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(
                [
                    _("Next edition: %(error)s") % {"error": message}
                    for message in form.errors["starts_on"]
                ]
            )
        new = services.event_next_edition(
            event=event, user=request.user, starts_on=form.cleaned_data["starts_on"]
        )
        message = _("“%(title)s” was made from “%(old)s” as a draft: check it, then submit it.") % {
            "title": new.title,
            "old": event.title,
        }
        return message, new.get_absolute_url()
