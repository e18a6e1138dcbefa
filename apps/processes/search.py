"""What component 1 offers to /search/ (apps.core.search): its published records,
each linked to its workstream on /components/organisational-processes/, where the
record is listed. Searched: what that page shows (title, the measure, the trade rights
protected) and the records' summaries; never an improvement's notes or evidence."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.search import SearchSource
from apps.monitoring.records import published

from .facts import COMPONENT_SLUG
from .models import IntegrityMeasure, LegalInstrument, ProcessImprovement, Strategy


def workstream_url(record) -> str:
    page = reverse("site:component_detail", args=[COMPONENT_SLUG])
    return f"{page}#processes-workstream-{record.workstream.slug}"


def _source(key, label, model, order, **fields) -> SearchSource:
    return SearchSource(
        key=key,
        label=label,
        queryset=published(model.objects.all()),
        url=workstream_url,
        select_related=("workstream",),
        order=order,
        **fields,
    )


def search_sources() -> list[SearchSource]:
    return [
        _source(
            "process-improvements",
            _("Process improvements"),
            ProcessImprovement,
            50,
            title=("title",),
            summary=("measure",),
        ),
        _source(
            "strategies", _("Strategies"), Strategy, 51, title=("title",), summary=("summary",)
        ),
        _source(
            "legal-instruments",
            _("Legal instruments"),
            LegalInstrument,
            52,
            title=("title",),
            summary=("trade_rights",),
            body=("summary",),
        ),
        _source(
            "integrity-measures",
            _("Integrity measures"),
            IntegrityMeasure,
            53,
            title=("title",),
            summary=("summary",),
        ),
    ]
