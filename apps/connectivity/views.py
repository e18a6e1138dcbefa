"""The connectivity records' pages under /workspace/connectivity/, from the review
kit (`monitoring.record_views.RecordKind`): list, page, forms, submit, delete and
evidence for initiatives, city actions and coordination meetings.

A meeting's create and change forms carry its action items as a formset: they
extend the kit's form views (`MeetingFormMixin`) rather than copy them.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.monitoring.record_views import (
    RecordCreateView,
    RecordEditView,
    RecordKind,
    RecordListView,
)

from . import selectors, services
from .forms import (
    ActionItemFormSet,
    CoordinationMeetingForm,
    InitiativeForm,
    UrbanisationActionForm,
)
from .models import CoordinationMeeting, Initiative, UrbanisationAction


class Initiatives(RecordKind):
    model, form_class = Initiative, InitiativeForm
    namespace, name, prefix = "connectivity", "initiative", "initiatives"
    list_columns = ("strategic_area", "progress", "start_date")
    fieldsets = (
        ("", ("title", "strategic_area", "lead", "start_date", "end_date")),
        (gettext_lazy("Progress"), ("progress", "progress_note")),
        (gettext_lazy("Connections"), ("member_states", "indicators", "activities", "is_public")),
    )

    def records(self, user):
        return selectors.initiative_list_for_user(user=user)

    def evidence(self, user):
        return selectors.initiative_evidence_list_for_user(user=user)

    def create(self, *, user, data, files, submit, token):
        return services.initiative_create(
            user=user, data=data, files=files, submit=submit, token=token
        )

    def update(self, *, record, user, data, files, submit):
        return services.initiative_update(
            initiative=record, user=user, data=data, files=files, submit=submit
        )

    def submit(self, *, record, user):
        return services.initiative_submit(initiative=record, user=user)

    def delete(self, *, record, user):
        services.initiative_delete(initiative=record, user=user)


class CityActions(RecordKind):
    model, form_class = UrbanisationAction, UrbanisationActionForm
    namespace, name, prefix = "connectivity", "city_action", "city-actions"
    list_columns = ("city", "focus_area", "progress")

    def records(self, user):
        return selectors.city_action_list_for_user(user=user)

    def evidence(self, user):
        return selectors.city_action_evidence_list_for_user(user=user)

    def create(self, *, user, data, files, submit, token):
        return services.city_action_create(
            user=user, data=data, files=files, submit=submit, token=token
        )

    def update(self, *, record, user, data, files, submit):
        return services.city_action_update(
            action=record, user=user, data=data, files=files, submit=submit
        )

    def submit(self, *, record, user):
        return services.city_action_submit(action=record, user=user)

    def delete(self, *, record, user):
        services.city_action_delete(action=record, user=user)


# --- Coordination meetings: the kit's form views plus the action items -------------------


class MeetingFormMixin:
    """Adds the action items' formset to the kit's create and change views: shown as
    one more section per item, checked with the form, written by the same service
    call (so in the same transaction and audit entry as the meeting)."""

    formset_prefix = "items"

    def get_formset(self) -> ActionItemFormSet:
        if not hasattr(self, "_formset"):
            initial = None
            if self.record is not None:
                items = self.record.action_items.order_by("due_on", "pk")
                initial = services.action_items_data(items)
            data = self.request.POST if self.request.method == "POST" else None
            self._formset = ActionItemFormSet(data, initial=initial, prefix=self.formset_prefix)
        return self._formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        formset = self.get_formset()
        context["formset"] = formset
        # The generic form template renders sections of fields: the management
        # form's hidden inputs, then one section per action item.
        sections = [("", list(formset.management_form))]
        for number, item in enumerate(formset.forms, start=1):
            heading = _("Action item %(number)d") % {"number": number}
            sections.append((heading, list(item)))
        context["fieldsets"] = [*context["fieldsets"], *sections]
        return context

    def form_valid(self, form):
        if not self.get_formset().is_valid():
            return self.form_invalid(form)
        return super().form_valid(form)

    def form_invalid(self, form):
        formset = self.get_formset()
        if not formset.is_valid():
            # The page's error summary lists the form's errors: point it at the items.
            for error in formset.non_form_errors():
                form.add_error(None, error)
            if any(formset.errors):
                form.add_error(None, _("Check the action items: some need a correction."))
        return super().form_invalid(form)

    def action_items(self) -> list[dict]:
        return self.get_formset().item_data()


class MeetingCreateView(MeetingFormMixin, RecordCreateView):
    def write(self, form, *, submit: bool):
        return self.kind.create(
            user=self.request.user,
            data=form.record_data(),
            action_items=self.action_items(),
            files=form.cleaned_data["evidence"],
            submit=submit,
            token=form.cleaned_data["token"],
        )


class MeetingEditView(MeetingFormMixin, RecordEditView):
    def write(self, form, *, submit: bool):
        return self.kind.update(
            record=self.record,
            user=self.request.user,
            data=form.record_data(),
            action_items=self.action_items(),
            files=form.cleaned_data["evidence"],
            submit=submit,
        )


class MeetingListView(RecordListView):
    """The kit's list, saying first how many action items of these meetings are
    overdue (one query), with a link to the workspace that lists them."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = selectors.action_item_list_for_user(user=self.request.user)
        context["overdue_count"] = items.overdue().count()
        return context


class Meetings(RecordKind):
    model, form_class = CoordinationMeeting, CoordinationMeetingForm
    namespace, name, prefix = "connectivity", "meeting", "meetings"
    list_columns = ("held_on", "place", "online")
    list_order = ("-held_on", "-pk")
    list_template = "connectivity/coordinationmeeting_list.html"
    detail_template = "connectivity/coordinationmeeting_detail.html"
    fieldsets = (
        ("", ("body", "held_on", "place", "online", "member_states")),
        (gettext_lazy("What was discussed and decided"), ("agenda", "decisions", "internal_notes")),
        (gettext_lazy("Connections"), ("activities", "is_public")),
    )
    # The kit's views, with the overdue count and the action items (MeetingFormMixin).
    views = {"list": MeetingListView, "create": MeetingCreateView, "edit": MeetingEditView}

    def records(self, user):
        return selectors.coordination_meeting_list_for_user(user=user)

    def evidence(self, user):
        return selectors.coordination_meeting_evidence_list_for_user(user=user)

    def create(self, *, user, data, files, submit, token, action_items=()):
        return services.coordination_meeting_create(
            user=user,
            data=data,
            action_items=action_items,
            files=files,
            submit=submit,
            token=token,
        )

    def update(self, *, record, user, data, files, submit, action_items=None):
        return services.coordination_meeting_update(
            meeting=record,
            user=user,
            data=data,
            action_items=action_items,
            files=files,
            submit=submit,
        )

    def submit(self, *, record, user):
        return services.coordination_meeting_submit(meeting=record, user=user)

    def delete(self, *, record, user):
        services.coordination_meeting_delete(meeting=record, user=user)
