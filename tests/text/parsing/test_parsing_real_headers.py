"""Header blocks as real pages print them (docs/parsing.md, "Header block").

Each text is a small made-up page of the shape found on government and
news sites: furniture, near-repeats of the title, news leads, bylines
split over lines, one-line date + meeting + byline, labels whose values
stand on the next line, salutations to several guests. None of their
lines may become the body's first section.
"""

from text.parsing import parse_text


def only_speech(text):
    compilation = parse_text(text)
    assert len(compilation.speeches) == 1
    return compilation.speeches[0]


def kinds(speech):
    return {meta.text: meta.kind for meta in speech.meta_lines}


def top(speech):
    return [section.marker or section.heading for section in speech.sections]


def test_near_repeat_of_the_title_and_a_two_line_byline():
    speech = only_speech(
        "2030年某省人民政府工作报告\n"
        "政府工作报\n"
        "告\n"
        "——2030年1月20日在某省第九届人民代表大会第二次会议上\n"
        "省长\n"
        "　王　明\n"
        "各位代表：\n"
        "现在，我代表省人民政府向大会报告工作。\n"
        "一、过去一年的工作\n"
        "过去一年，全省经济稳中有进。\n"
        "二、今年的主要任务\n"
        "今年要抓好以下工作。\n"
    )
    assert speech.speaker_name == "王明"
    assert speech.role == "省长"
    assert speech.date == "2030-01-20"
    assert speech.event == "某省第九届人民代表大会第二次会议"
    assert speech.salutation == "各位代表："
    assert top(speech) == ["一、", "二、"]
    assert kinds(speech)["政府工作报"] == "title-repeat"
    assert kinds(speech)["省长"] == "byline"


def test_a_body_name_is_never_the_speaker():
    speech = only_speech(
        "政府工作报告\n——2030年3月5日在全国人民代表大会上\n"
        "国务院总理\n张　华\n各位代表：\n现在报告工作。"
    )
    assert speech.speaker_name == "张华"
    assert speech.role == "国务院总理"


def test_title_printed_again_over_two_lines_under_a_page_title():
    speech = only_speech(
        "团结奋斗 开创新时代新局面 (某次大会)\n"
        "团结奋斗\n"
        "为开创新时代新局面\n"
        "——在某党第五次代表大会上的报告\n"
        "（2031年5月8日）\n"
        "赵　立　新\n"
        "同志们：\n"
        "现在，我代表委员会向大会作报告。\n"
        "一、过去五年的工作\n"
        "五年来，我们取得了新成就。\n"
        "二、今后五年的任务\n"
        "今后五年任务艰巨。\n"
    )
    assert speech.speaker_name == "赵立新"
    assert speech.date == "2031-05-08"
    assert speech.event == "某党第五次代表大会"
    assert top(speech) == ["一、", "二、"]
    assert kinds(speech)["为开创新时代新局面"] == "title-repeat"


def test_breadcrumb_split_labels_and_a_news_lead_before_the_salutation():
    speech = only_speech(
        "当前位置：\n首页\n>\n政务信息\n>\n要闻\n"
        "2030年某自治区政府工作报告\n"
        "发表时间：\n2030-02-09 09:45:30\n来源：\n某日报客户端\n阅读量：\n"
        "【字体：\n小\n中\n大\n】\n"
        "政府工作报告\n"
        "——2030年2月3日在某自治区第九届人民代表大会第四次会议上\n"
        "自治区人民政府主席 刘建国\n"
        "2月3日，某自治区第九届人民代表大会第四次会议开幕，刘建国作政府工作报告。\n"
        "各位代表：\n"
        "现在，我代表自治区人民政府，向大会报告工作。\n"
        "一、2029年工作回顾\n"
        "过去一年，全区经济持续向好。\n"
        "二、2030年重点工作\n"
        "今年要抓好八项工作。\n"
    )
    assert speech.title == "2030年某自治区政府工作报告"
    assert speech.speaker_name == "刘建国"
    assert speech.role == "自治区人民政府主席"
    assert speech.date == "2030-02-03"
    assert speech.published == "2030-02-09"
    assert speech.event == "某自治区第九届人民代表大会第四次会议"
    assert top(speech) == ["一、", "二、"]
    assert not any(p.text.startswith("2月3日") for p in speech.paragraphs)


