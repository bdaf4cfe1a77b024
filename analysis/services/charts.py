"""The analyses' charts as SVG text, and the figures as their tables show them.

The pages draw these charts and offer them for download, and the API
returns the same bytes: both call the functions here, which know no HTTP.
The drawing itself (axes, scales, escaping) is ``analysis.exports.svg``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from analysis.exports import svg
from analysis.services.cooccurrence import Cooccurrence, PairMeasure
from analysis.services.crosstab import Count, Crosstab, Measure
from analysis.services.dimensions import Dimension
from analysis.services.trends import Trend, TrendMeasure

# Before a downloaded chart's <svg>, so that the file stands alone.
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def shown(value: float | None, measure) -> str:
    """A figure as the table shows it."""
    if value is None:
        return "–"
    if measure in (Measure.ROW, Measure.COLUMN):
        return f"{value:.1f}%"
    if measure in (Measure.RATE, TrendMeasure.RATE):
        return f"{value:,.2f}"
    if measure is PairMeasure.JACCARD:
        return f"{value:.3f}"
    return f"{int(value):,}"


@dataclass(frozen=True)
class Heat:
    """Each cell of a table as shown, and its step on the heat scale (None: uncoloured)."""

    texts: list[list[str]]
    steps: list[list[int | None]]


def crosstab_title(dimension: Dimension) -> str:
    return _("Themes by %(dimension)s") % {"dimension": dimension.label}


def crosstab_caption(table: Crosstab, *, count: Count, measure: Measure) -> str:
    """What the figures are: the chart's description and the exported sheet's title."""
    return f"{count.label} · {measure.label} · {table.dimension.label}"


def crosstab_heat(table: Crosstab, *, count: Count, measure: Measure) -> Heat:
    """The themes' cells (not the row of any theme), shaded against the largest."""
    values = [
        [table.value(row, i, count=count, measure=measure) for i in range(len(table.columns))]
        for row in table.rows
    ]
    peak = max((v or 0 for row in values for v in row), default=0)
    return Heat(
        texts=[[shown(v, measure) for v in row] for row in values],
        steps=[[svg.heat_step(v, peak) for v in row] for row in values],
    )


def crosstab_chart(table: Crosstab, *, count: Count, measure: Measure) -> str:
    """The crosstab as a heatmap, the columns' characters of text below."""
    heat = crosstab_heat(table, count=count, measure=measure)
    return svg.heatmap(
        title=crosstab_title(table.dimension),
        description=crosstab_caption(table, count=count, measure=measure),
        rows=[(row.theme.name, row.depth) for row in table.rows],
        columns=[c.label for c in table.columns],
        cells=heat.texts, steps=heat.steps,
        footer=[f"{c.characters:,}" for c in table.columns],
    )


def cooccurrence_title() -> str:
    return _("Themes coded together")


def cooccurrence_heat(matrix: Cooccurrence, *, measure: PairMeasure) -> Heat:
    """Pairs of different themes shaded against the largest; the diagonal (a
    theme's own paragraphs) and a theme with its own sub-theme are not."""
    peak = max(
        (pair.get(measure) or 0
         for i, row in enumerate(matrix.cells) for j, pair in enumerate(row)
         if i != j and not pair.nested),
        default=0,
    )
    return Heat(
        texts=[[shown(pair.get(measure), measure) for pair in row] for row in matrix.cells],
        steps=[
            [None if i == j or pair.nested else svg.heat_step(pair.get(measure), peak)
             for j, pair in enumerate(row)]
            for i, row in enumerate(matrix.cells)
        ],
    )


def cooccurrence_chart(matrix: Cooccurrence, *, measure: PairMeasure) -> str:
    heat = cooccurrence_heat(matrix, measure=measure)
    return svg.heatmap(
        title=cooccurrence_title(), description=str(measure.label),
        rows=[(theme.name, matrix.depths[i]) for i, theme in enumerate(matrix.themes)],
        columns=[t.name for t in matrix.themes],
        cells=heat.texts, steps=heat.steps,
    )


def trends_title() -> str:
    return _("Term trends")


def trend_chart(trend: Trend, *, measure: TrendMeasure) -> str:
    """Lines over the years, or bars per speaker, role or meeting."""
    lines = [
        svg.Line(s.term, [trend.value(s, i, measure) for i in range(len(trend.columns))])
        for s in trend.series
    ]
    labels = [c.label for c in trend.columns]
    description = _("%(measure)s by %(dimension)s: %(terms)s") % {
        "measure": measure.label, "dimension": trend.dimension.label,
        "terms": "、".join(s.term for s in trend.series),
    }
    if trend.dimension is Dimension.YEAR:
        return svg.line_chart(title=trends_title(), description=description, labels=labels,
                              lines=lines, y_label=measure.label)
    return svg.bar_chart(title=trends_title(), description=description, labels=labels,
                         lines=lines, x_label=measure.label)
