"""The staff's pages of the four records, under /workspace/processes/: one
`RecordKind` each (apps.monitoring.record_views), so the list, the record's page,
the forms, submit, delete and the evidence files behave as every reviewed record's.

Only staff of the component's units write here (`component_slug` on the models,
checked by the kit): others, ACD staff say, see no "Add" button and get 403 on the
create form.
"""

from django.utils.translation import gettext_lazy as _

from apps.monitoring.record_views import RecordKind

from . import forms, selectors, services
from .models import IntegrityMeasure, LegalInstrument, ProcessImprovement, Strategy


class ProcessKind(RecordKind):
    """A RecordKind of this app: the kit's pages, written only by staff of the
    component's units (see the module's docstring)."""

    namespace = "processes"
    record_argument: str  # the services' keyword for the record

    def get_detail_fields(self) -> tuple[str, ...]:
        # The title is the page's heading already.
        return tuple(name for name in super().get_detail_fields() if name != "title")

    # The services, by the names every kind of this app shares.
    def _service(self, action: str):
        return getattr(services, f"{self.name}_{action}")

    def create(self, *, user, data, files, submit, token):
        return self._service("create")(
            user=user, data=data, files=files, submit=submit, token=token
        )

    def update(self, *, record, user, data, files, submit):
        return self._service("update")(
            **{self.record_argument: record}, user=user, data=data, files=files, submit=submit
        )

    def submit(self, *, record, user):
        return self._service("submit")(**{self.record_argument: record}, user=user)

    def delete(self, *, record, user) -> None:
        self._service("delete")(**{self.record_argument: record}, user=user)

    def reopen(self, *, record, user):
        return self._service("reopen")(**{self.record_argument: record}, user=user)

    def records(self, user):
        return getattr(selectors, f"{self.name}_list_for_user")(user=user)

    def evidence(self, user):
        return getattr(selectors, f"{self.name}_evidence_list_for_user")(user=user)


class ProcessImprovements(ProcessKind):
    model, form_class = ProcessImprovement, forms.ProcessImprovementForm
    name, prefix, record_argument = "improvement", "improvements", "improvement"
    list_columns = ("workstream", "stage")
    fieldsets = (
        ("", ("title", "workstream")),
        (
            _("Stage"),
            ("stage", "mapped_on", "redesigned_on", "piloted_on", "institutionalised_on"),
        ),
        (_("Before and after"), ("measure", "measure_before", "measure_after", "lower_is_better")),
        (_("Evidence and links"), ("evidence_summary", "notes", "activities", "is_public")),
    )


class Strategies(ProcessKind):
    model, form_class = Strategy, forms.StrategyForm
    name, prefix, record_argument = "strategy", "strategies", "strategy"
    list_columns = ("workstream", "stage")
    fieldsets = (
        ("", ("title", "workstream", "summary")),
        (_("Stage"), ("stage", "adopted_on", "implementation_started_on", "evaluated_on")),
        (_("Audiences and links"), ("audiences", "link", "activities", "is_public")),
    )


class LegalInstruments(ProcessKind):
    model, form_class = LegalInstrument, forms.LegalInstrumentForm
    name, prefix, record_argument = "legal_instrument", "legal-instruments", "instrument"
    list_columns = ("kind", "stage")
    fieldsets = (
        ("", ("title", "workstream", "kind", "summary", "trade_rights")),
        (_("Stage"), ("stage", "consultation_started_on", "adopted_on", "in_force_on")),
        (_("Links"), ("activities", "is_public")),
    )


class IntegrityMeasures(ProcessKind):
    model, form_class = IntegrityMeasure, forms.IntegrityMeasureForm
    name, prefix, record_argument = "integrity_measure", "integrity-measures", "measure"

    add_text = _("Add an integrity measure")
    list_columns = ("kind", "stage")
    fieldsets = (
        ("", ("title", "workstream", "kind", "summary")),
        (_("Stage"), ("stage", "preparation_started_on", "in_place_on", "evaluated_on")),
        (
            _("Staff covered"),
            ("staff_women", "staff_covered_women", "staff_men", "staff_covered_men"),
        ),
        (_("Partners and links"), ("partners", "activities", "is_public")),
    )


KINDS = (ProcessImprovements(), Strategies(), LegalInstruments(), IntegrityMeasures())
