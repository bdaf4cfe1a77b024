"""Counts are grouped by three on Chinese pages as on English ones (共 1,234 条):
Django's own zh_Hans formats print 34601 (config/formats/zh_Hans)."""

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_intcomma_groups_by_three_in_both_languages(language):
    template = Template("{% load humanize %}{{ a|intcomma }} {{ b|intcomma }} {{ c|intcomma }}")
    with translation.override(language):
        shown = template.render(Context({"a": 999, "b": 34601, "c": 1234567}))
    assert shown == "999 34,601 1,234,567"


def test_dates_keep_djangos_chinese_formats():
    from django.utils.formats import get_format

    with translation.override("zh-hans"):
        assert get_format("DATE_FORMAT") == "Y年n月j日"
        assert get_format("DECIMAL_SEPARATOR") == "."
