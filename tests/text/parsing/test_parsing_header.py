"""The header block: title, dates, publication lines, byline, salutation, chrome."""

import pytest

from text.parsing import parse_text


def speech_of(text):
    compilation = parse_text(text)
    assert len(compilation.speeches) == 1
    return compilation.speeches[0]


def body_texts(speech):
    return [paragraph.text for paragraph in speech.paragraphs]


def test_repeated_title_and_article_title_lines_are_not_body():
    text = (
        "第一篇：县长在全县大会上的讲话\n"
        "县长在全县大会上的讲话\n"
        "文章标题：县长在全县大会上的讲话\n"
        "同志们：\n"
        "今天开会。"
    )
    speech = parse_text(text).speeches[0]
    assert body_texts(speech) == ["今天开会。"]
    assert [m.kind for m in speech.meta_lines] == [
        "marker",
        "title-repeat",
        "article-title",
        "salutation",
    ]


def test_article_title_line_gives_the_title_when_there_is_none():
    speech = speech_of("文章标题：在全市大会上的讲话\n同志们：\n今天开会。")
    assert speech.title == "在全市大会上的讲话"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("(2024年11月17日)", "2024-11-17"),
        ("（2024年8月12日）", "2024-08-12"),
        ("（２０２４年８月１２日）", "2024-08-12"),
        ("2024年8月12日", "2024-08-12"),
        ("二〇二六年一月二十七日", "2026-01-27"),
        ("（二○一九年十二月三十一日）", "2019-12-31"),
        ("（2024年8月）", "2024-08"),
        ("——2026年1月25日在全市人民代表大会第四次会议上", "2026-01-25"),
        ("（2017年12月25日——26日在民主生活会上的讲话要点）", "2017-12-25"),
    ],
)
def test_date_line_forms(line, date):
    speech = speech_of(f"在全市大会上的讲话\n{line}\n同志们：\n今天开会。")
    assert speech.date == date
    assert body_texts(speech) == ["今天开会。"]


def test_dashed_date_line_gives_the_event():
    speech = speech_of(
        "政府工作报告\n——2026年1月25日在某市第十六届人民代表大会第四次会议上\n各位代表：\n现在报告工作。"
    )
    assert speech.event == "某市第十六届人民代表大会第四次会议"
    assert speech.date == "2026-01-25"


def test_publication_dates_are_never_the_speech_date():
    speech = speech_of(
        "在全市大会上的讲话\n发布时间：2024-08-14来源：作者：\n时间：2024-08-15\n同志们：\n今天开会。"
    )
    assert speech.published == "2024-08-14"
    assert speech.date is None


def test_title_year_is_the_date_when_no_date_line_says_more():
    assert speech_of("市长在2024年全市工作会议上的讲话\n同志们：\n正文。").date == "2024"
    speech = speech_of("市长在2024年全市工作会议上的讲话\n（2024年3月2日）\n同志们：\n正文。")
    assert speech.date == "2024-03-02"


def test_an_impossible_date_is_not_guessed_and_is_flagged():
    speech = speech_of("在全市大会上的讲话\n（2024年13月45日）\n同志们：\n今天开会。")
    assert speech.date is None
    assert [w.code for w in speech.warnings] == ["unreadable-date"]
    assert speech.warnings[0].line == 2


def test_a_date_line_without_a_readable_date_is_flagged():
    speech = speech_of("在全市大会上的讲话\n（二〇二四年某月）\n同志们：\n今天开会。")
    assert speech.date is None
    assert "unreadable-date" in [w.code for w in speech.warnings]
    assert body_texts(speech) == ["今天开会。"]


def test_a_body_sentence_starting_with_a_date_is_body():
    speech = speech_of("讲话\n同志们：\n2024年11月会议召开以来，我市工作取得进展。")
    assert body_texts(speech) == ["2024年11月会议召开以来，我市工作取得进展。"]
    assert speech.date is None


@pytest.mark.parametrize(
    ("byline", "name", "role"),
    [
        ("王 萍", "王萍", None),
        ("习　近　平", "习近平", None),
        ("周恩来", "周恩来", None),
        ("某市市长 李明", "李明", "某市市长"),
        ("讲话人：张华", "张华", None),
    ],
)
def test_bylines(byline, name, role):
    speech = speech_of(f"政府工作报告\n{byline}\n各位代表：\n现在报告工作。")
    assert (speech.speaker_name, speech.role) == (name, role)
    assert speech.speaker_raw == byline.removeprefix("讲话人：")


@pytest.mark.parametrize(
    "salutation",
    [
        "同志们：",
        "各位代表、同志们：",
        "各位代表：",
        "尊敬的各位来宾，女士们、先生们：",
        "同志们、朋友们:",
    ],
)
def test_salutations_are_kept_on_the_speech_not_as_paragraphs(salutation):
    speech = speech_of(f"在大会上的讲话\n{salutation}\n今天开会。")
    assert speech.salutation == salutation
    assert body_texts(speech) == ["今天开会。"]


def test_a_line_ending_in_a_colon_that_addresses_no_one_is_body():
    speech = speech_of("在大会上的讲话\n同志们：\n大会的主题是：\n团结奋斗。")
    assert body_texts(speech) == ["大会的主题是：", "团结奋斗。"]


