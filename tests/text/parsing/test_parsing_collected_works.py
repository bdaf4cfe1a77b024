"""A collected-works title alone on a line names the speaker.

Excerpts copied from one author's book (《邓小平文选》第三卷,
《习近平谈治国理政》…) print the book's title alone above them and no
speaker anywhere: the author spoke them all. The title quoted in a
sentence, a note or a source line, a book of several people's works and a
speaker printed for the speech itself name no one (or lose).
"""

import pytest

from tests.conftest import SHARED_SAMPLES
from text.parsing import parse_bytes, parse_text

BODY = "我们要坚持以经济建设为中心，坚持四项基本原则，坚持改革开放，这是党的基本路线。"


def anthology(head):
    """Two numbered excerpts, each closed by its bracketed occasion, under
    ``head``."""
    return (
        f"{head}\n"
        f"一\n{BODY}\n（1992年1月18日在武昌的谈话）\n"
        f"二\n{BODY}\n（1992年2月21日在上海的谈话）\n"
    )


def speakers(text):
    return [speech.speaker_name for speech in parse_text(text).speeches]


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("《邓小平文选》第三卷", "邓小平"),
        ("《毛泽东选集》第五卷", "毛泽东"),
        ("《毛泽东选集》（第五卷）", "毛泽东"),
        ("《江泽民文选》第二卷", "江泽民"),
        ("《胡锦涛文选》", "胡锦涛"),
        ("《习近平著作选读》第一卷", "习近平"),
        ("《毛泽东文集》", "毛泽东"),
        ("《周恩来选集》上卷", "周恩来"),
        ("《陈云文选》 第三卷", "陈云"),
        ("《习近平谈治国理政》", "习近平"),
        ("《习近平谈治国理政》第三卷", "习近平"),
        ("《毛泽东论文艺》", "毛泽东"),
        ("《习近平关于全面从严治党论述摘编》", "习近平"),
        ("《鄧小平文選》第三卷", "鄧小平"),
    ],
)
def test_a_collected_works_title_above_the_excerpts_names_their_speaker(line, author):
    compilation = parse_text(anthology(line))
    assert [speech.speaker_name for speech in compilation.speeches] == [author, author]
    # The line is kept, as the source the text was taken from.
    assert [(meta.text, meta.kind) for meta in compilation.meta_lines] == [(line, "source")]


def test_below_the_page_title_and_its_furniture():
    text = anthology("力戒形式主义、官僚主义（1992年1月—2月）\n分享\n打印\n《邓小平文选》第三卷")
    assert speakers(text) == ["邓小平", "邓小平"]


@pytest.mark.parametrize(
    "head",
    [
        "《邓小平文选》第三卷\n建设有中国特色的社会主义\n（一九八四年六月三十日）",
        "建设有中国特色的社会主义\n《邓小平文选》第三卷\n（一九八四年六月三十日）",
        "建设有中国特色的社会主义\n（一九八四年六月三十日）\n《邓小平文选》（第三卷）",
    ],
    ids=["above-the-title", "below-the-title", "below-the-date"],
)
def test_in_a_speechs_header_the_book_names_its_speaker_and_is_not_the_title(head):
    speech = parse_text(f"{head}\n{BODY}\n").speeches[0]
    assert speech.speaker_name == "邓小平"
    assert speech.title == "建设有中国特色的社会主义"
    assert speech.date == "1984-06-30"
    assert [paragraph.text for paragraph in speech.paragraphs] == [BODY]


def test_books_of_one_author_name_him_and_books_of_several_name_no_one():
    assert speakers(anthology("《邓小平文选》第二卷\n《邓小平文选》第三卷")) == ["邓小平"] * 2
    # A list of books (a bibliography in a volume's front matter).
    listed = anthology("参考书目\n《毛泽东选集》第一卷\n《周恩来选集》上卷\n《刘少奇选集》上卷")
    assert speakers(listed) == [None, None]


def test_an_excerpts_own_book_wins_over_the_documents():
    text = (
        "《毛泽东选集》第五卷\n"
        f"一\n《邓小平文选》第三卷\n{BODY}\n（1992年1月18日在武昌的谈话）\n"
        f"二\n{BODY}\n（1956年4月25日在中共中央政治局扩大会议上的讲话）\n"
    )
    assert speakers(text) == ["邓小平", "毛泽东"]


