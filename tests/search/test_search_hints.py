"""What the search page says when nothing is found: English queries and OR."""

import lxml.html
import pytest
from django.urls import reverse

from tests.speeches.browse_data import import_speech


@pytest.fixture
def corpus(db, codebook):
    return import_speech(title="在全市经济工作会议上的讲话", speaker="王萍",
                         paragraphs=["发展经济，保障人民生活。", "支持人大工作。"])


@pytest.fixture
def codebook(db):
    from annotations.models import Theme

    # The seeding migration's theme; a transactional test may have flushed it.
    Theme.objects.get_or_create(
        slug="economic-development",
        defaults={"name": "经济发展", "name_en": "Economic development", "colour": "#7d6319"},
    )


def hints(client, q):
    response = client.get(reverse("search_page"), {"q": q})
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content.decode())
    assert doc.cssselect("li.hit") == []
    empty = doc.cssselect(".results .empty")[0]
    return [" ".join(li.text_content().split()) for li in empty.cssselect("li")], empty


def test_an_english_word_is_told_the_speeches_are_in_chinese(viewer_client, corpus):
    items, empty = hints(viewer_client, "economy")
    assert any("讲话是中文的" in item and "经济发展" in item for item in items), items
    assert not any("更短的词" in item for item in items)
    link = empty.cssselect("a[lang=zh-Hans]")[0]
    assert link.text_content() == "经济发展"
    assert link.get("href") == reverse("search_page") + "?q=%E7%BB%8F%E6%B5%8E%E5%8F%91%E5%B1%95"


def test_an_english_word_no_theme_knows_gets_examples(viewer_client, corpus):
    items, _empty = hints(viewer_client, "xylophone")
    assert any("讲话是中文的" in item and "经济" in item for item in items), items


def test_or_is_explained_and_each_word_offered_alone(viewer_client, corpus):
    items, empty = hints(viewer_client, "人民 OR 工作会")
    said = next(item for item in items if "OR" in item)
    assert "同时" in said or "AND" in said
    assert not any("讲话是中文的" in item for item in items)
    # The OR hint says why nothing was found; the usual hints would not.
    assert not any("用更少的词" in item or "更短的词" in item for item in items)
    links = [a.get("href") for a in empty.cssselect("a")]
    search = reverse("search_page")
    assert f"{search}?q=%E4%BA%BA%E6%B0%91" in links  # 人民
    assert f"{search}?q=%E5%B7%A5%E4%BD%9C%E4%BC%9A" in links  # 工作会
    assert not any("OR" in link for link in links)


def test_a_chinese_query_still_gets_the_usual_hint(viewer_client, corpus):
    items, _empty = hints(viewer_client, "航天")
    assert any("更短的词" in item for item in items)
    assert not any("OR" in item or "讲话是中文的" in item for item in items)


def test_or_between_english_words_is_a_word_but_upper_case_or_is_not(viewer_client, corpus):
    items, _empty = hints(viewer_client, "rule or law")
    assert not any("OR" in item for item in items)
    items, _empty = hints(viewer_client, "rule OR law")
    assert any("OR" in item for item in items)
    assert any("讲话是中文的" in item for item in items)