def test_web_chrome_before_the_title_and_a_caption_before_the_salutation():
    text = (
        "下载\n打印\n【字号：\n加大\n】\n"
        "2026年某市政府工作报告\n"
        "——2026年1月25日在某市人民代表大会第四次会议上\n"
        "来源：某某日报\n"
        "时间：2026-02-02\n"
        "某市市长 李明\n"
        "李明同志作政府工作报告。本报记者 张三摄\n"
        "各位代表：\n"
        "现在，我代表市人民政府向大会报告工作。\n"
        "相关报道：\n"
    )
    speech = speech_of(text)
    assert speech.title == "2026年某市政府工作报告"
    assert speech.date == "2026-01-25"
    assert speech.published == "2026-02-02"
    assert (speech.speaker_name, speech.role) == ("李明", "某市市长")
    assert speech.salutation == "各位代表："
    assert body_texts(speech) == ["现在，我代表市人民政府向大会报告工作。"]
    kinds = {m.text: m.kind for m in speech.meta_lines}
    assert kinds["下载"] == kinds["【字号："] == "chrome"
    assert kinds["李明同志作政府工作报告。本报记者 张三摄"] == "caption"
    assert kinds["相关报道："] == "trailer"


def test_an_unknown_short_line_before_the_salutation_is_set_aside_with_a_warning():
    speech = speech_of("在大会上的讲话\n根据录音整理\n同志们：\n今天开会。")
    assert speech.salutation == "同志们："
    assert body_texts(speech) == ["今天开会。"]
    assert [w.code for w in speech.warnings] == ["header-line"]


def test_a_date_above_the_title():
    speech = speech_of("（2024年8月12日）\n在全市大会上的讲话\n同志们：\n今天开会。")
    assert (speech.title, speech.date) == ("在全市大会上的讲话", "2024-08-12")
    assert body_texts(speech) == ["今天开会。"]


def test_title_over_two_lines_followed_by_a_subtitle():
    text = (
        "坚定信心开拓进取\n\n\n为建设美好家园而奋斗\n"
        "——在某省第五次代表大会上的报告\n"
        "（2020年5月6日）\n"
        "张　小　明\n"
        "同志们：\n"
        "现在，我代表上届委员会向大会作报告。"
    )
    speech = speech_of(text)
    assert speech.title == "坚定信心开拓进取 为建设美好家园而奋斗"
    assert speech.subtitle == "——在某省第五次代表大会上的报告"
    assert speech.event == "某省第五次代表大会"
    assert speech.date == "2020-05-06"
    assert speech.speaker_name == "张小明"


def test_a_short_first_heading_is_not_taken_into_the_title():
    speech = speech_of("在大会上的讲话\n关于教育问题\n教育是国之大计，必须优先发展，这是共识。")
    assert speech.title == "在大会上的讲话"


def test_licence_notice_after_the_speech_is_set_aside():
    text = (
        "政府工作报告\n各位代表：\n现在报告工作。\n"
        "本作品是公务文件，根据著作权法\n不适用于该法，属于\n公有领域\n。\nPublic domain\n"
    )
    speech = speech_of(text)
    assert body_texts(speech) == ["现在报告工作。"]
    assert {m.kind for m in speech.meta_lines if m.line >= 4} == {"licence"}
    assert "trailer-set-aside" in [w.code for w in speech.warnings]


def test_no_title_is_flagged_and_nothing_is_invented():
    speech = speech_of("同志们：\n今天我们召开会议，研究部署下一阶段工作。")
    # The title is made from the opening words and says it was made.
    assert speech.title == "今天我们召开会议，研究部署下一阶段工作"
    assert speech.title_derived is True
    assert speech.speaker_name is None and speech.role is None and speech.date is None
    assert "no-title" in [w.code for w in speech.warnings]


def test_place_stated_after_the_date():
    speech = speech_of("在大会上的讲话\n（2024年8月12日，北京）\n同志们：\n今天开会。")
    assert speech.place == "北京"
    assert speech_of("在大会上的讲话\n（2024年8月12日）\n同志们：\n今天开会。").place is None


def test_labelled_lines_say_outright_what_the_title_only_suggests():
    """讲话人：, 职务：, 会议： (as the text export writes them) win over
    what the title suggests, and a labelled role alone is a role."""
    text = (
        "市长在市委人大工作会议上的讲话\n"
        "讲话人：欧阳文\n"
        "职务：常务副市长\n"
        "会议：全市人大工作会议\n"
        "（2024年8月）\n"
        "同志们：\n"
        "今天开会。"
    )
    speech = speech_of(text)
    assert (speech.speaker_name, speech.role, speech.event, speech.date) == (
        "欧阳文",
        "常务副市长",
        "全市人大工作会议",
        "2024-08",
    )
    assert body_texts(speech) == ["今天开会。"]
    role_only = speech_of("关于人大工作的讲话\n讲话人：市长\n（2024年）\n\n今天开会。")
    assert (role_only.speaker_name, role_only.role, role_only.date) == (None, "市长", "2024")
    assert body_texts(role_only) == ["今天开会。"]
