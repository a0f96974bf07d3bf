"""Horizontal bar charts drawn as SVG in the template: geometry here, no script, no inline style (CSP).

Every chart sits beside a table with the same figures; the SVG is the picture, the table is the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

LABEL_WIDTH = 250  # viewBox units for the labels on the left
BAR_AREA = 300  # the longest bar
VALUE_GAP = 6
ROW_HEIGHT = 26
BAR_HEIGHT = 18


@dataclass
class Segment:
    x: int
    width: int
    value: int
    css: str
    label: str = ""


LABEL_CHARS = 40  # what fits in LABEL_WIDTH at the chart's font size


@dataclass
class Row:
    label: str
    y: int
    total: int
    segments: list[Segment] = field(default_factory=list)

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1] + "…"

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 5

    @property
    def value_x(self) -> int:
        end = self.segments[-1].x + self.segments[-1].width if self.segments else LABEL_WIDTH
        return end + VALUE_GAP


@dataclass
class Chart:
    rows: list[Row]
    legend: list[tuple[str, str]]  # (css class, label)
    width: int = LABEL_WIDTH + BAR_AREA + 50
    label_width: int = LABEL_WIDTH
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
        x = LABEL_WIDTH
        for value, (css, part_label) in zip(values, parts, strict=True):
            width = _scale(value, maximum)
            row.segments.append(Segment(x=x, width=width, value=value, css=css, label=str(part_label)))
            x += width
        rows.append(row)
    return Chart(rows=rows, legend=[(css, str(label)) for css, label in parts if label])
