"""Formats beyond the shared samples, rule by rule (the golden files in
tests/fixtures/parsing/unseen/ check them together)."""

import pytest

from text.parsing import parse_text
from text.parsing.dates import parse_date_line, parse_publication_line
from text.parsing.furniture import set_aside_furniture
from text.parsing.linekinds import is_chrome, is_salutation, split_byline_date
from text.parsing.markers import match_marker
from text.parsing.metadata import occasion_from_title, parse_speaker
from text.parsing.normalize import normalize_lines
from text.parsing.sentences import ends_sentence, first_sentence
from text.parsing.trailer import parse_closing_note


def only_speech(text):
    compilation = parse_text(text)
    assert len(compilation.speeches) == 1
    return compilation.speeches[0]


def outline(speech):
    def walk(sections):
        return [(s.marker, s.heading, walk(s.children)) for s in sections]

    return walk(speech.sections)


# Publication lines: a page's date, never the speech's.


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("来源：人民网 发布时间：2023-03-06 09:12", "2023-03-06"),
        ("来源：省委党校网　2023-08-15 16:30", "2023-08-15"),
        ("2023-10-18 10:05:12　来源：新华社", "2023-10-18"),
        ("2023年11月20日 08:30　来源：江城日报", "2023-11-20"),
        ("2024-04-02 09:00 浏览次数：1526", "2024-04-02"),
        ("2024-03-05 来源：新华社", "2024-03-05"),
        ("发布日期：２０２４年１０月１７日", "2024-10-17"),
    ],
)
def test_publication_lines(line, published):
    assert parse_publication_line(line) == published


@pytest.mark.parametrize(
    "line",
    [
        "来源：《求是》2023年第5期",
        "2023年5月8日 10:30，市委召开常委会议。",
        "（2024年8月12日）",
        "2024-03-05",
        "2024年3月5日 星期二",
    ],
)
def test_lines_that_are_not_publication_dates(line):
    assert not parse_publication_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "2024年8月12日（星期一）",
        "2024年8月12日下午3时",
        "2024年8月12日 上午9:30",
        "2024年8月12日，星期一",
    ],
)
def test_when_in_the_day_is_not_a_place(line):
    parsed = parse_date_line(line)
    assert (parsed.date, parsed.rest) == ("2024-08-12", "")


def test_dateline_citing_its_source_and_part_of_day():
    cited = parse_date_line("（摘自2022年9月20日在省委常委会会议上的讲话）")
    assert (cited.date, cited.rest) == ("2022-09-20", "在省委常委会会议上的讲话")
    morning = parse_date_line("2024年6月3日上午")
    assert (morning.date, morning.rest) == ("2024-06-03", "")


# Web and print furniture.


@pytest.mark.parametrize(
    "line",
    [
        "人民网 >> 地方 >> 正文",
        "当前位置：首页 > 政务公开 > 领导讲话",
        "字号：大 中 小",
        "【字体：大 中 小】打印",
        "【纠错】【责任编辑：赵婧】",
        "【打印本页】【关闭窗口】",
        "扫一扫在手机打开当前页",
        "（完）",
    ],
)
def test_page_furniture(line):
    assert is_chrome(line)


@pytest.mark.parametrize("line", ["大家好！", "一、提高认识", "同志们，谢谢大家！"])
def test_text_is_not_furniture(line):
    assert not is_chrome(line)


def test_page_numbers_tables_of_contents_and_dividers_are_set_aside():
    lines = normalize_lines(
        "目　录\n1.在全县经济工作会议上的讲话……………1\n2.在全县项目推进会上的讲话 5\n"
        "正文第一行没有结束，\n— 2 —\n接着上一行。\n＊　＊　＊\n第 3 页 共 12 页\n最后一行。"
    )
    kept, furniture = set_aside_furniture(lines)
    assert [line.text for line in kept] == ["正文第一行没有结束，", "接着上一行。", "最后一行。"]
    assert [meta.kind for meta in furniture] == [
        "toc", "toc", "toc", "page-number", "divider", "page-number",
    ]