def test_a_speaker_printed_for_the_speech_wins_over_the_books_author():
    text = f"《毛泽东选集》第五卷\n论十大关系\n周恩来\n（一九五六年四月二十五日）\n{BODY}\n"
    assert speakers(text) == ["周恩来"]


def test_a_speaker_in_the_title_wins_over_the_books_author():
    text = f"《邓小平文选》第三卷\n李强在全国组织工作会议上的讲话\n（2018年7月3日）\n{BODY}\n"
    assert speakers(text) == ["李强"]


@pytest.mark.parametrize(
    "text",
    [
        # Quoted in a sentence of the text.
        f"论十大关系\n（一九五六年四月二十五日）\n这篇讲话收入《毛泽东选集》第五卷。\n{BODY}\n",
        # In a note at the foot of the text, and alone on a line there.
        f"论十大关系\n（一九五六年四月二十五日）\n{BODY}\n注释\n"
        "[1] 本文最初发表于《毛泽东选集》第五卷。\n《毛泽东选集》第五卷\n",
        # In an editor's note above the excerpts.
        anthology("编者按：以下摘自《习近平谈治国理政》第二卷。"),
        # In a source line in brackets, above the excerpts, in a speech's
        # header or after an excerpt.
        anthology("（摘自《邓小平文选》第三卷）"),
        f"论十大关系\n（《毛泽东选集》第五卷）\n（一九五六年四月二十五日）\n{BODY}\n",
        f"一\n{BODY}\n（摘自《邓小平文选》第三卷）\n（1992年1月18日在武昌的谈话）\n"
        f"二\n{BODY}\n（《邓小平文选》第三卷）\n（1992年2月21日在上海的谈话）\n",
        # A book of several people's works.
        anthology("《十八大以来重要文献选编》上"),
        anthology("《马克思恩格斯选集》第一卷"),
        # An office, not a name.
        anthology("《毛主席论教育革命》"),
        # A book whose title only starts with a name.
        anthology("《毛泽东书信选集》"),
        anthology("《建国以来毛泽东文稿》第二册"),
    ],
    ids=[
        "in-a-sentence",
        "in-a-footnote",
        "in-an-editors-note",
        "in-a-source-line-above",
        "in-a-source-line-in-a-header",
        "in-a-source-line-after",
        "several-authors",
        "foreign-authors",
        "an-office",
        "letters",
        "manuscripts",
    ],
)
def test_a_book_title_that_is_not_a_lone_head_line_of_one_authors_works_names_no_one(text):
    assert set(speakers(text)) == {None}


SAMPLE = SHARED_SAMPLES / "10_xi_compilation_sige_yishi_12371.txt"


@pytest.mark.skipif(not SAMPLE.is_file(), reason="shared/samples not found beside the repository")
def test_the_excerpts_of_xi_jinpings_collected_works_are_all_his():
    compilation = parse_bytes(SAMPLE.read_bytes(), filename=SAMPLE.name)
    assert [speech.speaker_name for speech in compilation.speeches] == ["习近平"] * 8


def test_a_made_up_title_names_the_books_author():
    # Excerpts closed by a date alone have no title of their own: the one made up
    # from the text names the speaker the book above them gives, as it names one
    # printed in the excerpt itself.
    text = f"《邓小平文选》第三卷\n一\n{BODY}\n（1984年6月30日）\n二\n{BODY}\n（1985年3月7日）\n"
    speeches = parse_text(text).speeches
    assert [speech.speaker_name for speech in speeches] == ["邓小平", "邓小平"]
    assert all(speech.title_derived for speech in speeches)
    assert [speech.title.split("：")[0] for speech in speeches] == ["邓小平", "邓小平"]


def three_excerpts(first, second="", third=""):
    """Three numbered excerpts; ``first`` … ``third`` stand right after
    each number (a book line, or nothing)."""
    return "".join(
        f"{numeral}\n{book + chr(10) if book else ''}{BODY}\n（199{year}年1月18日在武昌的谈话）\n"
        for numeral, book, year in (("一", first, 1), ("二", second, 2), ("三", third, 3))
    )


