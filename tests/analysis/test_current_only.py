"""Analysis counts the current texts only: a withdrawn compilation and a
superseded version are out of every figure (docs/corrections.md)."""

from analysis.models import SpeechVolume
from analysis.services import Dimension, crosstab, record_missing_volumes, term_trend
from speeches.filters import SpeechFilters
from speeches.models import Compilation
from speeches.services.retire import restore_compilation, withdraw_compilation
from tests.conftest import make_user


def _retire(archive):
    """wang2021 withdrawn, li2021 superseded by a newer (empty) version."""
    speeches = archive["speeches"]
    editor = make_user("retiring-editor", "editor")
    withdrawn = speeches["wang2021"].compilation
    withdraw_compilation(compilation=withdrawn, actor=editor)
    superseded = speeches["li2021"].compilation
    newer = Compilation.objects.create(
        title="新版", source_name="new.txt", sha256="f" * 64, encoding="utf-8", size=1,
        text="", parser_version="test",
    )
    Compilation.objects.filter(pk=superseded.pk).update(superseded_by=newer)
    return editor, withdrawn


def _characters(*speeches):
    return sum(len(text) for s in speeches for text in s.paragraphs.values_list("text", flat=True))


def test_volumes_are_recorded_for_current_speeches_only(archive):
    editor, withdrawn = _retire(archive)
    speeches = archive["speeches"]
    current = {speeches["wang2020"].pk, speeches["undated"].pk}
    assert {pk for pk, _chars, _n in SpeechVolume.objects.missing()} == current
    assert record_missing_volumes() == 2
    assert set(SpeechVolume.objects.values_list("speech_id", flat=True)) == current
    # Restored, its speech is current again and gets its volume.
    restore_compilation(compilation=withdrawn, actor=editor)
    assert [pk for pk, _chars, _n in SpeechVolume.objects.missing()] == [speeches["wang2021"].pk]


def test_crosstab_and_trend_leave_out_withdrawn_and_superseded_texts(archive):
    _retire(archive)
    speeches = archive["speeches"]
    table = crosstab(dimension=Dimension.YEAR, filters=SpeechFilters())
    assert table.volume.characters == _characters(speeches["wang2020"], speeches["undated"])
    # wang2020's six passages and the undated speech's two; not those of 2021.
    assert table.any_theme.total.passages == 8
    assert [c.key for c in table.columns] == [2020, None]
    trend = term_trend(terms=["依法行政"], dimension=Dimension.YEAR)
    (series,) = trend.series
    # 2020: one paragraph, twice; the undated speech's paragraph (three times) is apart.
    assert series.total_paragraphs == 1 and sum(series.occurrences) == 2
    assert series.undated_occurrences == 3