def test_a_page_number_inside_a_sentence_does_not_split_the_paragraph():
    speech = only_speech("在全市大会上的讲话\n同志们：\n今天我们召开\n— 2 —\n全市大会。")
    assert [p.text for p in speech.paragraphs] == ["今天我们召开全市大会。"]


def test_a_file_of_page_numbers_only_is_kept_as_text():
    kept, furniture = set_aside_furniture(normalize_lines("— 1 —\n— 2 —"))
    assert len(kept) == 2 and furniture == []


# Speakers, salutations, titles.


@pytest.mark.parametrize(
    ("printed", "name", "role"),
    [
        ("刘志刚（市委书记）", "刘志刚", "市委书记"),
        ("区长王建军同志", "王建军", "区长"),
        ("艾尔肯·吐尼亚孜", "艾尔肯·吐尼亚孜", None),
        ("市委常委、秘书长　郑宏伟", "郑宏伟", "市委常委、秘书长"),
        ("村支书", None, "村支书"),
    ],
)
def test_speaker_grammar(printed, name, role):
    speaker = parse_speaker(printed)
    assert (speaker.name, speaker.role) == (name, role)


def test_byline_and_date_on_one_line():
    speaker, date_line = split_byline_date("王立新　2023年3月5日")
    assert (speaker.name, date_line.date) == ("王立新", "2023-03-05")
    assert split_byline_date("全市经济　2023年3月5日") is None


@pytest.mark.parametrize(
    "line",
    ["尊敬的李书记、张主任，各位来宾，女士们，先生们：", "全市广大党员干部：", "同志们:"],
)
def test_salutations(line):
    assert is_salutation(line)


def test_salutation_over_two_lines():
    speech = only_speech(
        "携手合作\n林振华\n尊敬的各位嘉宾，\n女士们，先生们，朋友们：\n大家好！"
    )
    assert speech.salutation == "尊敬的各位嘉宾，女士们，先生们，朋友们："
    assert [p.text for p in speech.paragraphs] == ["大家好！"]


@pytest.mark.parametrize(
    ("title", "event", "date", "speaker_text"),
    [
        ("秋季开学典礼校长讲话", "秋季开学典礼", None, "校长"),
        ("2024年秋季开学典礼校长致辞", "秋季开学典礼", "2024", "校长"),
        ("年终总结大会总经理讲话稿", "年终总结大会", None, "总经理"),
        ("周海燕：在全市妇女第十三次代表大会上的讲话（全文）", "全市妇女第十三次代表大会", None,
         "周海燕"),
        ("2026年北京市政府工作报告", None, "2026", ""),
        ("2024年全县经济工作会议讲话稿", "全县经济工作会议", "2024", ""),
        ("全县三级干部大会上的讲话", "全县三级干部大会", None, ""),
        ("学习贯彻全会精神的讲话", None, None, ""),
        ("在全市干部作风建设专题培训班开班式上的讲话", "全市干部作风建设专题培训班", None, ""),
    ],
)
def test_title_grammar(title, event, date, speaker_text):
    occasion = occasion_from_title(title)
    assert (occasion.event, occasion.date, occasion.speaker_text) == (event, date, speaker_text)


def test_column_tag_and_dated_subtitle():
    speech = only_speech(
        "【领导讲话】省委书记王立新同志在全省经济工作会议上的讲话\n"
        "——在全省经济工作会议上的讲话（2023年12月20日）\n同志们：\n今天开会。"
    )
    assert speech.title == "省委书记王立新同志在全省经济工作会议上的讲话"
    assert (speech.speaker_name, speech.role, speech.date) == ("王立新", "省委书记", "2023-12-20")


@pytest.mark.parametrize(
    "line",
    ["新华社北京10月17日电", "《江川党建》2023年第4期", "编者按：现将有关论述摘编如下。"],
)
def test_lines_above_a_title_that_are_not_the_title(line):
    speech = only_speech(f"{line}\n在全市大会上的讲话\n同志们：\n今天开会。")
    assert speech.title == "在全市大会上的讲话"


