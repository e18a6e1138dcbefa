"""/open-data/: the page that explains each dataset, and the datasets as CSV and JSON
(docs/open-data.md). The datasets come from the apps (apps.core.open_data); this
module only writes them. The IATI activity file is apps.site.iati."""

import csv
import datetime
import json
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core.open_data import Dataset, dataset_get, datasets_all
from apps.monitoring.exports import FORMULA_PREFIXES

from . import iati

# The licence the open data is published under. It matches the legal notice's terms
# for the portal's text and figures (reuse with the source named); the publisher may
# change it here, and the page and every JSON file say it.
LICENCE = {
    "name": "CC BY 4.0",
    "title": _("Creative Commons Attribution 4.0 International"),
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": _("Source: ASEAN Secretariat Programme Portal (ASEAN Secretariat and GIZ)"),
}


class OpenDataView(TemplateView):
    """Each dataset: what a row is, its columns and their meanings, its downloads; and
    the IATI file. No query: the page describes the data, it does not count it."""

    template_name = "site/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datasets"] = datasets_all()
        context["licence"] = LICENCE
        return context


def _dataset_or_404(slug: str) -> Dataset:
    dataset = dataset_get(slug)
    if dataset is None:
        raise Http404("No such dataset.")
    return dataset


def csv_value(value) -> str:
    """Data, not display: ISO dates, plain numbers (62.5, 1250), true/false, empty for
    none; text that a spreadsheet would run as a formula gets a leading apostrophe,
    as in every export of the portal (apps.monitoring.exports)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def json_value(value):
    """Numbers as JSON numbers (whole ones as integers), dates as ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class _Echo:
    def write(self, line: str) -> str:
        return line


def dataset_csv(request, slug: str) -> HttpResponse:
    """The dataset as CSV: UTF-8 (with a byte-order mark, so spreadsheets read it as
    such), a header of its column names, a line a row."""
    dataset = _dataset_or_404(slug)
    writer = csv.writer(_Echo())
    lines = ["\ufeff" + writer.writerow(dataset.column_names)]
    lines.extend(
        writer.writerow([csv_value(value) for value in row.values()]) for row in dataset.iter_rows()
    )
    return HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")


def dataset_json(request, slug: str) -> HttpResponse:
    """The dataset as JSON: what it is, its licence, its columns with their meanings,
    and its rows as objects keyed by column name."""
    dataset = _dataset_or_404(slug)
    document = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": {
            "name": LICENCE["name"],
            "url": LICENCE["url"],
            "attribution": str(LICENCE["attribution"]),
        },
        "columns": [
            {"name": column.name, "meaning": str(column.meaning)} for column in dataset.columns
        ],
        "rows": [
            {name: json_value(value) for name, value in row.items()} for row in dataset.iter_rows()
        ],
    }
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )


def iati_activities(request) -> HttpResponse:
    """The programme as an IATI 2.03 activity (apps.site.iati); 404 without a programme."""
    document = iati.build_activities()
    if document is None:
        raise Http404("No programme to publish.")
    return HttpResponse(document, content_type="application/xml; charset=utf-8")
