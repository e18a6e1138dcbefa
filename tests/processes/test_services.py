"""The processes services: every transition of each record, the app's own rules at
their boundaries, and the reference data loader."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.monitoring import review
from apps.processes import services
from apps.processes.models import (
    Audience,
    IntegrityMeasure,
    LegalInstrument,
    ProcessImprovement,
    Strategy,
    Workstream,
)
from apps.programme.models import Unit
from tests.monitoring.factories import ActivityFactory
from tests.monitoring.helpers import APPROVED, DRAFT, RETURNED, SUBMITTED, pdf_upload

from .helpers import (
    improvement_data,
    integrity_measure_data,
    legal_instrument_data,
    strategy_data,
)

pytestmark = pytest.mark.django_db

# kind: (create, update, submit, approve, return, delete, record keyword, data, unit)
KINDS = {
    "improvement": (
        services.improvement_create,
        services.improvement_update,
        services.improvement_submit,
        services.improvement_approve,
        services.improvement_return,
        services.improvement_delete,
        "improvement",
        improvement_data,
    ),
    "strategy": (
        services.strategy_create,
        services.strategy_update,
        services.strategy_submit,
        services.strategy_approve,
        services.strategy_return,
        services.strategy_delete,
        "strategy",
        strategy_data,
    ),
    "legal_instrument": (
        services.legal_instrument_create,
        services.legal_instrument_update,
        services.legal_instrument_submit,
        services.legal_instrument_approve,
        services.legal_instrument_return,
        services.legal_instrument_delete,
        "instrument",
        legal_instrument_data,
    ),
    "integrity_measure": (
        services.integrity_measure_create,
        services.integrity_measure_update,
        services.integrity_measure_submit,
        services.integrity_measure_approve,
        services.integrity_measure_return,
        services.integrity_measure_delete,
        "measure",
        integrity_measure_data,
    ),
}


def _actions(record) -> list[str]:
    return list(review.audit_trail(record).order_by("pk").values_list("action", flat=True))


# --- Transitions, for every kind --------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_record_goes_draft_submitted_returned_submitted_approved(kind, corporate_staff, reviewer):
    create, update, submit, approve, return_, _delete, argument, data = KINDS[kind]
    record = create(user=corporate_staff, data=data(), files=[pdf_upload()])
    assert (record.status, record.unit, record.created_by) == (
        DRAFT,
        corporate_staff.unit,
        corporate_staff,
    )
    assert [str(evidence) for evidence in record.evidence_files.all()] == ["minutes.pdf"]

    record = update(**{argument: record}, user=corporate_staff, data={"title": "Renamed"})
    assert record.title == "Renamed"
    record = submit(**{argument: record}, user=corporate_staff)
    assert record.status == SUBMITTED

    record = return_(**{argument: record}, reviewer=reviewer, note="Add the dates, please.")
    assert (record.status, record.review_note) == (RETURNED, "Add the dates, please.")
    record = update(**{argument: record}, user=corporate_staff, data={}, submit=True)
    assert record.status == SUBMITTED

    record = approve(**{argument: record}, reviewer=reviewer)
    assert (record.status, record.reviewed_by) == (APPROVED, reviewer)
    assert _actions(record) == [
        "created",
        "edited",
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_draft_is_deleted_by_its_author_only(kind, corporate_staff):
    create, *_rest, delete, argument, data = KINDS[kind]
    record = create(user=corporate_staff, data=data())
    colleague = type(corporate_staff).objects.create_user(
        "colleague@asean.example.org", "pw-unused-123", unit=corporate_staff.unit
    )
    colleague.groups.set(corporate_staff.groups.all())
    with pytest.raises(ValidationError, match="only by the person who wrote it"):
        delete(**{argument: record}, user=colleague)

    delete(**{argument: record}, user=corporate_staff)
    assert not type(record).objects.filter(pk=record.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_author_cannot_approve_own_record(kind, corporate_staff):
    create, _u, _s, approve, *_rest, argument, data = KINDS[kind]
    corporate_staff.is_superuser = True  # even with every right
    corporate_staff.save()
    record = create(user=corporate_staff, data=data(), submit=True)
    with pytest.raises(ValidationError, match="your own work"):
        approve(**{argument: record}, reviewer=corporate_staff)


@pytest.mark.parametrize("kind", KINDS)
def test_staff_cannot_review(kind, corporate_staff, legal_staff):
    create, _u, _s, approve, *_rest, argument, data = KINDS[kind]
    record = create(user=corporate_staff, data=data(), submit=True)
    with pytest.raises(PermissionDenied, match="Only programme advisers"):
        approve(**{argument: record}, reviewer=legal_staff)


@pytest.mark.parametrize("kind", KINDS)
def test_staff_of_a_unit_outside_the_component_cannot_create(kind, connectivity_staff):
    create, *_rest, data = KINDS[kind]
    with pytest.raises(PermissionDenied, match="units that work on organisational processes"):
        create(user=connectivity_staff, data=data())


@pytest.mark.parametrize("kind", KINDS)
def test_other_unit_cannot_change_a_record(kind, corporate_staff, legal_staff):
    create, update, *_rest, argument, data = KINDS[kind]
    record = create(user=corporate_staff, data=data())
    with pytest.raises(PermissionDenied, match="your own unit"):
        update(**{argument: record}, user=legal_staff, data={"title": "Taken over"})
    record.refresh_from_db()
    assert record.title != "Taken over"


def test_return_needs_a_note(corporate_staff, reviewer):
    improvement = services.improvement_create(
        user=corporate_staff, data=improvement_data(), submit=True
    )
    with pytest.raises(ValidationError, match="Say why you return it"):
        services.improvement_return(improvement=improvement, reviewer=reviewer, note="  ")
    improvement.refresh_from_db()
    assert improvement.status == SUBMITTED


def test_same_form_sent_twice_makes_one_record(legal_staff):
    import uuid

    from apps.monitoring.review import DuplicateSubmission

    token = uuid.uuid4()
    first = services.legal_instrument_create(
        user=legal_staff, data=legal_instrument_data(), token=token
    )
    with pytest.raises(DuplicateSubmission) as duplicate:
        services.legal_instrument_create(
            user=legal_staff, data=legal_instrument_data(), token=token
        )
    assert duplicate.value.record == first
    assert LegalInstrument.objects.count() == 1


def test_activities_are_linked_and_audited(communication_staff):
    activity = ActivityFactory(unit=communication_staff.unit, title="ASEAN Media Forum 2019")
    strategy = services.strategy_create(
        user=communication_staff,
        data=strategy_data(
            activities=[activity], audiences=list(Audience.objects.filter(slug="media"))
        ),
    )
    assert list(strategy.activities.all()) == [activity]
    entry = review.audit_trail(strategy).get(action="created")
    changed = {change["field"]: change["new"] for change in entry.changes}
    assert changed["activities"] == "ASEAN Media Forum 2019"
    assert changed["audiences"] == "Media"


# --- Stages and their dates: the rule at its boundaries ----------------------------------


def _improvement_error(staff, **overrides) -> dict:
    with pytest.raises(ValidationError) as error:
        services.improvement_create(user=staff, data=improvement_data(**overrides))
    assert not ProcessImprovement.objects.exists()
    return error.value.message_dict


def test_reached_stage_needs_its_date(corporate_staff):
    errors = _improvement_error(corporate_staff, redesigned_on=None)
    assert errors == {"redesigned_on": ["Give the date it was redesigned."]}


def test_earlier_stage_dates_may_be_left_empty(corporate_staff):
    improvement = services.improvement_create(
        user=corporate_staff, data=improvement_data(mapped_on=None)
    )
    assert improvement.stage_reached_on == datetime.date(2019, 10, 1)


def test_stage_not_reached_has_no_date(corporate_staff):
    errors = _improvement_error(corporate_staff, piloted_on=datetime.date(2020, 1, 1))
    assert errors == {
        "piloted_on": ["It is not piloted yet: leave this date empty, or move the stage on."]
    }


def test_earlier_stage_may_not_come_after_a_later_one(corporate_staff):
    errors = _improvement_error(
        corporate_staff,
        mapped_on=datetime.date(2019, 10, 2),
        redesigned_on=datetime.date(2019, 10, 1),
    )
    assert errors == {
        "redesigned_on": ["It cannot be redesigned before it was mapped (2 October 2019)."]
    }


def test_two_stages_on_the_same_day_are_fine(corporate_staff):
    day = datetime.date(2019, 10, 1)
    improvement = services.improvement_create(
        user=corporate_staff, data=improvement_data(mapped_on=day, redesigned_on=day)
    )
    assert improvement.mapped_on == improvement.redesigned_on == day


def test_stage_date_may_be_today_not_tomorrow(corporate_staff):
    from django.utils import timezone

    today = timezone.localdate()
    errors = _improvement_error(corporate_staff, redesigned_on=today + datetime.timedelta(days=1))
    assert errors == {"redesigned_on": ["The date it was redesigned cannot be in the future."]}
    improvement = services.improvement_create(
        user=corporate_staff, data=improvement_data(redesigned_on=today)
    )
    assert improvement.redesigned_on == today


def test_stage_dates_before_2000_are_refused(corporate_staff):
    errors = _improvement_error(corporate_staff, mapped_on=datetime.date(1999, 12, 31))
    assert errors == {"mapped_on": ["Enter a date from 1 January 2000."]}


def test_legal_instrument_moves_to_adopted_with_its_date(legal_staff):
    instrument = services.legal_instrument_create(user=legal_staff, data=legal_instrument_data())
    with pytest.raises(ValidationError) as error:
        services.legal_instrument_update(
            instrument=instrument, user=legal_staff, data={"stage": LegalInstrument.Stage.ADOPTED}
        )
    assert error.value.message_dict == {"adopted_on": ["Give the date it was adopted."]}

    instrument = services.legal_instrument_update(
        instrument=instrument,
        user=legal_staff,
        data={"stage": LegalInstrument.Stage.ADOPTED, "adopted_on": datetime.date(2020, 5, 4)},
        submit=True,
    )
    assert (instrument.stage, instrument.status) == (LegalInstrument.Stage.ADOPTED, SUBMITTED)
    assert instrument.stage_reached_on == datetime.date(2020, 5, 4)


def test_first_stage_without_a_date_needs_none(communication_staff):
    strategy = services.strategy_create(
        user=communication_staff,
        data=strategy_data(stage=Strategy.Stage.DRAFTING, adopted_on=None),
    )
    assert strategy.stage_reached_on is None


def test_every_error_is_reported_at_once(corporate_staff):
    errors = _improvement_error(
        corporate_staff, redesigned_on=None, measure="", measure_before=None
    )
    assert set(errors) == {"redesigned_on", "measure", "measure_before"}


# --- Figures ---------------------------------------------------------------------------


def test_figures_need_their_measure(corporate_staff):
    errors = _improvement_error(corporate_staff, measure=" ")
    assert errors == {"measure": ["Say what the figures count, e.g. “processing days”."]}


def test_after_figure_needs_a_before_figure(corporate_staff):
    errors = _improvement_error(corporate_staff, measure_before=None)
    assert errors == {"measure_before": ["Give the figure before the change, to compare with."]}


def test_before_figure_alone_is_fine(corporate_staff):
    improvement = services.improvement_create(
        user=corporate_staff, data=improvement_data(measure_after=None)
    )
    assert improvement.has_improved is None


@pytest.mark.parametrize(
    ("lower_is_better", "after", "improved"),
    [(True, "12", True), (True, "30", False), (False, "31", True), (False, "30", False)],
)
def test_has_improved_follows_the_direction(corporate_staff, lower_is_better, after, improved):
    improvement = services.improvement_create(
        user=corporate_staff,
        data=improvement_data(
            measure_before=Decimal("30"),
            measure_after=Decimal(after),
            lower_is_better=lower_is_better,
        ),
    )
    assert improvement.has_improved is improved


def test_coverage_equal_to_staff_is_fine_one_more_is_not(corporate_staff):
    measure = services.integrity_measure_create(
        user=corporate_staff, data=integrity_measure_data(staff_covered_women=180)
    )
    assert measure.staff_covered_women == measure.staff_women == 180
    with pytest.raises(ValidationError) as error:
        services.integrity_measure_update(
            measure=measure, user=corporate_staff, data={"staff_covered_men": 161}
        )
    assert error.value.message_dict == {
        "staff_covered_men": ["More men covered (161) than the 160 it is for."]
    }


def test_coverage_needs_the_staff_it_is_counted_among(corporate_staff):
    with pytest.raises(ValidationError) as error:
        services.integrity_measure_create(
            user=corporate_staff, data=integrity_measure_data(staff_women=None)
        )
    assert error.value.message_dict == {
        "staff_women": ["Give how many women the measure is for, to count the share covered."]
    }
    assert not IntegrityMeasure.objects.exists()


# --- Reference data ----------------------------------------------------------------------


def test_facts_load_is_idempotent(programme_facts):
    first = services.processes_facts_load()
    assert first == {"audiences": 4, "workstreams": 4}
    assert services.processes_facts_load() == {"audiences": 0, "workstreams": 0}
    legal = Workstream.objects.get(slug="legal-instruments")
    assert [unit.abbreviation for unit in legal.lead_units.all()] == ["LSAD"]


def test_facts_load_restores_what_an_adviser_changed_in_the_units(programme_facts):
    services.processes_facts_load()
    hr = Workstream.objects.get(slug="strategic-hr")
    hr.lead_units.set([Unit.objects.get(abbreviation="ACD")])
    assert services.processes_facts_load() == {"audiences": 0, "workstreams": 1}
    assert [unit.abbreviation for unit in hr.lead_units.all()] == ["CAD"]


def test_facts_load_needs_the_programme_facts(db):
    with pytest.raises(Unit.DoesNotExist, match="load the programme facts first"):
        services.processes_facts_load()


# Each kind's last stage, with the date it needs, and the first stage's own date rule.
LAST_STAGES = {
    "improvement": ("institutionalised", "institutionalised_on", "Institutionalised"),
    "strategy": ("reviewed", "evaluated_on", "Reviewed"),
    "legal_instrument": ("in_force", "in_force_on", "In force"),
    "integrity_measure": ("reviewed", "evaluated_on", "Reviewed"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_reaches_its_last_stage_with_its_date(kind, corporate_staff):
    create, *_rest, data = KINDS[kind]
    stage, day_field, label = LAST_STAGES[kind]
    with pytest.raises(ValidationError) as error:
        create(user=corporate_staff, data=data(stage=stage))
    assert error.value.message_dict[day_field] == [f"Give the date it was {label.lower()}."]
    record = create(
        user=corporate_staff, data=data(stage=stage, **{day_field: datetime.date(2021, 12, 1)})
    )
    assert record.stage_reached_on == datetime.date(2021, 12, 1)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_refuses_a_date_for_its_last_stage_before_it_is_reached(kind, corporate_staff):
    create, *_rest, data = KINDS[kind]
    _stage, day_field, _label = LAST_STAGES[kind]
    with pytest.raises(ValidationError) as error:
        create(user=corporate_staff, data=data(**{day_field: datetime.date(2021, 12, 1)}))
    assert "leave this date empty" in error.value.message_dict[day_field][0]