def test_journal_note_after_the_text_dates_it():
    date_line, speaker = parse_closing_note(
        "这是王立新同志2023年4月10日在全省主题教育工作会议上讲话的主要部分。"
    )
    assert (date_line.date, date_line.rest) == ("2023-04-10", "在全省主题教育工作会议上讲话")
    assert speaker.name == "王立新"
    speech = only_speech(
        "坚持以学促干\n王立新\n要把学习贯彻党的创新理论作为首要任务。\n"
        "这是王立新同志2023年4月10日在全省主题教育工作会议上讲话的主要部分。"
    )
    assert (speech.date, speech.event) == ("2023-04-10", "全省主题教育工作会议")
    assert len(speech.paragraphs) == 1


# Markers and sentences.


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("一、一九五四年的主要工作", "一、"),
        ("一　过去五年的工作", "一"),
        ("十三 坚持党的领导", "十三"),
        ("三、四月份，全市降雨偏少。", None),
        ("一、二等奖各一名。", None),
        ("五、六十年代，这里还是一片荒滩。", None),
        ("一 是要加强学习，这是我们的传统。今天", None),
    ],
)
def test_marker_grammar(line, marker):
    found = match_marker(line)
    assert (found.text if found else None) == marker


def test_western_full_stops_end_sentences_but_decimals_do_not():
    assert first_sentence("促进均衡.要加快推进.") == ("促进均衡", ".", "要加快推进.")
    assert first_sentence("达到72.3%,创新高.") == ("达到72.3%,创新高", ".", "")
    assert ends_sentence("谢谢大家.") and not ends_sentence("增长了5.") and not ends_sentence("1.")


def test_numbered_sentences_with_nothing_under_them_are_list_items():
    speech = only_speech(
        "在全区大会上的讲话\n同志们：\n（一）突出抓好重点领域\n1.建筑施工\n"
        "（1）加强危大工程管理。\n（2）严禁无证上岗。\n2.消防安全\n要排查隐患。"
    )
    assert outline(speech) == [
        ("（一）", "突出抓好重点领域", [
            ("1.", "建筑施工", [("（1）", "加强危大工程管理", []), ("（2）", "严禁无证上岗", [])]),
            ("2.", "消防安全", []),
        ]),
    ]
    assert [(p.text, list(p.section_path)) for p in speech.paragraphs] == [
        ("（1）加强危大工程管理。", ["（一）", "1.", "（1）"]),
        ("（2）严禁无证上岗。", ["（一）", "1.", "（2）"]),
        ("要排查隐患。", ["（一）", "2."]),
    ]


def test_a_heading_with_a_stop_over_its_body_stays_a_heading():
    speech = only_speech("在全区大会上的讲话\n同志们：\n（一）粮食生产再获丰收。\n总产量创新高。")
    assert outline(speech) == [("（一）", "粮食生产再获丰收", [])]
    assert [list(p.section_path) for p in speech.paragraphs] == [["（一）"]]


# Compilation layouts.


def test_numbered_speech_titles_split_a_compilation():
    compilation = parse_text(
        "镇领导讲话汇编\n一、在全镇安全生产工作会议上的讲话\n镇长　邓立军\n同志们：\n"
        "（一）认清形势\n要增强责任感。\n二、在全镇春耕生产动员会上的讲话\n（2023年3月20日）\n"
        "同志们：\n要抓好春耕。"
    )
    assert compilation.title == "镇领导讲话汇编"
    assert [(s.title, s.speaker_name, s.date) for s in compilation.speeches] == [
        ("在全镇安全生产工作会议上的讲话", "邓立军", None),
        ("在全镇春耕生产动员会上的讲话", None, "2023-03-20"),
    ]


def test_a_numbered_heading_naming_a_speech_is_still_a_heading():
    speech = only_speech(
        "在全市大会上的讲话\n同志们：\n一、认真学习市委书记在全市大会上的讲话\n要深刻领会。"
        "\n二、抓好落实\n要抓好落实。"
    )
    assert [s.marker for s in speech.sections] == ["一、", "二、"]


