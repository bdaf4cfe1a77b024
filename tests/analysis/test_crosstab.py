"""The crosstab against direct counts: nested themes, overlaps, undated speeches, coders."""

import pytest

from analysis.services import Count, Dimension, Measure, crosstab
from analysis.services.coding import covered
from speeches.filters import SpeechFilters
from speeches.models import Speech
from tests.analysis.conftest import direct_characters, direct_theme_passages


def test_covered_counts_each_character_once():
    assert covered([]) == 0
    assert covered([(0, 4), (2, 8)]) == 8
    assert covered([(0, 12), (0, 4), (2, 8)]) == 12
    assert covered([(0, 2), (5, 7), (6, 9)]) == 6
    assert covered([(0, 2), (2, 4)]) == 4


def _row(table, theme):
    return next(r for r in table.rows if r.theme == theme)


def _column(table, key):
    return next(i for i, c in enumerate(table.columns) if c.key == key)


@pytest.mark.parametrize("dimension", list(Dimension))
def test_every_cell_equals_a_direct_count(archive, dimension):
    check_every_cell(archive, dimension)


def check_every_cell(archive, dimension):
    """Every cell of the crosstab by ``dimension`` against a direct count."""
    table = crosstab(dimension=dimension, filters=SpeechFilters())
    field = {
        Dimension.SPEAKER: "speaker_id", Dimension.ROLE: "office", Dimension.MEETING: "event_key",
        Dimension.COMPILATION: "compilation_id",
    }.get(dimension)
    for theme in ("law", "admin", "supervision", "rural"):
        row = _row(table, archive[theme])
        passages = _direct(archive[theme])
        assert row.total.passages == len(passages)
        for index, column in enumerate(table.columns):
            if dimension is Dimension.YEAR:
                inside = [p for p in passages if (p.paragraph.speech.date.year
                          if p.paragraph.speech.date else None) == column.key]
            else:
                inside = [p for p in passages
                          if (getattr(p.paragraph.speech, field) or None) == column.key]
            cell = row.cells[index]
            assert cell.passages == len(inside), (theme, column.label)
            assert cell.paragraphs == len({p.paragraph_id for p in inside})
            assert cell.characters == direct_characters(inside)


def _direct(theme):
    return direct_theme_passages(theme)


def test_a_parent_row_holds_its_sub_themes_passages_once(archive):
    table = crosstab(dimension=Dimension.YEAR, filters=SpeechFilters())
    law, admin = _row(table, archive["law"]), _row(table, archive["admin"])
    y2020, y2021 = _column(table, 2020), _column(table, 2021)
    # 2020: admin's three passages and law's own one; characters: 0..12 and 5..12 -> 12 + 7.
    assert admin.cells[y2020].passages == 3
    assert law.cells[y2020].passages == 4
    assert law.cells[y2020].characters == 12 + 7
    assert admin.cells[y2020].characters == 8 + 7
    # 2021: the passage carrying both law and admin counts once in law's row.
    assert law.cells[y2021].passages == 3
    assert law.has_children and not admin.has_children
    assert admin.depth == law.depth + 1


def test_undated_speeches_have_a_column_and_totals_add_up(archive):
    table = crosstab(dimension=Dimension.YEAR, filters=SpeechFilters())
    undated = _column(table, None)
    assert table.columns[undated].label in ("Undated", "未注明日期", table.columns[undated].label)
    assert table.columns[undated].params == {"undated": "1"}
    assert _row(table, archive["supervision"]).cells[undated].passages == 1
    # Column volumes are the text of the speeches, undated included.
    text = sum(len(t) for s in Speech.objects.all() for t in s.paragraphs.values_list(
        "text", flat=True))
    assert sum(c.characters for c in table.columns) == text == table.volume.characters
    assert table.any_theme.total.passages == 13


def test_measures(archive):
    table = crosstab(dimension=Dimension.SPEAKER, filters=SpeechFilters())
    row = _row(table, archive["supervision"])
    wang = _column(table, archive["wang"].pk)
    assert table.value(row, wang, count=Count.PASSAGES, measure=Measure.COUNT) == 2
    assert table.value(row, wang, count=Count.PASSAGES, measure=Measure.ROW) == pytest.approx(50)
    any_wang = table.any_theme.cells[wang].passages
    assert table.value(row, wang, count=Count.PASSAGES, measure=Measure.COLUMN) == (
        pytest.approx(200 / any_wang))
    chars = table.columns[wang].characters
    assert table.value(row, wang, count=Count.PASSAGES, measure=Measure.RATE) == (
        pytest.approx(2 * 10_000 / chars))
    rural = _row(table, archive["rural"])
    nobody = _column(table, None)
    assert table.value(rural, nobody, count=Count.PASSAGES, measure=Measure.COLUMN) == 0


def test_filters_and_coder(archive):
    table = crosstab(
        dimension=Dimension.ROLE, filters=SpeechFilters(speaker=archive["wang"]),
        coder=archive["alice"],
    )
    assert [c.key for c in table.columns] == ["市长"]
    law = _row(table, archive["law"])
    direct = [p for p in _direct(archive["law"]) if p.author == archive["alice"]
              and p.paragraph.speech.speaker == archive["wang"]]
    assert law.total.passages == len(direct) == 3


def test_many_columns_fold_into_one(archive):
    table = crosstab(dimension=Dimension.COMPILATION, filters=SpeechFilters(), max_columns=2)
    assert len(table.columns) == 2 and table.folded == 3
    assert table.columns[-1].params is None
    assert table.any_theme.total.passages == 13
    assert sum(c.characters for c in table.columns) == table.volume.characters


def test_fixed_number_of_queries(archive, django_assert_num_queries):
    crosstab(dimension=Dimension.YEAR, filters=SpeechFilters())  # volumes and spans recorded
    # The refresh finding nothing changed (seven, with its savepoint), the
    # volumes (two), the codebook and the figures.
    with django_assert_num_queries(11):
        crosstab(dimension=Dimension.SPEAKER, filters=SpeechFilters(year=2021))


def test_roles_by_canonical_office_and_meetings_by_their_key(archive, client):
    from speeches.models import Speech
    from tests.conftest import client_for

    Speech.objects.filter(pk=archive["speeches"]["li2021"].pk).update(
        role="四川省人民政府省长", office="省长", office_place="四川省")
    Speech.objects.filter(pk=archive["speeches"]["wang2020"].pk).update(
        role="省长", office="省长", office_place="")
    table = crosstab(dimension=Dimension.ROLE, filters=SpeechFilters())
    office = _column(table, "省长")
    assert table.columns[office].params == {"role": "省长"}
    row = _row(table, archive["admin"])
    # wang2020 (3 admin passages) and li2021 (1) under one office.
    assert row.cells[office].passages == 4
    page = client_for(client, archive["alice"]).get(
        archive["admin"].get_absolute_url(), table.columns[office].params)
    assert page.context["page_obj"].paginator.count == 4
    meetings = crosstab(dimension=Dimension.MEETING, filters=SpeechFilters())
    named = next(c for c in meetings.columns if c.key is not None)
    assert named.params == {"event": "全市人大工作会议"}
