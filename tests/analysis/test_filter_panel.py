"""The filter panel of the analysis pages, the search page, the speech list and a theme's
page (templates/_filter_panel.html): its button counts the filters in force, in either
language, and the panel comes open when there is nothing to show yet or a field is wrong
(folded on a phone otherwise)."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from search.views import SearchForm
from tests.analysis.reuse_texts import computed_archive
from tests.conftest import client_for, make_user

PANEL = re.compile(
    r'<details class="filter-panel" data-filter-panel(?P<open> open)?>\s*'
    r'<summary class="filter-panel__summary[^"]*">(?P<label>[^<]*)</summary>'
)


def panel(response) -> tuple[str, bool]:
    """The panel's button text and whether the panel comes open."""
    assert response.status_code == 200
    found = PANEL.findall(response.content.decode())
    assert len(found) == 1, found
    is_open, label = found[0]
    return label, bool(is_open)


@pytest.fixture
def reader(client, archive):
    return client_for(client, archive["alice"])


def test_the_button_counts_the_filters_in_force(reader, archive):
    wang = archive["wang"].pk
    crosstab = reverse("analysis_crosstab")
    assert panel(reader.get(crosstab)) == ("筛选", False)
    # What is counted and how it is shown does not filter; speaker, dates and coder do.
    assert panel(reader.get(crosstab, {"by": "speaker", "measure": "rate"})) == ("筛选", False)
    assert panel(reader.get(crosstab, {"speaker": wang, "from": "2020"})) == (
        "筛选（已选 2 项）", False
    )
    assert panel(reader.get(crosstab, {"speaker": wang, "from": "2020", "coder": "alice"})) == (
        "筛选（已选 3 项）", False
    )
    cooccurrence = reverse("analysis_cooccurrence")
    assert panel(reader.get(cooccurrence, {"coder": "bob"})) == ("筛选（已选 1 项）", False)
    # The trends' form holds the terms too, and says so; the terms are not a filter.
    trends = reverse("analysis_trends")
    assert panel(reader.get(trends, {"terms": "依法行政", "to": "2021"})) == (
        "检索词与筛选（已选 1 项）", False
    )
    search = reverse("search_page")
    assert panel(reader.get(search, {"q": "依法行政", "speaker": wang, "year": "2020"})) == (
        "筛选（已选 2 项）", False
    )
    # The speech list counts what it filters by; its order does not filter.
    speeches = reverse("speech_list")
    assert panel(reader.get(speeches)) == ("筛选", False)
    assert panel(reader.get(speeches, {"sort": "title"})) == ("筛选", False)
    assert panel(reader.get(speeches, {"speaker": wang, "role": "市长", "named": "1"})) == (
        "筛选（已选 3 项）", False
    )


def test_the_search_button_counts_with_the_forms_definition(reader, archive):
    """The search page's button counts what ``SearchForm.active_count`` counts, the speech
    filters and the filters other apps add (a theme), as the other pages count with their
    forms; a theme naming nothing filters nothing (the page says so) and is not counted."""
    wang, law = archive["wang"].pk, archive["law"].slug
    assert SearchForm({"q": "依法", "speaker": wang, "theme": law}).active_count() == 2
    assert SearchForm({"q": "依法", "not_theme": law}).active_count() == 1
    assert SearchForm({"q": "依法", "theme": "no-such-theme"}).active_count() == 0
    search = reverse("search_page")
    assert panel(reader.get(search, {"q": "依法行政", "speaker": wang, "theme": law})) == (
        "筛选（已选 2 项）", False
    )
    label, is_open = panel(reader.get(search, {"q": "依法行政", "theme": "no-such-theme"}))
    assert (label, is_open) == ("筛选", True)


def test_a_themes_button_counts_its_filters_the_coder_and_the_theme_beside_it(reader, archive):
    theme = reverse("theme_detail", args=[archive["law"].slug])
    assert panel(reader.get(theme)) == ("筛选", False)
    assert panel(reader.get(theme, {"sort": "speaker"})) == ("筛选", False)
    assert panel(reader.get(theme, {"speaker": "wang-ping", "from": "2020"})) == (
        "筛选（已选 2 项）", False
    )
    assert panel(reader.get(theme, {"coder": "alice", "from": "2020"})) == (
        "筛选（已选 2 项）", False
    )
    # What the analyses link to: a coder and a theme coded beside this one (overlapping or
    # not, one filter); the page says so above the passages, and the button counts both.
    response = reader.get(theme, {"coder": "bob", "with": "supervision", "overlap": "1"})
    assert panel(response) == ("筛选（已选 2 项）", False)
    response = reader.get(theme, {"coder": "bob", "with": "supervision"})
    assert panel(response) == ("筛选（已选 2 项）", False)
    assert "显示全部标注" in response.content.decode()


