"""The advisers' back office for component 1: the reference data with its history, the
four review queues (read-only, approve and return through the services), and the
CSV and Excel downloads, scoped and filtered as the list is."""

import csv
import io

import openpyxl
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from apps.processes.models import LegalInstrument, Workstream
from tests.helpers import force_login_verified
from tests.monitoring.helpers import APPROVED, RETURNED, SUBMITTED

from .factories import (
    ADMIN_FACTORIES,
    LegalInstrumentFactory,
    ProcessImprovementEvidenceFactory,
    ProcessImprovementFactory,
)

pytestmark = pytest.mark.django_db

RECORD_MODELS = ["processimprovement", "strategy", "legalinstrument", "integritymeasure"]


def admin_url(model: str, page: str, *args) -> str:
    return reverse(f"admin:processes_{model}_{page}", args=args)


@pytest.fixture
def adviser_client(client, reviewer):
    force_login_verified(client, reviewer)
    return client


@pytest.mark.parametrize("label", list(ADMIN_FACTORIES))
def test_every_model_lists_and_opens_for_an_adviser(adviser_client, facts, label):
    obj = ADMIN_FACTORIES[label]()
    model = label.split(".")[1]
    response = adviser_client.get(admin_url(model, "changelist"), {"q": str(obj)[:10]})
    assert response.status_code == 200
    assert str(obj) in response.content.decode()
    assert adviser_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert adviser_client.get(admin_url(model, "history", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", RECORD_MODELS)
def test_queue_filters_by_status_stage_workstream_and_unit(adviser_client, facts, model):
    response = adviser_client.get(
        admin_url(model, "changelist"),
        {"status__exact": "submitted", "workstream__id__exact": "1", "is_public__exact": "1"},
    )
    assert response.status_code == 200


def test_records_are_read_only_even_for_superusers(client, superuser, legal_staff):
    instrument = LegalInstrumentFactory(unit=legal_staff.unit, created_by=legal_staff)
    force_login_verified(client, superuser)
    response = client.post(admin_url("legalinstrument", "change", instrument.pk), {"title": "X"})
    assert response.status_code == 403
    assert client.get(admin_url("legalinstrument", "add")).status_code == 403
    instrument.refresh_from_db()
    assert instrument.title != "X"


def test_adviser_approves_from_the_records_page(adviser_client, legal_staff):
    instrument = LegalInstrumentFactory(
        unit=legal_staff.unit, created_by=legal_staff, status=SUBMITTED
    )
    response = adviser_client.post(
        admin_url("legalinstrument", "review", instrument.pk), {"decision": "approve"}
    )
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.status == APPROVED


def test_adviser_returns_with_a_note_through_the_list_action(adviser_client, corporate_staff):
    improvement = ProcessImprovementFactory(
        unit=corporate_staff.unit, created_by=corporate_staff, status=SUBMITTED
    )
    response = adviser_client.post(
        admin_url("processimprovement", "changelist"),
        {
            "action": "return_selected",
            ACTION_CHECKBOX_NAME: [improvement.pk],
            "apply": "1",
            "note": "Give the before figure.",
        },
    )
    assert response.status_code == 302
    improvement.refresh_from_db()
    assert (improvement.status, improvement.review_note) == (RETURNED, "Give the before figure.")


def test_staff_cannot_open_the_back_office(client, legal_staff):
    client.force_login(legal_staff)
    response = client.get(admin_url("legalinstrument", "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_record_page_shows_its_evidence_and_audit_trail(adviser_client, corporate_staff):
    evidence = ProcessImprovementEvidenceFactory(
        record=ProcessImprovementFactory(unit=corporate_staff.unit, created_by=corporate_staff)
    )
    html = adviser_client.get(
        admin_url("processimprovement", "change", evidence.record_id)
    ).content.decode()
    assert evidence.get_absolute_url() in html


# --- Downloads ------------------------------------------------------------------------------


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_export_of_the_listed_records_follows_the_lists_filters(
    adviser_client, legal_staff, corporate_staff
):
    LegalInstrumentFactory(
        unit=legal_staff.unit, created_by=legal_staff, title="=HYPERLINK(1)", status=SUBMITTED
    )
    LegalInstrumentFactory(unit=legal_staff.unit, created_by=legal_staff, title="A draft")
    response = adviser_client.get(
        admin_url("legalinstrument", "export", "csv"), {"status__exact": "submitted"}
    )
    assert response.status_code == 200
    header, *rows = _csv_rows(response)
    assert header[:4] == ["ID", "Title", "Workstream", "Unit"]
    assert "Trade rights it protects" in header
    assert [row[1] for row in rows] == ["'=HYPERLINK(1)"]  # never run as a formula


def test_list_shows_the_export_links(adviser_client, legal_staff):
    LegalInstrumentFactory(unit=legal_staff.unit, created_by=legal_staff)
    html = adviser_client.get(admin_url("legalinstrument", "changelist")).content.decode()
    assert admin_url("legalinstrument", "export", "csv") in html
    assert "Export the 1 listed (Excel)" in html


def test_export_selected_as_excel(adviser_client, corporate_staff):
    chosen = ProcessImprovementFactory(
        unit=corporate_staff.unit, created_by=corporate_staff, title="Chosen"
    )
    ProcessImprovementFactory(unit=corporate_staff.unit, created_by=corporate_staff)
    response = adviser_client.post(
        admin_url("processimprovement", "changelist"),
        {"action": "export_xlsx", ACTION_CHECKBOX_NAME: [chosen.pk]},
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1] == "Chosen"
    assert "Before" in rows[0]
    assert rows[1][rows[0].index("Before")] == 30


def test_export_of_an_unknown_format_is_404(adviser_client):
    assert adviser_client.get(admin_url("legalinstrument", "export", "pdf")).status_code == 404


# --- Reference data --------------------------------------------------------------------------


def test_adviser_edits_a_workstream_and_its_history_keeps_it(adviser_client, facts):
    workstream = Workstream.objects.get(slug="legal-instruments")
    response = adviser_client.get(admin_url("workstream", "change", workstream.pk))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {
        "title": workstream.title,
        "slug": workstream.slug,
        "aim": "A clearer aim.",
        "order": workstream.order,
        "lead_units": [unit.pk for unit in workstream.lead_units.all()],
    }
    assert set(data) <= set(form.fields)
    response = adviser_client.post(admin_url("workstream", "change", workstream.pk), data)
    assert response.status_code == 302
    workstream.refresh_from_db()
    assert workstream.aim == "A clearer aim."
    assert workstream.history.count() == 2
    assert LegalInstrument.objects.count() == 0


def test_review_panel_shows_the_stages_and_the_figures(adviser_client, corporate_staff):
    improvement = ProcessImprovementFactory(
        unit=corporate_staff.unit, created_by=corporate_staff, status=SUBMITTED
    )
    html = adviser_client.get(
        admin_url("processimprovement", "change", improvement.pk)
    ).content.decode()
    assert "Mapped (where it is now)" in html
    assert "11 February 2019" in html
    assert "Processing days: 30 → 12 (better)" in html


@pytest.mark.parametrize("label", [f"processes.{model}" for model in RECORD_MODELS])
def test_every_queue_exports_its_records_as_csv_and_excel(adviser_client, facts, label):
    record = ADMIN_FACTORIES[label](title="Exported record")
    model = label.split(".")[1]
    header, *rows = _csv_rows(adviser_client.get(admin_url(model, "export", "csv")))
    assert header[-1] == "Reviewer's note"
    assert [row[1] for row in rows] == ["Exported record"]
    assert rows[0][3] == record.unit.abbreviation
    response = adviser_client.get(admin_url(model, "export", "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == "Exported record"
