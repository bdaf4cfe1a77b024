"""Text reuse on small written texts (text.reuse): what counts as a shared
passage, and the datasketch MinHash the windows' signatures are."""

import numpy as np
from datasketch import MinHash

from tests.text.reuse_texts import EDITED, SHARED
from text import reuse

# Two hundred characters of text that shares nothing with the passages below.
FILLER_A = (
    "今年以来全县上下紧紧围绕年初确定的目标任务扎实做好各项工作农业生产总体平稳粮食播种面积稳中有增"
    "畜牧业健康发展林业生态建设持续推进水利设施不断完善农村道路通达率显著提高群众出行条件明显改善"
    "教育卫生文化体育等社会事业全面进步城乡居民收入较快增长社会保持和谐稳定为明年发展奠定了坚实基础"
)
FILLER_B = (
    "在这次会议上我主要讲三点意见第一要认清形势统一思想第二要突出重点狠抓落实第三要加强领导改进作风"
    "各级各部门要以对人民高度负责的态度把思想和行动统一到市委市政府的决策部署上来确保各项任务落到实处"
    "同志们新的一年任务艰巨责任重大让我们在市委的坚强领导下团结一心开拓进取为建设美好家园而努力奋斗吧"
)
FILLER_C = (
    "春节前后要组织开展安全生产大检查重点检查道路交通消防危险化学品煤矿非煤矿山建筑施工等行业领域"
    "对检查发现的隐患要立即整改一时不能整改的要落实防范措施明确责任人和整改期限坚决防止重特大事故发生"
)


def _find(documents: dict[int, str], **settings) -> list[reuse.Passage]:
    return list(
        reuse.find_reuse(
            [reuse.Document(k, v) for k, v in documents.items()],
            fetch=lambda keys: {k: documents[k] for k in keys},
            settings=reuse.Settings(**settings),
        )
    )


def test_an_exact_copy_is_found_with_its_offsets():
    documents = {1: FILLER_A + SHARED + FILLER_B, 2: FILLER_C + SHARED}
    (passage,) = _find(documents)
    assert (passage.a, passage.b) == (1, 2)
    assert SHARED.startswith(documents[1][passage.a_start : passage.a_end])
    assert (
        documents[1][passage.a_start : passage.a_end]
        == documents[2][passage.b_start : passage.b_end]
    )
    # All of it but the final full stop (punctuation does not anchor a passage).
    assert passage.length == len(SHARED) - 1


def test_a_copy_with_changed_names_numbers_and_punctuation_is_found():
    documents = {5: FILLER_B + EDITED, 3: FILLER_A + SHARED + FILLER_C}
    (passage,) = _find(documents)
    assert (passage.a, passage.b) == (3, 5)
    assert documents[3][passage.a_start : passage.a_end].startswith("全面贯彻党的二十大精神")
    assert "李四光同志在2024年" in documents[5][passage.b_start : passage.b_end]
    assert passage.similarity < 1


def test_overlap_below_the_threshold_is_not_reported():
    short = SHARED[:40]
    documents = {1: FILLER_A + short + FILLER_B, 2: FILLER_C + short}
    assert _find(documents) == []
    # With a lower threshold it is.
    assert len(_find(documents, min_characters=30)) == 1


def test_a_document_is_not_compared_with_itself():
    documents = {1: FILLER_A + SHARED + FILLER_B + SHARED, 2: FILLER_C}
    assert _find(documents) == []


def test_focus_keeps_only_pairs_with_a_focused_document():
    documents = {1: FILLER_A + SHARED, 2: FILLER_B + SHARED, 3: FILLER_C + SHARED}
    every = {(p.a, p.b) for p in _find(documents)}
    assert every == {(1, 2), (1, 3), (2, 3)}
    focused = reuse.find_reuse(
        [reuse.Document(k, v) for k, v in documents.items()],
        fetch=lambda keys: {k: documents[k] for k in keys},
        focus={3},
    )
    assert {(p.a, p.b) for p in focused} == {(1, 3), (2, 3)}


def test_normalise_drops_punctuation_folds_digits_and_scripts_and_keeps_offsets():
    normalised = reuse.normalise("經濟，2023年 ABC！")
    assert normalised.text == "经济0000年abc"
    assert normalised.span(2, 6) == (3, 7)


def test_window_signatures_are_datasketch_minhashes():
    hasher = reuse.Hasher(reuse.Settings(num_perm=16))
    hashes = reuse.shingle_hashes(reuse._codes(reuse.normalise(SHARED).text))
    minhash = MinHash(num_perm=16, seed=1, hashfunc=int)
    minhash.update_batch([int(h) for h in hashes])
    assert np.array_equal(hasher.signature(hashes), minhash.hashvalues)


def test_coverage_and_differences():
    assert reuse.coverage([(0, 10), (5, 15), (20, 25)]) == 20
    pieces = reuse.differences("张三在2023年", "李四在2024年")
    assert "".join(p.left for p in pieces) == "张三在2023年"
    assert [p.left for p in pieces if not p.same] == ["张三", "3"]
    assert reuse.first_and_last([0, 10, 20], 12, 25) == (1, 2)


def test_a_small_text_cache_still_aligns_every_pair():
    # Room for one text: the last pair's second text is in the cache, and
    # goes while its first comes in; the batch keeps its own.
    documents = {k: filler + SHARED for k, filler in enumerate([FILLER_A, FILLER_B, FILLER_C])}
    room = max(len(reuse.normalise(text).text) for text in documents.values()) + 1
    fetched: list[int] = []

    def fetch(keys):
        fetched.extend(keys)
        return {k: documents[k] for k in keys}

    found = reuse.find_reuse(
        [reuse.Document(k, v) for k, v in documents.items()],
        fetch=fetch, batch_pairs=1, cache_characters=room,
    )
    assert {(p.a, p.b) for p in found} == {(0, 1), (0, 2), (1, 2)}
    assert sorted(fetched) == [0, 0, 1, 1, 2]
