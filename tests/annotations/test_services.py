import pytest
from django.db import IntegrityError, transaction

from accounts.models import Activity, Verb
from annotations import services
from annotations.errors import QuoteMismatch
from annotations.models import Annotation, Comment, Theme
from config.errors import status_for
from core.errors import InvalidInput, NotPermitted


def tag(paragraph, start, end, themes, author, **kwargs):
    return services.tag_passage(
        paragraph=paragraph, start=start, end=end, quote=paragraph.text[start:end],
        themes=themes, author=author, **kwargs,
    )


def test_tag_passage_stores_span_context_and_hash(paragraphs, annotator, rule_of_law):
    p = paragraphs[1]
    start = p.text.index("依法行政")
    annotation = tag(p, start, start + 4, [rule_of_law], annotator, note="重点")
    annotation.refresh_from_db()
    assert annotation.quote == "依法行政"
    assert annotation.prefix == p.text[:start][-32:]
    assert annotation.suffix == p.text[start + 4 :][:32]
    assert annotation.text_hash == p.text_hash
    assert list(annotation.themes.all()) == [rule_of_law]
    entry = Activity.objects.get(verb=Verb.TAG)
    assert entry.speech_id == p.speech_id and entry.actor == annotator
    assert "依法行政" in entry.summary and rule_of_law.name in entry.summary


def test_offsets_are_code_points_with_astral_characters(paragraphs, annotator, supervision):
    p = paragraphs[2]
    # 𠀀 is one code point but two UTF-16 units: Python indices are code points.
    start = p.text.index("𠀀𠀁")
    annotation = tag(p, start, start + 2, [supervision], annotator)
    assert annotation.quote == "𠀀𠀁" and annotation.end - annotation.start == 2
    annotation.refresh_from_db()  # the database agrees the quote fills the span
    assert annotation.quote == "𠀀𠀁"
    utf16_start = len(p.text[:start].encode("utf-16-le")) // 2
    assert utf16_start != start  # so a UTF-16 offset would be refused:
    with pytest.raises(QuoteMismatch):
        services.tag_passage(paragraph=p, start=utf16_start, end=utf16_start + 2,
                             quote="𠀀𠀁", themes=[supervision], author=annotator)


@pytest.mark.parametrize(("start", "end", "quote"), [
    (0, 4, "加强人大"),  # wrong text at these offsets
    (2, 2, ""),
    (5, 3, "x"),
    (0, 999, "一、加强人大监督工作"),
])
def test_quote_mismatch_is_refused_and_writes_nothing(
    paragraphs, annotator, supervision, start, end, quote
):
    existing = tag(paragraphs[0], 2, 6, [supervision], annotator)
    with pytest.raises(QuoteMismatch) as info:
        services.tag_passage(paragraph=paragraphs[0], start=start, end=end, quote=quote,
                             themes=[supervision], author=annotator)
    assert status_for(info.value.code) == 409
    assert list(Annotation.objects.all()) == [existing]
    assert Activity.objects.filter(verb=Verb.TAG).count() == 1


def test_stale_text_hash_is_a_conflict(paragraphs, annotator, supervision):
    with pytest.raises(QuoteMismatch):
        tag(paragraphs[0], 0, 2, [supervision], annotator, expected_hash="0" * 64)
    assert tag(paragraphs[0], 0, 2, [supervision], annotator, expected_hash=paragraphs[0].text_hash)


def test_inactive_or_missing_themes_are_refused(paragraphs, annotator, editor, supervision):
    with pytest.raises(InvalidInput):
        tag(paragraphs[0], 0, 2, [], annotator)
    services.set_theme_active(actor=editor, theme=supervision, active=False)
    with pytest.raises(InvalidInput):
        tag(paragraphs[0], 0, 2, [supervision], annotator)


def test_viewers_cannot_tag(paragraphs, viewer, supervision):
    with pytest.raises(NotPermitted):
        tag(paragraphs[0], 0, 2, [supervision], viewer)


