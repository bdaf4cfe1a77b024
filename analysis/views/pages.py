from __future__ import annotations

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import read_required
from analysis import services
from analysis.errors import AnalysisError
from analysis.exports.downloads import (
    FORMATS,
    cooccurrence_download,
    crosstab_download,
    trend_download,
)
from analysis.forms import CooccurrenceForm, CrosstabForm, TrendForm
from analysis.services import Count, Dimension, Measure, PairMeasure, TrendMeasure
from analysis.services.charts import (
    cooccurrence_heat,
    cooccurrence_title,
    crosstab_heat,
    crosstab_title,
    shown,
    trend_chart,
    trends_title,
)
from annotations.models import Annotation
from speeches.models import Compilation, Speaker


def _choices(request):
    """What the filter selects offer: speakers, compilations, coders (three queries)."""
    return {
        "speakers": Speaker.objects.current().order_by("name").only("pk", "name", "slug"),
        "compilations": Compilation.objects.current().order_by("-created_at").only("pk", "title"),
        "coders": get_user_model().objects.filter(
            pk__in=Annotation.objects.values("author")
        ).order_by("username").only("pk", "username"),
    }


def _query(params: dict, **changes) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return urlencode(merged)


def _tabs(current: str) -> list[tuple[str, str, bool]]:
    return [
        (_("Crosstab"), reverse("analysis_crosstab"), current == "crosstab"),
        (_("Co-occurrence"), reverse("analysis_cooccurrence"), current == "cooccurrence"),
        (_("Term trends"), reverse("analysis_trends"), current == "trends"),
        (_("Text reuse"), reverse("analysis_reuse"), current == "reuse"),
    ]


@read_required
@require_safe
def crosstab_page(request):
    """Themes (rows, as the codebook's tree) × a dimension (columns); every
    cell links to the passages behind it on the theme's page."""
    form = CrosstabForm(request.GET)
    filters, coder = form.filters(), form.chosen_coder()
    dimension = form.choice("by", Dimension)
    count, measure = form.choice("count", Count), form.choice("measure", Measure)
    table = services.crosstab(dimension=dimension, filters=filters, coder=coder)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return crosstab_download(table, count=count, measure=measure, fmt=fmt)
    heat = crosstab_heat(table, count=count, measure=measure)
    base = form.params()
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for i, column in enumerate(table.columns):
            url = None
            if row.cells[i].passages and column.params is not None:
                url = row.theme.get_absolute_url() + "?" + _query(base, **column.params)
            cells.append({"text": heat.texts[r][i], "step": heat.steps[r][i],
                          "url": url, "raw": row.cells[i]})
        total = table.value(row, None, count=count, measure=measure)
        rows.append({
            "row": row, "cells": cells, "total": shown(total, measure),
            "url": row.theme.get_absolute_url() + ("?" + _query(base) if base else ""),
        })
    any_cells = [
        shown(table.value(table.any_theme, i, count=count, measure=measure), measure)
        for i in range(len(table.columns))
    ]
    title = crosstab_title(dimension)
    context = {
        "form": form, "table": table, "rows": rows, "any_cells": any_cells,
        "any_total": shown(table.value(table.any_theme, None, count=count, measure=measure),
                            measure),
        "dimension": dimension, "count": count, "measure": measure,
        "dimensions": [(d.value, d.label) for d in (Dimension.YEAR, Dimension.SPEAKER,
                       Dimension.ROLE, Dimension.MEETING, Dimension.COMPILATION)],
        "counts": list(Count), "measures": list(Measure),
        "query": _query(base, by=dimension.value, count=count.value, measure=measure.value),
        "base": base, "tabs": _tabs("crosstab"), "title": title,
        "crumbs": [(_("Analysis"), None), (_("Crosstab"), None)],
        **_choices(request),
    }
    return render(request, "analysis/crosstab.html", context)


