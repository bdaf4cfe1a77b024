"""Recognising an upload as a new version (``looks_like``) asks the database
for the upload's paragraphs only: its queries and the rows they read do not
grow with the archive, and it answers as counting every paragraph did
(multisets, current compilations only, ties to the older, the title path)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from speeches.models import Compilation
from speeches.services import versions
from speeches.services.versions import looks_like
from tests.speeches.browse_data import import_text
from tests.speeches.test_versions import (
    PARAGRAPHS,
    _file,
    heavily_revised,
    revised_paragraphs,
)


def text_of(paragraphs, *, date="2024年8月12日", title="在全市人大工作会议上的讲话"):
    head = f"{title}\n王萍\n（{date}）\n同志们：\n"
    return head + "\n".join(paragraphs) + "\n"


@pytest.fixture
def original(db):
    return import_text(text_of(PARAGRAPHS), source="原稿.txt")


def other_paragraphs(label: str, count: int = 20) -> list[str]:
    return [
        f"{label}第{n}段。要把这项工作放在更加突出的位置，确保各项任务落到实处。"
        for n in range(1, count + 1)
    ]


def rows_read(queries) -> int:
    """How many rows the captured queries returned, counted again by the database."""
    total = 0
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(f"SELECT COUNT(*) FROM ({query['sql']}) AS q")
            total += cursor.fetchone()[0]
    return total


def measured(texts, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        match = looks_like(texts, **kwargs)
    return match, len(queries), rows_read(queries)


def summary(match):
    return None if match is None else match.to_dict()


def test_the_queries_and_rows_grow_with_the_upload_not_the_archive(original):
    texts = revised_paragraphs()
    match, queries, rows = measured(texts)
    # The upload's hashes (one batch), the totals of the one that matched,
    # its texts.
    assert queries == 3
    assert match.compilation == original and match.share == pytest.approx(18 / 20)
    for n in range(4):
        # Compilations that share nothing, and one that shares one paragraph.
        import_text(text_of(other_paragraphs(f"其他汇编{n}")), source=f"其他{n}.txt")
    import_text(text_of(other_paragraphs("又一个汇编") + [PARAGRAPHS[0]]), source="又一个.txt")
    withdrawn = import_text(text_of(other_paragraphs("撤回的汇编")), source="撤回.txt")
    Compilation.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    again, queries_again, rows_again = measured(texts)
    assert summary(again) == summary(match)
    assert queries_again == queries
    # One row more: the shared paragraph, counted for the compilation that
    # holds it; not the 120 paragraphs of the new compilations.
    assert rows_again == rows + 1


def test_a_compilation_sharing_too_little_costs_one_query(original):
    import_text(text_of(other_paragraphs("其他汇编")), source="其他.txt")
    match, queries, _rows = measured(heavily_revised(8))
    assert match is None and queries == 1
    match, queries, _rows = measured(["完全不同的一段文字。"])
    assert match is None and queries == 1
    with CaptureQueriesContext(connection) as empty:
        assert looks_like([]) is None
    assert len(empty) == 0


def test_the_title_path_asks_nothing_more(original):
    match, queries, _rows = measured(heavily_revised(8), title=original.title)
    assert match.compilation == original and match.by_title and queries == 3


def test_an_upload_larger_than_a_batch_is_asked_in_batches(original, monkeypatch):
    texts = revised_paragraphs() + revised_paragraphs()[:3]
    distinct = len(set(texts))
    assert distinct == 20
    expected = summary(looks_like(texts))
    # Two of the original's paragraphs twice in the upload count once.
    assert expected["id"] == original.pk and expected["share"] == round(18 / 23, 3)
    monkeypatch.setattr(versions, "HASH_BATCH", 3)
    match, queries, _rows = measured(texts)
    assert summary(match) == expected
    assert queries == 7 + 1 + 1  # 20 hashes by 3, the totals, the texts
    # Compilations that matched are asked for their totals in batches too.
    twin = import_text(text_of(PARAGRAPHS, date="2024年8月13日"), source="副本.txt")
    monkeypatch.setattr(versions, "HASH_BATCH", 1)
    match, queries, _rows = measured(texts)
    assert summary(match) == expected  # the older of two equal shares
    assert twin.pk > original.pk
    assert queries == distinct + 2 + 1


def test_a_paragraph_repeated_in_the_upload_counts_as_often_as_the_compilation_has_it(
    original,
):
    # Six paragraphs of the original and the first four times more: 6 in
    # common (of the original's 20), not 10.
    texts = PARAGRAPHS[:6] + [PARAGRAPHS[0]] * 4
    assert looks_like(texts) is None
    match = looks_like(texts, title=original.title)
    assert match.by_title and match.share == pytest.approx(6 / 20)


def test_a_paragraph_repeated_in_the_compilation_counts_as_often_as_the_upload_has_it(db):
    repeated = "这一段在汇编里出现了五次，每一次都是同样的文字，一字不差。"
    paragraphs = other_paragraphs("重复", 5) + [repeated] * 5
    compilation = import_text(text_of(paragraphs), source="重复.txt")
    assert compilation.speeches.get().paragraphs.filter(text=repeated).count() == 5
    match = looks_like(paragraphs)
    assert match.compilation == compilation and match.share == 1.0
    # Once in the upload: it counts once (6 of 10).
    once = other_paragraphs("重复", 5) + [repeated] + other_paragraphs("新的", 4)
    assert looks_like(once) is None
    assert looks_like(once, title=compilation.title).share == pytest.approx(6 / 10)
    # Three times: three (8 of 10).
    thrice = other_paragraphs("重复", 5) + [repeated] * 3 + other_paragraphs("新的", 2)
    assert looks_like(thrice).share == pytest.approx(8 / 10)


def test_the_share_is_over_the_longer_of_the_two(original):
    # All 20 of the original and 20 new: 20 of 40.
    longer = PARAGRAPHS + other_paragraphs("增补")
    assert looks_like(longer) is None
    assert looks_like(longer, title=original.title).share == pytest.approx(20 / 40)
    # 15 of the original alone: 15 of 20, the original being the longer.
    assert looks_like(PARAGRAPHS[:15]).share == pytest.approx(15 / 20)


def test_withdrawn_and_superseded_compilations_are_not_offered(original):
    # A current compilation sharing less (15 of 20: the upload changed the
    # third and dropped the sixth) than the original (18).
    other = import_text(
        text_of(PARAGRAPHS[:17] + other_paragraphs("另稿", 3), date="2023年5月1日"),
        source="另稿.txt",
    )
    texts = revised_paragraphs()
    assert looks_like(texts).compilation == original
    Compilation.objects.filter(pk=original.pk).update(withdrawn_at=timezone.now())
    match = looks_like(texts)
    assert match.compilation == other and match.share == pytest.approx(15 / 20)
    Compilation.objects.filter(pk=original.pk).update(withdrawn_at=None, superseded_by=other)
    assert looks_like(texts).compilation == other
    Compilation.objects.filter(pk=other.pk).update(withdrawn_at=timezone.now())
    assert looks_like(texts) is None
    assert looks_like(texts, title=original.title) is None


def test_of_equal_shares_the_older_compilation_is_offered(original):
    twin = import_text(text_of(PARAGRAPHS, date="2024年8月13日"), source="副本.txt")
    assert twin.pk > original.pk
    match = looks_like(revised_paragraphs())
    assert match.compilation == original and match.share == pytest.approx(18 / 20)
    # By title: the same, when both have the title.
    assert twin.title == original.title
    match = looks_like(heavily_revised(8), title=original.title)
    assert match.compilation == original and match.by_title
    # The older superseded, the other is offered.
    Compilation.objects.filter(pk=original.pk).update(superseded_by=twin)
    assert looks_like(revised_paragraphs()).compilation == twin


def test_by_title_the_one_sharing_most_of_those_so_titled(original):
    # Another compilation, titled otherwise, shares 12 of the upload's 20
    # paragraphs; the original, titled as the upload would be, 8.
    extra = other_paragraphs("另稿", 4)
    other = import_text(
        text_of(PARAGRAPHS[:8] + extra + other_paragraphs("别处", 8), title="另一次会议上的讲话"),
        source="另稿.txt",
    )
    assert other.title != original.title
    upload = PARAGRAPHS[:8] + extra + other_paragraphs("新稿", 8)
    assert looks_like(upload) is None  # 60 %: under SIMILAR_SHARE
    match = looks_like(upload, title=original.title)
    assert match.compilation == original and match.by_title
    assert match.share == pytest.approx(8 / 20)
    match = looks_like(upload, title=other.title)
    assert match.compilation == other and match.by_title
    assert match.share == pytest.approx(12 / 20)
    assert looks_like(upload, title="没有这个标题") is None


def test_a_dry_run_asks_as_many_queries_whatever_the_archive_holds(editor_client, original):
    data = text_of(revised_paragraphs()).encode()

    def dry_run():
        with CaptureQueriesContext(connection) as queries:
            answer = editor_client.post(
                "/api/compilations", {"file": _file("修订稿.txt", data), "dry_run": "true"}
            ).json()
        assert answer["looks_like"]["id"] == original.pk
        return len(queries)

    first = dry_run()
    for n in range(3):
        import_text(text_of(other_paragraphs(f"其他汇编{n}") + PARAGRAPHS[:2]),
                    source=f"其他{n}.txt")
    assert dry_run() == first
