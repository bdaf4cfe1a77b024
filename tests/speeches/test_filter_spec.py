"""Every speech filter is written once (speeches.filters.FILTERS), and the
page form, the API parameters and the URLs are made from it
(docs/architecture.md, "The filters, written once")."""

import datetime

from config.api import api
from speeches.api.filters import SpeechFilterParams
from speeches.filters import FILTERS, SpeechFilterForm, SpeechFilters


def test_the_page_form_has_one_field_per_filter_named_by_its_parameter():
    form = SpeechFilterForm()
    assert list(form.fields) == [spec.name for spec in FILTERS]
    assert [form[name].html_name for name in form.fields] == [spec.param for spec in FILTERS]


def test_the_api_takes_one_query_parameter_per_filter():
    operation = api.get_openapi_schema()["paths"]["/api/speeches"]["get"]
    names = [p["name"] for p in operation["parameters"] if p["in"] == "query"]
    params = [spec.param for spec in FILTERS]
    # All of them, in the specification's order (the list's sort comes after).
    assert [name for name in names if name in params] == params


def test_api_parameters_read_back_as_the_pages_urls_carry_them():
    params = SpeechFilterParams(**{
        "named": False, "role": "市长", "year": 2024, "from": "2024-03", "undated": False,
    })
    assert params.query() == {"named": "0", "role": "市长", "year": "2024", "from": "2024-03"}


def test_filters_give_back_their_url_parameters_and_chips():
    filters = SpeechFilters(
        named=True, year=2024, date_to=datetime.date(2024, 8, 31), undated=True
    )
    assert filters.params() == {"named": "1", "year": "2024", "to": "2024-08-31", "undated": "1"}
    chips = {chip.name: chip.params_without for chip in filters.active()}
    assert list(chips) == ["named", "year", "date_to", "undated"]
    assert chips["year"] == {"named": "1", "to": "2024-08-31", "undated": "1"}
    assert SpeechFilters().params() == {}
