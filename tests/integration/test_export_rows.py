"""The rows of the CSV and Excel exports, read as plain values."""

import pytest
from django.test import RequestFactory

from annotations.exports.rows import COLUMNS, Row, export_rows
from annotations.exports.selection import Selection
from annotations.models import Annotation

pytestmark = pytest.mark.django_db


def rows(**selection) -> list[Row]:
    request = RequestFactory().get("/")
    return list(export_rows(Selection(**selection).resolve(),
                            absolute_url=request.build_absolute_uri))


def test_a_row_holds_the_columns_in_order():
    assert Row._fields == tuple(name for name, _label in COLUMNS)


def test_role_only_speeches_and_former_users(coded):
    rare = coded["rare"]
    passage = Annotation.objects.filter(paragraph__speech=rare).order_by("start").first()
    Annotation.objects.filter(pk=passage.pk).update(author=None)
    by_id = {row.annotation_id: row for row in rows()}
    row = by_id[passage.pk]
    assert (row.speaker, row.role, row.author, row.date) == ("李明", "主任", "", "")
    assert row.link == f"http://testserver{rare.get_absolute_url()}#p1"
    assert row.themes == "人大监督 / 执法检查"


def test_the_query_count_does_not_grow_with_the_passages(coded, django_assert_max_num_queries):
    # Resolving, the codebook, the passages and their themes: a few queries,
    # however many passages (up to a chunk of 2,000).
    with django_assert_max_num_queries(6):
        assert len(rows()) == coded["annotations"].count()
