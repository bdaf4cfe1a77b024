"""The agreement page shows its table and nothing of the template's own notes."""

import lxml.html
from django.urls import reverse

from annotations import services
from annotations.models import Theme
from speeches.models import Compilation
from speeches.services.retire import withdraw_compilation
from tests.conftest import make_user

from .conftest import make_speech


def tag_opening(*, paragraph, theme, author):
    """Tag the paragraph's first two characters with ``theme``."""
    services.tag_passage(
        paragraph=paragraph,
        start=0,
        end=2,
        quote=paragraph.text[:2],
        themes=[theme],
        author=author,
    )


def test_the_agreement_page_shows_no_template_comment(viewer_client, codebook):
    speech = make_speech()
    supervision = codebook["people-s-congress-supervision"]
    for name in ("alice", "bob"):
        paragraph = speech.paragraphs.order_by("position").first()
        services.tag_passage(
            paragraph=paragraph,
            start=0,
            end=2,
            quote=paragraph.text[:2],
            themes=[supervision],
            author=make_user(name, "annotator"),
        )
    html = viewer_client.get(reverse("agreement")).content.decode()
    doc = lxml.html.fromstring(html)
    assert doc.cssselect("table.agreement__table tbody tr")
    # A {# … #} over two lines was shown as text above the table.
    assert "{#" not in doc.text_content() and "agreement.Cell" not in doc.text_content()
    # Chinese sentences follow each other without a space (English ones with one).
    how = doc.cssselect(".agreement__how")[0].text_content()
    assert "比较。只计入手工标注的段落" in how and "。 " not in how
    viewer_client.cookies["django_language"] = "en"
    english = lxml.html.fromstring(viewer_client.get(reverse("agreement")).content)
    how = english.cssselect(".agreement__how")[0].text_content()
    assert "at least one passage. Only passages tagged by hand count" in how


def codebook_row(doc, name):
    row = next(
        tr
        for tr in doc.cssselect("table.codebook tbody tr")
        if tr.cssselect(".codebook__name")[0].text_content().strip() == name
    )
    return [" ".join(td.text_content().split()) for td in row.cssselect("td.num")]


def test_a_parent_themes_paragraphs_with_its_sub_themes_count_each_paragraph_once(
    viewer_client, paragraphs, supervision, rule_of_law, django_assert_num_queries
):
    inspection = Theme.objects.create(
        slug="inspection",
        name="执法检查",
        name_en="Inspections",
        colour="#7a4fb0",
        parent=supervision,
    )
    coder = make_user("wang", "annotator")
    for paragraph, theme in (
        (paragraphs[0], supervision),
        (paragraphs[0], inspection),
        (paragraphs[1], inspection),
    ):
        tag_opening(paragraph=paragraph, theme=theme, author=coder)
    url = reverse("theme_list")
    viewer_client.get(url)
    with django_assert_num_queries(6):
        doc = lxml.html.fromstring(viewer_client.get(url).content)
    # Passages 1 (3 with the sub-theme), paragraphs 1 (2 with it, not 1 + 2).
    assert codebook_row(doc, "人大监督") == ["1含子主题 3", "1含子主题 2"]
    assert codebook_row(doc, "执法检查") == ["2", "2"]
    # As the theme's own page counts them.
    title = lxml.html.fromstring(viewer_client.get(supervision.get_absolute_url()).content)
    assert "涉及 2 个段落" in title.cssselect("#passages-title")[0].text_content()

    # A second theme with sub-themes costs no query more.
    Theme.objects.create(slug="courts", name="司法", colour="#205080", parent=rule_of_law)
    with django_assert_num_queries(6):
        doc = lxml.html.fromstring(viewer_client.get(url).content)
    assert codebook_row(doc, "依法行政与法治") == ["0含子主题 0", "0含子主题 0"]


def theme_page_counts(client, theme) -> str:
    """The passages and paragraphs a theme's page counts, as its title says them."""
    doc = lxml.html.fromstring(client.get(theme.get_absolute_url()).content)
    return " ".join(doc.cssselect("#passages-title")[0].text_content().split())


