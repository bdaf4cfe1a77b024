import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Activity, Verb
from annotations import services
from annotations.models import Annotation, Theme
from core.chinese import chinese
from speeches.models import Speaker

from .conftest import make_speech


def tag(paragraph, start, end, themes, author, **kw):
    return services.tag_passage(paragraph=paragraph, start=start, end=end,
                                quote=paragraph.text[start:end], themes=themes, author=author,
                                **kw)


def manage_form(theme, **changes):
    """What the theme management form posts: every field as the page shows
    it for ``theme``, with ``changes``, and its one Save."""
    parent = theme.parent_id
    siblings = list(Theme.objects.filter(parent_id=parent).in_tree_order()
                    .values_list("pk", flat=True))
    data = {
        "action": "save", "name": theme.name, "name_en": theme.name_en,
        "colour": theme.colour, "parent": parent or "", "position": siblings.index(theme.pk) + 1,
        "description": theme.description, "keywords": "，".join(theme.keywords),
    }
    return {**data, **changes}


ROLES = ["anonymous", "no_role_user", "viewer", "annotator", "editor", "admin_user"]


@pytest.fixture
def as_role(request, client, db):
    def login(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client
    return login


def expected(role, needed):
    order = ["no_role_user", "viewer", "annotator", "editor", "admin_user"]
    if role == "anonymous":
        return 302
    return 200 if order.index(role) >= order.index(needed) else 403


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(as_role, role, speech, supervision, settings):
    settings.ANONYMOUS_READ = False
    client = as_role(role)
    pages = {
        reverse("theme_list"): "viewer",
        supervision.get_absolute_url(): "viewer",
        reverse("speech_history", args=[speech.pk]): "viewer",
        reverse("my_annotations"): "annotator",
        reverse("theme_create"): "editor",
        reverse("theme_edit", args=[supervision.slug]): "editor",
    }
    for url, needed in pages.items():
        response = client.get(url)
        assert response.status_code == expected(role, needed), (url, response.status_code)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_theme_management_posts_by_role(as_role, role, supervision):
    client = as_role(role)
    response = client.post(reverse("theme_edit", args=[supervision.slug]),
                           manage_form(supervision, name="人大监督工作", name_en="x"))
    allowed = role in {"editor", "admin_user"}
    assert response.status_code == (302 if allowed or role == "anonymous" else 403)
    assert Theme.objects.get(pk=supervision.pk).name == ("人大监督工作" if allowed else "人大监督")


def test_codebook_tree_with_counts(viewer_client, annotator, editor, paragraphs, supervision,
                                   rule_of_law):
    child = services.create_theme(actor=editor, name="执法检查", colour="#2f5f9e",
                                  parent=supervision)
    tag(paragraphs[0], 0, 2, [supervision], annotator)
    tag(paragraphs[1], 0, 4, [child, rule_of_law], annotator)
    services.set_theme_active(actor=editor, theme=Theme.objects.get(slug="livelihoods"),
                              active=False)
    response = viewer_client.get(reverse("theme_list"))
    html = response.content.decode()
    rows = [n.theme.name for n in response.context["nodes"]]
    assert rows.index("执法检查") == rows.index("人大监督") + 1  # children follow parents
    node = next(n for n in response.context["nodes"] if n.theme == supervision)
    assert (node.count, node.total) == (1, 2)
    assert "民生保障" not in rows and "?inactive=1" in html
    assert reverse("theme_create") not in html  # viewers get no management links
    assert "民生保障" in [n.theme.name for n in
                        viewer_client.get(reverse("theme_list") + "?inactive=1").context["nodes"]]


def test_theme_page_lists_filters_sorts_and_paginates(viewer_client, annotator, supervision):
    older = make_speech(title="旧讲话", key="old")
    older.date, older.date_precision, older.role = "2020-05-01", "day", "副市长"
    older.save()
    newer = make_speech(title="新讲话", key="new")
    newer.date, newer.date_precision, newer.event = "2024-03-01", "day", "常委会会议"
    newer.save()
    for speech in (older, newer):
        for p in speech.paragraphs.all():
            tag(p, 0, 2, [supervision], annotator, note="注")
    url = supervision.get_absolute_url()
    page = viewer_client.get(url)
    assert page.context["page_obj"].paginator.count == 8
    passages = page.context["page_obj"].object_list
    assert passages[0].paragraph.speech == newer  # newest speech first by default
    assert "annotator" in page.content.decode() and "注" in page.content.decode()
    oldest_first = viewer_client.get(url + "?sort=date").context["page_obj"].object_list
    assert oldest_first[0].paragraph.speech == older
    by_role = viewer_client.get(url + "?role=副市长").context["page_obj"]
    assert {a.paragraph.speech for a in by_role.object_list} == {older}
    by_event = viewer_client.get(url + "?event=常委会会议").context["page_obj"]
    assert by_event.paginator.count == 4
    by_date = viewer_client.get(url + "?from=2023-01-01&to=2024-12")
    assert by_date.context["page_obj"].paginator.count == 4
    for _ in range(20):
        tag(newer.paragraphs.first(), 0, 3, [supervision], annotator)
    second = viewer_client.get(url + "?page=2").context["page_obj"]
    assert second.number == 2 and len(second.object_list) == 3
    # Paging keeps the filters and the order.
    filtered = viewer_client.get(url, {"to": "2025", "sort": "date"}).content.decode()
    assert 'href="?to=2025&amp;sort=date&amp;page=2" rel="next"' in filtered


def test_a_passage_on_the_theme_page_shows_its_words_source_and_tagger(
    viewer_client, annotator, speech, paragraphs, supervision
):
    """A reader of a theme's page sees the quote in its sentence and where it
    was said, without opening the speech."""
    speech.speaker = Speaker.objects.create(name="王萍", slug="wang-ping")
    speech.date, speech.date_precision = "2024-08-12", "day"
    speech.save()
    paragraph = paragraphs[1]
    start = paragraph.text.index("执法检查")
    annotation = tag(paragraph, start, start + 4, [supervision], annotator)
    before, after = paragraph.text[:start], paragraph.text[start + 4 :]
    assert (annotation.prefix, annotation.suffix) == (before, after)  # short enough to keep whole

    html = viewer_client.get(supervision.get_absolute_url()).content.decode()
    (passage,) = lxml.html.fromstring(html).cssselect("li.passage")

    quote = passage.cssselect(".passage__text")[0]
    context_before, context_after = quote.cssselect(".passage__context")
    assert context_before.text_content() == "…" + before
    assert quote.cssselect("mark.passage__quote")[0].text_content() == "执法检查"
    assert context_after.text_content() == after + "…"
    assert quote.text_content() == f"…{before}执法检查{after}…"  # in that order

    meta = passage.cssselect(".passage__meta")[0]
    link = meta.cssselect("a")[0]
    assert link.get("href") == paragraph.get_absolute_url()
    assert link.text_content() == f"{speech.title} · ¶2"
    shown = [span.text_content() for span in meta.cssselect("span")]
    # Dates as on every page: at the speech date's precision, the tagging moment in Beijing time.
    assert shown == ["王萍", "市长", "2024年8月12日", "全市人大工作会议"]

    local = timezone.localtime(annotation.created_at)
    when = f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    by = " ".join(passage.cssselect(".passage__by")[0].text_content().split())
    assert by.endswith(f"annotator 标注于 {when}")


def test_theme_page_query_count_is_fixed(viewer_client, annotator, supervision, rule_of_law,
                                         paragraphs, django_assert_max_num_queries):
    for n in range(40):
        tag(paragraphs[n % 4], 0, 2, [supervision, rule_of_law], annotator)
    # 12, and one each for the coders' facet and the paragraphs the passages are in.
    with django_assert_max_num_queries(14):
        response = viewer_client.get(supervision.get_absolute_url())
    assert len(response.context["page_obj"].object_list) == 25


def test_create_edit_and_merge_through_the_pages(editor_client, annotator, paragraphs,
                                                 supervision, rule_of_law):
    response = editor_client.post(reverse("theme_create"), {
        "name": "预算审查", "name_en": "Budget review", "parent": supervision.pk,
        "colour": "#7d6319", "description": "审查预算", "keywords": "预算，决算、审计",
    })
    assert response.status_code == 302
    theme = Theme.objects.get(name="预算审查")
    assert theme.parent == supervision and theme.keywords == ["预算", "决算", "审计"]
    bad = editor_client.post(reverse("theme_create"), {"name": "亮色", "colour": "#ffff66"})
    assert bad.status_code == 200 and bad.context["form"].non_field_errors()
    assert not Theme.objects.filter(name="亮色").exists()
    edit = reverse("theme_edit", args=[theme.slug])
    editor_client.post(edit, manage_form(theme, colour="#2f5f9e", parent="", position="1"))
    editor_client.post(edit, {"action": "deactivate"})
    theme.refresh_from_db()
    assert (theme.colour, theme.parent, theme.position, theme.active) == ("#2f5f9e", None, 1,
                                                                          False)
    tagged = tag(paragraphs[0], 0, 2, [rule_of_law], annotator)
    response = editor_client.post(reverse("theme_edit", args=[rule_of_law.slug]),
                                  {"action": "merge", "into": supervision.pk})
    assert response.status_code == 302 and response["Location"] == supervision.get_absolute_url()
    assert list(tagged.themes.all()) == [supervision]


def test_my_annotations_page(client, annotator, editor, paragraphs, supervision, rule_of_law):
    tag(paragraphs[0], 0, 2, [supervision], annotator)
    tag(paragraphs[1], 0, 4, [rule_of_law], annotator)
    tag(paragraphs[1], 0, 4, [rule_of_law], editor)
    client.force_login(annotator)
    page = client.get(reverse("my_annotations"))
    assert page.context["total"] == 2
    assert all(a.author == annotator for a in page.context["page_obj"].object_list)
    only = client.get(reverse("my_annotations") + f"?theme={rule_of_law.slug}")
    assert [a.paragraph for a in only.context["page_obj"].object_list] == [paragraphs[1]]
    # Each theme the annotator used, with how many of their own passages carry it.
    tag(paragraphs[2], 0, 2, [rule_of_law, supervision], annotator)
    themes = client.get(reverse("my_annotations")).context["themes"]
    assert supervision.position < rule_of_law.position  # ties go to the codebook's order
    assert [(t.slug, t.n) for t in themes] == [(supervision.slug, 2), (rule_of_law.slug, 2)]


def test_theme_page_facets_count_passages_by_speaker_role_and_meeting(
    viewer_client, annotator, paragraphs, supervision
):
    for paragraph in paragraphs:
        tag(paragraph, 0, 2, [supervision], annotator)
    other = make_speech(title="另一篇讲话", key="other")
    other.role, other.event = "副市长", ""
    other.speaker = Speaker.objects.create(name="王萍", slug="wang-ping")
    other.save()
    tag(other.paragraphs.first(), 0, 2, [supervision], annotator)
    facets = viewer_client.get(supervision.get_absolute_url()).context["facets"]
    assert [(r["paragraph__speech__role"], r["n"]) for r in facets["roles"]] == [
        ("市长", 4), ("副市长", 1)
    ]
    assert [(r["paragraph__speech__event"], r["n"]) for r in facets["events"]] == [
        ("全市人大工作会议", 4)
    ]
    assert [
        (r["paragraph__speech__speaker__slug"], r["paragraph__speech__speaker__name"], r["n"])
        for r in facets["speakers"]
    ] == [("wang-ping", "王萍", 1)]


def test_speech_history_lists_its_activity_and_import(viewer_client, seed_compilation, annotator,
                                                      codebook):
    speech = seed_compilation.speeches.first()
    other = seed_compilation.speeches.last()
    paragraph = speech.paragraphs.first()
    annotation = tag(paragraph, 0, 2, [codebook["rule-of-law"]], annotator)
    services.write_comment(paragraph=paragraph, author=annotator, body="评论<b>")
    services.delete_annotation(annotation=annotation, actor=annotator)
    tag(other.paragraphs.first(), 0, 2, [codebook["rule-of-law"]], annotator)
    response = viewer_client.get(reverse("speech_history", args=[speech.pk]))
    entries = list(response.context["page_obj"].object_list)
    assert [e.verb for e in entries] == [Verb.UNTAG, Verb.COMMENT, Verb.TAG, Verb.IMPORT]
    html = response.content.decode()
    assert f"#p{paragraph.position}" in html and f"第 {paragraph.position} 段" in html
    assert "评论了" in html and "评论&lt;b&gt;" not in html
    assert Activity.objects.filter(verb=Verb.TAG).count() == 2


def test_speech_history_never_shows_comment_texts(client, viewer, annotator, editor, paragraphs):
    """Deleted and moderated comments are gone from the history too; live
    ones are read in their thread, not in the log."""
    paragraph = paragraphs[1]
    own = services.write_comment(paragraph=paragraph, author=annotator, body="私下的想法")
    services.edit_comment(comment=own, actor=annotator, body="改过的想法")
    services.delete_comment(comment=own, actor=annotator)
    rude = services.write_comment(paragraph=paragraph, author=annotator, body="不当言论")
    services.delete_comment(comment=rude, actor=editor)
    services.write_comment(paragraph=paragraph, author=editor, body="仍然在的评论")
    client.force_login(viewer)
    html = client.get(reverse("speech_history", args=[paragraph.speech_id])).content.decode()
    for body in ["私下的想法", "改过的想法", "不当言论", "仍然在的评论"]:
        assert body not in html
    assert html.count("第 2 段") == 6
    assert "评论了" in html and "编辑了评论" in html and "删除了评论" in html
    assert not Activity.objects.filter(summary__contains="想法").exists()


def test_home_page_shows_theme_counts(viewer_client, annotator, paragraphs, supervision):
    tag(paragraphs[0], 0, 2, [supervision], annotator)
    response = viewer_client.get(reverse("home"))
    html = response.content.decode()
    assert supervision.get_absolute_url() in html
    assert Annotation.objects.count() == 1


def test_speech_history_crumbs_lead_through_the_speeches(viewer_client, seed_compilation):
    # As on the speech's correct and structure pages: Home › Speeches › title › History;
    # the title marked Chinese (core/chinese.py).
    speech = seed_compilation.speeches.first()
    response = viewer_client.get(reverse("speech_history", args=[speech.pk]))
    assert response.context["crumbs"] == [
        ("讲话", reverse("speech_list")),
        (chinese(speech.title), speech.get_absolute_url()),
        ("历史记录", None),
    ]
