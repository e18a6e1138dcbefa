"""The sections this app adds to /components/connectivity/ (apps.core.panels): the
MPAC areas with their initiatives, the ASUS focus areas with cities' actions, the
member states' overview and the coordination bodies. Only published records
(`records.published`), a fixed number of queries and rows whatever the data."""

from apps.core.panels import Panel

from . import selectors
from .charts import state_bar_chart


def component_sections(*, component) -> list[Panel]:
    overview = selectors.member_state_overview_public(programme=component.programme)
    return [
        Panel(
            "connectivity/public/_mpac_areas.html",
            {"areas": selectors.strategic_areas_public()},
        ),
        Panel(
            "connectivity/public/_focus_areas.html",
            {"areas": selectors.focus_areas_public()},
        ),
        Panel(
            "connectivity/public/_member_states.html",
            {
                "rows": overview,
                "chart": state_bar_chart(overview),
                "term": component.programme.term,
            },
        ),
        Panel(
            "connectivity/public/_coordination_bodies.html",
            {"bodies": selectors.coordination_bodies_public()},
        ),
    ]
