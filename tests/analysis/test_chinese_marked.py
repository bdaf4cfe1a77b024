"""Chinese content on English pages is marked lang="zh-Hans" (core/chinese.py), so that
the rule giving “ ” a Latin face on English pages (static/css/base.css) leaves it the
CJK face's quotes: titles, names, meetings, paragraphs, Chinese theme names, crumbs."""

import lxml.html
import pytest
from django.urls import reverse

from annotations.models import Theme


@pytest.fixture
def english(client, archive):
    client.force_login(archive["alice"])
    client.cookies["django_language"] = "en"
    return client


def marked(client, url, text, where="main"):
    """The elements under ``where`` whose own text is ``text``, and whether each or an
    ancestor carries lang="zh-Hans"."""
    response = client.get(url)
    assert response.status_code == 200, url
    tree = lxml.html.fromstring(response.content)
    assert tree.get("lang") == "en"
    hits = [
        e for e in tree.cssselect(where)[0].iter()
        if isinstance(e.tag, str) and (e.text or "").strip() == text
    ]
    assert hits, (url, text)
    return [any(a.get("lang") == "zh-Hans" for a in [e, *e.iterancestors()]) for e in hits]


def test_the_home_page_marks_speakers_and_compilations(english, archive):
    speech = archive["speeches"]["wang2020"]
    assert all(marked(english, reverse("home"), "王萍"))
    assert all(marked(english, reverse("home"), speech.compilation.title))


def test_the_reader_marks_its_title_text_neighbours_and_crumbs(english, archive):
    speech = archive["speeches"]["wang2020"]
    url = speech.get_absolute_url()
    assert all(marked(english, url, speech.title, "h1"))
    assert all(marked(english, url, speech.title, "nav.breadcrumbs"))
    assert all(marked(english, url, "王萍", ".reader__meta"))
    assert all(marked(english, url, "全市人大工作会议", ".reader__meta"))
    paragraph = speech.paragraphs.get(position=1)
    assert all(marked(english, url, paragraph.text, ".reader__body"))
    neighbour = speech.compilation.speeches.exclude(pk=speech.pk).order_by("position")
    if neighbour.exists():
        assert all(marked(english, url, neighbour.first().title, ".reader__neighbours"))


def test_the_meeting_list_marks_meetings_titles_and_speakers(english, archive):
    speech = archive["speeches"]["wang2020"]
    url = reverse("meeting_list")
    assert all(marked(english, url, "全市人大工作会议"))
    assert all(marked(english, url, speech.title))
    assert all(marked(english, url, "王萍"))


def test_the_speaker_page_marks_the_name_and_crumb(english, archive):
    url = archive["wang"].get_absolute_url()
    assert all(marked(english, url, "王萍", "h1"))
    assert all(marked(english, url, "王萍", "nav.breadcrumbs"))
    assert all(marked(english, url, "全市人大工作会议"))


def test_a_theme_with_no_english_name_is_marked_and_one_with_is_not(english, archive):
    Theme.objects.filter(pk=archive["law"].pk).update(name_en="Rule of law")
    url = reverse("analysis_crosstab") + "?by=year"
    assert all(marked(english, url, "人大监督（测试）", "table"))
    page = english.get(url).content.decode()
    assert "Rule of law</a>" in page and 'lang="zh-Hans">Rule of law' not in page
    assert all(marked(english, reverse("analysis_cooccurrence"), "人大监督（测试）", "tbody"))
    theme = archive["supervision"]
    assert all(marked(english, theme.get_absolute_url(), "人大监督（测试）", "h1"))
    assert all(marked(english, theme.get_absolute_url(), "人大监督（测试）", "nav.breadcrumbs"))


def test_the_compilation_crumb_is_marked(english, archive):
    compilation = archive["speeches"]["wang2020"].compilation
    assert all(marked(english, compilation.get_absolute_url(), compilation.title,
                      "nav.breadcrumbs"))
