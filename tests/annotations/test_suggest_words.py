"""Suggestions match keywords as whole words (or runs of them), never as a
part of a longer word; the default codebook's keywords are specific."""

import importlib

import pytest

from annotations.models import Theme
from annotations.services.suggest import suggest, word_bounds
from text.segmentation import normalized, tokenizer

from .conftest import make_speech, migrate

SPECIFIC = importlib.import_module("annotations.migrations.0006_specific_seed_keywords")

# The sentences of the UX review, and the kind the theme is really about.
REPORT = "我代表第十八届中央委员会向大会作报告。"
CONGRESS = "中国共产党第十九次全国代表大会，是在全面建成小康社会决胜阶段召开的一次十分重要的大会。"
PROPOSALS = "认真办理人大代表建议，做好代表建议办理工作。"


def paragraphs_of(*texts, key):
    return list(make_speech(list(texts), key=key).paragraphs.order_by("position"))


def suggested(paragraphs, theme):
    found = {s.paragraph_id: s.keywords for s in suggest(paragraphs, [theme])}
    return [found.get(p.pk) for p in paragraphs]


def test_the_seeded_deputies_theme_is_not_suggested_for_any_mention_of_daibiao(
    db, codebook
):
    paragraphs = paragraphs_of(REPORT, CONGRESS, PROPOSALS, key="daibiao")
    theme = codebook["deputies-proposals"]
    assert suggested(paragraphs, theme) == [None, None, ("建议办理", "人大代表建议")]


def test_a_keyword_matches_a_whole_word_not_part_of_one(db, codebook):
    paragraphs = paragraphs_of(REPORT, CONGRESS, "加强基层党组织建设。", key="whole")
    theme = codebook["deputies-proposals"]
    theme.keywords = ["代表", "党组"]
    # 代表 is a word of the report's first sentence; 全国代表大会 and 党组织 are words of their own.
    assert suggested(paragraphs, theme) == [("代表",), None, None]


def test_a_keyword_may_be_a_run_of_words_but_must_end_where_a_word_ends(db, codebook):
    paragraphs = paragraphs_of("全面推进乡村振兴，巩固拓展脱贫攻坚成果。", PROPOSALS, key="run")
    theme = codebook["rural-revitalization"]
    theme.keywords = ["全面推进乡村振兴"]  # 全面推进 + 乡村振兴
    assert suggested(paragraphs, theme) == [("全面推进乡村振兴",), None]
    theme.keywords = ["乡村振", "巩固拓"]  # each stops inside a word
    assert suggested(paragraphs, theme) == [None, None]
    theme.keywords = ["代表建议"]  # 人大代表 / 建议, then 代表 / 建议办理: never whole
    assert suggested(paragraphs, theme) == [None, None]


@pytest.mark.parametrize("text", [
    REPORT, CONGRESS, PROPOSALS,
    "十九大报告提出3.5%的增长，G20峰会在杭州举行。",
    "中华人民共和国全国人民代表大会常务委员会",
    "經濟發展與會議，繁體字的段落。",
    "各级人大常委会要依法开展执法检查和专题询问，推进依法行政，建设法治政府。",
])
def test_the_words_read_back_from_the_stored_tokens_are_jiebas(db, text):
    paragraph = make_speech([text], key=text).paragraphs.get()
    norm, starts, ends = word_bounds(paragraph.text, paragraph.tokens)
    expected_starts, expected_ends, at = set(), set(), 0
    for word in tokenizer().cut(normalized(text)):
        word = word.casefold()
        for offset, char in enumerate(word):
            if char.isalnum() and (offset == 0 or not word[offset - 1].isalnum()):
                expected_starts.add(at + offset)
            if char.isalnum() and (offset + 1 == len(word) or not word[offset + 1].isalnum()):
                expected_ends.add(at + offset + 1)
        at += len(word)
    assert (starts, ends) == (expected_starts, expected_ends)


def test_tokens_that_do_not_fit_the_text_fall_back_to_the_keywords_tokens(db, codebook):
    paragraph = make_speech(["开展执法检查。"], key="stale").paragraphs.get()
    paragraph.tokens = "执法 检查 执法检查 另外 一些 词"  # cut from some other text
    assert word_bounds(paragraph.text, paragraph.tokens) is None
    theme = codebook["people-s-congress-supervision"]
    assert suggested([paragraph], theme) == [("执法检查",)]


# Transactional without serialized_rollback: restoring the serialized rows
# clashed with content types that an earlier transactional test's flush had
# re-created under new ids. The codebook fixture seeds the themes instead.
@pytest.mark.django_db(transaction=True)
def test_the_migration_changes_only_keywords_still_as_seeded(codebook, latest_schema_afterwards):
    migrate([("annotations", "0005_keyword_tokens_fold_traditional_characters")])
    seeded = Theme.objects.get(slug="deputies-proposals")
    assert seeded.keywords == SPECIFIC.KEYWORDS["deputies-proposals"][0]
    edited = Theme.objects.get(slug="livelihoods")
    edited.keywords = ["民生", "教育", "托育"]
    edited.save()

    migrate([("annotations", "0006_specific_seed_keywords")])

    seeded.refresh_from_db()
    edited.refresh_from_db()
    assert seeded.keywords == SPECIFIC.KEYWORDS["deputies-proposals"][1]
    assert "代表" not in seeded.keywords and "人大代表建议" in seeded.keywords
    assert set(seeded.keyword_tokens["keywords"]) == set(seeded.keywords)
    assert edited.keywords == ["民生", "教育", "托育"]


def test_no_seeded_keyword_list_keeps_a_single_generic_word():
    generic = {"代表", "监督", "教育", "项目", "产业", "投资", "生态", "履职", "党组", "法治"}
    for slug, (_seeded, specific) in SPECIFIC.KEYWORDS.items():
        assert not generic & set(specific), slug
