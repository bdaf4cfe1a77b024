"""The analyses as tables of plain values: what the pages show, the CSV and
.xlsx files hold, and the charts draw, made in one place so they agree.

Figures are rounded as the page shows them (percentages to one decimal,
rates to two); an undefined share or rate (nothing to divide by) is empty.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from analysis.services import (
    Cooccurrence,
    Count,
    Crosstab,
    Measure,
    PairMeasure,
    Trend,
    TrendMeasure,
)
from analysis.services.charts import crosstab_caption
from core.csvfile import csv_chunks

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rounded(value: float | None, measure) -> float | int | None:
    if value is None:
        return None
    if measure in (Measure.COUNT, TrendMeasure.PARAGRAPHS, TrendMeasure.OCCURRENCES,
                   PairMeasure.PARAGRAPHS, PairMeasure.OVERLAPS):
        return int(value)
    if measure in (Measure.ROW, Measure.COLUMN):
        return round(value, 1)
    if measure is PairMeasure.JACCARD:
        return round(value, 3)
    return round(value, 2)


@dataclass
class Table:
    """A header, rows of values, and which leading columns people typed
    (theme names, speakers, meetings: defused in the CSV)."""

    title: str
    header: list[str]
    rows: list[list]
    typed: tuple[int, ...] = (0,)


def theme_path(theme, parents: dict) -> str:
    names, current = [theme.name], parents.get(theme.parent_id)
    while current is not None:
        names.append(current.name)
        current = parents.get(current.parent_id)
    return " › ".join(reversed(names))


def crosstab_table(table: Crosstab, *, count: Count, measure: Measure) -> Table:
    parents = {row.theme.pk: row.theme for row in table.rows}
    header = [_("Theme"), *[c.label for c in table.columns], _("Total")]
    rows = []
    for row in [*table.rows, table.any_theme]:
        label = theme_path(row.theme, parents) if row.theme else _("Any theme")
        values = [
            rounded(table.value(row, i, count=count, measure=measure), measure)
            for i in range(len(table.columns))
        ]
        rows.append([label, *values, rounded(
            table.value(row, None, count=count, measure=measure), measure)])
    rows.append([
        _("Characters of text"), *[c.characters for c in table.columns], table.volume.characters,
    ])
    return Table(crosstab_caption(table, count=count, measure=measure), header, rows)


def cooccurrence_table(matrix: Cooccurrence, *, measure: PairMeasure) -> Table:
    parents = {t.pk: t for t in matrix.themes}
    names = [theme_path(t, parents) for t in matrix.themes]
    rows = [
        [names[i], *[rounded(pair.get(measure), measure) for pair in matrix.cells[i]]]
        for i in range(len(matrix.themes))
    ]
    return Table(f"{measure.label}", [_("Theme"), *names], rows)


def trend_table(trend: Trend) -> Table:
    """One row per column (year, speaker…) and term: text, paragraphs, occurrences, rate."""
    header = [
        trend.dimension.label, _("Term"), _("Paragraphs"), _("Occurrences"),
        _("Occurrences per 10,000 characters"), _("Characters of text"), _("Speeches"),
    ]
    rows = []
    for i, column in enumerate(trend.columns):
        for series in trend.series:
            rows.append([
                column.label, series.term, series.paragraphs[i], series.occurrences[i],
                rounded(trend.value(series, i, TrendMeasure.RATE), TrendMeasure.RATE),
                column.characters, column.speeches,
            ])
    if trend.undated is not None:
        for series in trend.series:
            rows.append([
                _("Undated (left out of the chart)"), series.term, series.undated_paragraphs,
                series.undated_occurrences, None, trend.undated.characters,
                trend.undated.speeches,
            ])
    return Table(_("Term trends"), header, rows, typed=(0, 1))


def table_csv(table: Table):
    return csv_chunks(
        table.header,
        ([("" if v is None else v) for v in row] for row in table.rows),
    )


def table_xlsx(table: Table) -> tempfile.SpooledTemporaryFile:
    """The table as a workbook (rewound); text cells stay text, numbers numbers."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(table.title))
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 36
    bold = Font(bold=True)
    header = []
    for label in table.header:
        cell = WriteOnlyCell(sheet, value=_text(label))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_cell(sheet, value) for value in row])
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    workbook.save(out)
    out.seek(0)
    return out


def _cell(sheet, value):
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=_text(value))
    cell.data_type = "s"  # text that starts with "=" stays text, not a formula
    return cell


_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _text(value: str) -> str:
    return str(value).translate(_ILLEGAL)[:32767]


def _sheet_title(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title.strip()[:31] or "analysis"


def labels_of(values: Sequence) -> list[str]:
    return [str(v) for v in values]
