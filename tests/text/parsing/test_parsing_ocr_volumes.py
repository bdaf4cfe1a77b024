"""OCR'd volumes of short pieces as scanners really leave them: a table of
contents whose dates are misread and whose dot leaders came out as letters,
dates with misread numerals, notes that refer to 本篇二, parts of a quoted
book numbered 第五篇 … 第一篇.

The texts are made up for the tests, in those shapes.
"""

from text.parsing import parse_text

DIGITS = "一二三四五六七八九"
FRONT = ["某某文稿", "第二册", "出版说明", "本书收入作者的文稿，按时间顺序编排。"]


def piece(number, date=None):
    date = date or f"（一九五一年三月{DIGITS[number % 9]}日）"
    return [
        f"关于某项工作给某同志的第{number}封电报",
        date,
        "某某同志：",
        f"来电收到。同意你们的第{number}项意见，请即照此办理。",
        "毛泽东",
        "根据手稿刊印。",
    ]


def ocr_contents(count):
    """A scanned table of contents: titles over one or two lines, dates with
    misread numerals, leaders read as letters, page numbers, a stray stop."""
    lines = ["目 有"]
    leaders = ["eeeoee", "ooveoooe", "pe", "ssesses"]
    for number in range(1, count + 1):
        if number % 3 == 0:
            day = DIGITS[number % 9]
            entry = f"第{number}封电报(一九五一年三月{day}日) {10 + number}"
            lines += ["关于某项工作给某同志的", entry]
        else:
            lines += [
                f"关于某项工作给某同志的第{number}封电报",
                f"(一妃五一年三月{DIGITS[number % 9]}目 {leaders[number % 4]} {10 + number}",
            ]
        if number == 5:
            lines.append("看来很好。")  # an OCR'd stop inside the contents
    lines.append("编后记 be  661")
    return lines


def test_a_scanned_table_of_contents_is_no_piece():
    lines = [*FRONT, *ocr_contents(12)]
    for number in range(1, 5):
        lines += piece(number)
    compilation = parse_text("\n".join(lines))
    assert [s.title for s in compilation.speeches] == [
        f"关于某项工作给某同志的第{number}封电报" for number in range(1, 5)
    ]
    # The last entry of the contents (its page number after letters) is not
    # the first piece's title.
    assert compilation.speeches[0].line == len([*FRONT, *ocr_contents(12)]) + 1


def test_dates_with_misread_numerals_still_start_their_pieces():
    lines = list(FRONT)
    misread = {2: "【一丸五一年三月二十八日)", 4: "(一区五一年四月十轧日)"}
    for number in range(1, 6):
        lines += piece(number, misread.get(number))
    compilation = parse_text("\n".join(lines))
    speeches = compilation.speeches
    assert len(speeches) == 5
    assert [s.title for s in speeches] == [
        f"关于某项工作给某同志的第{number}封电报" for number in range(1, 6)
    ]
    # Nothing is guessed: a misread year gives no date.
    assert speeches[0].date == "1951-03-02"
    assert speeches[1].date is None


def test_a_note_referring_to_benpian_two_is_not_a_speech_marker():
    lines = list(FRONT)
    for number in range(1, 4):
        lines += piece(number)
        lines += ["注释", f"［1］本篇一写在某某报送的第{number}份报告稿上; 本篇二"]
    compilation = parse_text("\n".join(lines))
    assert len(compilation.speeches) == 3


def test_piece_numbers_that_do_not_count_up_are_not_the_files_speeches():
    # A volume quoting a book's parts: 第五篇 … 第一篇 inside its pieces.
    lines = list(FRONT)
    for number in range(1, 4):
        lines += piece(number)
    lines[11:11] = ["第五篇", "统一国家重建时期的哲学思想"]
    lines += ["第一篇", "马克思主义哲学是无产阶级的哲学"]
    compilation = parse_text("\n".join(lines))
    assert [s.title for s in compilation.speeches] == [
        f"关于某项工作给某同志的第{number}封电报" for number in range(1, 4)
    ]


def test_essay_site_markers_still_split():
    text = "\n".join([
        "讲话稿范文 篇1", "同志们：", "今天开会。", "讲话稿范文 篇2", "同志们：", "明天开会。",
    ])
    assert len(parse_text(text).speeches) == 2


def test_a_footnote_above_the_next_title_stays_with_its_piece():
    # A piece's notes (注释, then "[1] 某某，当时任…", the bracket often lost
    # in the scan) end just above the next piece's title: the note is never
    # taken for a line of that title.
    lines = list(FRONT)
    for number in range(1, 5):
        lines += piece(number)
        lines += ["注 释", f"[{number} 某某，当时任某地某职"]
    compilation = parse_text("\n".join(lines))
    speeches = compilation.speeches
    assert [s.title for s in speeches] == [
        f"关于某项工作给某同志的第{number}封电报" for number in range(1, 5)
    ]
    assert all(speech.paragraphs for speech in speeches)
    # The note is kept, at the end of the piece it belongs to.
    assert "[1 某某，当时任某地某职" in speeches[0].paragraphs[-1].text
