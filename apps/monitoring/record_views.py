"""The /workspace/ pages of any reviewed record, from one description of it.

A component app describes each of its reviewed models once, as a `RecordKind`
(the model, its form, its scoped selector and its named services), and gets the
eight pages every reviewed record has: the list (filtered by status), the
record's page (its facts, review note, evidence, history and the buttons the
review core allows), the create and change forms (save a draft or submit for
review), submit, the draft's delete page, and its evidence files' download and
removal. The views are the ones activities use (`views.py`), so the rules hold
the same way: another unit's record is a 404, only staff with a unit write, a
service's ValidationError lands on the form and nothing is written.

    class LegalInstruments(RecordKind):
        model = LegalInstrument
        form_class = LegalInstrumentForm
        namespace, name, prefix = "processes", "legal_instrument", "legal-instruments"
        list_columns = ("kind", "status_stage", "adopted_on")

        def records(self, user):
            return selectors.legal_instrument_list_for_user(user=user)
        ...

    urlpatterns = [*LegalInstruments().urlpatterns()]

Generic templates (`templates/monitoring/records/`) render any kind; a kind may
name its own templates, extending those blocks.
"""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from apps.core.formats import figure

from . import records, review
from .models import ReviewedModel
from .permissions import StaffWorkspaceMixin
from .views import (
    EvidenceDeleteView,
    EvidenceDownloadView,
    RecordDeleteView,
    RecordDetailMixin,
    RecordFormMixin,
    RecordSubmitView,
    StatusListMixin,
    record_name,
    refuse_unless_editable,
)


class RecordKind:
    """One reviewed model's pages and what they need. Subclass it per model."""

    model: type[ReviewedModel]
    form_class: type  # a monitoring.forms.ReviewedRecordForm
    namespace: str  # the app's URL namespace, e.g. "processes"
    name: str  # URL names are <name>_list, <name>_detail…, e.g. "legal_instrument"
    prefix: str  # the URL segment, e.g. "legal-instruments"
    # Columns of the list after the record's name and before its status.
    list_columns: tuple[str, ...] = ()
    list_order: tuple[str, ...] = ("-updated_at", "-pk")
    # Facts on the record's page; by default the form's fields.
    detail_fields: tuple[str, ...] | None = None
    # Form sections: ((heading, (field, …)), …); by default one section.
    fieldsets: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    # "Add a strategy"; set it where "a" does not fit ("Add an integrity measure").
    add_text: str | None = None
    list_template = "monitoring/records/list.html"
    detail_template = "monitoring/records/detail.html"
    form_template = "monitoring/records/form.html"

    def __str__(self) -> str:
        return self.verbose_name

    # --- What the app supplies -------------------------------------------------------

    def records(self, user) -> QuerySet:
        """The records the person may see (`records.visible_to`), with what the list
        and the page show selected or prefetched."""
        raise NotImplementedError

    def evidence(self, user) -> QuerySet:
        """The evidence files of those records."""
        raise NotImplementedError

    def create(self, *, user, data: dict, files, submit: bool, token):
        raise NotImplementedError

    def update(self, *, record, user, data: dict, files, submit: bool):
        raise NotImplementedError

    def submit(self, *, record, user):
        raise NotImplementedError

    def delete(self, *, record, user) -> None:
        raise NotImplementedError

    def reopen(self, *, record, user):
        """Open an approved record for changes (only models that are `reopenable`)."""
        return review.reopen(record=record, user=user)

    # --- Derived -------------------------------------------------------------------

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def verbose_name_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def may_write(self, user) -> bool:
        """Whether the person may add these records at all (the services check it
        again): Secretariat staff with a unit, of a unit that works with the model's
        component where it names one (`records.writes_here`)."""
        return records.writes_here(user, self.model)

    def add_label(self) -> str:
        return self.add_text or _("Add a %(kind)s") % {"kind": self.verbose_name}

    def url_name(self, page: str) -> str:
        return f"{self.namespace}:{self.name}_{page}"

    def list_url(self) -> str:
        return reverse(self.url_name("list"))

    def get_detail_fields(self) -> tuple[str, ...]:
        return self.detail_fields or tuple(self.form_class._meta.fields)

    def get_fieldsets(self, form) -> list[tuple[str, list]]:
        if self.fieldsets is None:
            return [("", form.visible_record_fields())]
        return [(heading, [form[name] for name in names]) for heading, names in self.fieldsets]

    # The page's route under the kit's prefix, by the page's name. A kind may give a
    # page a view of its own in `views` (a subclass of the kit's, as_view(kind=…)).
    ROUTES = {
        "list": "",
        "create": "new/",
        "detail": "<int:pk>/",
        "edit": "<int:pk>/edit/",
        "submit": "<int:pk>/submit/",
        "delete": "<int:pk>/delete/",
        "evidence_download": "<int:record_pk>/evidence/<int:pk>/",
        "evidence_delete": "<int:record_pk>/evidence/<int:pk>/delete/",
    }
    views: dict[str, type] = {}

    def urlpatterns(self) -> list:
        views = {**DEFAULT_VIEWS, **self.views}
        routes = dict(self.ROUTES)
        if self.model.reopenable:
            routes["reopen"] = "<int:pk>/reopen/"
        return [
            path(
                f"{self.prefix}/{route}",
                views[page].as_view(kind=self),
                name=f"{self.name}_{page}",
            )
            for page, route in routes.items()
        ]


# --- How a field reads on a page ------------------------------------------------------


