"""Re-anchoring annotations on a new version of their text (annotations.anchoring)."""

from annotations.anchoring import Selector, align, anchor, paragraph_similarity

OLD = [
    "各级人大常委会要依法开展执法检查和专题询问，推进人大监督工作。",
    "要坚持以人民为中心的发展思想，不断增进民生福祉。",
    "加强人大监督。",
    "最后，同志们，让我们共同努力。",
]


def selector(paragraph: int, quote: str, text: str | None = None) -> Selector:
    text = text or OLD[paragraph]
    start = text.index(quote)
    end = start + len(quote)
    return Selector(paragraph, start, end, quote, text[max(0, start - 32):start],
                    text[end:end + 32])


def place(sel, new):
    return anchor(sel, new, align(OLD, new))


def test_the_same_text_keeps_its_place():
    placement = place(selector(0, "执法检查"), list(OLD))
    assert placement.method == "exact"
    assert placement.pieces == ((0, OLD[0].index("执法检查"), OLD[0].index("执法检查") + 4),)


def test_text_inserted_before_the_quote_moves_it_exactly():
    new = ["（一）" + OLD[0], *OLD[1:]]
    (piece,) = place(selector(0, "专题询问"), new).pieces
    assert new[piece[0]][piece[1]:piece[2]] == "专题询问"


def test_a_quote_found_in_another_paragraph_after_a_merge():
    new = [OLD[0] + OLD[1], OLD[2], OLD[3]]
    placement = place(selector(1, "增进民生福祉"), new)
    (piece,) = placement.pieces
    assert piece[0] == 0 and new[0][piece[1]:piece[2]] == "增进民生福祉"


def test_a_quote_across_a_split_is_placed_in_two_parts():
    cut = OLD[0].index("专题")
    new = [OLD[0][:cut], OLD[0][cut:], *OLD[1:]]
    placement = place(selector(0, "检查和专题询问"), new)
    assert placement.method == "exact"
    assert [new[p][s:e] for p, s, e in placement.pieces] == ["检查和", "专题询问"]


def test_a_typo_fixed_inside_the_quote_is_placed_fuzzily():
    new = [OLD[0].replace("专题询问", "专题质询"), *OLD[1:]]
    placement = place(selector(0, "执法检查和专题询问，推进"), new)
    assert placement.method == "fuzzy"
    (piece,) = placement.pieces
    assert new[0][piece[1]:piece[2]] == "执法检查和专题质询，推进"


def test_a_repeated_quote_with_no_telling_context_is_an_orphan_never_a_guess():
    # 人大监督 is in paragraphs 0 and 2; paragraph 2 is gone and its context too.
    new = [OLD[0], OLD[1], OLD[3]]
    assert place(selector(2, "人大监督"), new) is None


def test_a_deleted_passage_is_an_orphan():
    new = [OLD[0], OLD[2], OLD[3]]
    assert place(selector(1, "以人民为中心"), new) is None


def test_rewritten_text_is_not_taken_for_the_quote():
    new = [OLD[0], "要坚持新发展理念，推动高质量发展。", *OLD[2:]]
    assert place(selector(1, "增进民生福祉"), new) is None


def test_alignment_and_similarity():
    new = [OLD[0], OLD[1].replace("不断", "持续"), OLD[3], "新增的一段。"]
    alignment = align(OLD, new)
    assert alignment.old_to_new == (0, 1, None, 2)
    assert (alignment.unchanged, alignment.changed, alignment.removed) == (2, 1, 1)
    assert alignment.added == (3,)
    assert paragraph_similarity(OLD, new) == 0.5
    assert paragraph_similarity(OLD, list(OLD)) == 1.0
