"""The staff's pages under /workspace/processes/: for each record kind an allowed, a
denied (anonymous, another unit → 404, a unit outside the component → 403, an adviser
writing → 403) and a bad-input test; and the workspace panel."""

import datetime

import pytest
from django.urls import reverse

from apps.monitoring.models import ReviewStatus
from apps.processes.models import IntegrityMeasure, LegalInstrument, ProcessImprovement
from tests.helpers import force_login_verified
from tests.monitoring.factories import ActivityFactory
from tests.monitoring.helpers import DRAFT, SUBMITTED, date_input

from .factories import RECORD_FACTORIES
from .helpers import form_post, improvement_data, legal_instrument_data

pytestmark = pytest.mark.django_db

KINDS = list(RECORD_FACTORIES)


def url(kind: str, page: str, *args) -> str:
    return reverse(f"processes:{kind}_{page}", args=args)


def _record(kind: str, staff, **kwargs):
    factory, _evidence = RECORD_FACTORIES[kind]
    return factory(unit=staff.unit, created_by=staff, **kwargs)


# --- Lists --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_list_shows_the_units_records_only(client, kind, legal_staff, corporate_staff):
    own = _record(kind, legal_staff, title="Our own record")
    _record(kind, corporate_staff, title="Another unit's record")
    client.force_login(legal_staff)
    response = client.get(url(kind, "list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert own.title in html
    assert "Another unit" not in html
    assert url(kind, "create") in html  # "Add a …"


@pytest.mark.parametrize("kind", KINDS)
def test_list_for_advisers_shows_every_unit_and_no_add_button(
    client, kind, legal_staff, corporate_staff, reviewer
):
    _record(kind, legal_staff, title="Legal record")
    _record(kind, corporate_staff, title="Corporate record")
    force_login_verified(client, reviewer)
    html = client.get(url(kind, "list")).content.decode()
    assert "Legal record" in html
    assert "Corporate record" in html
    assert url(kind, "create") not in html


@pytest.mark.parametrize("kind", KINDS)
def test_list_sends_anonymous_visitors_to_sign_in(client, kind):
    response = client.get(url(kind, "list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_list_narrows_by_status(client, legal_staff):
    _record("legal_instrument", legal_staff, title="A draft instrument")
    _record("legal_instrument", legal_staff, title="A submitted one", status=SUBMITTED)
    client.force_login(legal_staff)
    html = client.get(url("legal_instrument", "list"), {"status": "submitted"}).content.decode()
    assert "A submitted one" in html
    assert "A draft instrument" not in html


@pytest.mark.parametrize("kind", KINDS)
def test_staff_outside_the_component_get_no_add_button_and_403_on_the_form(
    client, kind, connectivity_staff
):
    client.force_login(connectivity_staff)
    html = client.get(url(kind, "list")).content.decode()
    assert url(kind, "create") not in html
    assert client.get(url(kind, "create")).status_code == 403
    assert client.post(url(kind, "create"), {"title": "Nope"}).status_code == 403


# --- Create --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_create_form_opens_for_the_units_staff(client, kind, corporate_staff):
    client.force_login(corporate_staff)
    response = client.get(url(kind, "create"))
    assert response.status_code == 200
    assert "Submit for review" in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_advisers_cannot_write(client, kind, reviewer):
    force_login_verified(client, reviewer)
    assert client.get(url(kind, "create")).status_code == 403


def test_create_form_suggests_the_workstream_the_unit_leads(client, legal_staff):
    client.force_login(legal_staff)
    form = client.get(url("legal_instrument", "create")).context["form"]
    assert str(form["workstream"].value()) == str(form.fields["workstream"].initial.pk)
    assert form.fields["workstream"].initial.slug == "legal-instruments"


def test_create_form_offers_only_the_units_own_activities(client, legal_staff, corporate_staff):
    component = legal_staff.unit.components.get()
    own = ActivityFactory(unit=legal_staff.unit, component=component, title="Legal training")
    ActivityFactory(unit=corporate_staff.unit, component=component, title="HR workshop")
    client.force_login(legal_staff)
    form = client.get(url("legal_instrument", "create")).context["form"]
    assert list(form.fields["activities"].queryset) == [own]


def test_legal_staff_save_an_instrument_as_a_draft(client, legal_staff):
    client.force_login(legal_staff)
    response = client.post(url("legal_instrument", "create"), form_post(legal_instrument_data()))
    instrument = LegalInstrument.objects.get()
    assert response.status_code == 302
    assert response.url == instrument.get_absolute_url()
    assert (instrument.status, instrument.unit, instrument.created_by) == (
        DRAFT,
        legal_staff.unit,
        legal_staff,
    )
    assert instrument.consultation_started_on == datetime.date(2019, 10, 7)


def test_corporate_staff_submit_an_improvement_with_its_measure(client, corporate_staff):
    client.force_login(corporate_staff)
    response = client.post(
        url("improvement", "create"), form_post(improvement_data(), action="submit")
    )
    assert response.status_code == 302
    assert response.url == reverse("site:workspace")
    improvement = ProcessImprovement.objects.get()
    assert improvement.status == SUBMITTED
    assert (improvement.measure_before, improvement.measure_after) == (120, 82)


def test_bad_stage_date_shows_next_to_the_field_and_writes_nothing(client, legal_staff):
    client.force_login(legal_staff)
    data = form_post(legal_instrument_data(stage=LegalInstrument.Stage.ADOPTED))
    response = client.post(url("legal_instrument", "create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"adopted_on": ["Give the date it was adopted."]}
    assert "Give the date it was adopted." in response.content.decode()
    assert not LegalInstrument.objects.exists()


def test_impossible_date_is_refused_by_the_form(client, legal_staff):
    client.force_login(legal_staff)
    data = {**form_post(legal_instrument_data()), **date_input("consultation_started_on", None)}
    data["consultation_started_on_0"] = "31"
    data["consultation_started_on_1"] = "2"
    data["consultation_started_on_2"] = "2021"
    response = client.post(url("legal_instrument", "create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["consultation_started_on"] == ["Enter a real date"]
    assert not LegalInstrument.objects.exists()


def test_empty_form_says_what_is_missing(client, corporate_staff):
    client.force_login(corporate_staff)
    response = client.post(url("integrity_measure", "create"), {"action": "draft"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["title"] == ["Enter the title"]
    assert errors["kind"] == ["Choose the kind"]
    assert not IntegrityMeasure.objects.exists()


def test_activity_of_another_unit_is_refused(client, legal_staff, corporate_staff):
    other = ActivityFactory(unit=corporate_staff.unit, title="HR workshop")
    client.force_login(legal_staff)
    data = form_post(legal_instrument_data(activities=[other]))
    response = client.post(url("legal_instrument", "create"), data)
    assert response.status_code == 200
    assert "activities" in response.context["form"].errors
    assert not LegalInstrument.objects.exists()


# --- One record's pages -------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_record_page_shows_its_facts(client, kind, corporate_staff):
    record = _record(kind, corporate_staff, title="Our record")
    client.force_login(corporate_staff)
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Our record" in html
    assert "Submit for review" in html


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("page", ["detail", "edit", "delete"])
def test_another_units_record_is_404(client, kind, page, legal_staff, corporate_staff):
    record = _record(kind, corporate_staff)
    client.force_login(legal_staff)
    assert client.get(url(kind, page, record.pk)).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_another_units_record_cannot_be_submitted_nor_its_files_read(
    client, kind, legal_staff, corporate_staff
):
    _factory, evidence_factory = RECORD_FACTORIES[kind]
    record = _record(kind, corporate_staff)
    evidence = evidence_factory(record=record)
    client.force_login(legal_staff)
    assert client.post(url(kind, "submit", record.pk)).status_code == 404
    assert client.get(url(kind, "evidence_download", record.pk, evidence.pk)).status_code == 404
    assert client.post(url(kind, "evidence_delete", record.pk, evidence.pk)).status_code == 404
    record.refresh_from_db()
    assert record.status == DRAFT
    assert record.evidence_files.count() == 1


@pytest.mark.parametrize("kind", KINDS)
def test_evidence_is_downloaded_by_the_unit_and_advisers(client, kind, corporate_staff, reviewer):
    _factory, evidence_factory = RECORD_FACTORIES[kind]
    evidence = evidence_factory(record=_record(kind, corporate_staff))
    client.force_login(corporate_staff)
    response = client.get(url(kind, "evidence_download", evidence.record_id, evidence.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
    force_login_verified(client, reviewer)
    response = client.get(url(kind, "evidence_download", evidence.record_id, evidence.pk))
    assert response.status_code == 200


def test_edit_then_submit_from_the_records_page(client, legal_staff):
    instrument = _record("legal_instrument", legal_staff, title="Model contract")
    client.force_login(legal_staff)
    data = form_post(
        legal_instrument_data(
            title="Model contract",
            stage=LegalInstrument.Stage.ADOPTED,
            adopted_on=datetime.date(2020, 5, 4),
        )
    )
    response = client.post(url("legal_instrument", "edit", instrument.pk), data)
    assert response.status_code == 302
    response = client.post(url("legal_instrument", "submit", instrument.pk))
    assert response.url == reverse("site:workspace")
    instrument.refresh_from_db()
    assert (instrument.stage, instrument.status) == (LegalInstrument.Stage.ADOPTED, SUBMITTED)


def test_submitted_record_cannot_be_edited(client, legal_staff):
    instrument = _record("legal_instrument", legal_staff, status=SUBMITTED)
    client.force_login(legal_staff)
    response = client.get(url("legal_instrument", "edit", instrument.pk))
    assert response.status_code == 302
    assert response.url == instrument.get_absolute_url()


def test_draft_is_deleted_after_confirmation(client, corporate_staff):
    improvement = _record("improvement", corporate_staff)
    client.force_login(corporate_staff)
    assert client.get(url("improvement", "delete", improvement.pk)).status_code == 200
    response = client.post(url("improvement", "delete", improvement.pk))
    assert response.url == url("improvement", "list")
    assert not ProcessImprovement.objects.exists()


# --- The workspace panel --------------------------------------------------------------------


def test_workspace_panel_counts_the_units_records_returned_first(client, legal_staff, reviewer):
    _record("legal_instrument", legal_staff)
    _record("legal_instrument", legal_staff, status=ReviewStatus.RETURNED, reviewed_by=reviewer)
    client.force_login(legal_staff)
    html = client.get(reverse("site:workspace")).content.decode()
    assert "Organisational processes" in html
    assert f"{url('legal_instrument', 'list')}?status=returned" in html
    assert url("legal_instrument", "create") in html
    assert html.index(">Returned<") < html.index(">Draft<", html.index("processes-panel-title"))


def test_workspace_panel_for_advisers_has_counts_and_no_add_links(client, legal_staff, reviewer):
    _record("legal_instrument", legal_staff, status=SUBMITTED)
    force_login_verified(client, reviewer)
    html = client.get(reverse("site:workspace")).content.decode()
    assert "processes-panel-title" in html
    assert f"{url('legal_instrument', 'list')}?status=submitted" in html
    assert url("legal_instrument", "create") not in html


def test_workspace_panel_is_absent_for_units_outside_the_component(client, connectivity_staff):
    client.force_login(connectivity_staff)
    html = client.get(reverse("site:workspace")).content.decode()
    assert "processes-panel-title" not in html


def test_units_staff_remove_a_file_from_their_draft(client, corporate_staff):
    _factory, evidence_factory = RECORD_FACTORIES["improvement"]
    evidence = evidence_factory(record=_record("improvement", corporate_staff))
    client.force_login(corporate_staff)
    response = client.post(url("improvement", "evidence_delete", evidence.record_id, evidence.pk))
    assert response.url == evidence.record.get_absolute_url()
    assert not evidence.record.evidence_files.exists()


def test_form_says_so_when_the_unit_has_no_activities_to_link(client, legal_staff):
    client.force_login(legal_staff)
    html = client.get(url("legal_instrument", "create")).content.decode()
    assert "Your unit has logged no activities of this component yet" in html