@read_required
@require_safe
def cooccurrence_page(request):
    """Themes × themes: paragraphs where both occur, overlapping spans, Jaccard."""
    form = CooccurrenceForm(request.GET)
    filters, coder = form.filters(), form.chosen_coder()
    measure = form.choice("measure", PairMeasure)
    matrix = services.cooccurrence(filters=filters, coder=coder)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return cooccurrence_download(matrix, measure=measure, fmt=fmt)
    heat = cooccurrence_heat(matrix, measure=measure)
    base = form.params()
    rows = []
    for i, theme in enumerate(matrix.themes):
        cells = []
        for j, pair in enumerate(matrix.cells[i]):
            url = None
            if pair.paragraphs:
                extra = {} if i == j else {"with": matrix.themes[j].slug}
                if i != j and measure is PairMeasure.OVERLAPS:
                    extra["overlap"] = "1"
                if i == j or measure is not PairMeasure.OVERLAPS or pair.overlaps:
                    url = theme.get_absolute_url() + "?" + _query(base, **extra)
            cells.append({
                "text": heat.texts[i][j], "step": heat.steps[i][j],
                "url": url, "diagonal": i == j, "nested": pair.nested and i != j,
                "other": matrix.themes[j],
            })
        rows.append({"theme": theme, "depth": matrix.depths[i], "cells": cells})
    title = cooccurrence_title()
    context = {
        "form": form, "matrix": matrix, "rows": rows, "measure": measure,
        "measures": list(PairMeasure), "base": base,
        "query": _query(base, measure=measure.value), "tabs": _tabs("cooccurrence"),
        "title": title,
        "crumbs": [(_("Analysis"), reverse("analysis_crosstab")), (_("Co-occurrence"), None)],
        **_choices(request),
    }
    return render(request, "analysis/cooccurrence.html", context)


@read_required
@require_safe
def trends_page(request):
    """How often search terms occur per year (or speaker, role, meeting): exact
    counts by the search engine, rates per 10,000 characters, the text behind each."""
    form = TrendForm(request.GET)
    filters, terms = form.filters(), form.chosen_terms()
    dimension = form.choice("by", Dimension)
    measure = form.choice("measure", TrendMeasure)
    trend, error, chart = None, None, None
    title = trends_title()
    if terms:
        try:
            trend = services.term_trend(terms=terms, dimension=dimension, filters=filters)
        except AnalysisError as refusal:
            error = refusal.message
    fmt = request.GET.get("format")
    if trend is not None:
        if fmt in FORMATS:
            return trend_download(trend, measure=measure, fmt=fmt)
        chart = trend_chart(trend, measure=measure)
    base = filters.params()
    search_links = []
    if trend is not None:
        for series in trend.series:
            search_links.append((series, reverse("search_page") + "?" + _query(
                base, q=series.term)))
    rows = _trend_rows(trend) if trend is not None else []
    context = {
        "form": form, "trend": trend, "error": error, "chart": chart,
        "dimension": dimension, "measure": measure, "measures": list(TrendMeasure),
        "search_links": search_links,
        "rows": rows,
        "empty_columns": len(trend.columns) - len(rows) if trend is not None else 0,
        "query": _query({**base, "terms": "\n".join(terms)}, by=dimension.value,
                        measure=measure.value),
        "tabs": _tabs("trends"), "title": title,
        "crumbs": [(_("Analysis"), reverse("analysis_crosstab")), (_("Term trends"), None)],
        "speakers": Speaker.objects.current().order_by("name").only("pk", "name", "slug"),
        "compilations": Compilation.objects.current().order_by("-created_at").only("pk", "title"),
    }
    return render(request, "analysis/trends.html", context)


def _trend_rows(trend) -> list[dict]:
    """One table row per column: its text, then each term's figures. A year without any
    text (a gap between the first and the last) is left out: the chart keeps its place,
    the table need not list decades of zeros."""
    rows = []
    for i, column in enumerate(trend.columns):
        if not column.characters and not any(s.paragraphs[i] for s in trend.series):
            continue
        rows.append({
            "column": column,
            "figures": [
                (s.paragraphs[i], s.occurrences[i],
                 shown(trend.value(s, i, TrendMeasure.RATE), TrendMeasure.RATE))
                for s in trend.series
            ],
        })
    return rows
