"""Issue 15: the codebook and a theme's page say what they count (passages,
each coder's tagging on its own, and the distinct paragraphs), a theme's page
filters by coder, and theme names follow the page's language."""

import lxml.html
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation

from annotations import services


def annotator_named(name):
    user = User.objects.create_user(name, password="pw-" + name)
    user.groups.add(Group.objects.get_or_create(name="annotator")[0])
    return user


def tag(paragraph, theme, author):
    return services.tag_passage(paragraph=paragraph, start=0, end=4, quote=paragraph.text[:4],
                                themes=[theme], author=author)


def four_paragraphs_five_passages(paragraphs, theme):
    """Two coders on the first paragraph, one on each of the next three."""
    wang, li = annotator_named("wang"), annotator_named("li")
    tag(paragraphs[0], theme, wang)
    tag(paragraphs[0], theme, li)
    for paragraph in paragraphs[1:4]:
        tag(paragraph, theme, wang)
    return wang, li


def test_the_codebook_counts_passages_and_paragraphs_apart(viewer_client, paragraphs, supervision):
    four_paragraphs_five_passages(paragraphs, supervision)
    doc = lxml.html.fromstring(viewer_client.get(reverse("theme_list")).content)
    headers = [th.text_content().strip() for th in doc.cssselect("table.codebook thead th")]
    assert headers[2:4] == ["标注处数", "段落"]
    row = next(tr for tr in doc.cssselect("table.codebook tbody tr")
               if "人大监督" in tr.cssselect("td")[0].text_content())
    cells = [td.text_content().strip() for td in row.cssselect("td.num")]
    assert cells[:2] == ["5", "4"]


def test_the_theme_page_says_how_many_paragraphs_and_filters_by_coder(
    viewer_client, paragraphs, supervision, django_assert_max_num_queries
):
    wang, li = four_paragraphs_five_passages(paragraphs, supervision)
    url = supervision.get_absolute_url()
    response = viewer_client.get(url)
    doc = lxml.html.fromstring(response.content)
    title = doc.cssselect("#passages-title")[0].text_content()
    assert "5 处" in title and "涉及 4 个段落" in title
    options = {o.get("value"): o.text_content() for o in doc.cssselect("#id_coder option")}
    assert options == {"": "全部编码者", "wang": "wang (4)", "li": "li (1)"}

    # One more than the page without a coder: the coder named is looked up.
    with django_assert_max_num_queries(15):
        response = viewer_client.get(url, {"coder": "li"})
    assert [a.author for a in response.context["page_obj"].object_list] == [li]
    doc = lxml.html.fromstring(response.content)
    assert "涉及 1 个段落" in doc.cssselect("#passages-title")[0].text_content()
    assert doc.cssselect("#id_coder option[selected]")[0].get("value") == "li"
    # A name that coded nothing here lists everything rather than nothing.
    response = viewer_client.get(url, {"coder": "nobody"})
    assert response.context["coder"] == "" and response.context["page_obj"].paginator.count == 5


def test_theme_names_follow_the_pages_language(paragraphs, supervision, annotator):
    tag(paragraphs[0], supervision, annotator)
    with translation.override("en"):
        assert supervision.display_name == "Supervision by people's congresses"
    with translation.override("zh-hans"):
        assert supervision.display_name == "人大监督"
    supervision.name_en = ""
    with translation.override("en"):
        assert supervision.display_name == "人大监督"


def test_english_pages_show_english_theme_names_in_chips_and_agreement(
    client, paragraphs, supervision
):
    wang, li = four_paragraphs_five_passages(paragraphs, supervision)
    client.force_login(wang)
    client.cookies["django_language"] = "en"
    theme_page = lxml.html.fromstring(client.get(supervision.get_absolute_url()).content)
    chips = {c.text_content().strip() for c in theme_page.cssselect(".theme-chip")}
    assert chips == {"Supervision by people's congresses"}
    agreement = lxml.html.fromstring(client.get(reverse("agreement")).content)
    rows = [th.text_content().strip() for th in agreement.cssselect("th[scope=row]")]
    assert rows and all(r == "Supervision by people's congresses" for r in rows)
