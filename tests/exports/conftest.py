"""A coded corpus for the export tests: the seed compilation, a speech with
characters outside the Basic Multilingual Plane, themes in a tree, passages
tagged through the real services, and comments."""

import hashlib

import pytest

from annotations import services
from annotations.models import Annotation, Theme
from speeches.models import Compilation, Paragraph, Speech

RARE = "古籍里的𠀀字很少见，𠀀𠀁 要按码位计算偏移，人大监督要落到实处。"


def rare_speech(editor) -> Speech:
    """A one-paragraph speech whose text holds astral characters (two UTF-16 units each)."""
    digest = hashlib.sha256(RARE.encode()).hexdigest()
    compilation = Compilation.objects.create(
        title="码位测试",
        source_name="rare.txt",
        sha256=digest,
        encoding="utf-8",
        size=len(RARE.encode()),
        text=RARE,
        parser_version="test",
        uploaded_by=editor,
    )
    speech = Speech.objects.create(
        compilation=compilation,
        position=1,
        title="码位测试讲话",
        speaker_raw="李明",
        role="主任",
        event="常委会会议",
    )
    Paragraph.objects.create(
        speech=speech, position=1, text=RARE, text_hash=hashlib.sha256(RARE.encode()).hexdigest()
    )
    return speech


def tag(paragraph, quote, themes, author, note="", occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = paragraph.text.index(quote, start + 1)
    return services.tag_passage(
        paragraph=paragraph,
        start=start,
        end=start + len(quote),
        quote=quote,
        themes=themes,
        author=author,
        note=note,
    )


@pytest.fixture
def coded(seed_compilation, editor, annotator):
    """Passages in three speeches of the seed and in the rare speech."""
    supervision = Theme.objects.get(slug="people-s-congress-supervision")
    rule_of_law = Theme.objects.get(slug="rule-of-law")
    inspection = services.create_theme(
        actor=editor,
        name="执法检查",
        name_en="Law enforcement inspection",
        colour="#2f5f9e",
        parent=supervision,
        description="对法律实施情况的检查。",
    )
    speeches = list(seed_compilation.speeches.order_by("position"))
    first = speeches[3].paragraphs.order_by("position")
    p1, p2 = first[0], first[1]
    annotations = [
        tag(p1, p1.text, [supervision], annotator, note="整段：开场"),
        tag(p2, p2.text[2:12], [supervision, rule_of_law], annotator, note='带"引号",和逗号\n换行'),
        tag(p2, p2.text[5:9], [inspection], editor),
    ]
    other = speeches[1].paragraphs.order_by("position")[2]
    annotations.append(tag(other, other.text[:6], [rule_of_law], editor))
    rare = rare_speech(editor)
    rare_paragraph = rare.paragraphs.get()
    annotations.append(tag(rare_paragraph, "𠀀𠀁", [inspection], annotator, note="罕见字"))
    annotations.append(tag(rare_paragraph, "人大监督", [supervision], annotator))
    comment = services.write_comment(paragraph=p2, author=annotator, body="这里要核对原文。")
    services.write_comment(paragraph=p2, author=editor, body="已核对。", parent=comment)
    return {
        "compilation": seed_compilation,
        "speeches": speeches,
        "rare": rare,
        "supervision": supervision,
        "rule_of_law": rule_of_law,
        "inspection": inspection,
        "annotations": Annotation.objects.filter(pk__in=[a.pk for a in annotations]),
    }

