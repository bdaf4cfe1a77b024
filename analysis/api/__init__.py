"""The analysis API: the crosstab, the co-occurrence matrix and term trends,
the same figures as the pages (the same forms read the parameters), and
the pages' downloads (the table as CSV or .xlsx, the chart as SVG), the
same bytes as the pages' ``?format=``."""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from accounts.api_auth import reader_auth
from analysis import services
from analysis.exports.downloads import (
    SVG_TYPE,
    cooccurrence_download,
    crosstab_download,
    trend_download,
)
from analysis.exports.tables import XLSX_TYPE
from analysis.forms import CooccurrenceForm, CrosstabForm, TrendForm
from analysis.schemas import (
    ColumnOut,
    CooccurrenceFileParams,
    CooccurrenceOut,
    CooccurrenceParams,
    CrosstabOut,
    CrosstabParams,
    TrendFileParams,
    TrendOut,
    TrendParams,
)
from analysis.services import Count, Dimension, Measure, PairMeasure, TrendMeasure
from config.errors import ErrorOut
from core.openapi import file_response
from speeches.api.filters import FILTERS_HELP, checked

router = Router(tags=["analysis"])
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _column(column) -> ColumnOut:
    return ColumnOut(key=column.key, label=column.label, characters=column.characters,
                     paragraphs=column.paragraphs, speeches=column.speeches)


def _row(table, row, count, measure) -> dict:
    def cell(figures, index):
        return {
            "passages": figures.passages, "paragraphs": figures.paragraphs,
            "characters": figures.characters,
            "value": table.value(row, index, count=count, measure=measure),
        }

    theme = row.theme
    return {
        "theme_id": theme.pk if theme else None, "slug": theme.slug if theme else "",
        "name": theme.name if theme else _("Any theme"),
        "parent_id": theme.parent_id if theme else None, "depth": row.depth,
        "cells": [cell(c, i) for i, c in enumerate(row.cells)], "total": cell(row.total, None),
    }


@router.get(
    "/analysis/crosstab",
    response={200: CrosstabOut, **ERRORS},
    auth=reader_auth,
    operation_id="get_crosstab",
    summary="Themes × a dimension: passages, paragraphs and characters coded",
    description="Rows are the codebook in tree order (a theme includes its sub-themes' "
    "passages once); columns the values of `by` with the characters of text behind each. "
    "`coder` counts one person's passages. " + FILTERS_HELP,
)
def get_crosstab(request: HttpRequest, params: Query[CrosstabParams]):
    form = checked(CrosstabForm(params.query()))
    dimension, count = form.choice("by", Dimension), form.choice("count", Count)
    measure = form.choice("measure", Measure)
    table = services.crosstab(
        dimension=dimension, filters=form.filters(), coder=form.chosen_coder()
    )
    return {
        "by": dimension.value, "count": count.value, "measure": measure.value,
        "columns": [_column(c) for c in table.columns],
        "rows": [_row(table, r, count, measure) for r in table.rows],
        "any_theme": _row(table, table.any_theme, count, measure),
        "folded": table.folded, "total_characters": table.volume.characters,
    }


@router.get(
    "/analysis/cooccurrence",
    response={200: CooccurrenceOut, **ERRORS},
    auth=reader_auth,
    operation_id="get_cooccurrence",
    summary="Themes × themes: paragraphs coded with both, overlapping spans, Jaccard",
    description="The diagonal holds each theme's own paragraphs. " + FILTERS_HELP,
)
def get_cooccurrence(request: HttpRequest, params: Query[CooccurrenceParams]):
    form = checked(CooccurrenceForm(params.query()))
    matrix = services.cooccurrence(filters=form.filters(), coder=form.chosen_coder())
    return {
        "themes": [
            {"id": t.pk, "slug": t.slug, "name": t.name, "parent_id": t.parent_id,
             "depth": matrix.depths[i], "paragraphs": matrix.totals[i]}
            for i, t in enumerate(matrix.themes)
        ],
        "cells": [
            [{"paragraphs": p.paragraphs, "overlaps": p.overlaps, "jaccard": p.jaccard,
              "nested": p.nested} for p in row]
            for row in matrix.cells
        ],
        "coded_paragraphs": matrix.coded_paragraphs,
    }


