"""Themes × one dimension: how much each theme was coded in each column.

Rows are the codebook as a tree (a theme's row includes its sub-themes'
passages, each once: see ``analysis.services.coding``); columns are the
values of a dimension among the filtered speeches, each with its text
volume. Cells hold passages, distinct paragraphs and characters coded;
``Measure`` turns them into shares and rates for display and export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analysis.services.coding import ANY, Figures, codebook, figures_by_theme_and_key
from analysis.services.dimensions import Column, Dimension, make_column, normalize_key
from analysis.services.spans import refresh_coded_spans
from analysis.services.volumes import volume_columns
from annotations.models import Theme
from speeches.filters import SpeechFilters

# More columns than this fold the least coded into one "other" column.
MAX_COLUMNS = 60
PER_CHARACTERS = 10_000


class Measure(StrEnum):
    COUNT = "count"
    ROW = "row"
    COLUMN = "column"
    RATE = "rate"

    @property
    def label(self) -> str:
        return str(MEASURE_LABELS[self])


MEASURE_LABELS = {
    Measure.COUNT: gettext_lazy("Counts"),
    Measure.ROW: gettext_lazy("Row %"),
    Measure.COLUMN: gettext_lazy("Column %"),
    Measure.RATE: gettext_lazy("Per 10,000 characters"),
}


class Count(StrEnum):
    PASSAGES = "passages"
    PARAGRAPHS = "paragraphs"
    CHARACTERS = "characters"

    @property
    def label(self) -> str:
        return str(COUNT_LABELS[self])


COUNT_LABELS = {
    Count.PASSAGES: gettext_lazy("Tagged passages"),
    Count.PARAGRAPHS: gettext_lazy("Distinct paragraphs"),
    Count.CHARACTERS: gettext_lazy("Characters coded"),
}


@dataclass
class Row:
    theme: Theme | None  # None: the row of every coded passage
    depth: int
    has_children: bool
    cells: list[Figures]
    total: Figures


@dataclass
class Crosstab:
    dimension: Dimension
    columns: list[Column]
    rows: list[Row]
    # Every coded passage once, by column: the denominator of column shares.
    any_theme: Row
    # Columns folded into the last one ("other"), when there were too many.
    folded: int = 0
    volume: Column = field(default_factory=lambda: Column(key=None, label=""))

    def value(self, row: Row, index: int | None, *, count: Count, measure: Measure) -> float | None:
        """A cell (``index`` None: the row's total) as ``measure`` shows it;
        None where the share or rate is undefined (nothing to divide by)."""
        cell = row.total if index is None else row.cells[index]
        figure = cell.get(count)
        if measure is Measure.COUNT:
            return figure
        if measure is Measure.ROW:
            whole = row.total.get(count)
        elif measure is Measure.COLUMN:
            whole = (self.any_theme.total if index is None else self.any_theme.cells[index]).get(
                count
            )
        else:
            whole = (self.volume if index is None else self.columns[index]).characters
            return figure * PER_CHARACTERS / whole if whole else None
        return 100 * figure / whole if whole else None


def crosstab(
    *,
    dimension: Dimension,
    filters: SpeechFilters,
    coder: AbstractBaseUser | None = None,
    max_columns: int = MAX_COLUMNS,
    using: str | None = None,
) -> Crosstab:
    """The table: themes in tree order × the dimension's columns. A fixed
    number of queries, whatever the number of passages: the refresh of the
    coded spans and of the volumes (three when nothing changed), the volumes
    by column, the codebook and the figures."""
    using = using or DEFAULT_DB_ALIAS
    refresh_coded_spans(using=using)
    columns = volume_columns(dimension=dimension, filters=filters, using=using)
    nodes = codebook(using=using)
    found = figures_by_theme_and_key(
        filters=filters, coder=coder, key=dimension.key("speech__"), using=using
    )
    index = {column.key: i for i, column in enumerate(columns)}
    # A speech imported between the two reads has passages but no volume
    # yet: its column shows with no text rather than failing.
    for key in {normalize_key(k) for _theme, k in found} - index.keys():
        index[key] = len(columns)
        columns.append(make_column(dimension, key))
    width = len(columns)
    by_theme: dict[int, list[Figures]] = {}
    for (theme, key), figures in found.items():
        cells = by_theme.setdefault(theme, [Figures()] * width)
        i = index[normalize_key(key)]
        cells[i] = cells[i] + figures  # "" and NULL are one missing value

    def figures_of(theme_id: int) -> list[Figures]:
        return by_theme.get(theme_id) or [Figures()] * width

    any_cells = figures_of(ANY)
    columns, keep = _fold(columns, any_cells, max_columns)
    folded = width - len(keep) if keep is not None else 0

    def row(theme, depth, has_children, cells) -> Row:
        if keep is not None:
            cells = _fold_cells(cells, keep)
        return Row(theme, depth, has_children, cells, sum(cells, Figures()))

    table_rows = []
    for node in nodes:
        cells = figures_of(node.theme.pk)
        if not node.theme.active and not any(c.passages for c in cells):
            continue  # an unused inactive theme is of no interest here
        table_rows.append(row(node.theme, node.depth, bool(node.children), cells))
    any_row = row(None, 0, False, any_cells)
    volume = Column(
        key=None,
        label=_("All"),
        characters=sum(c.characters for c in columns),
        paragraphs=sum(c.paragraphs for c in columns),
        speeches=sum(c.speeches for c in columns),
    )
    return Crosstab(dimension, columns, table_rows, any_row, folded, volume)


def _fold(columns: list[Column], any_cells: list[Figures], limit: int):
    """Keep the ``limit`` - 1 most coded columns (in their order) and fold
    the rest into one; (columns, kept indexes) or (columns, None) when all fit."""
    if len(columns) <= limit:
        return columns, None
    ranked = sorted(
        range(len(columns)), key=lambda i: (-any_cells[i].passages, -columns[i].characters, i)
    )
    keep = sorted(ranked[: limit - 1])
    rest = [columns[i] for i in range(len(columns)) if i not in set(keep)]
    other = Column(
        key="…",
        label=_("%(n)s others") % {"n": len(rest)},
        characters=sum(c.characters for c in rest),
        paragraphs=sum(c.paragraphs for c in rest),
        speeches=sum(c.speeches for c in rest),
        params=None,
    )
    return [columns[i] for i in keep] + [other], keep


def _fold_cells(cells: list[Figures], keep: list[int]) -> list[Figures]:
    kept = set(keep)
    rest = sum((c for i, c in enumerate(cells) if i not in kept), Figures())
    return [cells[i] for i in keep] + [rest]