def field_value(record: models.Model, name: str, *, short: bool = False):
    """A field of the record as a person reads it: the choice's label, a date in
    words (or short, in lists), a figure without trailing zeros, the names of related
    records, a link for a web address, "Yes"/"No"; "" when empty."""
    field = record._meta.get_field(name)
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(record, name).all())
    value = getattr(record, name)
    if value is None or value == "":
        return ""
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT" if short else "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return figure(value)
    if isinstance(field, models.URLField):
        return format_html('<a href="{}">{}</a>', value, value)
    return value


def field_label(model: type[models.Model], name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def record_facts(record: models.Model, names) -> list[dict]:
    """[{label, value, long}] for the record's page; `long` marks text to keep its
    line breaks."""
    facts = []
    for name in names:
        field = record._meta.get_field(name)
        facts.append(
            {
                "label": field_label(type(record), name),
                "value": field_value(record, name),
                "long": isinstance(field, models.TextField),
            }
        )
    return facts


# --- The views ----------------------------------------------------------------------


class KindMixin:
    kind: RecordKind | None = None  # set by RecordKind.urlpatterns (as_view(kind=…))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        return context

    def get_record(self, pk: int) -> ReviewedModel:
        return get_object_or_404(self.kind.records(self.request.user), pk=pk)


class RecordListView(KindMixin, StatusListMixin, ListView):
    context_object_name = "records"

    def get_template_names(self):
        return [self.kind.list_template]

    def records(self) -> QuerySet:
        return self.kind.records(self.request.user).order_by(*self.kind.list_order)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = context["can_write"] and self.kind.may_write(self.request.user)
        model = self.kind.model
        context["columns"] = [field_label(model, name) for name in self.kind.list_columns]
        context["rows"] = [
            {
                "record": record,
                "cells": [field_value(record, name, short=True) for name in self.kind.list_columns],
            }
            for record in context["records"]
        ]
        return context


class KindDetailView(KindMixin, RecordDetailMixin, DetailView):
    context_object_name = "record"

    def get_template_names(self):
        return [self.kind.detail_template]

    def get_object(self, queryset=None):
        return self.get_record(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["facts"] = record_facts(self.object, self.kind.get_detail_fields())
        context["can_reopen"] = review.may_reopen(user=self.request.user, record=self.object)
        return context


class KindFormMixin(KindMixin, RecordFormMixin):
    record: ReviewedModel | None = None

    def get_form_class(self):
        return self.kind.form_class

    def get_template_names(self):
        return [self.kind.form_template]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, instance=self.record)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = self.record
        context["fieldsets"] = self.kind.get_fieldsets(context["form"])
        return context


class RecordCreateView(KindFormMixin, FormView):
    def test_func(self) -> bool:
        return super().test_func() and self.kind.may_write(self.request.user)

    def get_permission_denied_message(self) -> str:
        return _("Only Secretariat staff of the units that keep %(kinds)s can add them.") % {
            "kinds": self.kind.verbose_name_plural
        }

    def write(self, form, *, submit: bool) -> ReviewedModel:
        return self.kind.create(
            user=self.request.user,
            data=form.record_data(),
            files=form.cleaned_data["evidence"],
            submit=submit,
            token=form.cleaned_data["token"],
        )


class RecordEditView(KindFormMixin, FormView):
    def load(self, *, pk) -> None:
        self.record = self.get_record(pk)

    def redirect_instead(self):
        return refuse_unless_editable(self.request, self.record)

    def write(self, form, *, submit: bool) -> ReviewedModel:
        return self.kind.update(
            record=self.record,
            user=self.request.user,
            data=form.record_data(),
            files=form.cleaned_data["evidence"],
            submit=submit,
        )


class KindSubmitView(KindMixin, RecordSubmitView):
    def submit(self, record: ReviewedModel) -> ReviewedModel:
        return self.kind.submit(record=record, user=self.request.user)


class KindDeleteView(KindMixin, RecordDeleteView):
    @property
    def list_url_name(self) -> str:
        return self.kind.url_name("list")

    def delete(self, record: ReviewedModel) -> None:
        self.kind.delete(record=record, user=self.request.user)


class KindReopenView(KindMixin, StaffWorkspaceMixin, View):
    """Reopen an approved record for changes (POST), then its form."""

    http_method_names = ["post"]

    def post(self, request, pk):
        record = self.get_record(pk)
        try:
            record = self.kind.reopen(record=record, user=request.user)
        except (ValidationError, PermissionDenied) as refusal:
            messages.info(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
            return HttpResponseRedirect(record.get_absolute_url())
        messages.success(
            request,
            _(
                "%(name)s is open for changes. It is off the public site until an adviser "
                "approves it again."
            )
            % {"name": record_name(record)},
        )
        return redirect(self.kind.url_name("edit"), pk=record.pk)


class KindEvidenceDownloadView(EvidenceDownloadView):
    kind: RecordKind | None = None

    def evidence_list(self):
        return self.kind.evidence(self.request.user)


class KindEvidenceDeleteView(EvidenceDeleteView):
    kind: RecordKind | None = None

    def evidence_list(self):
        return self.kind.evidence(self.request.user)


DEFAULT_VIEWS = {
    "list": RecordListView,
    "create": RecordCreateView,
    "detail": KindDetailView,
    "edit": RecordEditView,
    "submit": KindSubmitView,
    "delete": KindDeleteView,
    "evidence_download": KindEvidenceDownloadView,
    "evidence_delete": KindEvidenceDeleteView,
    "reopen": KindReopenView,
}
