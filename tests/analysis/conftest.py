"""A small archive coded by two people, and direct counts to check every figure against.

Three speakers over two years and an undated speech; a theme with a
sub-theme; passages that overlap inside one theme and across themes; a
passage carrying a theme and its parent at once.
"""

import datetime
import hashlib

import pytest

from annotations import services as annotation_services
from annotations.models import Annotation, Theme
from speeches.models import Compilation, Paragraph, Speaker, Speech
from tests.conftest import make_user
from text.segmentation import search_tokens

TEXTS = {
    "wang2020": [
        "依法行政是法治政府建设的关键，依法行政要落到实处。",
        "人大监督要加强，执法检查要常态化。",
        "全面推进乡村振兴。",
    ],
    "wang2021": [
        "坚持依法行政，建设法治政府，依法行政贯穿始终。",
        "執法檢查和专题询问是人大监督的重要形式。",
    ],
    "li2021": [
        "乡村振兴要依法推进，依法行政不能缺位。",
        "人大监督和依法行政相辅相成。",
    ],
    "undated": [
        "依法行政，依法行政，再说一遍依法行政。",
        "没有日期的讲话也谈人大监督。",
    ],
}


def make_speech(key, *, speaker=None, role="", event="", date=None, precision="", texts=None):
    texts = texts or TEXTS[key]
    digest = hashlib.sha256(key.encode()).hexdigest()
    compilation = Compilation.objects.create(
        title=f"汇编{key}", source_name=f"{key}.txt", sha256=digest, encoding="utf-8",
        size=100, text="\n".join(texts), parser_version="test",
    )
    speech = Speech.objects.create(
        compilation=compilation, position=1, title=f"讲话{key}", speaker=speaker,
        speaker_raw=speaker.name if speaker else role, role=role, event=event,
        date=date, date_precision=precision,
    )
    Paragraph.objects.bulk_create(
        Paragraph(
            speech=speech, position=n, text=text,
            text_hash=hashlib.sha256(text.encode()).hexdigest(), tokens=search_tokens(text),
        )
        for n, text in enumerate(texts, start=1)
    )
    return speech


def tag(speech, position, start, end, themes, author):
    paragraph = speech.paragraphs.get(position=position)
    return annotation_services.tag_passage(
        paragraph=paragraph, start=start, end=end, quote=paragraph.text[start:end],
        themes=themes, author=author,
    )


@pytest.fixture
def archive(db):
    alice = make_user("alice", "annotator")
    bob = make_user("bob", "annotator")
    wang = Speaker.objects.create(name="王萍", slug="wang-ping")
    li = Speaker.objects.create(name="李明", slug="li-ming")
    speeches = {
        "wang2020": make_speech("wang2020", speaker=wang, role="市长", event="全市人大工作会议",
                                date=datetime.date(2020, 3, 1), precision="month"),
        "wang2021": make_speech("wang2021", speaker=wang, role="市长", event="全市人大工作会议",
                                date=datetime.date(2021, 1, 1), precision="year"),
        "li2021": make_speech("li2021", speaker=li, role="副市长",
                              date=datetime.date(2021, 6, 5), precision="day"),
        "undated": make_speech("undated", role="市长"),
    }
    law = Theme.objects.create(name="法治（测试）", slug="law", colour="#2f5f9e", position=900)
    admin = Theme.objects.create(
        name="依法行政（测试）", slug="admin-by-law", colour="#2f6b3a", parent=law, position=1
    )
    supervision = Theme.objects.create(
        name="人大监督（测试）", slug="supervision", colour="#8a4b2f", position=901
    )
    rural = Theme.objects.create(
        name="乡村振兴（测试）", slug="rural", colour="#6b2f8a", position=902
    )
    s = speeches
    # wang2020 p1: two overlapping passages of the sub-theme, one of the parent around them.
    tag(s["wang2020"], 1, 0, 4, [admin], alice)
    tag(s["wang2020"], 1, 2, 8, [admin], alice)
    tag(s["wang2020"], 1, 0, 12, [law], bob)
    # p2: supervision and, overlapping it, the sub-theme (a cross-theme overlap).
    tag(s["wang2020"], 2, 0, 7, [supervision], alice)
    tag(s["wang2020"], 2, 5, 12, [admin], bob)
    tag(s["wang2020"], 3, 0, 8, [rural], alice)
    # wang2021: one passage with a theme and its parent at once, and two themes on one span.
    tag(s["wang2021"], 1, 2, 6, [admin, law], alice)
    tag(s["wang2021"], 2, 0, 4, [supervision, admin], bob)
    # li2021: same paragraph, spans apart (together, no overlap).
    tag(s["li2021"], 1, 0, 4, [rural], alice)
    tag(s["li2021"], 1, 9, 13, [admin], alice)
    tag(s["li2021"], 2, 0, 4, [supervision], bob)
    # undated
    tag(s["undated"], 1, 0, 4, [admin], alice)
    tag(s["undated"], 2, 9, 13, [supervision], alice)
    return {
        "alice": alice, "bob": bob, "wang": wang, "li": li, "speeches": speeches,
        "law": law, "admin": admin, "supervision": supervision, "rural": rural,
    }


def direct_theme_passages(theme):
    """The passages of ``theme`` and its sub-themes, each once, read the plain way."""
    ids = Theme.objects.subtree_ids(theme)
    passages = Annotation.objects.filter(themes__in=ids).distinct()
    return list(passages.select_related("paragraph__speech"))


def direct_characters(passages):
    """Characters covered, each once per paragraph, by counting positions."""
    covered = set()
    for passage in passages:
        covered.update((passage.paragraph_id, i) for i in range(passage.start, passage.end))
    return len(covered)
