"""The analysis API: the crosstab, the co-occurrence matrix and term trends,
the same figures as the pages (the same forms read the parameters)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from accounts.api_auth import reader_auth
from analysis import services
from analysis.forms import CooccurrenceForm, CrosstabForm, TrendForm
from analysis.schemas import (
    ColumnOut,
    CooccurrenceOut,
    CooccurrenceParams,
    CrosstabOut,
    CrosstabParams,
    TrendOut,
    TrendParams,
)
from analysis.services import Count, Dimension, Measure, TrendMeasure
from config.errors import ErrorOut
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


def _add_reuse() -> None:
    from analysis.api.reuse import router as reuse_router

    router.add_router("", reuse_router)


_add_reuse()
