"""The dimensions an analysis is broken down by, and their columns.

Roles are the canonical office (省长 for 四川省人民政府省长 and 省长 alike)
where the parser found one, the role as printed otherwise; meetings are the
meeting key under which variant names of one meeting compare equal, shown
by a name as printed. Both are what the ``role`` and ``event`` filters of
every list select (``speeches.filters``), so a column's click-through lists
exactly its speeches.

Every dimension is a property of the speech (speaker, role, year, meeting,
compilation), so one definition serves passages (``paragraph__speech__``),
paragraphs (``speech__``) and text volumes alike. A column is one value of
the dimension with the text behind it; a missing value (an undated speech,
a role-only attribution) is a column of its own, so that totals add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import CharField, F, IntegerField, Value
from django.db.models.functions import Cast, Coalesce, NullIf, Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Dimension(StrEnum):
    SPEAKER = "speaker"
    ROLE = "role"
    YEAR = "year"
    MEETING = "meeting"
    COMPILATION = "compilation"

    @property
    def label(self) -> str:
        return str(DIMENSION_LABELS[self])

    def key(self, prefix: str):
        """The column key as an expression; ``prefix`` is the path to the speech."""
        if self is Dimension.ROLE:
            return Coalesce(NullIf(F(f"{prefix}office"), Value("")), F(f"{prefix}role"))
        if self is Dimension.MEETING:
            return Coalesce(NullIf(F(f"{prefix}event_key"), Value("")), F(f"{prefix}event"))
        if self is Dimension.YEAR:
            # The first four characters of the ISO date, not ExtractYear:
            # SQLite runs that as a Python function on every row, which
            # cost seconds over the passages of a large archive.
            return Cast(
                Substr(Cast(f"{prefix}date", output_field=CharField()), 1, 4),
                output_field=IntegerField(),
            )
        return F(prefix + _FIELDS[self])

    def label_expression(self, prefix: str):
        """What names a key when the key alone does not (a speaker's id)."""
        if self is Dimension.SPEAKER:
            return F(f"{prefix}speaker__name")
        if self is Dimension.COMPILATION:
            return F(f"{prefix}compilation__title")
        if self is Dimension.MEETING:
            return F(f"{prefix}event")
        return Value("")


_FIELDS = {
    Dimension.SPEAKER: "speaker_id",
    Dimension.ROLE: "role",
    Dimension.MEETING: "event",
    Dimension.COMPILATION: "compilation_id",
}

DIMENSION_LABELS = {
    Dimension.SPEAKER: gettext_lazy("Speaker"),
    Dimension.ROLE: gettext_lazy("Role"),
    Dimension.YEAR: gettext_lazy("Year"),
    Dimension.MEETING: gettext_lazy("Meeting"),
    Dimension.COMPILATION: gettext_lazy("Compilation"),
}


@dataclass(frozen=True)
class Column:
    """One value of a dimension and the text behind it (within the filters).

    ``key`` is None for speeches without the value (undated, no named
    speaker, no role, no meeting). ``params`` are the list filters that
    select the column's speeches (None: no filter can, e.g. "no meeting").
    """

    key: int | str | None
    label: str
    characters: int = 0
    paragraphs: int = 0
    speeches: int = 0
    params: dict[str, str] | None = None

    @property
    def missing(self) -> bool:
        return self.key is None


def normalize_key(value):
    """Empty strings (no role, no meeting) are missing values, like NULLs."""
    return None if value == "" else value


def make_column(dimension: Dimension, key, label: str = "", **volume: int) -> Column:
    key = normalize_key(key)
    return Column(
        key=key,
        label=column_label(dimension, key, label),
        params=column_params(dimension, key, label),
        **volume,
    )


def column_label(dimension: Dimension, key, label: str = "") -> str:
    if key is None:
        return {
            Dimension.SPEAKER: _("No named speaker"),
            Dimension.ROLE: _("No role"),
            Dimension.YEAR: _("Undated"),
            Dimension.MEETING: _("No meeting"),
            Dimension.COMPILATION: _("No compilation"),
        }[dimension]
    return label or str(key)


def column_params(dimension: Dimension, key, label: str = "") -> dict[str, str] | None:
    """The filter parameters (as ``speeches.filters.SpeechFilters.params``
    writes them) that select the speeches of this column. A meeting is
    named as printed: the filter finds its variant names by their key."""
    if key is None:
        return {
            Dimension.SPEAKER: {"named": "0"},
            Dimension.YEAR: {"undated": "1"},
        }.get(dimension)
    name = {
        Dimension.SPEAKER: "speaker",
        Dimension.ROLE: "role",
        Dimension.YEAR: "year",
        Dimension.MEETING: "event",
        Dimension.COMPILATION: "compilation",
    }[dimension]
    if dimension is Dimension.MEETING and label:
        return {name: label}
    return {name: str(key)}
