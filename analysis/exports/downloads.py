"""The analyses as downloads: the table as shown (CSV, .xlsx) or its chart
(SVG). The pages' ``?format=`` and the API's download operations both
answer with these, so their bytes are the same."""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse

from analysis.exports.tables import (
    XLSX_TYPE,
    Table,
    cooccurrence_table,
    crosstab_table,
    table_csv,
    table_xlsx,
    trend_table,
)
from analysis.services import (
    Cooccurrence,
    Count,
    Crosstab,
    Measure,
    PairMeasure,
    Trend,
    TrendMeasure,
)
from analysis.services.charts import (
    XML_DECLARATION,
    cooccurrence_chart,
    crosstab_chart,
    trend_chart,
)
from core.csvfile import CSV_TYPE
from core.downloads import download, safe_filename, streamed_download

FORMATS = ("csv", "xlsx", "svg")
SVG_TYPE = "image/svg+xml"


def _download(table: Table, fmt: str, name: str, chart) -> HttpResponse | StreamingHttpResponse:
    """``chart`` draws the SVG, called only when it is asked for."""
    if fmt == "csv":
        return streamed_download(
            table_csv(table), filename=safe_filename(name, extension="csv"), content_type=CSV_TYPE
        )
    if fmt == "xlsx":
        return download(
            table_xlsx(table).read(), filename=safe_filename(name, extension="xlsx"),
            content_type=XLSX_TYPE,
        )
    if fmt != "svg":
        raise ValueError(f"not a download format: {fmt}")
    return download(
        XML_DECLARATION + chart(), filename=safe_filename(name, extension="svg"),
        content_type=SVG_TYPE,
    )


def crosstab_download(table: Crosstab, *, count: Count, measure: Measure, fmt: str):
    return _download(
        crosstab_table(table, count=count, measure=measure), fmt,
        f"crosstab-{table.dimension.value}",
        lambda: crosstab_chart(table, count=count, measure=measure),
    )


def cooccurrence_download(matrix: Cooccurrence, *, measure: PairMeasure, fmt: str):
    return _download(
        cooccurrence_table(matrix, measure=measure), fmt, f"co-occurrence-{measure.value}",
        lambda: cooccurrence_chart(matrix, measure=measure),
    )


def trend_download(trend: Trend, *, measure: TrendMeasure, fmt: str):
    return _download(
        trend_table(trend), fmt, f"term-trends-{trend.dimension.value}",
        lambda: trend_chart(trend, measure=measure),
    )
