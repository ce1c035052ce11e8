"""SPC and run charts drawn on the server as SVG: one code path for the page
and the PDF report, nothing depending on JavaScript.

The SVG is built from numbers and from labels escaped with `escape`; a
measure's name (typed by a person) is escaped too. Meaning never rests on
colour alone: special-cause points are drawn as larger squares (improvement)
or triangles (concern) or diamonds (neither), the limits are dashed, the
centre line solid, and the page puts the data table and a text summary
beside the chart.
"""

from __future__ import annotations

import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .spc import CONCERN, IMPROVEMENT, Chart

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _marker(x: float, y: float, reading: str | None) -> str:
    if reading == IMPROVEMENT:
        return (
            f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" '
            'class="spc-point spc-point--improvement" fill="#005eb8" />'
        )
    if reading == CONCERN:
        return (
            f'<polygon points="{x:.1f},{y - 8:.1f} {x + 7:.1f},{y + 6:.1f} '
            f'{x - 7:.1f},{y + 6:.1f}" '
            'class="spc-point spc-point--concern" fill="#d5281b" />'
        )
    if reading is not None:
        return (
            f'<polygon points="{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} '
            f'{x - 7:.1f},{y:.1f}" class="spc-point spc-point--special" fill="#ffb81c" '
            'stroke="#212b32" />'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="spc-point" fill="#425563" />'


def chart_svg(
    *, chart: Chart, labels: list[datetime.date | str], title: str, target: float | None = None
) -> SafeString:
    """The chart as an inline SVG element with a title and description."""
    values = chart.values
    label_text = [
        label.strftime("%b %Y") if isinstance(label, datetime.date) else str(label)
        for label in labels
    ]
    title_text = escape(title)
    desc = escape(chart.summary)
    if not values:
        return mark_safe(  # noqa: S308 - built from escaped text only
            f'<svg role="img" viewBox="0 0 {WIDTH} 60" class="spc-chart" '
            f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="t d">'
            f"<title>{title_text}</title><desc>{desc}</desc>"
            f'<text x="8" y="30">No readings yet</text></svg>'
        )
    lines = [v for v in (chart.centre, chart.upper, chart.lower, target) if v is not None]
    low = min([*values, *lines])
    high = max([*values, *lines])
    if high == low:
        high, low = high + 1, low - 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x_at(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / len(values))

    def y_at(v: float) -> float:
        return TOP + plot_h * (high - v) / (high - low)

    parts = [
        f'<svg role="img" viewBox="0 0 {WIDTH} {HEIGHT}" class="spc-chart" '
        'xmlns="http://www.w3.org/2000/svg" font-family="Arial, sans-serif" font-size="12">',
        f"<title>{title_text}</title><desc>{desc}</desc>",
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#425563" />',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        'stroke="#425563" />',
    ]
    for tick in range(5):
        value = low + (high - low) * tick / 4
        y = y_at(value)
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#212b32">'
            f"{_fmt(round(value, 1))}</text>"
        )

    def hline(value: float, css: str, dash: str, name: str) -> None:
        y = y_at(value)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'class="{css}" stroke="#212b32"{dash_attr} />'
            f'<text x="{WIDTH - RIGHT}" y="{y - 4:.1f}" text-anchor="end" fill="#212b32">'
            f"{escape(name)}</text>"
        )

    if chart.centre is not None:
        hline(chart.centre, "spc-centre", "", "Mean" if chart.has_limits else "Median")
    if chart.has_limits:
        hline(chart.upper, "spc-limit", "6 4", "Upper limit")
        hline(chart.lower, "spc-limit", "6 4", "Lower limit")
    if target is not None:
        hline(target, "spc-target", "2 3", "Target")
    points = " ".join(f"{x_at(i):.1f},{y_at(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{points}" fill="none" stroke="#768692" stroke-width="2" />')
    for i, value in enumerate(values):
        signals = chart.signals_at(i)
        reading = None
        if signals:
            readings = {s.reading for s in signals}
            reading = readings.pop() if len(readings) == 1 else "neither"
        parts.append(_marker(x_at(i), y_at(value), reading))
    step = max(1, len(values) // 8)
    for i in range(0, len(values), step):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" '
            f'fill="#212b32">{escape(label_text[i])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - numbers and escaped text only


def with_svg(measure_chart, title: str | None = None):
    """A measure's chart (selectors.MeasureChart) with its SVG drawn, for the
    page and the report alike."""
    measure = measure_chart.measure
    target = float(measure.target) if measure.target is not None else None
    measure_chart.svg = chart_svg(
        chart=measure_chart.chart,
        labels=[point.month for point in measure_chart.plotted],
        title=title or measure.name,
        target=target,
    )
    return measure_chart