def test_date_meeting_and_byline_on_one_line_below_a_publication_stamp():
    speech = only_speech(
        "2030年某省人民政府工作报告\n"
        "2030年02月10日 07时41分\n"
        "来源:\n某日报\n"
        "2030年2月3日在某省第十四届人民代表大会第五次会议上 某省人民政府省长 孙立平\n"
        "各位代表：\n"
        "现在报告工作。\n"
        "一、回顾\n过去一年成绩显著。\n二、任务\n今年任务繁重。\n"
    )
    assert speech.speaker_name == "孙立平"
    assert speech.role == "某省人民政府省长"
    assert speech.date == "2030-02-03"
    assert speech.published == "2030-02-10"
    assert speech.event == "某省第十四届人民代表大会第五次会议"


def test_u2015_dash_and_a_date_line_wrapped_over_two_lines():
    speech = only_speech(
        "政府工作报告\n"
        "――2030年1月25日在某市第十六届人民代表\n"
        "大会第四次会议上\n"
        "某市市长 周　平\n"
        "各位代表：\n"
        "现在报告工作。"
    )
    assert speech.date == "2030-01-25"
    assert speech.event == "某市第十六届人民代表大会第四次会议"
    assert speech.speaker_name == "周平"
    assert [p.text for p in speech.paragraphs] == ["现在报告工作。"]


def test_no_salutation_the_header_ends_at_its_last_line():
    speech = only_speech(
        "陈志：在某座谈会上的讲话\n"
        "在某座谈会上的讲话\n"
        "（2030年11月1日）\n"
        "陈志\n"
        "一、充分肯定成绩\n"
        "这些年来，我们的工作取得了很大成绩。\n"
        "二、下一步工作\n"
        "下一步要继续努力。\n"
    )
    assert speech.speaker_name == "陈志"
    assert speech.date == "2030-11-01"
    assert speech.event == "某座谈会"
    assert top(speech) == ["一、", "二、"]


def test_a_news_lead_between_the_title_and_the_printed_header():
    speech = only_speech(
        "吴刚：在某大会上的讲话\n"
        "3月20日，某大会在北京闭幕。吴刚出席大会并发表重要讲话。\n"
        "在某大会上的讲话\n"
        "（2030年3月20日）\n"
        "吴刚\n"
        "各位代表：\n"
        "这次大会开得很成功。\n"
    )
    assert speech.date == "2030-03-20"
    assert speech.speaker_name == "吴刚"
    assert [p.text for p in speech.paragraphs] == ["这次大会开得很成功。"]


def test_a_salutation_to_several_guests_over_several_lines():
    speech = only_speech(
        "携手共进 共创未来\n"
        "——在某论坛开幕式上的主旨讲话\n"
        "（2030年9月3日，北京）\n"
        "某国主席　郑和平\n"
        "尊敬的各位国家元首、政府首脑、代表团团长，\n"
        "尊敬的某组织秘书长某某先生，\n"
        "各位来宾，\n"
        "女士们，先生们，朋友们：\n"
        "九月的北京，秋色怡人。\n"
    )
    assert speech.date == "2030-09-03"
    assert speech.place == "北京"
    assert speech.speaker_name == "郑和平"
    assert speech.salutation.startswith("尊敬的各位国家元首")
    assert speech.salutation.endswith("朋友们：")
    assert [p.text for p in speech.paragraphs] == ["九月的北京，秋色怡人。"]


def test_a_header_line_never_wraps_the_speech_as_its_top_section():
    speech = only_speech(
        "2030年某省政府工作报告\n"
        "政府工作报告\n"
        "（2030年1月8日）\n"
        "一、回顾\n过去一年成绩显著。\n二、任务\n今年任务繁重。\n"
    )
    assert top(speech) == ["一、", "二、"]


def test_news_report_title_names_the_speaker():
    speech = only_speech(
        "某会议在京举行 林强王芳作重要讲话\n"
        "12月18日至20日，某会议在北京举行。\n"
        "会议认为，过去一年工作成效明显。\n"
    )
    assert speech.speaker_name == "林强"


def test_letter_signed_at_its_foot():
    speech = only_speech(
        "高远致某论坛的贺信\n"
        "值此论坛开幕之际，我谨表示热烈祝贺。\n"
        "预祝论坛取得圆满成功！\n"
        "某国主席　高远\n"
        "2030年1月22日于北京\n"
    )
    assert speech.speaker_name == "高远"
    assert speech.date == "2030-01-22"
    assert [p.text for p in speech.paragraphs][-1] == "预祝论坛取得圆满成功！"
