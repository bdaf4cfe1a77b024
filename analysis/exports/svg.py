"""Charts drawn by the server as SVG: part of the page (no script, no CDN),
printable, and downloadable as files that open anywhere.

Every text in a chart is escaped here; a chart carries a <title> and a
<desc>, and the page puts the same numbers in a table beside it for screen
readers and for when images are off. Series differ by dash pattern and
marker as well as by colour, so a chart still reads in black and white.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
# Colour-blind-safe (Okabe & Ito), then dashes to tell series apart in print.
COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#8c564b"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 2 1 2", "3 3"]
MARKERS = ["circle", "square", "diamond", "triangle", "circle", "square", "diamond", "triangle"]
# The heat scale of tables and heatmaps: ten steps from white to deep blue.
HEAT = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
        "#08519c", "#08306b", "#041e42"]


@dataclass(frozen=True)
class Line:
    label: str
    values: Sequence[float | None]  # None: no text behind the point (a gap)


def heat_step(value: float | None, peak: float | None) -> int | None:
    """0–9, the step of the heat scale for ``value`` out of ``peak``; None when undefined."""
    if value is None or not peak:
        return None
    return min(9, max(0, math.ceil(9 * value / peak))) if value > 0 else 0


def nice_top(value: float) -> tuple[float, float]:
    """An axis top at or above ``value`` and its tick step (1, 2 or 5 × 10^n)."""
    if value <= 0:
        return 1.0, 0.2
    raw = value / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(value / step), step


def number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.1f}"


def _attr(value) -> str:
    return quoteattr(str(value))


def _marker(kind: str, x: float, y: float, colour: str, title: str) -> str:
    tip = f"<title>{escape(title)}</title>"
    if kind == "square":
        shape = f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7"'
    elif kind == "diamond":
        shape = f'<path d="M{x:.1f} {y - 4.5:.1f}l4.5 4.5l-4.5 4.5l-4.5-4.5z"'
    elif kind == "triangle":
        shape = f'<path d="M{x:.1f} {y - 4.5:.1f}l4.5 8l-9 0z"'
    else:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.8"'
    return f'{shape} fill="{colour}" stroke="#fff" stroke-width="1">{tip}</{_tag(shape)}>'


def _tag(shape: str) -> str:
    return shape[1:].split(" ", 1)[0]


def _frame(width: int, height: int, title: str, description: str, body: list[str]) -> str:
    return "".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family={_attr(FONT)} font-size="12" class="chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        *body,
        "</svg>",
    ])


def line_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    lines: Sequence[Line],
    y_label: str,
    width: int = 760,
    height: int = 360,
) -> str:
    """Lines over ordered columns (years), with a y axis from zero and a legend below."""
    left, right, top = 64, 16, 28
    legend_rows = math.ceil(len(lines) / 3)
    bottom = 44 + 20 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((v for line in lines for v in line.values if v is not None), default=0)
    top_value, step = nice_top(peak)
    count = len(labels)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / count if count else 0)

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / top_value

    body = [f'<text x="{left}" y="16" fill="#444">{escape(y_label)}</text>']
    ticks = int(round(top_value / step))
    for n in range(ticks + 1):
        value = step * n
        ty = y(value)
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{ty:.1f}" y2="{ty:.1f}" '
                    f'stroke="#ddd"/>')
        body.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#444">'
                    f"{escape(number(value))}</text>")
    every = max(1, math.ceil(count / 12))
    for i, label in enumerate(labels):
        if i % every == 0 or i == count - 1:
            body.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
                        f'fill="#444">{escape(label)}</text>')
    body.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" '
                f'y2="{top + plot_h}" stroke="#888"/>')
    for n, line in enumerate(lines):
        colour, dash, marker = COLOURS[n % 8], DASHES[n % 8], MARKERS[n % 8]
        runs, run = [], []
        for i, value in enumerate(line.values):
            if value is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(f"{x(i):.1f},{y(value):.1f}")
        if run:
            runs.append(run)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for points in runs:
            body.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                        f'stroke-width="2"{dash_attr}/>')
        for i, value in enumerate(line.values):
            if value is not None:
                body.append(_marker(marker, x(i), y(value), colour,
                                    f"{line.label} · {labels[i]}: {number(value)}"))
        lx = left + (n % 3) * (plot_w / 3)
        ly = height - 20 * legend_rows + 20 * (n // 3) - 6
        body.append(f'<line x1="{lx:.1f}" x2="{lx + 28:.1f}" y1="{ly - 4}" y2="{ly - 4}" '
                    f'stroke="{colour}" stroke-width="2"{dash_attr}/>')
        body.append(_marker(marker, lx + 14, ly - 4, colour, line.label))
        body.append(f'<text x="{lx + 34:.1f}" y="{ly}" fill="#222">{escape(line.label)}</text>')
    return _frame(width, height, title, description, body)


def bar_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    lines: Sequence[Line],
    x_label: str,
    width: int = 760,
) -> str:
    """Horizontal bars, one group per column (a speaker, a meeting), one bar per series."""
    left, right, top = 180, 60, 28
    bar, gap = 12, 10
    group = bar * len(lines) + gap
    legend_rows = math.ceil(len(lines) / 3)
    height = top + group * len(labels) + 30 + 20 * legend_rows
    plot_w = width - left - right
    peak = max((v for line in lines for v in line.values if v is not None), default=0)
    top_value, _step = nice_top(peak)
    body = [f'<text x="{left}" y="16" fill="#444">{escape(x_label)}</text>']
    for i, label in enumerate(labels):
        gy = top + group * i
        short = label if len(label) <= 14 else label[:13] + "…"
        body.append(f'<text x="{left - 6}" y="{gy + group / 2:.1f}" text-anchor="end" '
                    f'fill="#222">{escape(short)}<title>{escape(label)}</title></text>')
        for n, line in enumerate(lines):
            value = line.values[i]
            if value is None:
                continue
            w = plot_w * value / top_value
            colour = COLOURS[n % 8]
            body.append(
                f'<rect x="{left}" y="{gy + n * bar:.1f}" width="{w:.1f}" height="{bar - 2}" '
                f'fill="{colour}"><title>{escape(f"{line.label} · {label}: {number(value)}")}'
                f"</title></rect>"
            )
            body.append(f'<text x="{left + w + 4:.1f}" y="{gy + n * bar + bar - 3:.1f}" '
                        f'font-size="10" fill="#444">{escape(number(value))}</text>')
    base = top + group * len(labels)
    body.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{base}" stroke="#888"/>')
    for n, line in enumerate(lines):
        lx = left + (n % 3) * (plot_w / 3)
        ly = base + 26 + 20 * (n // 3)
        body.append(f'<rect x="{lx:.1f}" y="{ly - 10}" width="12" height="10" '
                    f'fill="{COLOURS[n % 8]}"/>')
        body.append(f'<text x="{lx + 18:.1f}" y="{ly}" fill="#222">{escape(line.label)}</text>')
    return _frame(width, int(height), title, description, body)


def heatmap(
    *,
    title: str,
    description: str,
    rows: Sequence[tuple[str, int]],
    columns: Sequence[str],
    cells: Sequence[Sequence[str]],
    steps: Sequence[Sequence[int | None]],
    footer: Sequence[str] = (),
) -> str:
    """A table of numbers on the heat scale: rows (label, depth) × columns."""
    cell_w, cell_h, label_w = 64, 24, 220
    head = 110
    width = label_w + cell_w * len(columns) + 10
    height = head + cell_h * len(rows) + (cell_h if footer else 0) + 10
    body = []
    for j, column in enumerate(columns):
        cx = label_w + cell_w * j + cell_w / 2
        short = column if len(column) <= 12 else column[:11] + "…"
        body.append(f'<text transform="translate({cx:.1f},{head - 6}) rotate(-45)" '
                    f'fill="#222">{escape(short)}<title>{escape(column)}</title></text>')
    for i, (label, depth) in enumerate(rows):
        ry = head + cell_h * i
        body.append(f'<text x="{6 + 14 * depth}" y="{ry + 16}" fill="#222">{escape(label)}</text>')
        for j, text in enumerate(cells[i]):
            step = steps[i][j]
            fill = "#f2f2f2" if step is None else HEAT[step]
            ink = "#fff" if step is not None and step >= 6 else "#222"
            cx = label_w + cell_w * j
            body.append(f'<rect x="{cx}" y="{ry}" width="{cell_w - 1}" height="{cell_h - 1}" '
                        f'fill="{fill}"/>')
            body.append(f'<text x="{cx + cell_w - 6}" y="{ry + 16}" text-anchor="end" '
                        f'fill="{ink}">{escape(text)}</text>')
    if footer:
        fy = head + cell_h * len(rows)
        for j, text in enumerate(footer):
            body.append(f'<text x="{label_w + cell_w * (j + 1) - 6}" y="{fy + 16}" '
                        f'text-anchor="end" font-size="10" fill="#666">{escape(text)}</text>')
    return _frame(int(width), int(height), title, description, body)
