from __future__ import annotations

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.decorators import read_required
from analysis import services
from analysis.errors import AnalysisError
from analysis.exports import svg
from analysis.exports.tables import (
    XLSX_TYPE,
    Table,
    cooccurrence_table,
    crosstab_table,
    table_csv,
    table_xlsx,
    trend_table,
)
from analysis.forms import CooccurrenceForm, CrosstabForm, TrendForm
from analysis.services import Count, Dimension, Measure, PairMeasure, TrendMeasure
from annotations.models import Annotation
from core.csvfile import CSV_TYPE
from core.downloads import download, safe_filename, streamed_download
from speeches.models import Compilation, Speaker

FORMATS = ("csv", "xlsx", "svg")


def _choices(request):
    """What the filter selects offer: speakers, compilations, coders (three queries)."""
    return {
        "speakers": Speaker.objects.current().order_by("name").only("pk", "name", "slug"),
        "compilations": Compilation.objects.current().order_by("-created_at").only("pk", "title"),
        "coders": get_user_model().objects.filter(
            pk__in=Annotation.objects.values("author")
        ).order_by("username").only("pk", "username"),
    }


def _download(table: Table, fmt: str, name: str, chart: str | None = None):
    if fmt == "csv":
        return streamed_download(
            table_csv(table), filename=safe_filename(name, extension="csv"), content_type=CSV_TYPE
        )
    if fmt == "xlsx":
        return download(
            table_xlsx(table).read(), filename=safe_filename(name, extension="xlsx"),
            content_type=XLSX_TYPE,
        )
    return download(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + (chart or ""),
        filename=safe_filename(name, extension="svg"), content_type="image/svg+xml",
    )


def _query(params: dict, **changes) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return urlencode(merged)


def _shown(value, measure) -> str:
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


def _tabs(current: str) -> list[tuple[str, str, bool]]:
    return [
        (_("Crosstab"), reverse("analysis_crosstab"), current == "crosstab"),
        (_("Co-occurrence"), reverse("analysis_cooccurrence"), current == "cooccurrence"),
        (_("Term trends"), reverse("analysis_trends"), current == "trends"),
        (_("Text reuse"), reverse("analysis_reuse"), current == "reuse"),
    ]


