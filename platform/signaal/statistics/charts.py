"""Bar charts drawn on the server as SVG: no charting JavaScript, readable by screen readers.

The geometry is computed here; templates/statistics/_chart.html draws it with
a title and a description, and the page shows the same numbers in a table.
"""

from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 28
LABEL_WIDTH = 190
BAR_SPACE = 300
VALUE_SPACE = 60


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the value as shown ("12", "<5")
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]

    label_width = LABEL_WIDTH
    row_height = ROW_HEIGHT

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_SPACE + VALUE_SPACE

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT + 8


def bar_chart(id: str, title: str, description: str, points: list[tuple[str, object]]) -> BarChart:
    """Horizontal bars, one per (label, cell); a suppressed or empty cell draws no bar."""
    values = [getattr(cell, "value", cell) for _label, cell in points]
    largest = max((v for v in values if isinstance(v, (int, float))), default=0) or 1
    bars = tuple(
        Bar(
            label=str(label),  # HTML charts wrap long labels: no need to cut them
            text=str(cell),
            y=4 + index * ROW_HEIGHT,
            width=round(BAR_SPACE * value / largest) if isinstance(value, (int, float)) else 0,
        )
        for index, ((label, cell), value) in enumerate(zip(points, values))
    )
    return BarChart(id, title, description, bars)

