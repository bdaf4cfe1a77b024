"""A corrected text uploaded again becomes a new version: recognised, its
annotations and comments moved, the old one superseded."""

import pytest

from accounts.models import Activity
from annotations import services
from annotations.models import Annotation, Comment, Theme
from speeches.models import Compilation, Paragraph, Speech
from speeches.services.imports import import_compilation
from speeches.services.versions import VersionRefused, looks_like
from tests.speeches.browse_data import import_text
from text.parsing import parse_text

TOPICS = ["人大监督", "依法行政", "税收征管", "民生保障", "教育公平", "医疗改革", "住房保障",
          "生态环境", "科技创新", "乡村振兴", "营商环境", "安全生产", "文化建设", "交通运输",
          "城市更新", "养老服务", "就业创业", "财政预算", "审计监督", "社会治理"]
PARAGRAPHS = [
    f"第{n}段讲{topic}。要把{topic}放在更加突出的位置，依法开展执法检查第{n}次，"
    f"确保{topic}各项任务落到实处。"
    for n, topic in enumerate(TOPICS, start=1)
]


def text_of(paragraphs):
    head = "在全市人大工作会议上的讲话\n王萍\n（2024年8月12日）\n同志们：\n"
    return head + "\n".join(paragraphs) + "\n"


@pytest.fixture
def original(db):
    return import_text(text_of(PARAGRAPHS), source="原稿.txt")


def revised_paragraphs():
    revised = list(PARAGRAPHS)
    revised[2] = revised[2].replace("执法检查", "执法调查")  # a typo fixed
    del revised[5]  # a paragraph removed
    revised.insert(10, "新增加的一段，说明补充的情况。")  # one added
    return revised


def para(compilation, n):
    return Paragraph.objects.get(speech__compilation=compilation, position=n)


def tag(paragraph, quote, author):
    start = paragraph.text.index(quote)
    return services.tag_passage(
        paragraph=paragraph, start=start, end=start + len(quote), quote=quote,
        themes=[Theme.objects.filter(active=True).first()], author=author,
    )


def test_an_upload_sharing_most_paragraphs_looks_like_the_compilation(original):
    match = looks_like(revised_paragraphs())
    assert match.compilation == original
    assert (match.unchanged, match.changed, match.added, match.removed) == (18, 1, 1, 1)
    assert match.share == pytest.approx(18 / 20)
    assert looks_like(["完全不同的一段文字。", "另一段。"]) is None


def test_a_new_version_takes_the_annotations_and_comments(original, annotator, editor):
    kept = tag(para(original, 1), "要把人大监督放在", annotator)
    fixed = tag(para(original, 3), "依法开展执法检查第3次", annotator)
    gone = tag(para(original, 6), "第6段", annotator)
    comment = services.write_comment(paragraph=para(original, 8), author=annotator, body="好")
    parsed = parse_text(text_of(revised_paragraphs()), source="修订稿.txt")

    result = import_compilation(parsed=parsed, size=1, user=editor, new_version_of=original)

    new = result.compilation
    original.refresh_from_db()
    assert original.superseded_by == new
    assert list(Compilation.objects.current()) == [new]
    assert list(Speech.objects.current()) == list(new.speeches.all())
    kept.refresh_from_db()
    assert kept.paragraph.speech.compilation == new and kept.paragraph.position == 1
    assert kept.quote == "要把人大监督放在" and kept.orphaned_at is None
    fixed.refresh_from_db()
    assert fixed.paragraph.speech.compilation == new
    assert fixed.quote == "依法开展执法调查第3次"  # placed fuzzily on the corrected words
    gone.refresh_from_db()
    assert gone.orphaned_at is not None and gone.paragraph.speech.compilation == original
    comment.refresh_from_db()
    assert comment.paragraph.speech.compilation == new and comment.paragraph.position == 7
    assert para(original, 8).moved_to == comment.paragraph
    assert para(original, 6).moved_to is None
    assert result.carried["orphaned"] == 1 and result.carried["comments_moved"] == 1
    entry = Activity.objects.get(data__action="new-version")
    assert entry.data["new"] == new.pk


def test_only_a_current_compilation_gets_a_new_version(original, editor):
    from speeches.services.retire import withdraw_compilation

    withdraw_compilation(compilation=original, actor=editor)
    parsed = parse_text(text_of(revised_paragraphs()), source="修订稿.txt")
    with pytest.raises(VersionRefused):
        import_compilation(parsed=parsed, size=1, user=editor, new_version_of=original)
    assert Compilation.objects.count() == 1
    assert Annotation.objects.count() == 0 and Comment.objects.count() == 0