@read_required
def crosstab_page(request):
    """Themes (rows, as the codebook's tree) × a dimension (columns); every
    cell links to the passages behind it on the theme's page."""
    form = CrosstabForm(request.GET)
    filters, coder = form.filters(), form.chosen_coder()
    dimension = form.choice("by", Dimension)
    count, measure = form.choice("count", Count), form.choice("measure", Measure)
    table = services.crosstab(dimension=dimension, filters=filters, coder=coder)
    exported = crosstab_table(table, count=count, measure=measure)
    base = form.params()
    peak = max(
        (table.value(row, i, count=count, measure=measure) or 0
         for row in table.rows for i in range(len(table.columns))),
        default=0,
    )
    rows = []
    for row in table.rows:
        cells = []
        for i, column in enumerate(table.columns):
            value = table.value(row, i, count=count, measure=measure)
            url = None
            if row.cells[i].passages and column.params is not None:
                url = row.theme.get_absolute_url() + "?" + _query(base, **column.params)
            cells.append({"text": _shown(value, measure), "step": svg.heat_step(value, peak),
                          "url": url, "raw": row.cells[i]})
        total = table.value(row, None, count=count, measure=measure)
        rows.append({
            "row": row, "cells": cells, "total": _shown(total, measure),
            "url": row.theme.get_absolute_url() + ("?" + _query(base) if base else ""),
        })
    any_cells = [
        _shown(table.value(table.any_theme, i, count=count, measure=measure), measure)
        for i in range(len(table.columns))
    ]
    fmt = request.GET.get("format")
    title = _("Themes by %(dimension)s") % {"dimension": dimension.label}
    if fmt in FORMATS:
        chart = svg.heatmap(
            title=title, description=exported.title,
            rows=[(r["row"].theme.name, r["row"].depth) for r in rows],
            columns=[c.label for c in table.columns],
            cells=[[c["text"] for c in r["cells"]] for r in rows],
            steps=[[c["step"] for c in r["cells"]] for r in rows],
            footer=[f"{c.characters:,}" for c in table.columns],
        ) if fmt == "svg" else None
        return _download(exported, fmt, f"crosstab-{dimension.value}", chart)
    context = {
        "form": form, "table": table, "rows": rows, "any_cells": any_cells,
        "any_total": _shown(table.value(table.any_theme, None, count=count, measure=measure),
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
def cooccurrence_page(request):
    """Themes × themes: paragraphs where both occur, overlapping spans, Jaccard."""
    form = CooccurrenceForm(request.GET)
    filters, coder = form.filters(), form.chosen_coder()
    measure = form.choice("measure", PairMeasure)
    matrix = services.cooccurrence(filters=filters, coder=coder)
    exported = cooccurrence_table(matrix, measure=measure)
    base = form.params()
    off_diagonal = [
        pair.get(measure) or 0
        for i, row in enumerate(matrix.cells) for j, pair in enumerate(row)
        if i != j and not pair.nested
    ]
    peak = max(off_diagonal, default=0)
    rows = []
    for i, theme in enumerate(matrix.themes):
        cells = []
        for j, pair in enumerate(matrix.cells[i]):
            value = pair.get(measure)
            url = None
            if pair.paragraphs:
                extra = {} if i == j else {"with": matrix.themes[j].slug}
                if i != j and measure is PairMeasure.OVERLAPS:
                    extra["overlap"] = "1"
                if i == j or measure is not PairMeasure.OVERLAPS or pair.overlaps:
                    url = theme.get_absolute_url() + "?" + _query(base, **extra)
            cells.append({
                "text": _shown(value, measure),
                "step": None if i == j or pair.nested else svg.heat_step(value, peak),
                "url": url, "diagonal": i == j, "nested": pair.nested and i != j,
                "other": matrix.themes[j],
            })
        rows.append({"theme": theme, "depth": matrix.depths[i], "cells": cells})
    fmt = request.GET.get("format")
    title = _("Themes coded together")
    if fmt in FORMATS:
        chart = svg.heatmap(
            title=title, description=exported.title,
            rows=[(r["theme"].name, r["depth"]) for r in rows],
            columns=[t.name for t in matrix.themes],
            cells=[[c["text"] for c in r["cells"]] for r in rows],
            steps=[[c["step"] for c in r["cells"]] for r in rows],
        ) if fmt == "svg" else None
        return _download(exported, fmt, f"co-occurrence-{measure.value}", chart)
    context = {
        "form": form, "matrix": matrix, "rows": rows, "measure": measure,
        "measures": list(PairMeasure), "base": base,
        "query": _query(base, measure=measure.value), "tabs": _tabs("cooccurrence"),
        "title": title,
        "crumbs": [(_("Analysis"), reverse("analysis_crosstab")), (_("Co-occurrence"), None)],
        **_choices(request),
    }
    return render(request, "analysis/cooccurrence.html", context)


def trend_chart(trend, measure: TrendMeasure, title: str) -> str:
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
        return svg.line_chart(title=title, description=description, labels=labels,
                              lines=lines, y_label=measure.label)
    return svg.bar_chart(title=title, description=description, labels=labels, lines=lines,
                         x_label=measure.label)


@read_required
def trends_page(request):
    """How often search terms occur per year (or speaker, role, meeting): exact
    counts by the search engine, rates per 10,000 characters, the text behind each."""
    form = TrendForm(request.GET)
    filters, terms = form.filters(), form.chosen_terms()
    dimension = form.choice("by", Dimension)
    measure = form.choice("measure", TrendMeasure)
    trend, error, chart = None, None, None
    title = _("Term trends")
    if terms:
        try:
            trend = services.term_trend(terms=terms, dimension=dimension, filters=filters)
        except AnalysisError as refusal:
            error = refusal.message
    fmt = request.GET.get("format")
    if trend is not None:
        chart = trend_chart(trend, measure, title)
        if fmt in FORMATS:
            return _download(trend_table(trend), fmt, f"term-trends-{dimension.value}",
                             chart)
    base = filters.params()
    search_links = []
    if trend is not None:
        for series in trend.series:
            search_links.append((series, reverse("search_page") + "?" + _query(
                base, q=series.term)))
    context = {
        "form": form, "trend": trend, "error": error, "chart": chart,
        "dimension": dimension, "measure": measure, "measures": list(TrendMeasure),
        "search_links": search_links,
        "rows": _trend_rows(trend) if trend is not None else [],
        "query": _query({**base, "terms": "\n".join(terms)}, by=dimension.value,
                        measure=measure.value),
        "tabs": _tabs("trends"), "title": title,
        "crumbs": [(_("Analysis"), reverse("analysis_crosstab")), (_("Term trends"), None)],
        "speakers": Speaker.objects.current().order_by("name").only("pk", "name", "slug"),
        "compilations": Compilation.objects.current().order_by("-created_at").only("pk", "title"),
    }
    return render(request, "analysis/trends.html", context)


def _trend_rows(trend) -> list[dict]:
    """One table row per column: its text, then each term's figures."""
    rows = []
    for i, column in enumerate(trend.columns):
        rows.append({
            "column": column,
            "figures": [
                (s.paragraphs[i], s.occurrences[i],
                 _shown(trend.value(s, i, TrendMeasure.RATE), TrendMeasure.RATE))
                for s in trend.series
            ],
        })
    return rows
