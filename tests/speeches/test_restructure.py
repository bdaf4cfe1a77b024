"""Structural corrections: paragraphs and speeches split and merged, lines
turned into headings and back, heading levels; annotations and comments
follow their text exactly, and search finds the changed text."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Activity, Verb
from annotations import services
from annotations.models import Annotation, Comment, Theme
from speeches.models import Paragraph, Section, Speech
from speeches.services.reader import reading_blocks
from speeches.services.remap import StructureRefused
from speeches.services.restructure import (
    heading_to_paragraph,
    merge_paragraphs,
    merge_speeches,
    paragraph_to_heading,
    set_heading_level,
    split_paragraph,
    split_speech,
)
from tests.speeches.browse_data import import_text, long_speech_text
from text.segmentation import search_tokens

TEXT = "各级人大常委会要依法开展执法检查。 同时要推进人大监督工作，加强专题询问。"


@pytest.fixture
def speech(db):
    lines = ["在全市人大工作会议上的讲话", "王萍", "（2024年8月12日）", "同志们：",
             "这次会议很重要。", TEXT, "最后一段，共同努力。"]
    return import_text("\n".join(lines) + "\n").speeches.get()


@pytest.fixture
def themes(db):
    return list(Theme.objects.filter(active=True)[:2])


def paragraph(speech, position):
    return Paragraph.objects.get(speech=speech, position=position)


def tag(paragraph, quote, themes, author, note=""):
    start = paragraph.text.index(quote)
    return services.tag_passage(
        paragraph=paragraph, start=start, end=start + len(quote), quote=quote,
        themes=themes, author=author, note=note,
    )


def assert_anchored(annotation):
    """An annotation quotes exactly its span of its paragraph, with fresh context."""
    annotation.refresh_from_db()
    text = annotation.paragraph.text
    assert text[annotation.start:annotation.end] == annotation.quote
    assert annotation.prefix == text[max(0, annotation.start - 32):annotation.start]
    assert annotation.suffix == text[annotation.end:annotation.end + 32]
    assert annotation.text_hash == annotation.paragraph.text_hash


def texts(speech):
    return list(Paragraph.objects.filter(speech=speech).order_by("position")
                .values_list("text", flat=True))


def test_split_a_paragraph_moves_annotations_and_splits_a_span_across_the_cut(
    speech, themes, annotator, editor
):
    p2 = paragraph(speech, 2)
    before = tag(p2, "依法开展执法检查", themes[:1], annotator)
    after = tag(p2, "专题询问", themes, annotator, note="重点")
    across = tag(p2, "执法检查。 同时要推进", themes, annotator, note="跨段")
    services.write_comment(paragraph=p2, author=annotator, body="值得注意")
    cut = TEXT.index(" ")

    counts = split_paragraph(speech=speech, position=2, at=cut, actor=editor)

    assert texts(speech) == ["这次会议很重要。", TEXT[:cut], TEXT[cut + 1:], "最后一段，共同努力。"]
    p2, p3 = paragraph(speech, 2), paragraph(speech, 3)
    for annotation in (before, after, across):
        assert_anchored(annotation)
    assert before.paragraph == p2 and after.paragraph == p3
    assert (after.start, after.quote, after.note) == (p3.text.index("专题询问"), "专题询问", "重点")
    parts = list(Annotation.objects.filter(note="跨段").order_by("paragraph__position"))
    placed = [(a.paragraph.position, a.quote) for a in parts]
    assert placed == [(2, "执法检查。"), (3, "同时要推进")]
    for part in parts:
        assert_anchored(part)
        assert set(part.themes.all()) == set(themes)
        assert part.author == annotator and part.created_at == across.created_at
    assert Comment.objects.get().paragraph == p2
    assert counts == {"annotations_moved": 1, "annotations_split": 1, "comments_moved": 0}
    # Search tokens are those of the new texts.
    assert p3.tokens == search_tokens(p3.text) and p2.tokens == search_tokens(p2.text)
    entry = Activity.objects.filter(verb=Verb.EDIT).get()
    assert entry.data["action"] == "split-paragraph" and entry.speech_id == speech.pk


def test_merge_paragraphs_shifts_the_second_ones_annotations_and_comments(
    speech, themes, annotator, editor
):
    p2, p3 = paragraph(speech, 2), paragraph(speech, 3)
    on_second = tag(p3, "共同努力", themes, annotator)
    on_first = tag(p2, "人大监督", themes, annotator)
    services.write_comment(paragraph=p3, author=annotator, body="最后一段的评论")

    merge_paragraphs(speech=speech, position=2, actor=editor)

    assert texts(speech) == ["这次会议很重要。", TEXT + "最后一段，共同努力。"]
    merged = paragraph(speech, 2)
    assert_anchored(on_second)
    assert_anchored(on_first)
    assert on_second.paragraph == merged and on_second.start == len(TEXT) + 5
    assert Comment.objects.get().paragraph == merged
    assert not Paragraph.objects.filter(pk=p3.pk).exists()


def test_a_split_then_a_merge_gives_the_text_back(speech, themes, annotator, editor):
    p2 = paragraph(speech, 2)
    span = tag(p2, "人大常委会", themes, annotator)
    split_paragraph(speech=speech, position=2, at=5, actor=editor)
    merge_paragraphs(speech=speech, position=2, actor=editor)
    assert texts(speech)[1] == TEXT
    # The span was cut in two, and each part still quotes its own text.
    parts = Annotation.objects.filter(paragraph__position=2).order_by("start")
    assert "".join(a.quote for a in parts) == "人大常委会"
    for part in parts:
        assert_anchored(part)
    assert span.pk in {a.pk for a in parts}


@pytest.mark.parametrize(
    ("position", "at", "code"),
    [(2, 0, "bad-offset"), (2, len(TEXT), "bad-offset"), (9, 3, "no-paragraph")],
)
def test_bad_splits_are_refused(speech, editor, position, at, code):
    with pytest.raises(StructureRefused) as refused:
        split_paragraph(speech=speech, position=position, at=at, actor=editor)
    assert refused.value.code == code
    assert len(texts(speech)) == 3


def test_only_editors_restructure(speech, annotator):
    with pytest.raises(PermissionDenied):
        split_paragraph(speech=speech, position=2, at=3, actor=annotator)
    with pytest.raises(PermissionDenied):
        merge_speeches(speech=speech, actor=annotator)


def test_merging_the_last_paragraph_is_refused(speech, editor):
    with pytest.raises(StructureRefused) as refused:
        merge_paragraphs(speech=speech, position=3, actor=editor)
    assert refused.value.code == "no-next"


@pytest.fixture
def sectioned(db):
    return import_text(long_speech_text(12, sections=3)).speeches.get()


def test_a_line_becomes_a_heading_and_back(sectioned, editor):
    speech = sectioned
    line = paragraph(speech, 3).text
    section = paragraph_to_heading(speech=speech, position=3, level=2, actor=editor)
    assert section.heading == line and section.parent.marker == "一、"
    assert paragraph(speech, 3).section == section  # the next paragraph comes under it
    assert Paragraph.objects.filter(speech=speech).count() == 11
    positions = list(Section.objects.filter(speech=speech).values_list("position", flat=True))
    assert positions == list(range(1, 8))
    blocks = reading_blocks(list(speech.sections.order_by("position")),
                            list(speech.paragraphs.order_by("position")))
    order = [b.section.heading if b.section else b.paragraph.position for b in blocks]
    assert order.index(line) == order.index(2) + 1 and order.index(3) == order.index(line) + 1

    heading_to_paragraph(speech=speech, section_position=section.position, actor=editor)
    assert paragraph(speech, 3).text == line
    assert Paragraph.objects.filter(speech=speech).count() == 12
    assert Section.objects.filter(speech=speech).count() == 6


def test_an_annotated_line_does_not_become_a_heading(sectioned, themes, annotator, editor):
    p3 = paragraph(sectioned, 3)
    tag(p3, "人大工作", themes, annotator)
    with pytest.raises(StructureRefused) as refused:
        paragraph_to_heading(speech=sectioned, position=3, level=2, actor=editor)
    assert refused.value.code == "annotated-text-removed"
    assert Paragraph.objects.filter(pk=p3.pk).exists() and Annotation.objects.count() == 1


def test_a_commented_line_does_not_become_a_heading(sectioned, annotator, editor):
    services.write_comment(paragraph=paragraph(sectioned, 3), author=annotator, body="注意")
    with pytest.raises(StructureRefused) as refused:
        paragraph_to_heading(speech=sectioned, position=3, level=2, actor=editor)
    assert refused.value.code == "commented-text-removed"


def test_a_standalone_heading_becomes_a_paragraph_where_it_stood(sectioned, editor):
    speech = sectioned
    second = Section.objects.get(speech=speech, marker="二、")
    created = heading_to_paragraph(speech=speech, section_position=second.position, actor=editor)
    assert created.text == "二、第二部分的标题" and created.position == 5
    # Its subsection now hangs from the section above.
    run_in = Section.objects.get(speech=speech, position=3)
    assert run_in.parent.marker == "一、"
    assert Paragraph.objects.filter(speech=speech).count() == 13


def test_a_run_in_heading_stops_being_one(sectioned, editor):
    run_in = Section.objects.get(speech=sectioned, position=2)
    opening = Paragraph.objects.get(section=run_in)
    heading_to_paragraph(speech=sectioned, section_position=2, actor=editor)
    opening.refresh_from_db()
    assert opening.heading_end is None and opening.section.marker == "一、"


def test_a_heading_level_changes_the_tree(sectioned, editor):
    set_heading_level(speech=sectioned, section_position=3, level=3, actor=editor)
    sections = {s.position: s for s in Section.objects.filter(speech=sectioned)}
    assert sections[3].parent_id == sections[2].pk  # 二、 under the run-in 第一，
    assert sections[4].parent_id == sections[1].pk  # a level 2 after it goes back under 一、
    with pytest.raises(StructureRefused):
        set_heading_level(speech=sectioned, section_position=3, level=0, actor=editor)


@pytest.fixture
def two(db):
    text = "".join(
        f"第{n}篇：第{n}次会议上的讲话\n同志们：\n一、抓学习\n要学{n}。\n二、抓落实\n要干{n}。\n"
        for n in range(1, 4)
    )
    return import_text(text, source="三篇.txt")


def test_split_a_speech_and_merge_it_back(two, themes, annotator, editor):
    first, second, third = two.speeches.order_by("position")
    p = paragraph(first, 2)
    annotation = tag(p, "要干", themes, annotator)
    new = split_speech(speech=first, position=2, actor=editor, title="下半篇")
    assert list(two.speeches.order_by("position").values_list("pk", flat=True)) == [
        first.pk, new.pk, second.pk, third.pk
    ]
    assert new.title == "下半篇" and new.event == first.event and new.speaker == first.speaker
    annotation.refresh_from_db()
    assert annotation.paragraph.speech == new and annotation.paragraph.position == 1
    assert_anchored(annotation)
    assert [s.marker for s in new.sections.order_by("position")] == ["二、"]
    assert [s.marker for s in first.sections.order_by("position")] == ["一、"]

    merge_speeches(speech=first, actor=editor)
    assert not Speech.objects.filter(pk=new.pk).exists()
    assert texts(first) == ["要学1。", "要干1。"]
    assert [s.position for s in first.sections.order_by("position")] == [1, 2]
    assert list(two.speeches.order_by("position").values_list("position", flat=True)) == [1, 2, 3]
    annotation.refresh_from_db()
    assert annotation.paragraph.speech == first and annotation.paragraph.position == 2
    merged = Activity.objects.filter(data__action="merge-speeches").get()
    assert merged.data["merged"]["title"] == "下半篇"


def test_merging_the_last_speech_is_refused(two, editor):
    last = two.speeches.order_by("position").last()
    with pytest.raises(StructureRefused) as refused:
        merge_speeches(speech=last, actor=editor)
    assert refused.value.code == "no-next"
    with pytest.raises(StructureRefused) as refused:
        split_speech(speech=last, position=1, actor=editor)
    assert refused.value.code == "at-start"


# ---- Undo from the history ----


def last_edit():
    return Activity.objects.filter(verb=Verb.EDIT).order_by("-id").first()


def structure(speech):
    return (
        texts(speech),
        list(speech.sections.order_by("position").values_list(
            "position", "level", "marker", "heading", "parent__position")),
        list(speech.paragraphs.order_by("position").values_list("position", "section__position")),
    )


@pytest.mark.parametrize(
    "operation",
    [
        lambda s, e: split_paragraph(speech=s, position=3, at=4, actor=e),
        lambda s, e: merge_paragraphs(speech=s, position=3, actor=e),
        lambda s, e: paragraph_to_heading(speech=s, position=3, level=2, actor=e),
        lambda s, e: heading_to_paragraph(speech=s, section_position=3, actor=e),
        lambda s, e: set_heading_level(speech=s, section_position=3, level=2, actor=e),
    ],
    ids=["split-paragraph", "merge-paragraphs", "to-heading", "to-paragraph", "level"],
)
def test_each_structural_edit_is_undone_from_the_history(sectioned, editor, operation):
    from speeches.services.editing import undo_change

    before = structure(sectioned)
    operation(sectioned, editor)
    assert structure(sectioned) != before
    undo_change(entry=last_edit(), actor=editor)
    assert structure(sectioned) == before
    assert last_edit().data["undo_of"]


def test_splitting_and_merging_speeches_is_undone(two, editor):
    from speeches.services.editing import EditRefused, undo_change

    first = two.speeches.order_by("position").first()
    before = [structure(s) for s in two.speeches.order_by("position")]
    split_speech(speech=first, position=2, actor=editor, title="下半篇")
    entry = last_edit()
    assert entry.data["action"] == "split-off"
    split = Activity.objects.get(data__action="split-speech")
    undo_change(entry=split, actor=editor)
    assert [structure(s) for s in two.speeches.order_by("position")] == before

    second = two.speeches.order_by("position")[1]
    event = second.event
    merge_speeches(speech=first, actor=editor)
    undo_change(entry=last_edit(), actor=editor)
    assert [structure(s) for s in two.speeches.order_by("position")] == before
    restored = two.speeches.order_by("position")[1]
    assert restored.event == event and restored.title == second.title
    with pytest.raises(EditRefused):
        undo_change(entry=entry, actor=editor)  # "split off" is undone from the first speech


def test_only_the_latest_structural_edit_is_undone(sectioned, editor):
    from speeches.services.editing import EditRefused, undo_change

    split_paragraph(speech=sectioned, position=3, at=4, actor=editor)
    first = last_edit()
    set_heading_level(speech=sectioned, section_position=3, level=2, actor=editor)
    with pytest.raises(EditRefused) as refused:
        undo_change(entry=first, actor=editor)
    assert refused.value.code == "changed-since"


# ---- The structure page ----


def test_the_structure_page_splits_merges_and_makes_headings(editor_client, speech, themes,
                                                             annotator,
                                                             django_assert_max_num_queries):
    from django.urls import reverse

    tag(paragraph(speech, 2), "专题询问", themes, annotator)
    url = reverse("speech_structure", args=[speech.pk])
    with django_assert_max_num_queries(12):
        page = editor_client.get(url)
    assert page.status_code == 200 and 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = editor_client.post(
        url, {"op": "split-paragraph", "position": 2, "before_text": "同时要"}, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert texts(speech)[1:3] == [TEXT[:TEXT.index(" ")], TEXT[TEXT.index(" ") + 1:]]
    assert_anchored(Annotation.objects.get())

    response = editor_client.post(
        url, {"op": "split-paragraph", "position": 2, "before_text": "法"}, follow=True
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    editor_client.post(url, {"op": "merge-paragraphs", "position": 2})
    assert texts(speech)[1] == TEXT.replace(" ", "")
    editor_client.post(url, {"op": "to-heading", "position": 1, "level": 1})
    assert speech.sections.get().heading == "这次会议很重要。"
    response = editor_client.post(url, {"op": "to-heading", "position": 1}, follow=True)
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"


def test_the_structure_page_is_for_editors(client, viewer, speech):
    from django.urls import reverse

    client.force_login(viewer)
    url = reverse("speech_structure", args=[speech.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"op": "merge-paragraphs", "position": 1}).status_code == 403
    assert len(texts(speech)) == 3


def test_a_passage_from_a_rule_split_across_the_cut_stays_the_rules_in_both_parts(
    speech, themes, editor
):
    from annotations.services.rules import create_rule

    rule = create_rule(actor=editor, theme=themes[0], query="执法检查", name="执法")
    p2 = paragraph(speech, 2)
    start = p2.text.index("执法检查。 同时要推进")
    services.tag_passage(
        paragraph=p2, start=start, end=start + 11, quote=p2.text[start:start + 11],
        themes=[themes[0]], author=editor, rule=rule,
    )
    split_paragraph(speech=speech, position=2, at=TEXT.index(" "), actor=editor)
    parts = Annotation.objects.order_by("paragraph__position")
    assert [(a.quote, a.rule_id, a.from_rule) for a in parts] == [
        ("执法检查。", rule.pk, True), ("同时要推进", rule.pk, True)]