def test_a_parent_themes_totals_count_its_inactive_sub_themes_as_its_page_does(
    viewer_client, paragraphs, supervision, editor
):
    inspection = Theme.objects.create(
        slug="inspection", name="执法检查", colour="#7a4fb0", parent=supervision
    )
    hearings = Theme.objects.create(
        slug="hearings", name="专题询问", colour="#2f5f9e", parent=supervision
    )
    coder = make_user("wang", "annotator")
    for paragraph, theme in (
        (paragraphs[0], supervision),
        (paragraphs[1], inspection),
        (paragraphs[2], hearings),
    ):
        tag_opening(paragraph=paragraph, theme=theme, author=coder)
    services.set_theme_active(actor=editor, theme=hearings, active=False)
    # The archived sub-theme stays on its passage, and the parent's page counts it.
    assert theme_page_counts(viewer_client, supervision) == "共 3 处 涉及 3 个段落"
    for shown in ({}, {"inactive": "1"}):
        doc = lxml.html.fromstring(viewer_client.get(reverse("theme_list"), shown).content)
        assert codebook_row(doc, "人大监督") == ["1含子主题 3", "1含子主题 3"], shown

    # A parent whose only sub-theme is archived has totals too, though the
    # codebook shows no sub-theme under it by default.
    services.set_theme_active(actor=editor, theme=inspection, active=False)
    assert theme_page_counts(viewer_client, supervision) == "共 3 处 涉及 3 个段落"
    doc = lxml.html.fromstring(viewer_client.get(reverse("theme_list")).content)
    assert codebook_row(doc, "人大监督") == ["1含子主题 3", "1含子主题 3"]


def test_a_passage_with_a_theme_and_its_sub_theme_counts_once_with_sub_themes(
    viewer_client, paragraphs, supervision
):
    inspection = Theme.objects.create(
        slug="inspection", name="执法检查", colour="#7a4fb0", parent=supervision
    )
    services.tag_passage(
        paragraph=paragraphs[1],
        start=0,
        end=2,
        quote=paragraphs[1].text[:2],
        themes=[supervision, inspection],
        author=make_user("wang", "annotator"),
    )
    assert theme_page_counts(viewer_client, supervision) == "共 1 处 涉及 1 个段落"
    doc = lxml.html.fromstring(viewer_client.get(reverse("theme_list")).content)
    assert codebook_row(doc, "人大监督") == ["1含子主题 1", "1含子主题 1"]
    # The export page's "by theme" (a theme includes its sub-themes) counts it once too.
    doc = lxml.html.fromstring(viewer_client.get(reverse("export_index")).content)
    (section,) = doc.cssselect("section[aria-labelledby=themes-title]")
    by_theme = {
        tr.cssselect("td")[0].text_content().strip(): tr.cssselect("td")[1].text_content().strip()
        for tr in section.cssselect("tbody tr")
    }
    assert (by_theme["人大监督"], by_theme["执法检查"]) == ("1", "1")


def test_the_codebooks_totals_leave_out_withdrawn_and_superseded_compilations(
    viewer_client, paragraphs, supervision, editor
):
    """Their passages stay (``withdraw_compilation``), out of the theme's page."""
    inspection = Theme.objects.create(
        slug="inspection", name="执法检查", colour="#7a4fb0", parent=supervision
    )
    coder = make_user("wang", "annotator")
    withdrawn = make_speech(key="withdrawn").paragraphs.order_by("position")
    superseded = make_speech(key="superseded").paragraphs.order_by("position")
    for paragraph, theme in (
        (paragraphs[0], supervision),
        (paragraphs[1], inspection),
        (withdrawn[0], supervision),
        (withdrawn[1], inspection),
        (superseded[1], inspection),
    ):
        tag_opening(paragraph=paragraph, theme=theme, author=coder)
    withdraw_compilation(compilation=withdrawn[0].speech.compilation, actor=editor)
    Compilation.objects.filter(pk=superseded[0].speech.compilation_id).update(
        superseded_by=paragraphs[0].speech.compilation
    )
    assert theme_page_counts(viewer_client, supervision) == "共 2 处 涉及 2 个段落"
    assert theme_page_counts(viewer_client, inspection) == "共 1 处 涉及 1 个段落"
    doc = lxml.html.fromstring(viewer_client.get(reverse("theme_list")).content)
    assert codebook_row(doc, "人大监督") == ["1含子主题 2", "1含子主题 2"]
    assert codebook_row(doc, "执法检查") == ["1", "1"]


