"""Horizontal bar charts: geometry here, no script, no inline style (CSP).

Each row is an HTML label, which wraps and is never cut (a phone shows the organization's whole name), and a
small SVG for the bar, scaled to the width the row gets. Every chart sits beside a table with the same figures;
the chart is the picture, the table is the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

BAR_AREA = 300  # the longest bar, in the bar's viewBox units
ROW_HEIGHT = 26
BAR_HEIGHT = 18


@dataclass
class Segment:
    x: int
    width: int
    value: int
    css: str
    label: str = ""


@dataclass
class Row:
    label: str
    y: int
    total: int
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Chart:
    rows: list[Row]
    legend: list[tuple[str, str]]  # (css class, label)
    width: int = BAR_AREA
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(1, len(self.rows)) * ROW_HEIGHT


def _scale(value: int, maximum: int) -> int:
    if not maximum or not value:
        return 0
    return max(1, round(BAR_AREA * value / maximum))  # a non-zero value stays visible


def bar_chart(items: Sequence[tuple[str, int]], css: str = "chart-bar") -> Chart:
    """One bar per (label, value)."""
    return stacked_chart([(label, [value]) for label, value in items], [(css, "")])


def stacked_chart(items: Sequence[tuple[str, Sequence[int]]], parts: Sequence[tuple[str, str]]) -> Chart:
    """One bar per (label, values), each bar made of ``parts`` = [(css class, label), ...] segments."""
    maximum = max((sum(values) for _label, values in items), default=0)
    rows = []
    for index, (label, values) in enumerate(items):
        row = Row(label=str(label), y=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2, total=sum(values))
        x = 0
        for value, (css, part_label) in zip(values, parts, strict=True):
            width = _scale(value, maximum)
            row.segments.append(Segment(x=x, width=width, value=value, css=css, label=str(part_label)))
            x += width
        rows.append(row)
    return Chart(rows=rows, legend=[(css, str(label)) for css, label in parts if label])
