"""Text volumes and coded spans follow structural edits of speeches
(``settings.STRUCTURE_HANDLERS`` -> ``analysis.follow``)."""

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import Length

from analysis.models import CodedPair, CodedParagraph, CodedSpan, SpeechVolume
from analysis.services import Dimension, crosstab
from analysis.services.coding import covered
from analysis.services.spans import lineage, refresh_coded_spans
from analysis.services.volumes import record_missing_volumes
from annotations.models import Annotation
from speeches.filters import SpeechFilters
from speeches.models import Speech
from speeches.services import restructure
from speeches.services.editing import edit_speech, undo_change
from tests.analysis.test_cooccurrence_and_trends import check_every_pair
from tests.analysis.test_crosstab import check_every_cell


def _volumes_are_direct():
    """Every current speech's volume row against its paragraphs, counted now."""
    direct = {
        pk: (characters or 0, paragraphs)
        for pk, characters, paragraphs in Speech.objects.current()
        .annotate(c=Sum(Length("paragraphs__text")), n=Count("paragraphs"))
        .values_list("pk", "c", "n")
    }
    kept = {
        row.speech_id: (row.characters, row.paragraphs)
        # A superseded version's row stays, unread, until it is current again.
        for row in SpeechVolume.objects.filter(speech__in=Speech.objects.current())
    }
    assert kept == direct


def _spans_are_direct():
    """Every coded span against the passages as they are now."""
    chains = lineage()
    direct = set()
    for annotation in Annotation.objects.select_related("paragraph").prefetch_related("themes"):
        for theme in annotation.themes.all():
            for target in chains[theme.pk]:
                direct.add((
                    annotation.pk, target, annotation.paragraph_id,
                    annotation.paragraph.speech_id, annotation.start, annotation.end,
                ))
    kept = set(CodedSpan.objects.values_list(
        "annotation_id", "theme_id", "paragraph_id", "speech_id", "start", "end"
    ))
    assert kept == direct


def counted_are_direct():
    """The counted paragraphs and pairs against the coded spans, read the
    plain way: per theme (None: any) and paragraph, for everyone and per
    coder, the passages, the characters covered, and which pairs overlap."""
    rows = list(CodedSpan.objects.values_list(
        "theme_id", "annotation_id", "paragraph_id", "speech_id", "author_id", "start", "end"
    ))
    groups: dict = {}
    for theme, annotation, paragraph, speech, author, start, end in rows:
        for scope in ((True, None), (False, author)):
            for key in (theme, None):
                groups.setdefault((key, paragraph, speech, *scope), {})[annotation] = (start, end)
    direct = {
        key: (len(spans), covered(spans.values())) for key, spans in groups.items()
    }
    kept = {
        (r.theme_id, r.paragraph_id, r.speech_id, r.everyone, r.author_id):
        (r.passages, r.characters)
        for r in CodedParagraph.objects.all()
    }
    assert kept == direct
    pairs: dict = {}
    for x in rows:
        for y in rows:
            if x[2] != y[2] or not x[0] < y[0]:
                continue
            overlap = int(x[5] < y[6] and y[5] < x[6])
            scopes = [(True, None)] + ([(False, x[4])] if x[4] == y[4] else [])
            for scope in scopes:
                key = (x[0], y[0], x[2], x[3], *scope)
                pairs[key] = max(pairs.get(key, 0), overlap)
    kept_pairs = {
        (r.a_id, r.b_id, r.paragraph_id, r.speech_id, r.everyone, r.author_id): r.overlapping
        for r in CodedPair.objects.all()
    }
    assert kept_pairs == pairs


def _check(archive):
    """The volumes and spans equal direct counts before any analysis reads
    them (the edit itself brought them up to date), the counted rows once
    the refresh every analysis begins with has run, and so do the figures."""
    _volumes_are_direct()
    _spans_are_direct()
    refresh_coded_spans()
    counted_are_direct()
    for dimension in (Dimension.YEAR, Dimension.SPEAKER):
        check_every_cell(archive, dimension)
    check_every_pair(archive)


@pytest.fixture
def counted(archive):
    """The archive with volumes and spans written, as after a first analysis."""
    record_missing_volumes()
    refresh_coded_spans()
    _check(archive)
    return archive


def _speech(archive, key):
    return Speech.objects.get(pk=archive["speeches"][key].pk)