def test_the_home_pages_theme_chips_say_what_they_count(viewer_client, paragraphs, supervision):
    coder = make_user("wang", "annotator")
    for paragraph in paragraphs[:2]:
        tag_opening(paragraph=paragraph, theme=supervision, author=coder)
    doc = lxml.html.fromstring(viewer_client.get(reverse("home")).content)
    chips = [" ".join(a.text_content().split()) for a in doc.cssselect(".theme-cloud a")]
    # Beside the speakers' "1 篇讲话": passages, not a bare number.
    assert "人大监督 2 处" in chips


def test_english_pages_name_themes_in_english(viewer_client, paragraphs, supervision):
    services.tag_passage(
        paragraph=paragraphs[0],
        start=0,
        end=2,
        quote=paragraphs[0].text[:2],
        themes=[supervision],
        author=make_user("wang", "annotator"),
    )
    page = supervision.get_absolute_url()
    chinese = lxml.html.fromstring(viewer_client.get(page).content)
    heading = chinese.cssselect("h1.page-title")[0]
    assert " ".join(heading.text_content().split()) == f"人大监督 {supervision.name_en}"
    assert heading.cssselect("small")[0].get("lang") == "en"

    viewer_client.cookies["django_language"] = "en"
    english = lxml.html.fromstring(viewer_client.get(page).content)
    heading = english.cssselect("h1.page-title")[0]
    assert " ".join(heading.text_content().split()) == f"{supervision.name_en} 人大监督"
    assert heading.cssselect("small")[0].get("lang") == "zh-Hans"
    assert english.cssselect("title")[0].text_content().startswith(supervision.name_en)
    # The pages that list themes by name do so in the page's language too.
    cooccurrence = viewer_client.get(reverse("analysis_cooccurrence"))
    text = lxml.html.fromstring(cooccurrence.content).cssselect("main")[0].text_content()
    assert supervision.name_en in text and "人大监督" not in text
    search = lxml.html.fromstring(viewer_client.get(reverse("search_page") + "?q=人大").content)
    options = [o.text_content() for o in search.cssselect("select[name=theme] option")]
    assert any(supervision.name_en in o for o in options)
    assert not any("人大监督" in o for o in options)
    filtered = viewer_client.get(reverse("search_page") + f"?q=人大&theme={supervision.slug}")
    text = " ".join(lxml.html.fromstring(filtered.content).text_content().split())
    assert f"tagged with {supervision.name_en}" in text


def test_the_home_page_ranks_themes_by_their_passages_with_sub_themes(paragraphs, codebook):
    """A parent with no passages of its own but two through its sub-themes
    outranks a theme with one: the chips are chosen by what they show."""
    from annotations.templatetags.annotations_tags import home_themes

    coder = make_user("wang", "annotator")
    parent = Theme.objects.create(slug="parent", name="上级", colour="#2f5f9e", position=99)
    for n, paragraph in enumerate(paragraphs[:2]):
        child = Theme.objects.create(
            slug=f"child-{n}", name=f"下级{n}", colour="#2f5f9e", parent=parent
        )
        tag_opening(paragraph=paragraph, theme=child, author=coder)
    tag_opening(paragraph=paragraphs[2], theme=codebook["rule-of-law"], author=coder)
    (top,) = home_themes(limit=1)
    assert (top, top.passage_total) == (parent, 2)
