"""The staff's forms for the connectivity records, built on the review kit's
`ReviewedRecordForm` (the portal's inputs, a creation token, evidence files).

A coordination meeting's form comes with a formset of action items
(`ActionItemFormSet`): rows left blank are ignored, an existing row can be removed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.monitoring.forms import ReviewedRecordForm, record_formfield
from apps.programme import selectors as programme_selectors

from .models import ActionItem, CoordinationMeeting, Initiative, UrbanisationAction


class ConnectivityRecordForm(ReviewedRecordForm):
    """Narrows the choices staff get: their unit's own activities; the member states
    in the order the programme lists them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "activities" in self.fields:
            self.fields["activities"].queryset = (
                self.fields["activities"]
                .queryset.filter(unit_id=self.user.unit_id)
                .order_by("-start_date", "-pk")
            )
        if "member_states" in self.fields:
            self.fields["member_states"].queryset = programme_selectors.member_state_list()
        if "indicators" in self.fields:
            # The component's indicators: those a unit of this component reports.
            self.fields["indicators"].queryset = (
                self.fields["indicators"]
                .queryset.filter(result__component__slug="connectivity")
                .order_by("code")
            )


class InitiativeForm(ConnectivityRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = Initiative
        fields = (
            "title",
            "strategic_area",
            "lead",
            "progress",
            "progress_note",
            "start_date",
            "end_date",
            "member_states",
            "indicators",
            "activities",
            "is_public",
        )


class UrbanisationActionForm(ConnectivityRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = UrbanisationAction
        fields = (
            "title",
            "city",
            "focus_area",
            "description",
            "progress",
            "start_date",
            "end_date",
            "partners",
            "activities",
            "is_public",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The Secretariat and GIZ run the programme; they are not a city's partners.
        self.fields["partners"].queryset = programme_selectors.partner_list(
            exclude_kinds=programme_selectors.RUNNING_THE_PROGRAMME
        )
        self.fields["city"].queryset = self.fields["city"].queryset.select_related("member_state")
        self.fields["city"].label_from_instance = lambda city: f"{city} ({city.member_state})"


class CoordinationMeetingForm(ConnectivityRecordForm):
    class Meta(ReviewedRecordForm.Meta):
        model = CoordinationMeeting
        fields = (
            "body",
            "held_on",
            "place",
            "online",
            "member_states",
            "agenda",
            "decisions",
            "internal_notes",
            "activities",
            "is_public",
        )


REMOVE_LABEL = _("Remove this action item")


class ActionItemForm(forms.ModelForm):
    """One action item. The model checks it (a done item needs its date); the
    service checks it against the meeting (not due before it)."""

    class Meta:
        model = ActionItem
        fields = ("description", "owner", "due_on", "status", "done_on")
        formfield_callback = staticmethod(record_formfield)
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The radio buttons need no empty choice: a new item is open.
        self.fields["status"].choices = ActionItem.Status.choices

    def item_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}


class BaseActionItemFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = REMOVE_LABEL

    def item_data(self) -> list[dict]:
        """The rows to keep, in order: not blank, not ticked for removal."""
        return [
            form.item_data()
            for form in self.forms
            if form.has_changed() or form.initial
            if not (self.can_delete and self._should_delete_form(form))
        ]


ActionItemFormSet = forms.formset_factory(
    ActionItemForm,
    formset=BaseActionItemFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=50,
    validate_max=True,
)
