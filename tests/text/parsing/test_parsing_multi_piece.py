"""Files holding many pieces: several reports one after another, and
scanned volumes of short pieces with page numbers between their lines.

The texts are made up for the tests, in the shapes found in real files.
"""

from text.parsing import parse_text

REPORT = (
    "{year}年某市政府工作报告\n"
    "——{year}年1月{day}日在某市第九届人民代表大会第{n}次会议上\n"
    "某市市长 {name}\n"
    "各位代表：\n"
    "现在，我代表市人民政府，向大会报告工作。\n"
    "一、过去一年的工作\n"
    "过去一年，全市经济运行稳中有进。\n"
    "二、今年的主要任务\n"
    "今年要抓好以下几项工作。\n"
)


def test_several_reports_in_one_file_are_split_into_their_speeches():
    text = "".join(
        REPORT.format(year=year, day=day, n=n, name=name)
        for year, day, n, name in ((2028, 20, "二", "王立"), (2029, 18, "三", "李明"))
    )
    compilation = parse_text(text)
    assert [
        (s.title, s.date, s.speaker_name, s.event) for s in compilation.speeches
    ] == [
        ("2028年某市政府工作报告", "2028-01-20", "王立", "某市第九届人民代表大会第二次会议"),
        ("2029年某市政府工作报告", "2029-01-18", "李明", "某市第九届人民代表大会第三次会议"),
    ]
    for speech in compilation.speeches:
        assert [s.marker for s in speech.sections] == ["一、", "二、"]


DIGITS = "一二三四五六七八九"


def cn_day(day):
    """1..29 in Chinese numerals: 二, 十二, 二十三."""
    tens, units = divmod(day, 10)
    head = {0: "", 1: "十", 2: "二十"}[tens]
    return head + (DIGITS[units - 1] if units else "")


def volume(count):
    """A scanned volume: front matter, then short pieces with a title over
    one or two lines, a bracketed date, the text, a signature, the source
    note, notes, and a page number (sometimes inside a paragraph)."""
    parts = ["某某文稿", "第一册", "出版说明", "本书收入作者的文稿，按时间顺序编排。"]
    for number in range(1, count + 1):
        day = number % 28 + 1
        if number % 2:
            parts += ["关于某项工作", f"给某同志的第{number}封电报"]
        else:
            parts.append(f"给某同志的信之{number}")
        parts.append(f"（一九五一年二月{cn_day(day)}日）")
        parts += [
            "某某同志：",
            "来电收到。同意你们的意见，请即照此办理，",
            str(100 + 2 * number),
            "并将结果电告。",
            "某某",
            "二月一日",
            "根据手稿刊印。",
            "注释",
            "［1］某某，当时任某地负责人。",
        ]
    return "\n".join(parts)


def test_a_scanned_volume_of_short_pieces_is_split_with_page_numbers_set_aside():
    compilation = parse_text(volume(24))
    speeches = compilation.speeches
    assert len(speeches) == 24
    assert speeches[0].title == "关于某项工作 给某同志的第1封电报"
    assert speeches[1].title == "给某同志的信之2"
    assert speeches[0].date == "1951-02-02"
    # The page number inside the paragraph is set aside and the paragraph
    # joins up again.
    texts = [p.text for p in speeches[0].paragraphs]
    assert "来电收到。同意你们的意见，请即照此办理，并将结果电告。" in texts
    assert all(not p.text.isdigit() for s in speeches for p in s.paragraphs)
    kinds = {meta.text: meta.kind for meta in compilation.meta_lines}
    assert kinds["102"] == "page-number"
    # The front matter is the compilation's, not a speech.
    assert compilation.title == "某某文稿"


def test_a_table_of_contents_of_titles_and_dates_is_not_pieces():
    toc = "\n".join(f"给某同志的信之{n}\n（一九五一年三月{n}日）" for n in range(1, 6))
    compilation = parse_text(
        "目次\n" + toc + "\n" + volume(3).split("出版说明\n", 1)[1]
    )
    assert len(compilation.speeches) == 3
    assert compilation.speeches[0].title == "关于某项工作 给某同志的第1封电报"


def test_numbered_excerpts_counting_from_one_are_not_page_numbers():
    lines = []
    for number in range(1, 23):
        lines += [
            str(number),
            f"第{number}段摘录的内容，说明一个道理。",
            f"（2019年5月{number}日在某会议上的讲话）",
        ]
    compilation = parse_text("\n".join(lines))
    assert len(compilation.speeches) == 22
    assert not any(meta.kind == "page-number" for meta in compilation.meta_lines)