@router.get(
    "/analysis/trends",
    response={200: TrendOut, **ERRORS},
    auth=reader_auth,
    operation_id="get_term_trends",
    summary="Exact paragraphs and occurrences of search terms per year, speaker, role or meeting",
    description="Each term is matched by the search engine: its paragraphs are those a search "
    "finds, its occurrences the matches search highlights. By year, undated speeches are "
    "left out and reported in `undated` and each series' `undated_*`. " + FILTERS_HELP,
)
def get_term_trends(request: HttpRequest, params: Query[TrendParams]):
    form = checked(TrendForm(params.query()))
    dimension = form.choice("by", Dimension)
    # Its refusals (AnalysisError) reach the client as ErrorOut with their code.
    trend = services.term_trend(
        terms=form.chosen_terms(), dimension=dimension, filters=form.filters()
    )
    return {
        "by": dimension.value,
        "columns": [_column(c) for c in trend.columns],
        "series": [
            {
                "term": s.term, "paragraphs": s.paragraphs, "occurrences": s.occurrences,
                "rate": [trend.value(s, i, TrendMeasure.RATE) for i in range(len(trend.columns))],
                "undated_paragraphs": s.undated_paragraphs,
                "undated_occurrences": s.undated_occurrences,
            }
            for s in trend.series
        ],
        "undated": _column(trend.undated) if trend.undated is not None else None,
        "ignored": trend.ignored,
    }


# The pages' downloads. Each analysis offers the three formats of its page.
FILE_FORMATS = {
    "csv": ("text/csv", "The table as shown, as CSV (UTF-8 with a byte-order mark; a text "
            "cell that starts like a formula gets a leading `'`, OWASP's advice on CSV "
            "injection)."),
    "xlsx": (XLSX_TYPE, "The table as shown, as one .xlsx sheet (text cells typed as text, "
             "numbers as numbers)."),
    "svg": (SVG_TYPE, "The page's chart as a standalone SVG file (with a <title> and a "
            "<desc>, readable in black and white)."),
}

# What the sample compilation gives once a few of its paragraphs are coded.
_SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
    'viewBox="0 0 {size}" role="img" aria-labelledby="chart-title chart-desc" …>'
    '<title id="chart-title">{title}</title><desc id="chart-desc">{desc}</desc>…</svg>'
)
CROSSTAB_EXAMPLES = {
    "csv": "\ufeff主题,2024,日期不详,合计\r\n人大监督,3,2,5\r\n依法行政与法治,1,2,3\r\n…"
           "\r\n任一主题,3,2,5\r\n文本字数,8937,7611,16548\r\n",
    "xlsx": "(binary)",
    "svg": _SVG.format(size="358 384", title="主题 × 年份", desc="已标注片段 · 计数 · 年份"),
}
COOCCURRENCE_EXAMPLES = {
    "csv": "\ufeff主题,人大监督,依法行政与法治,乡村振兴,…\r\n人大监督,5,3,1,…\r\n"
           "依法行政与法治,3,3,1,…\r\n乡村振兴,1,1,1,…\r\n",
    "xlsx": "(binary)",
    "svg": _SVG.format(size="870 360", title="同时编码的主题", desc="同一段落"),
}
TREND_EXAMPLES = {
    "csv": "\ufeff年份,检索词,段落,出现次数,每万字出现次数,文本字数,讲话\r\n"
           "2024,依法行政,5,7,7.83,8937,3\r\n2024,乡村振兴,1,1,1.12,8937,3\r\n"
           "日期不详（不计入图表）,依法行政,5,10,,7611,2\r\n",
    "xlsx": "(binary)",
    "svg": _SVG.format(size="760 360", title="词语趋势",
                       desc="每万字出现次数，按年份：依法行政、乡村振兴"),
}