def test_the_button_speaks_english_too(reader, archive):
    reader.cookies["django_language"] = "en"
    crosstab = reverse("analysis_crosstab")
    assert panel(reader.get(crosstab)) == ("Filters", False)
    assert panel(reader.get(crosstab, {"speaker": archive["wang"].pk})) == (
        "Filters (1 active)", False
    )
    assert panel(reader.get(crosstab, {"speaker": archive["wang"].pk, "to": "2021"})) == (
        "Filters (2 active)", False
    )
    assert panel(reader.get(reverse("analysis_trends"), {"terms": "依法行政"})) == (
        "Terms and filters", False
    )
    assert panel(reader.get(reverse("speech_list"), {"speaker": archive["wang"].pk})) == (
        "Filters (1 active)", False
    )
    theme = reverse("theme_detail", args=[archive["law"].slug])
    assert panel(reader.get(theme, {"coder": "bob"})) == ("Filters (1 active)", False)


def test_the_panel_comes_open_before_anything_is_asked_or_found(reader, archive):
    # Nothing asked yet: the form is what the page is for.
    assert panel(reader.get(reverse("analysis_trends"))) == ("检索词与筛选", True)
    assert panel(reader.get(reverse("search_page"))) == ("筛选", True)
    # Nothing found: the filters are what to change.
    assert panel(reader.get(reverse("search_page"), {"q": "不存在的词语"})) == ("筛选", True)
    assert panel(reader.get(reverse("analysis_crosstab"), {"from": "2030"})) == (
        "筛选（已选 1 项）", True
    )
    assert panel(reader.get(reverse("analysis_cooccurrence"), {"from": "2030"})) == (
        "筛选（已选 1 项）", True
    )
    assert panel(reader.get(reverse("speech_list"), {"from": "2030"})) == (
        "筛选（已选 1 项）", True
    )
    theme = reverse("theme_detail", args=[archive["law"].slug])
    assert panel(reader.get(theme, {"from": "2030"})) == ("筛选（已选 1 项）", True)
    # Bob coded nothing of this theme.
    rural = reverse("theme_detail", args=[archive["rural"].slug])
    assert panel(reader.get(rural, {"coder": "bob"})) == ("筛选（已选 1 项）", True)


def test_the_panel_comes_open_when_a_field_is_wrong(reader, archive):
    # The wrong date filters nothing (it is not counted), and the form shows why.
    for url, params in (
        (reverse("analysis_crosstab"), {"from": "2024-13"}),
        (reverse("analysis_cooccurrence"), {"to": "明年"}),
        (reverse("analysis_trends"), {"terms": "依法行政", "from": "2024-13"}),
        (reverse("search_page"), {"q": "依法行政", "from": "2024-13"}),
        (reverse("speech_list"), {"from": "2024-13"}),
        (reverse("theme_detail", args=[archive["law"].slug]), {"to": "明年"}),
    ):
        response = reader.get(url, params)
        assert panel(response) == ("筛选" if "terms" not in params else "检索词与筛选", True), url
        assert "field--error" in response.content.decode(), url


def test_the_text_reuse_panel(client, transactional_db):
    speeches = computed_archive()
    reader = client_for(client, make_user("reader", "viewer"))
    url = reverse("analysis_reuse")
    assert panel(reader.get(url)) == ("筛选", False)
    speaker = speeches["model"].speaker_id
    assert panel(reader.get(url, {"speaker": speaker, "year": "2020"})) == (
        "筛选（已选 2 项）", False
    )
    assert panel(reader.get(url, {"year": "1990"})) == ("筛选（已选 1 项）", True)


def test_the_tag_takes_only_its_own_arguments():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load speeches_tags %}{% filter_panel shown=1 %}{% endfilter_panel %}")
    with pytest.raises(TemplateSyntaxError):
        Template("{% load speeches_tags %}{% filter_panel 3 %}{% endfilter_panel %}")
    html = Template(
        "{% load speeches_tags %}{% filter_panel active=n results=1 %}<form>{{ x }}</form>"
        "{% endfilter_panel %}"
    ).render(Context({"n": 0, "x": "<b>"}))
    # The form is rendered once, inside the panel, escaped as anywhere else.
    assert html.count("<form>&lt;b&gt;</form>") == 1
    assert "</form>\n</details>" in html