def test_title_then_number_marks_essay_site_speeches():
    compilation = parse_text(
        "开学典礼校长讲话稿（通用2篇）\n开学典礼校长讲话稿 篇1\n老师们、同学们：\n新学期开始了。\n"
        "开学典礼校长讲话稿 篇2\n同学们：\n今天我们隆重集会。"
    )
    assert [(s.title, s.role, s.event) for s in compilation.speeches] == [
        ("开学典礼校长讲话稿", "校长", "开学典礼"),
        ("开学典礼校长讲话稿", "校长", "开学典礼"),
    ]


def test_a_single_title_ending_in_a_number_is_not_a_marker():
    speech = only_speech("学习心得 篇1\n今天我们学习了讲话精神，收获很大。")
    assert speech.title == "学习心得 篇1"


def test_excerpts_closed_by_datelines_without_numbers():
    compilation = parse_text(
        "关于基层治理的论述摘编\n一、关于基层治理的重要地位\n基层是社会治理的“最后一公里”。\n"
        "（2021年6月15日在全省基层治理工作会议上的讲话）\n群众利益无小事，要办实办好。\n"
        "——2022年1月8日在青川县调研时的讲话\n二、关于党建引领\n抓基层治理，必须坚持党建引领。\n"
        "（2022年7月20日在全省推进会上的讲话）"
    )
    assert compilation.title == "关于基层治理的论述摘编"
    speeches = compilation.speeches
    assert [s.date for s in speeches] == ["2021-06-15", "2022-01-08", "2022-07-20"]
    assert [s.marker for s in speeches[2].sections] == ["二、"]
    assert not any(w.code.startswith("marker") for s in speeches for w in s.warnings)


def test_unmarked_speeches_with_header_datelines_are_not_excerpts():
    compilation = parse_text(
        "政府工作报告\n——2024年1月10日在县第十八届人民代表大会第四次会议上\n各位代表：\n"
        "现在，我代表县人民政府向大会报告工作。\n一、工作回顾\n过去一年成绩显著。\n"
        "（2024年1月10日在县人代会上）"
    )
    assert len(compilation.speeches) == 1


def test_points_that_name_a_topic_are_headings():
    speech = only_speech(
        "在全市大会上的讲话\n同志们：\n第一，关于思想认识问题\n当前有的同志认识不足。\n"
        "我们必须提高认识。\n第二，工作措施方面\n一是加强领导。要成立领导小组。\n"
        "第三，要加强对重点项目的督查\n调度，确保按期完成。"
    )
    assert outline(speech) == [
        ("第一，", "关于思想认识问题", []),
        ("第二，", "工作措施方面", [("一是", "加强领导", [])]),
        ("第三，", "要加强对重点项目的督查调度，确保按期完成", []),
    ]
    assert [list(p.section_path) for p in speech.paragraphs] == [
        ["第一，"], ["第一，"], ["第二，", "一是"], ["第三，"],
    ]
    assert speech.paragraphs[-1].text == "第三，要加强对重点项目的督查调度，确保按期完成。"


def test_an_editors_note_after_the_text_is_not_body():
    speech = only_speech(
        "在全市大会上的讲话\n同志们：\n要抓好落实。\n（根据录音整理，未经本人审阅）"
    )
    assert [p.text for p in speech.paragraphs] == ["要抓好落实。"]
    assert speech.meta_lines[-1].kind == "note"


def test_publisher_lines_above_the_title():
    speech = only_speech(
        "江城市人民政府门户网站\n江城市人民政府\n在全市深化改革工作会议上的讲话\n"
        "市长　吴海涛\n同志们：\n今天召开会议。"
    )
    assert (speech.title, speech.speaker_name) == ("在全市深化改革工作会议上的讲话", "吴海涛")
    assert [m.kind for m in speech.meta_lines[:2]] == ["source", "source"]


