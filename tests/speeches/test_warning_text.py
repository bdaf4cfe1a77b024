"""Parser warnings read in the reader's language, pages and API alike."""

import pytest
from django.utils import translation

from speeches.models import Speech
from speeches.warning_text import TEXTS, warning_message
from text.parsing import parse_text
from text.parsing.warnings import MESSAGES, make

# Values for every field any message names.
FIELDS = {"heading": "加强人大监督", "marker": "（四）", "expected": 3, "length": 120,
          "text": "二〇二四年某月", "count": 4}


def test_every_parser_code_has_a_wording():
    assert set(TEXTS) == set(MESSAGES)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_the_chinese_wording_is_the_parsers_own(code):
    fields = {name: value for name, value in FIELDS.items() if f"{{{name}}}" in MESSAGES[code]}
    warning = make(7, code, **fields)
    with translation.override("zh-hans"):
        assert warning_message(warning.to_dict()) == warning.message
    with translation.override("en"):
        english = warning_message(warning.to_dict())
    for value in FIELDS.values():  # the filled-in values stay as printed
        english = english.replace(str(value), "")
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english), english


def test_the_parser_keeps_the_values_it_filled_in():
    text = "关于某事的讲话\n同志们：\n一、第一部分\n正文一句。\n三、第三部分\n正文二句"
    parsed = parse_text(text, source="w.txt")
    codes = {w.code: w.to_dict() for w in parsed.speeches[0].warnings}
    assert codes["marker-skip"]["params"] == {"expected": 2, "marker": "三、"}
    assert "params" in codes["ends-mid-sentence"] and codes["ends-mid-sentence"]["params"] == {}


def test_a_warning_stored_without_values_keeps_its_message():
    # Imported before warnings kept their params: nothing to fill in with.
    message = "编号「三、」前缺少编号（应为第 2 项）。"
    stored = {"line": 3, "code": "marker-skip", "message": message}
    with translation.override("en"):
        assert warning_message(stored) == stored["message"]
        # A message with no fields is worded anew all the same.
        assert warning_message({"code": "no-body", "message": "这篇讲话没有正文。"}) == (
            "This speech has no body text."
        )


def test_an_unknown_code_keeps_its_message():
    assert warning_message({"code": "from-the-future", "message": "说明"}) == "说明"


def test_the_compilation_page_words_warnings_in_the_chosen_language(
    viewer_client, seed_compilation, settings
):
    fourth = Speech.objects.get(compilation=seed_compilation, position=4)
    merged = next(w for w in fourth.warnings if w["code"] == "merged-heading")
    chinese = viewer_client.get(seed_compilation.get_absolute_url()).content.decode()
    assert merged["message"] in chinese
    viewer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = viewer_client.get(seed_compilation.get_absolute_url()).content.decode()
    assert merged["message"] not in english
    assert "The heading runs into the body text" in english
    assert f"line {merged['line']}" in english


def test_the_api_words_warnings_in_the_language_asked_for(viewer_client, seed_compilation):
    url = f"/api/compilations/{seed_compilation.pk}"
    speeches = viewer_client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["speeches"]
    merged = next(w for s in speeches for w in s["warnings"] if w["code"] == "merged-heading")
    assert merged["message"].startswith("The heading runs into the body text")
    assert merged["params"]["heading"]
    chinese = viewer_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["speeches"]
    merged = next(w for s in chinese for w in s["warnings"] if w["code"] == "merged-heading")
    assert merged["message"].startswith("标题与正文连在一起")