def test_database_refuses_inconsistent_spans(paragraphs, annotator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.create(paragraph=paragraphs[0], start=3, end=3, quote="x",
                                  text_hash="0" * 64, author=annotator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Annotation.objects.create(paragraph=paragraphs[0], start=0, end=5, quote="𠀀𠀁",
                                  text_hash="0" * 64, author=annotator)


def test_author_or_editor_update_and_delete(
    paragraphs, annotator, editor, viewer, supervision, rule_of_law, django_user_model
):
    other = django_user_model.objects.create_user("other")
    other.groups.add(*annotator.groups.all())
    annotation = tag(paragraphs[0], 0, 2, [supervision], annotator)
    with pytest.raises(NotPermitted):
        services.update_annotation(annotation=annotation, actor=other, note="mine now")
    with pytest.raises(NotPermitted):
        services.delete_annotation(annotation=annotation, actor=viewer)
    services.update_annotation(annotation=annotation, actor=annotator,
                               themes=[supervision, rule_of_law, rule_of_law], note=" 说明 ")
    annotation.refresh_from_db()
    assert annotation.note == "说明"
    assert set(annotation.themes.all()) == {supervision, rule_of_law}
    services.update_annotation(annotation=annotation, actor=editor, themes=[rule_of_law])
    assert list(annotation.themes.all()) == [rule_of_law]
    services.delete_annotation(annotation=annotation, actor=editor)
    assert not Annotation.objects.exists()
    verbs = list(Activity.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == [Verb.TAG, Verb.EDIT, Verb.EDIT, Verb.UNTAG]


def test_accept_suggestion_tags_whole_paragraph_once(paragraphs, annotator, codebook):
    p = paragraphs[3]
    first = services.accept_suggestion(paragraph=p, theme=codebook["rural-revitalization"],
                                       author=annotator)
    again = services.accept_suggestion(paragraph=p, theme=codebook["poverty-alleviation"],
                                       author=annotator)
    assert first.pk == again.pk
    assert (first.start, first.end, first.quote) == (0, len(p.text), p.text)
    assert {t.slug for t in again.themes.all()} == {"rural-revitalization", "poverty-alleviation"}


# Themes ---------------------------------------------------------------------


def test_create_rename_recolour_move_theme(editor, supervision):
    child = services.create_theme(actor=editor, name="执法检查", name_en="Law enforcement "
                                  "inspections", colour="#2F5F9E", parent=supervision,
                                  keywords=["执法检查", " ", "执法检查"])
    assert child.slug == "law-enforcement-inspections" and child.colour == "#2f5f9e"
    assert child.keywords == ["执法检查"] and child.position == 1
    pinyin = services.create_theme(actor=editor, name="专题询问", colour="#2f5f9e",
                                   parent=supervision)
    assert pinyin.slug == "zhuan-ti-xun-wen" and pinyin.position == 2
    with pytest.raises(InvalidInput):
        services.create_theme(actor=editor, name="执法检查", colour="#2f5f9e", parent=supervision)
    services.rename_theme(actor=editor, theme=child, name="执法检查工作", name_en="Inspections")
    assert Theme.objects.get(pk=child.pk).slug == "law-enforcement-inspections"
    with pytest.raises(InvalidInput):
        services.recolour_theme(actor=editor, theme=child, colour="#ffff00")  # unreadable tint
    with pytest.raises(InvalidInput):
        services.recolour_theme(actor=editor, theme=child, colour="red")
    services.move_theme(actor=editor, theme=pinyin, parent=supervision, position=1)
    assert list(supervision.children.order_by("position")) == [pinyin, child]
    services.move_theme(actor=editor, theme=child, parent=None)
    child.refresh_from_db()
    assert child.parent is None and child.position == Theme.objects.filter(parent=None).count()
    assert Activity.objects.filter(verb=Verb.THEME).count() == 5


def test_move_refuses_cycles(editor, supervision):
    child = services.create_theme(actor=editor, name="子", colour="#2f5f9e", parent=supervision)
    with pytest.raises(InvalidInput):
        services.move_theme(actor=editor, theme=supervision, parent=child)
    with pytest.raises(InvalidInput):
        services.move_theme(actor=editor, theme=supervision, parent=supervision)


def test_only_editors_manage_themes(annotator, supervision):
    with pytest.raises(NotPermitted):
        services.create_theme(actor=annotator, name="新", colour="#2f5f9e")
    with pytest.raises(NotPermitted):
        services.rename_theme(actor=annotator, theme=supervision, name="x", name_en="")


def test_update_theme_changes_what_is_given_and_all_or_nothing(editor, supervision):
    child = services.create_theme(actor=editor, name="子题", colour="#2f5f9e", parent=supervision)
    services.update_theme(actor=editor, theme=child, description="说明")
    child.refresh_from_db()
    assert (child.name, child.parent, child.description) == ("子题", supervision, "说明")
    services.update_theme(actor=editor, theme=child, parent=None, name_en="Sub")
    child.refresh_from_db()
    assert child.parent is None and child.name_en == "Sub" and child.name == "子题"
    before = Activity.objects.count()
    with pytest.raises(InvalidInput):
        services.update_theme(actor=editor, theme=child, name="改名", colour="#ffffff")
    child.refresh_from_db()
    assert child.name == "子题" and Activity.objects.count() == before
    services.update_theme(actor=editor, theme=child, active=True)  # already active
    assert Activity.objects.count() == before


def test_merge_moves_every_annotation_without_duplicates(
    paragraphs, annotator, editor, supervision, rule_of_law
):
    both = tag(paragraphs[1], 0, 4, [supervision, rule_of_law], annotator)
    only_source = tag(paragraphs[1], 5, 9, [rule_of_law], annotator)
    only_target = tag(paragraphs[0], 0, 2, [supervision], annotator)
    grandchild_parent = services.create_theme(actor=editor, name="法治子题", colour="#2f5f9e",
                                              parent=rule_of_law)
    survivor = services.merge_themes(actor=editor, source=rule_of_law, target=supervision)
    assert survivor == supervision
    assert not Theme.objects.filter(pk=rule_of_law.pk).exists()
    for annotation in (both, only_source, only_target):
        assert list(annotation.themes.all()) == [supervision]
    grandchild_parent.refresh_from_db()
    assert grandchild_parent.parent == supervision
    assert "依法行政" in Theme.objects.get(pk=supervision.pk).keywords
    entry = Activity.objects.filter(verb=Verb.THEME).latest("id")
    assert entry.data["action"] == "merge" and entry.data["moved"] == 1


def test_merge_keeps_the_first_fifty_distinct_keywords_the_survivors_first(editor):
    target = services.create_theme(
        actor=editor, name="甲", colour="#2f5f9e", keywords=[f"甲{n}" for n in range(30)]
    )
    source = services.create_theme(
        actor=editor,
        name="乙",
        colour="#2f5f9e",
        keywords=[f"甲{n}" for n in range(25, 30)] + [f"乙{n}" for n in range(30)],
    )
    survivor = services.merge_themes(actor=editor, source=source, target=target)
    survivor.refresh_from_db()
    assert survivor.keywords == [f"甲{n}" for n in range(30)] + [f"乙{n}" for n in range(20)]
    assert set(survivor.keyword_tokens["keywords"]) == set(survivor.keywords)


def test_merge_into_own_sub_theme(editor, annotator, paragraphs, supervision):
    child = services.create_theme(actor=editor, name="子", colour="#2f5f9e", parent=supervision)
    tagged = tag(paragraphs[0], 0, 2, [supervision], annotator)
    services.merge_themes(actor=editor, source=supervision, target=child)
    child.refresh_from_db()
    assert child.parent is None and list(tagged.themes.all()) == [child]
    with pytest.raises(InvalidInput):
        services.merge_themes(actor=editor, source=child, target=child)


# Comments -------------------------------------------------------------------


def test_comment_thread_edit_and_delete(paragraphs, annotator, editor, viewer):
    p = paragraphs[0]
    root = services.write_comment(paragraph=p, author=annotator, body="  这段值得注意 ")
    reply = services.write_comment(paragraph=p, author=editor, body="同意", parent=root)
    assert root.body == "这段值得注意" and reply.parent == root
    with pytest.raises(NotPermitted):
        services.write_comment(paragraph=p, author=viewer, body="x")
    with pytest.raises(InvalidInput):
        services.write_comment(paragraph=paragraphs[1], author=annotator, body="x", parent=root)
    with pytest.raises(InvalidInput):
        services.write_comment(paragraph=p, author=annotator, body="   ")
    with pytest.raises(NotPermitted):
        services.edit_comment(comment=reply, actor=annotator, body="改")
    services.edit_comment(comment=root, actor=annotator, body="修改后")
    assert root.is_edited and Comment.objects.get(pk=root.pk).body == "修改后"
    with pytest.raises(NotPermitted):
        services.delete_comment(comment=reply, actor=annotator)
    services.delete_comment(comment=root, actor=annotator)
    root.refresh_from_db()
    assert root.is_deleted and root.body == "" and root.deleted_by == annotator
    assert Comment.objects.filter(parent=root).exists()  # the reply keeps its place
    with pytest.raises(InvalidInput):
        services.write_comment(paragraph=p, author=editor, body="x", parent=root)
    services.delete_comment(comment=reply, actor=editor)  # moderation
    entry = Activity.objects.latest("id")
    assert entry.data == {"paragraph": 1, "action": "delete-comment", "moderated": False}
    assert Activity.objects.filter(speech_id=p.speech_id).count() == 5
