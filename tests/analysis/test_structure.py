"""Text volumes and coded spans follow structural edits of speeches
(``settings.STRUCTURE_HANDLERS`` -> ``analysis.follow``)."""

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import Length

from analysis.models import CodedSpan, SpeechVolume
from analysis.services import Dimension, crosstab
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
        row.speech_id: (row.characters, row.paragraphs) for row in SpeechVolume.objects.all()
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


def _check(archive):
    """The kept tables equal direct counts before any analysis reads them
    (the edit itself brought them up to date), and so do the figures."""
    _volumes_are_direct()
    _spans_are_direct()
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
