"""CSV files researchers open in Excel: UTF-8 with a byte-order mark (so
Excel reads Chinese) and no cell that a spreadsheet would run as a formula.

A spreadsheet opening a CSV runs a cell that starts like a formula, whoever
wrote it: a note, a theme name, or a speech's own words quoted in a quote or
context column (``=HYPERLINK(…)`` in a speech is as live as in a note). So,
as the OWASP guidance on CSV injection recommends
(https://owasp.org/www-community/attacks/CSV_Injection), every text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, which spreadsheets read as "this is text" and do not
show. Cells that are plain numbers (``-0.125``) are left alone: a number is
never run. docs/api.md says so for the API's CSV downloads; the .xlsx
downloads need no prefix, their cells are typed as text and keep the exact
text.
"""

import csv
import re
from collections.abc import Iterable, Iterator, Sequence

BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def defuse_formula(value: str) -> str:
    """``value`` with a leading apostrophe if a spreadsheet would read it as a formula."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    rows_per_chunk: int = 500,
) -> Iterator[str]:
    """The CSV file in pieces: the BOM and header first, then batches of rows,
    every text cell defused."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield BOM + writer.writerow([defuse_formula(label) for label in header])
    batch: list[str] = []
    for row in rows:
        batch.append(
            writer.writerow([defuse_formula(v) if isinstance(v, str) else v for v in row])
        )
        if len(batch) >= rows_per_chunk:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)