def test_a_book_line_under_the_first_number_is_the_pages_source():
    # The page prints the book once, under 一 instead of above it: the
    # author spoke every excerpt, and the line is no paragraph of the first.
    compilation = parse_text(
        "坚定理想信念（1991年—1993年）\n" + three_excerpts("《邓小平文选》第三卷")
    )
    assert [speech.speaker_name for speech in compilation.speeches] == ["邓小平"] * 3
    first = compilation.speeches[0]
    assert [paragraph.text for paragraph in first.paragraphs] == [BODY]
    assert ("《邓小平文选》第三卷", "source") in [
        (meta.text, meta.kind) for meta in first.meta_lines
    ]


@pytest.mark.parametrize(
    "later",
    ["《十八大以来重要文献选编》上", "——《人民日报》1995年1月1日", "摘自《求是》2020年第1期"],
)
def test_a_later_excerpt_citing_another_source_keeps_the_first_book_to_the_first(later):
    # An anthology of several authors or a newspaper under a later number is
    # that excerpt's own source: the first book is not the page's.
    text = three_excerpts("《邓小平文选》第三卷", later)
    assert speakers(text) == ["邓小平", None, None]


def test_books_under_several_numbers_name_each_its_own_excerpt():
    text = three_excerpts("《邓小平文选》第三卷", "《毛泽东选集》第五卷")
    assert speakers(text) == ["邓小平", "毛泽东", None]


@pytest.mark.parametrize(
    "line",
    [
        "摘自《习近平谈治国理政》第三卷",
        "选自《习近平谈治国理政》第三卷",
        "来源：《习近平谈治国理政》第三卷",
        "——《习近平谈治国理政》第三卷",
        "《习近平谈治国理政》第三卷，外文出版社2020年版",
        "摘自《习近平谈治国理政》第三卷，外文出版社2020年版，第45页",
        "《习近平谈治国理政》第三卷 第45页",
    ],
)
def test_a_source_line_naming_the_book_names_its_author(line):
    # Above the excerpts and under the first number alike; never a title,
    # a subtitle or a paragraph.
    for text in (anthology(line), three_excerpts(line)):
        compilation = parse_text(text)
        assert {speech.speaker_name for speech in compilation.speeches} == {"习近平"}
        kinds = [meta.kind for meta in compilation.meta_lines] + [
            meta.kind
            for speech in compilation.speeches
            for meta in speech.meta_lines
            if meta.text == line
        ]
        assert "source" in kinds
        assert all(
            paragraph.text == BODY for s in compilation.speeches for paragraph in s.paragraphs
        )


@pytest.mark.parametrize(
    "themes",
    [
        # Excerpts closed by their datelines, each under a numbered theme.
        ("", "一、坚定理想信念\n", "二、加强党性修养\n"),
        # Numbered excerpts whose theme stands under the number.
        ("", "一\n一、坚定理想信念\n", "二\n二、加强党性修养\n"),
        # Themes printed alone, without numbers.
        ("坚定理想信念\n", "坚定理想信念\n", "加强党性修养\n"),
    ],
    ids=["dated-excerpts", "numbered-excerpts", "plain-themes"],
)
def test_a_book_line_under_an_excerpts_theme_heading_is_its_source(themes):
    head, first, second = themes
    text = (
        f"{head}{first}《邓小平文选》第三卷\n{BODY}\n（1992年1月18日在武昌的谈话）\n"
        f"{second}《毛泽东选集》第五卷\n{BODY}\n（1956年4月25日在中共中央政治局扩大会议上的讲话）\n"
    )
    compilation = parse_text(text)
    speeches = compilation.speeches
    assert [speech.speaker_name for speech in speeches] == ["邓小平", "毛泽东"]
    assert all([paragraph.text for paragraph in speech.paragraphs] == [BODY] for speech in speeches)
    # Set aside as source lines (the first theme with no number may open the
    # page, the compilation's head).
    metas = compilation.meta_lines + [meta for speech in speeches for meta in speech.meta_lines]
    sources = sorted(meta.text for meta in metas if meta.kind == "source")
    assert sources == ["《毛泽东选集》第五卷", "《邓小平文选》第三卷"]
