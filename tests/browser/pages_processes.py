"""Browser-test cases of the processes app (component 1): its public sections, its
workspace lists, records, forms (empty and with errors) and panel. See pages.py."""

import datetime
from decimal import Decimal

from .pages import PageCase, follow_link, in_turn, submit_empty_form

# The records the cases open, by title.
INSTRUMENT = "ASEAN model contract for procurement"
IMPROVEMENT = "Recruitment of professional staff"
MEASURE = "Conflict-of-interest declarations for all staff"
STRATEGY = "ASEAN Communication Master Plan II"


def processes_records() -> None:
    """Data: the workstreams, and a record of each kind by the browser tests' staff
    (tests/browser/conftest.py): approved and public, a draft, a returned one."""
    from apps.accounts.models import User
    from apps.monitoring.models import ReviewStatus
    from apps.processes.models import Audience, Workstream
    from apps.processes.services import processes_facts_load
    from apps.programme.models import Partner
    from tests.processes.factories import (
        IntegrityMeasureFactory,
        LegalInstrumentFactory,
        ProcessImprovementFactory,
        StrategyFactory,
    )

    processes_facts_load()
    workstreams = {workstream.slug: workstream for workstream in Workstream.objects.all()}
    legal = User.objects.get(email="staff.legal@asean.example.org")
    corporate = User.objects.get(email="staff.corporate@asean.example.org")
    communication = User.objects.get(email="staff@asean.example.org")
    adviser = User.objects.get(email="adviser@giz.example.org")
    approved = {"status": ReviewStatus.APPROVED, "reviewed_by": adviser}

    LegalInstrumentFactory(
        title=INSTRUMENT,
        unit=legal.unit,
        created_by=legal,
        workstream=workstreams["legal-instruments"],
        stage="adopted",
        adopted_on=datetime.date(2020, 5, 4),
        **approved,
    )
    LegalInstrumentFactory(
        title="Procedure for consultations under the Enhanced Dispute Settlement Mechanism",
        unit=legal.unit,
        created_by=legal,
        workstream=workstreams["legal-instruments"],
        stage="consultation",
        consultation_started_on=datetime.date(2021, 6, 1),
        status=ReviewStatus.RETURNED,
        reviewed_by=adviser,
        review_note="Which member states were consulted? Say so in the summary.",
    )
    ProcessImprovementFactory(
        title=IMPROVEMENT,
        unit=corporate.unit,
        created_by=corporate,
        workstream=workstreams["strategic-hr"],
        stage="piloted",
        piloted_on=datetime.date(2020, 3, 2),
        measure="working days",
        measure_before=Decimal("120"),
        measure_after=Decimal("82"),
        **approved,
    )
    ProcessImprovementFactory(
        title="Staff appraisal",
        unit=corporate.unit,
        created_by=corporate,
        workstream=workstreams["strategic-hr"],
    )
    measure = IntegrityMeasureFactory(
        title=MEASURE,
        unit=corporate.unit,
        created_by=corporate,
        workstream=workstreams["corruption-prevention"],
        kind="conflict_of_interest",
        stage="in_place",
        in_place_on=datetime.date(2020, 7, 1),
        **approved,
    )
    measure.partners.set(Partner.objects.filter(acronym="KPK"))
    strategy = StrategyFactory(
        title=STRATEGY,
        unit=communication.unit,
        created_by=communication,
        workstream=workstreams["communication-outreach"],
        stage="adopted",
        adopted_on=datetime.date(2018, 11, 13),
        link="https://asean.org/",
        **approved,
    )
    strategy.audiences.set(Audience.objects.all())


def processes_facts() -> None:
    """Data: only the workstreams (nothing published yet)."""
    from apps.processes.services import processes_facts_load

    processes_facts_load()


PAGES = [
    # Public: the component page's own sections.
    PageCase(
        "processes: component page with workstreams and records",
        "/components/organisational-processes/",
        data=processes_records,
    ),
    PageCase(
        "processes: component page with records at 320px",
        "/components/organisational-processes/",
        width=320,
        data=processes_records,
    ),
    PageCase(
        "processes: component page, nothing published yet",
        "/components/organisational-processes/",
        data=processes_facts,
    ),
    # The workspace: the panel, each list, a record's page, the forms.
    PageCase(
        "processes: workspace (LSAD)", "/workspace/", user="staff-legal", data=processes_records
    ),
    PageCase(
        "processes: workspace (adviser)", "/workspace/", user="adviser", data=processes_records
    ),
    PageCase(
        "processes: legal instruments",
        "/workspace/processes/legal-instruments/",
        user="staff-legal",
        data=processes_records,
    ),
    PageCase(
        "processes: legal instruments at 320px",
        "/workspace/processes/legal-instruments/",
        user="staff-legal",
        width=320,
        data=processes_records,
    ),
    PageCase(
        "processes: process improvements",
        "/workspace/processes/improvements/",
        user="staff-corporate",
        data=processes_records,
    ),
    PageCase(
        "processes: strategies",
        "/workspace/processes/strategies/",
        user="staff",
        data=processes_records,
    ),
    PageCase(
        "processes: integrity measures",
        "/workspace/processes/integrity-measures/",
        user="staff-corporate",
        data=processes_records,
    ),
    PageCase(
        "processes: integrity measures (ACD, no add button)",
        "/workspace/processes/integrity-measures/?status=draft",
        user="staff-connectivity",
        data=processes_facts,
    ),
    PageCase(
        "processes: legal instrument's page",
        "/workspace/processes/legal-instruments/",
        user="staff-legal",
        data=processes_records,
        state=follow_link(INSTRUMENT),
    ),
    PageCase(
        "processes: process improvement's page (adviser)",
        "/workspace/processes/improvements/",
        user="adviser",
        data=processes_records,
        state=follow_link(IMPROVEMENT),
    ),
    PageCase(
        "processes: legal instrument form, returned with a note",
        "/workspace/processes/legal-instruments/?status=returned",
        user="staff-legal",
        data=processes_records,
        state=in_turn(follow_link("Procedure for consultations"), follow_link("Change")),
    ),
    PageCase(
        "processes: legal instrument form",
        "/workspace/processes/legal-instruments/new/",
        user="staff-legal",
        data=processes_facts,
    ),
    PageCase(
        "processes: legal instrument form with errors",
        "/workspace/processes/legal-instruments/new/",
        user="staff-legal",
        data=processes_facts,
        state=submit_empty_form,
    ),
    PageCase(
        "processes: process improvement form",
        "/workspace/processes/improvements/new/",
        user="staff-corporate",
        data=processes_facts,
    ),
    PageCase(
        "processes: process improvement form with errors at 320px",
        "/workspace/processes/improvements/new/",
        user="staff-corporate",
        width=320,
        data=processes_facts,
        state=submit_empty_form,
    ),
    PageCase(
        "processes: strategy form",
        "/workspace/processes/strategies/new/",
        user="staff",
        data=processes_facts,
    ),
    PageCase(
        "processes: strategy form with errors",
        "/workspace/processes/strategies/new/",
        user="staff",
        data=processes_facts,
        state=submit_empty_form,
    ),
    PageCase(
        "processes: integrity measure form",
        "/workspace/processes/integrity-measures/new/",
        user="staff-corporate",
        data=processes_facts,
    ),
    PageCase(
        "processes: integrity measure form with errors",
        "/workspace/processes/integrity-measures/new/",
        user="staff-corporate",
        data=processes_facts,
        state=submit_empty_form,
    ),
]