def test_split_and_merge_paragraphs(counted, editor):
    speech = _speech(counted, "wang2020")
    before = SpeechVolume.objects.get(speech=speech).characters
    # Paragraph 1 holds three passages, one (0..12) across the cut at 6.
    restructure.split_paragraph(speech=speech, position=1, at=6, actor=editor)
    assert SpeechVolume.objects.get(speech=speech).paragraphs == 4
    _check(counted)
    restructure.merge_paragraphs(speech=speech, position=2, separator="——", actor=editor)
    assert SpeechVolume.objects.get(speech=speech).characters == before + 2
    _check(counted)


def test_headings_leave_and_rejoin_the_text(counted, editor):
    speech = _speech(counted, "li2021")
    restructure.merge_paragraphs(speech=speech, position=1, actor=editor)
    speech = _speech(counted, "wang2021")
    tagged = speech.paragraphs.get(position=1).annotations.all()
    for annotation in tagged:
        annotation.delete()  # a tagged line cannot become a heading
    restructure.paragraph_to_heading(speech=speech, position=1, level=1, actor=editor)
    assert SpeechVolume.objects.get(speech=speech).paragraphs == 1
    _check(counted)
    restructure.heading_to_paragraph(speech=speech, section_position=1, actor=editor)
    assert SpeechVolume.objects.get(speech=speech).paragraphs == 2
    _check(counted)


def test_split_and_merge_speeches_move_passages_and_text(counted, editor):
    speech = _speech(counted, "wang2020")
    new = restructure.split_speech(speech=speech, position=2, actor=editor, title="下半篇")
    assert SpeechVolume.objects.get(speech=new).paragraphs == 2
    assert SpeechVolume.objects.get(speech=speech).paragraphs == 1
    _check(counted)
    # The new speech is dated 2019: its passages leave the 2020 column.
    edit_speech(speech=new, changes={"date": "2019"}, actor=editor)
    table = crosstab(dimension=Dimension.YEAR, filters=SpeechFilters())
    assert 2019 in [c.key for c in table.columns]
    _check(counted)
    restructure.merge_speeches(speech=speech, actor=editor)
    assert not SpeechVolume.objects.filter(speech_id=new.pk).exists()
    assert SpeechVolume.objects.get(speech=speech).paragraphs == 3
    _check(counted)


def test_undo_follows_too(counted, editor):
    from accounts.models import Activity

    speech = _speech(counted, "wang2020")
    restructure.split_speech(speech=speech, position=3, actor=editor)
    _check(counted)
    entry = Activity.objects.filter(
        speech_id=speech.pk, data__action=restructure.SPLIT_SPEECH
    ).latest("pk")
    undo_change(entry=entry, actor=editor)
    assert Speech.objects.filter(compilation_id=speech.compilation_id).count() == 1
    _check(counted)


def test_before_any_analysis_nothing_is_written(archive, editor):
    speech = _speech(archive, "wang2020")
    restructure.split_paragraph(speech=speech, position=1, at=6, actor=editor)
    # Spans are written by the first analysis, all at once; the volume of
    # the edited speech is written now.
    assert not CodedSpan.objects.exists()
    assert SpeechVolume.objects.filter(speech=speech).exists()
    crosstab(dimension=Dimension.YEAR, filters=SpeechFilters())
    _check(archive)


def test_deleted_passages_and_paragraphs(counted, editor):
    speech = _speech(counted, "wang2020")
    Annotation.objects.filter(paragraph__speech=speech, paragraph__position=2).first().delete()
    refresh_coded_spans()
    _check(counted)
    # A withdrawn compilation's paragraphs leave the figures (filtered by
    # speech), and its deletion takes every row with it.
    speech.compilation.delete()
    refresh_coded_spans()
    _check(counted)


def test_a_new_version_takes_the_spans_along(counted, editor):
    from speeches.services.imports import import_compilation
    from text.parsing import parse_text

    speech = _speech(counted, "li2021")
    text = "在全市人大工作会议上的讲话\n李明\n（2021年6月5日）\n同志们：\n" + "\n".join(
        p.text for p in speech.paragraphs.order_by("position")
    ) + "\n新增加的一段，说明补充的情况。\n"
    parsed = parse_text(text, source="修订稿.txt")
    result = import_compilation(
        parsed=parsed, size=1, user=editor, new_version_of=speech.compilation
    )
    assert Annotation.objects.filter(paragraph__speech__compilation=result.compilation).count() == 3
    record_missing_volumes()
    _check(counted)
