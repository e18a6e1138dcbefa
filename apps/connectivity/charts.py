"""The member states' bar chart on the public page, drawn on the server as SVG
geometry (no JavaScript, no style attributes: the page's Content-Security-Policy
refuses them). The table beside it is its text alternative."""

from dataclasses import dataclass

from django.utils.translation import ngettext

# SVG units; the chart scales with its width.
WIDTH = 640
LABEL_WIDTH = 150  # the states' names, right-aligned before the bars
VALUE_ROOM = 40  # the figure written after the longest bar
ROW = 30
BAR = 18
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int  # top of the bar
    width: float
    text_y: int  # the baseline-centred y of its label and figure

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    left: int
    summary: str


def state_bar_chart(rows) -> BarChart | None:
    """Horizontal bars, one per member state: the public initiatives involving it.
    None when there is nothing to draw (no state, or no initiative anywhere)."""
    largest = max((row.initiatives for row in rows), default=0)
    if not largest:
        return None
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = [
        Bar(
            label=row.state.name,
            value=row.initiatives,
            y=TOP + index * ROW,
            width=round(room * row.initiatives / largest, 1),
            text_y=TOP + index * ROW + BAR // 2,
        )
        for index, row in enumerate(rows)
    ]
    leaders = [bar.label for bar in bars if bar.value == largest]
    summary = ngettext(
        "Public MPAC initiatives involving each member state: at most %(largest)d, in %(leaders)s.",
        "Public MPAC initiatives involving each member state: at most %(largest)d, in %(leaders)s.",
        largest,
    ) % {"largest": largest, "leaders": ", ".join(leaders)}
    return BarChart(
        bars=bars,
        width=WIDTH,
        height=TOP * 2 + len(bars) * ROW,
        left=LABEL_WIDTH,
        summary=summary,
    )
