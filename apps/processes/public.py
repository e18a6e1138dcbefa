"""The sections component 1 adds to /components/organisational-processes/
(apps.core.panels): its workstreams with their units, indicators and published
records, then its process improvements by stage. A fixed number of queries
whatever the data (tests/processes/test_budgets.py); only approved records their
authors marked public show (`records.published`)."""

from apps.core.panels import Panel

from . import selectors

# Records of each kind listed under a workstream; the rest are counted.
SHOWN_PER_WORKSTREAM = 5


def component_sections(*, component) -> list[Panel]:
    workstreams = selectors.workstreams_public(limit=SHOWN_PER_WORKSTREAM)
    for entry in workstreams:
        for measure in entry.shown["integrity_measures"]:
            measure.coverage = selectors.coverage_public(measure)
    stages = selectors.improvement_stage_counts_public()
    return [
        Panel("processes/public/_workstreams.html", {"workstreams": workstreams}),
        Panel(
            "processes/public/_stages.html",
            {"stages": stages, "total": sum(stage.count for stage in stages)},
        ),
    ]
