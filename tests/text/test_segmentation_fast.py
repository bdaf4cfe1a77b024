"""The fast segmenter gives jieba's words, so search finds what it found.

``segmentation.cut_for_search`` hands blocks of Chinese characters to
rjieba (jieba-rs) and keeps jieba for the rest (text/segmentation.py);
these tests compare it with jieba's own ``cut_for_search`` on the cases
where the two libraries were seen to differ, on the seed compilation, and
on the shared corpus where it is present.
"""

import pytest

from tests.conftest import SEED
from text import segmentation


def jieba_words(text: str) -> list[str]:
    return list(segmentation.tokenizer().cut_for_search(segmentation.normalized(text)))


def fast_words(text: str) -> list[str]:
    return segmentation.cut_for_search(segmentation.normalized(text))


@pytest.mark.parametrize(
    "text",
    [
        # jieba adds a user word's frequency to its total, jieba-rs replaces it:
        # without the same total these two are cut differently.
        "世界还很不安宁、我国安全还受到严重威胁",
        "科学技术成果转化",
        # Letters and digits: jieba-rs keeps dates and 5G-A whole, adds PM2.
        "细颗粒物(PM2.5)浓度下降，PM_2.5平均浓度25.9微克",
        "时间:2026-02-02 09:45:30，新建5G-A基站4000座，3-5年",
        "all-round发展、anti-Mao",
        # Ties between cuts of a repeated character (OCR noise).
        "而浊二面才由本本本自生二和",
        "《一妃七四年一一一和也七五年)",
        # Domain dictionary words stay whole; spaces and line breaks as jieba yields them.
        "坚持全过程人民民主，  落实人大监督。\r\n依法行政\t〇",
        "",
    ],
)
def test_cuts_as_jieba_cuts(text):
    assert fast_words(text) == jieba_words(text)


def test_the_seed_compilation_is_cut_as_jieba_cuts_it():
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [fast_words(line) for line in lines] == [jieba_words(line) for line in lines]


def test_the_shared_corpus_is_cut_as_jieba_cuts_it(shared_corpus):
    # Every fourth line of every text (the whole corpus takes jieba half a minute).
    for path in sorted(shared_corpus.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for line in lines[::4]:
            assert fast_words(line) == jieba_words(line), (path.name, line[:60])


def test_search_tokens_are_those_of_jieba(monkeypatch):
    text = "經濟發展，PM2.5濃度下降3.5%。人大監督工作一一一"
    fast = segmentation.search_tokens(text)
    monkeypatch.setattr(segmentation, "cut_for_search", jieba_words_normalized)
    assert fast == segmentation.search_tokens(text)


def jieba_words_normalized(text: str) -> list[str]:
    return list(segmentation.tokenizer().cut_for_search(text))