def test_title_over_two_lines():
    cut = only_speech("在全市深化改革\n工作会议上的讲话\n（2024年3月5日）\n同志们：\n今天开会。")
    assert (cut.title, cut.event) == ("在全市深化改革工作会议上的讲话", "全市深化改革工作会议")
    slogan = only_speech(
        "坚定信心 真抓实干\n在全省乡村振兴工作会议上的讲话\n（2023年3月5日）\n同志们：\n今天开会。"
    )
    assert slogan.title == "坚定信心 真抓实干"
    assert slogan.subtitle == "在全省乡村振兴工作会议上的讲话"
    assert slogan.event == "全省乡村振兴工作会议"


@pytest.mark.parametrize(
    "contents",
    [
        "第一篇 在全县经济工作会议上的讲话\n第二篇 在全县项目建设推进会上的讲话",
        "在全县经济工作会议上的讲话\t1\n在全县项目建设推进会上的讲话\t5",
    ],
)
def test_a_list_of_the_speeches_above_them_is_a_table_of_contents(contents):
    compilation = parse_text(
        f"县领导讲话汇编\n{contents}\n第一篇 在全县经济工作会议上的讲话\n同志们：\n今天开会。\n"
        "第二篇 在全县项目建设推进会上的讲话\n同志们：\n项目是生命线。"
    )
    assert compilation.title == "县领导讲话汇编"
    assert [m.kind for m in compilation.meta_lines] == ["title", "toc", "toc"]
    assert [(s.title, len(s.paragraphs)) for s in compilation.speeches] == [
        ("在全县经济工作会议上的讲话", 1),
        ("在全县项目建设推进会上的讲话", 1),
    ]
    assert not any(s.warnings for s in compilation.speeches)


def test_a_colon_near_the_start_closes_a_run_in_heading():
    speech = only_speech(
        "在全市大会上的讲话\n同志们：\n（一）存在的问题\n"
        "一是思想认识不到位：有的同志认为这项工作可有可无。\n"
        "二是工作措施不够有力，一些地方的同志在落实上级部署时说得多、做得少，"
        "习惯于以会议落实会议：这是形式主义的表现。"
    )
    first_point, second_point = speech.sections[0].children
    assert first_point.heading == "思想认识不到位"
    # A colon far into the sentence does not cut the heading there.
    assert second_point.heading.endswith("以会议落实会议：这是形式主义的表现")
    first = speech.paragraphs[0]
    assert first.text[: first.heading_end] == "一是思想认识不到位："


def test_a_speech_citing_dated_quotations_is_not_an_anthology():
    compilation = parse_text(
        "在全市党课上的讲话\n同志们：\n总书记指出，要坚定理想信念。\n"
        "（2019年5月31日在主题教育工作会议上的讲话）\n总书记强调，要勇于自我革命。\n"
        "（2020年1月8日在主题教育总结大会上的讲话）\n我们要认真学习领会。"
    )
    assert len(compilation.speeches) == 1
    assert len(compilation.speeches[0].paragraphs) == 5


def test_unmarked_speeches_under_their_own_titles():
    compilation = parse_text(
        "坚定信心 奋力争先\n——在全县经济工作会议上的讲话\n（2024年1月6日）\n同志们：\n"
        "这次会议的主要任务是部署今年经济工作。\n在全县项目建设推进会上的讲话\n县长　钱晓峰\n"
        "同志们：\n项目是经济发展的生命线。"
    )
    assert [(s.title, s.event, s.speaker_name) for s in compilation.speeches] == [
        ("坚定信心 奋力争先", "全县经济工作会议", None),
        ("在全县项目建设推进会上的讲话", "全县项目建设推进会", "钱晓峰"),
    ]


def test_one_titled_speech_is_one_speech():
    compilation = parse_text(
        "在全县经济工作会议上的讲话\n同志们：\n会议要求学习在全省会议上的讲话。\n要抓好落实。"
    )
    assert len(compilation.speeches) == 1
