"""Dates known to the year, the month or the day: 2024, 2024-08, 2024-08-12.

The one reading of such a date typed by a person (a filter, a correction in
the upload preview) or written by the parser. No Django: the corrections
module, which is pure, reads dates with it too.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass

# 2024, 2024-8, 2024/08/12, 2024.8.12; or 2024年, 2024年8月, 2024年8月12日.
_FORMS = (
    re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?"),
    re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?"),
)


@dataclass(frozen=True)
class PartialDate:
    """A date the calendar has, at the precision it was given."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        """The values of ``speeches.models.DatePrecision``: year, month or day."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first_day(self) -> datetime.date:
        """The first day of the period: how the database stores the date."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """The last day of the period: where a range "until 2024-08" ends."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            last = calendar.monthrange(self.year, self.month)[1]
            return datetime.date(self.year, self.month, last)
        return self.first_day()

    def isoformat(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the length is the precision."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


def read_partial_date(value: str | None) -> PartialDate | None:
    """The date ``value`` states at any precision, or None if it states none.

    Full-width digits and separators read as ASCII ones and white space is
    ignored; a date the calendar does not have (2024-02-30, year 0) is none.
    """
    compact = "".join(unicodedata.normalize("NFKC", value or "").split())
    match = next((m for m in (form.fullmatch(compact) for form in _FORMS) if m), None)
    if match is None:
        return None
    # The year is not optional in any form; month and day are.
    year = int(match[1])
    month, day = (int(group) if group else None for group in match.groups()[1:])
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)