def _file_operation(
    analysis: str, fmt: str, params: type, respond: Callable, *, summary: str,
    description: str, example: str,
):
    """Register ``GET /analysis/{analysis}/{fmt}``: the page's ``?format={fmt}``."""
    media_type, answer = FILE_FORMATS[fmt]

    def export(request: HttpRequest, query: Query[params]):
        return respond(query, fmt)

    export.__name__ = export.__qualname__ = f"export_{analysis}_{fmt}"
    return router.get(
        f"/analysis/{analysis}/{fmt}",
        response=ERRORS,
        auth=reader_auth,
        operation_id=export.__name__,
        summary=summary,
        description=description + " Same parameters, same rules as the JSON operation; "
        "the same bytes as the page's download. " + FILTERS_HELP,
        openapi_extra=file_response(
            media_type, answer, example,
            schema={"type": "string", "contentEncoding": "binary"} if fmt == "xlsx" else None,
        ),
    )(export)


def _crosstab_file(params: CrosstabParams, fmt: str):
    form = checked(CrosstabForm(params.query()))
    table = services.crosstab(
        dimension=form.choice("by", Dimension), filters=form.filters(),
        coder=form.chosen_coder(),
    )
    return crosstab_download(
        table, count=form.choice("count", Count), measure=form.choice("measure", Measure),
        fmt=fmt,
    )


def _cooccurrence_file(params: CooccurrenceFileParams, fmt: str):
    form = checked(CooccurrenceForm(params.query()))
    matrix = services.cooccurrence(filters=form.filters(), coder=form.chosen_coder())
    return cooccurrence_download(matrix, measure=form.choice("measure", PairMeasure), fmt=fmt)


def _trend_file(params: TrendFileParams, fmt: str):
    form = checked(TrendForm(params.query()))
    trend = services.term_trend(
        terms=form.chosen_terms(), dimension=form.choice("by", Dimension),
        filters=form.filters(),
    )
    return trend_download(trend, measure=form.choice("measure", TrendMeasure), fmt=fmt)


# Each analysis: its parameters, its file, and what the table and the chart hold.
ANALYSES = [
    (
        "crosstab", CrosstabParams, _crosstab_file, "The crosstab",
        "The crosstab page's download: a row per theme (its path in the codebook), a column "
        "per value of `by`, the total, the row of any theme and the characters of text; each "
        "cell the figure `count` and `measure` ask for, rounded as the page shows it.",
        "The crosstab page's heatmap: the themes' cells shaded against the largest, the "
        "columns' characters of text below.",
        CROSSTAB_EXAMPLES,
    ),
    (
        "cooccurrence", CooccurrenceFileParams, _cooccurrence_file, "The co-occurrence matrix",
        "The co-occurrence page's download: themes × themes, each cell the `measure` (the "
        "diagonal: the theme's own paragraphs).",
        "The co-occurrence page's heatmap: pairs of different themes shaded against the "
        "largest; the diagonal and a theme with its own sub-theme unshaded.",
        COOCCURRENCE_EXAMPLES,
    ),
    (
        "trends", TrendFileParams, _trend_file, "Term trends",
        "The term trends page's download: a row per column of `by` and term (paragraphs, "
        "occurrences, occurrences per 10,000 characters, characters of text, speeches); by "
        "year, the undated speeches' figures last.",
        "The term trends page's chart of `measure`: lines over the years, or bars per "
        "speaker, role or meeting.",
        TREND_EXAMPLES,
    ),
]
AS = {"csv": "as CSV", "xlsx": "as an Excel workbook", "svg": "as an SVG chart"}

FILE_OPERATIONS = {
    (analysis, fmt): _file_operation(
        analysis, fmt, params, respond, summary=f"{noun} {AS[fmt]}",
        description=chart if fmt == "svg" else table, example=examples[fmt],
    )
    for analysis, params, respond, noun, table, chart, examples in ANALYSES
    for fmt in FILE_FORMATS
}


def _add_reuse() -> None:
    from analysis.api.reuse import router as reuse_router

    router.add_router("", reuse_router)


_add_reuse()
