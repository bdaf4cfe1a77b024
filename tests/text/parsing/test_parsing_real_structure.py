"""Body structure as real reports print it.

Small made-up texts of the shapes found in government work reports and
party reports: unnumbered top-level headings, standalone 一是…。 headings,
appendices with their own lists, lists restarting inside a section, lone
superscript digits and link fragments, headings that open with a year or
a decade.
"""

from text.parsing import parse_text

HEAD = "某市政府工作报告\n（2030年1月20日）\n各位代表：\n"


def speech_of(body):
    compilation = parse_text(HEAD + body)
    assert len(compilation.speeches) == 1
    return compilation.speeches[0]


def outline(sections):
    return [(s.marker or s.heading, outline(s.children)) for s in sections]


def path_of(speech, start):
    return next(list(p.section_path) for p in speech.paragraphs if p.text.startswith(start))


def test_unnumbered_top_level_headings_hold_the_numbered_items_below():
    speech = speech_of(
        "过去五年工作回顾\n"
        "五年来，我们砥砺奋进，取得了显著成绩。\n"
        "（一）经济实力明显增强\n"
        "全市生产总值年均增长百分之六。\n"
        "（二）改革开放不断深化\n"
        "重点领域改革取得突破。\n"
        "今后五年的目标任务\n"
        "今后五年，要全面推进现代化建设。\n"
        "（一）建设创新城市\n"
        "加快科技创新平台建设。\n"
    )
    assert outline(speech.sections) == [
        ("过去五年工作回顾", [("（一）", []), ("（二）", [])]),
        ("今后五年的目标任务", [("（一）", [])]),
    ]
    # The heading is a line of its own, not glued to the paragraph below.
    assert path_of(speech, "五年来") == ["过去五年工作回顾"]
    assert all(not p.text.startswith("过去五年工作回顾") for p in speech.paragraphs)


def test_standalone_yishi_lines_head_the_paragraphs_below_them():
    speech = speech_of(
        "一、过去一年工作回顾\n"
        "一年来，主要做了以下工作。\n"
        "一是稳住经济大盘，发展质量稳步提升。\n"
        "面对多重压力，我们出台稳增长政策。\n"
        "全年新增市场主体十万户。\n"
        "二是优先稳就业保民生，人民生活持续改善。\n"
        "城镇新增就业五万人。\n"
        "二、今年的主要任务\n"
        "今年要抓好以下工作。\n"
    )
    assert outline(speech.sections) == [
        ("一、", [("一是", []), ("二是", [])]),
        ("二、", []),
    ]
    assert path_of(speech, "面对多重压力") == ["一、", "一是"]
    assert path_of(speech, "全年新增") == ["一、", "一是"]
    assert path_of(speech, "城镇新增") == ["一、", "二是"]
    assert path_of(speech, "今年要抓好") == ["二、"]


def test_run_in_points_still_hold_only_their_paragraph():
    speech = speech_of(
        "一、工作要求\n"
        "第一，要提高认识，把思想统一到部署上来，切实增强责任感和紧迫感。\n"
        "第二，要加强领导，主要负责同志要亲自抓，分管同志要具体抓。\n"
        "总之，要把各项工作落到实处。\n"
    )
    assert path_of(speech, "总之") == ["一、"]


def test_appendix_keeps_its_own_lists_apart_from_the_report():
    compilation = parse_text(
        HEAD
        + "一、过去一年的工作\n去年工作很好。\n"
        + "二、今年的任务\n今年要努力。\n"
        + "名词解释\n"
        + "1.“两新”：是指设备更新和以旧换新。\n"
        + "2.“两重”：是指重大战略和重点领域。\n"
        + "附件1\n"
        + "一、数据来源\n数据来自统计部门。\n"
    )
    data = compilation.to_dict()["speeches"][0]
    assert [s["marker"] for s in data["sections"]] == ["一、", "二、"]
    assert [s["marker"] for s in data["appendices"]] == ["名词解释", "附件1"]
    speech = compilation.speeches[0]
    assert path_of(speech, "1.“两新”") == ["名词解释", "1."]
    assert path_of(speech, "数据来自") == ["附件1", "一、"]


def test_appendix_name_on_the_line_below_its_number():
    speech = speech_of("一、工作\n去年工作很好。\n附件1\n名词解释\n1.甲：是一种说法。\n")
    appendix = speech.sections[-1]
    assert (appendix.marker, appendix.heading, appendix.appendix) == ("附件1", "名词解释", True)


def test_a_list_restarting_inside_a_section_does_not_open_top_level_sections():
    speech = speech_of(
        "一、总体要求\n要坚持稳中求进。\n"
        "二、严格控制投资规模\n为了控制规模，国务院规定：\n"
        "一、投资总规模由国家统一安排，各地不得突破；\n"
        "二、大中型项目一律由国家计委审批；\n"
        "三、所有项目必须按程序办事。\n"
        "三、调整和整顿现有企业\n企业整顿要加快。\n"
    )
    assert [s.marker for s in speech.sections] == ["一、", "二、", "三、"]
    assert path_of(speech, "一、投资总规模") == ["二、", "一、"]
    assert path_of(speech, "三、所有项目") == ["二、", "三、"]
    assert path_of(speech, "企业整顿") == ["三、"]


