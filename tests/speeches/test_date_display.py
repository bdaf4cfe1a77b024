"""One way to write a date per language on every page, at the date's precision, and one
way to write a moment (a date and a 24-hour time, in the site's time zone)."""

import datetime
import re

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from annotations import services
from annotations.models import Theme
from speeches.templatetags.speeches_tags import partial_date, timestamp

UTC = datetime.UTC
ISO_DATE = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b")
ZH_MOMENT = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}")
EN_MOMENT = re.compile(r"[A-Z][a-z]+\.? \d{1,2}, \d{4} \d{2}:\d{2}")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "2026年11月28日 02:44"), ("en", "Nov. 28, 2026 02:44")],
)
def test_a_moment_is_the_day_then_the_time_in_beijing(language, expected):
    # 18:44 UTC on the 27th is 02:44 on the 28th in Asia/Shanghai, the site's zone.
    with translation.override(language):
        assert timestamp(datetime.datetime(2026, 11, 27, 18, 44, tzinfo=UTC)) == expected
        assert timestamp(None) == ""


@pytest.mark.parametrize(
    ("language", "day", "month"),
    [("zh-hans", "2017年10月25日", "2017年10月"), ("en", "Oct. 25, 2017", "October 2017")],
)
def test_a_date_at_its_precision(language, day, month):
    with translation.override(language):
        assert partial_date(datetime.date(2017, 10, 25), "day") == day
        assert partial_date(datetime.date(2017, 10, 1), "month") == month


def visible_text(response, selector: str = "main") -> str:
    doc = lxml.html.fromstring(response.content.decode())
    return doc.cssselect(selector)[0].text_content()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_compilation_pages_write_dates_as_every_other_page(
    client, viewer, seed_compilation, language
):
    client.force_login(viewer)
    client.cookies["django_language"] = language
    moment = ZH_MOMENT if language == "zh-hans" else EN_MOMENT
    day = "2024年8月12日" if language == "zh-hans" else "Aug. 12, 2024"

    detail = visible_text(client.get(seed_compilation.get_absolute_url()))
    assert day in detail  # the speeches table
    assert moment.search(detail)  # imported …
    assert not ISO_DATE.search(detail)

    listing = visible_text(client.get(reverse("compilation_list")))
    assert moment.search(listing) and not ISO_DATE.search(listing)


def test_passages_and_history_write_dates_as_every_other_page(
    client, viewer, annotator, seed_compilation
):
    speech = seed_compilation.speeches.get(speaker__name="王萍")
    paragraph = speech.paragraphs.order_by("position").first()
    theme = Theme.objects.create(name="测试主题", slug="test-theme", colour="#336699")
    services.tag_passage(
        paragraph=paragraph, start=0, end=4, quote=paragraph.text[:4], themes=[theme],
        author=annotator,
    )
    client.force_login(viewer)

    passages = visible_text(client.get(theme.get_absolute_url()), "ol.passages")
    assert "2024年8月12日" in passages  # the speech's date
    assert ZH_MOMENT.search(passages)  # tagged on …
    assert not ISO_DATE.search(passages)

    history = visible_text(client.get(reverse("speech_history", args=[speech.pk])))
    assert ZH_MOMENT.search(history) and not ISO_DATE.search(history)
