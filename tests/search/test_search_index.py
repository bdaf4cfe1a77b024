"""The full-text index of migrations 0002/0003 and the tokens it is built from."""

from django.db import connection

from search.services import matching_paragraphs, parse_query
from speeches.models import Compilation, Paragraph
from tests.speeches.browse_data import import_speech
from text.segmentation import index_words, search_tokens, word_stream


def test_tokens_are_marked_words_then_grams():
    tokens = search_tokens("税收改革，GDP增长3.5%，税收").split()
    # jieba's words in order, each time, Chinese words marked so that
    # whole-word search tells them apart from character pairs.
    assert tokens[:7] == ["w税收", "w改革", "gdp", "w增长", "3", "5", "w税收"]
    assert word_stream(" ".join(tokens))[:3] == ["税收", "改革", "gdp"]
    # Then each character and each two adjacent ones in a run of Chinese
    # characters (not across the comma or the letters), once each.
    assert tokens[7:14] == ["税", "收", "改", "革", "税收", "收改", "改革"]
    assert "革增" not in tokens and "革，" not in tokens
    assert len(tokens[7:]) == len(set(tokens[7:]))
    assert "%" not in "".join(tokens) and "." not in "".join(tokens)


def test_index_words_are_letters_and_digits_only():
    assert index_words("c++ 和 covid-19") == ["c", "和", "covid", "19"]
    assert index_words("Ｇ２０峰会") == ["g20", "峰会"]


def test_the_index_follows_inserts_updates_and_deletes(db):
    speech = import_speech(title="讲话", paragraphs=["推进依法行政。", "加强人大监督。"])
    query = parse_query("行政")
    assert list(matching_paragraphs(query).values_list("position", flat=True)) == [1]

    paragraph = speech.paragraphs.get(position=2)
    paragraph.tokens = search_tokens("行政")
    paragraph.save(update_fields=["tokens"])
    assert sorted(matching_paragraphs(query).values_list("position", flat=True)) == [1, 2]

    Compilation.objects.all().delete()
    assert not matching_paragraphs(query).exists()
    assert not Paragraph.objects.exists()


def test_the_index_objects_exist(db):
    # A later migration that rebuilds the paragraph table on SQLite drops
    # the triggers silently; this says so.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'speeches_paragraph' ORDER BY name"
            )
            assert [r[0] for r in cursor.fetchall()] == [
                "speeches_paragraph_fts_delete",
                "speeches_paragraph_fts_insert",
                "speeches_paragraph_fts_update",
            ]
        else:
            cursor.execute(
                "SELECT attgenerated, attstorage FROM pg_attribute "
                "WHERE attrelid = 'speeches_paragraph'::regclass AND attname = 'search_vector'"
            )
            assert cursor.fetchone() == ("s", "m")
            # The text inline too (0021): a term's candidates are checked on it.
            cursor.execute(
                "SELECT attstorage FROM pg_attribute "
                "WHERE attrelid = 'speeches_paragraph'::regclass AND attname = 'text'"
            )
            assert cursor.fetchone() == ("m",)
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'speeches_paragraph_search_idx'"
            )
            assert "gin (search_vector)" in cursor.fetchone()[0]


def test_reindex_search_recomputes_stale_tokens(db):
    from io import StringIO

    from django.core.management import call_command

    speech = import_speech(title="讲话", paragraphs=["推进依法行政。", "加强人大监督。"])
    Paragraph.objects.filter(speech=speech, position=1).update(tokens="")
    assert not matching_paragraphs(parse_query("依法行政")).exists()
    out = StringIO()
    call_command("reindex_search", stdout=out)
    assert out.getvalue().strip() == "2 paragraphs read, 1 re-indexed."
    found = matching_paragraphs(parse_query("依法行政")).values_list("position", flat=True)
    assert list(found) == [1]
