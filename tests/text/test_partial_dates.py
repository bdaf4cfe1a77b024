"""One reading of a date at any precision, for filters, corrections and the import."""

import datetime

import pytest

from speeches.filters import SpeechFilterForm
from text.corrections import normalize_partial_date
from text.partial_dates import read_partial_date


@pytest.mark.parametrize(
    ("typed", "first", "last", "precision", "iso"),
    [
        ("2024", (2024, 1, 1), (2024, 12, 31), "year", "2024"),
        ("2024年", (2024, 1, 1), (2024, 12, 31), "year", "2024"),
        ("2024-02", (2024, 2, 1), (2024, 2, 29), "month", "2024-02"),
        ("2023/2", (2023, 2, 1), (2023, 2, 28), "month", "2023-02"),
        ("2024年8月", (2024, 8, 1), (2024, 8, 31), "month", "2024-08"),
        ("2024.8.2", (2024, 8, 2), (2024, 8, 2), "day", "2024-08-02"),
        (" ２０２４年８月１２日 ", (2024, 8, 12), (2024, 8, 12), "day", "2024-08-12"),
    ],
)
def test_a_date_at_any_precision_gives_its_period(typed, first, last, precision, iso):
    date = read_partial_date(typed)
    assert date.first_day() == datetime.date(*first)
    assert date.last_day() == datetime.date(*last)
    assert date.precision == precision
    assert date.isoformat() == iso


@pytest.mark.parametrize(
    "typed", [None, "", "24", "2024-13", "2024-02-30", "0000", "2024年8", "August 2024"]
)
def test_what_is_not_a_date_reads_as_none(typed):
    assert read_partial_date(typed) is None


def test_filters_and_corrections_read_dates_alike(db):
    form = SpeechFilterForm({"from": "２０２４年８月", "to": "2024.8"})
    filters = form.filters()
    assert (filters.date_from, filters.date_to) == (
        datetime.date(2024, 8, 1),
        datetime.date(2024, 8, 31),
    )
    assert normalize_partial_date("２０２４年８月") == "2024-08"
    assert SpeechFilterForm({"to": "2024年8"}).param_errors()[0]["loc"] == ["query", "to"]
