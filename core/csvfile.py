"""CSV files researchers open in Excel: UTF-8 with a byte-order mark (so
Excel reads Chinese) and no cell that a spreadsheet would run as a formula.

A spreadsheet opening the CSV runs a cell that starts like a formula, so
cells people typed (titles, names, the meeting, a note) get a leading
apostrophe when they start with ``= + - @``, a tab or a carriage return.
A speech's own words stay exact, whatever they start with.
"""

import csv
from collections.abc import Iterable, Iterator, Sequence

BOM = "\ufeff"
CSV_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value: str) -> str:
    """``value`` with a leading apostrophe if a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    typed: Sequence[int] = (),
    rows_per_chunk: int = 500,
) -> Iterator[str]:
    """The CSV file in pieces: the BOM and header first, then batches of rows.

    ``typed``: the indexes of the columns people typed, defused.
    """
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield BOM + writer.writerow(header)
    batch: list[str] = []
    for row in rows:
        values = list(row)
        for index in typed:
            values[index] = defuse_formula(values[index])
        batch.append(writer.writerow(values))
        if len(batch) >= rows_per_chunk:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)
