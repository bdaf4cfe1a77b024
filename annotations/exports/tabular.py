"""CSV (UTF-8 with a byte-order mark, so Excel reads Chinese) and .xlsx.

The CSV defuses every text cell that a spreadsheet would run as a formula,
the quote and its context included (see core.csvfile). The
.xlsx file needs no such prefix: its cells are typed as text and keep the
exact text.
"""

import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from annotations.exports.rows import Row, headers
from core import csvfile
from core.csvfile import CSV_TYPE

__all__ = ["CSV_TYPE", "XLSX_TYPE", "csv_chunks", "write_xlsx"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses cells longer than this; a longer note is cut, and says so.
XLSX_CELL_LIMIT = 32767

def csv_chunks(rows: Iterable[Row], *, rows_per_chunk: int = 500) -> Iterator[str]:
    """The CSV file in pieces: the BOM and header first, then batches of rows."""
    return csvfile.csv_chunks(
        headers(),
        (row.values() for row in rows),
        rows_per_chunk=rows_per_chunk,
    )


def write_xlsx(rows: Iterable[Row], *, title: str) -> tempfile.SpooledTemporaryFile:
    """The workbook in a temporary file (rewound), written row by row.

    openpyxl's write-only mode streams rows to disk instead of keeping a cell
    object for each; the finished file is returned for streaming out.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    widths = [10, 28, 50, 30, 30, 8, 40, 36, 12, 12, 11, 24, 30, 30, 12, 20]
    for index, width in enumerate(widths):
        sheet.column_dimensions[_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for label in headers():
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row.values()])
    # Returned open: the response streams it and closes it.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    workbook.save(out)
    out.seek(0)
    return out


def _xlsx_cell(sheet, value):
    """Numbers stay numbers; text stays text, even when it starts with "="
    (openpyxl would otherwise store it as a formula).

    Only such text gets a cell object of its own: openpyxl writes plain
    values through one reused cell, and a cell per value cost a third of
    the time of a large export.
    """
    if not isinstance(value, str):
        return value
    if len(value) > XLSX_CELL_LIMIT:
        value = value[: XLSX_CELL_LIMIT - 1] + "…"
    value = _strip_illegal(value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _strip_illegal(value: str) -> str:
    # XML 1.0 (inside .xlsx) forbids most control characters.
    return value.translate(_ILLEGAL)


_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def _sheet_title(title: str) -> str:
    # The title is the selection's label, made of filter values as typed.
    title = _strip_illegal(title)
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title.strip()[:31] or "annotations"


def _column_letter(index: int) -> str:
    return get_column_letter(index + 1)