def test_an_inner_series_restarts_under_each_outer_heading():
    speech = speech_of(
        "一、任务\n要做好三方面工作。\n"
        "（一）稳增长\n1.扩大投资\n投资增长百分之五。\n2.促进消费\n消费增长百分之六。\n"
        "（二）促改革\n1.国企改革\n推进混合所有制改革。\n"
    )
    assert outline(speech.sections) == [
        ("一、", [("（一）", [("1.", []), ("2.", [])]), ("（二）", [("1.", [])])])
    ]


def test_lone_superscript_digits_and_link_fragments_stay_in_their_paragraph():
    speech = speech_of(
        "一、回顾\n"
        "货币政策保持稳健，广义货币M\n2\n和社会融资规模增长百分之十。\n"
        "我们认真落实\n“十四五\n”规划，实现了良好开局。\n"
        "坚持计划生育的基本国策，贯彻《\n人口与计划生育法\n》，稳定低生育水平。\n"
        "二、任务\n今年任务很重。\n"
    )
    assert [s.marker for s in speech.sections] == ["一、", "二、"]
    assert speech.sections[0].children == []
    texts = [p.text for p in speech.paragraphs]
    assert "货币政策保持稳健，广义货币M2和社会融资规模增长百分之十。" in texts
    assert "坚持计划生育的基本国策，贯彻《人口与计划生育法》，稳定低生育水平。" in texts


def test_headings_that_open_with_a_year_or_a_decade_are_headings():
    speech = speech_of(
        "一、五十年代以来的经验\n我们积累了丰富经验。\n"
        "二、二〇三五年远景目标\n到二〇三五年基本实现现代化。\n"
        "三、四月份的安排已经下达，各单位要抓紧落实。\n"
    )
    assert [s.marker for s in speech.sections] == ["一、", "二、"]
    assert speech.sections[0].heading == "五十年代以来的经验"
    assert speech.sections[1].heading == "二〇三五年远景目标"
    assert path_of(speech, "三、四月份") == ["二、"]


def test_unnumbered_heading_opening_with_a_year():
    speech = speech_of(
        "二〇三五年远景目标\n到二〇三五年，我市将基本实现社会主义现代化。\n"
        "今年的主要任务\n今年要抓好八个方面的工作。\n"
    )
    assert [s.heading for s in speech.sections] == ["二〇三五年远景目标", "今年的主要任务"]


def test_paren_numbers_outside_cn_numbers_when_their_series_goes_on_past_them():
    # （一） （二） open the report, 一、 二、 三、 follow under （二）, then （三）
    # goes on: the paren series is the outer one.
    speech = speech_of(
        "（一）当前的经济形势\n"
        "过去一年，经济形势稳定。\n"
        "（二）今后经济建设的方针\n"
        "今后要坚持以下方针。\n"
        "一、依靠政策和科学，加快农业的发展\n"
        "农业要稳步发展。\n"
        "二、调整工业的服务方向\n"
        "工业要服务人民生活。\n"
        "三、提高能源的利用效率\n"
        "能源要节约使用。\n"
        "（三）经济发展的前景\n"
        "前景是光明的。\n"
    )
    assert outline(speech.sections) == [
        ("（一）", []),
        ("（二）", [("一、", []), ("二、", []), ("三、", [])]),
        ("（三）", []),
    ]
    assert path_of(speech, "能源要节约") == ["（二）", "三、"]
    assert path_of(speech, "前景是光明的") == ["（三）"]


def test_paren_numbers_restarting_under_each_cn_heading_stay_inside():
    # （一） （二） as a list in the opening, then 一、 with its own （一）:
    # the series starts again, so 一、 stays the outer level.
    speech = speech_of(
        "今年的工作有两个特点：\n"
        "（一）稳中求进\n"
        "经济运行平稳。\n"
        "（二）进中提质\n"
        "质量效益提高。\n"
        "一、扩大内需\n"
        "（一）提振消费\n"
        "消费持续恢复。\n"
        "二、深化改革\n"
        "（一）国企改革\n"
        "改革持续深化。\n"
    )
    top = [marker for marker, _children in outline(speech.sections)]
    assert top[-2:] == ["一、", "二、"]
    assert path_of(speech, "改革持续深化") == ["二、", "（一）"]


def test_a_heading_ending_in_a_noun_like_fangxiang_is_not_a_cut_line():
    # 方向 ends in 向 (also a preposition that would leave a line unfinished).
    speech = speech_of(
        "一、调整重工业的服务方向\n"
        "重工业要为农业和轻工业服务。\n"
        "二、坚持正确导向\n"
        "舆论工作要坚持正确导向。\n"
    )
    assert [(s.marker, s.heading, s.run_in) for s in speech.sections] == [
        ("一、", "调整重工业的服务方向", False),
        ("二、", "坚持正确导向", False),
    ]
    assert path_of(speech, "重工业要为") == ["一、"]
