"""Running heads of scanned books: the volume's or chapter's title printed at
the top of every page, beside the page number or on a line of its own, is
set aside like the page numbers, and a paragraph broken by it joins up.

The texts are made up for the tests, in the shapes of OCR'd volumes.
"""

from text.parsing import parse_text

DIGITS = "一二三四五六七八九"
# The paragraph a page top falls into, joined up again.
JOINED = "来电收到。同意你们的意见，请即照此办理，并将办理结果电告中央。"


def all_meta(compilation):
    metas = list(compilation.meta_lines)
    for speech in compilation.speeches:
        metas.extend(speech.meta_lines)
    return metas


def kinds_of(compilation, text):
    return [meta.kind for meta in all_meta(compilation) if meta.text == text]


def paragraphs(compilation):
    return [p.text for speech in compilation.speeches for p in speech.paragraphs]


def volume(count, page_top):
    """A scanned volume of short pieces; ``page_top(n)`` gives the lines
    printed at the top of page n (a page number, a running head), put in the
    middle of each piece's paragraph."""
    parts = ["某某文稿选编", "第二册", "出版说明", "本书收入作者的文稿，按时间顺序编排。"]
    for number in range(1, count + 1):
        parts.append(f"给某同志的第{number}封电报")
        parts.append(f"（一九五一年三月{DIGITS[number % 9]}日）")
        parts += [
            "某某同志：",
            "来电收到。同意你们的意见，请即照此办理，",
            *page_top(10 + number),
            "并将办理结果电告中央。",
            "根据手稿刊印。",
        ]
    return "\n".join(parts)


def test_a_head_beside_its_page_number_is_set_aside():
    # Even pages print the page number then the volume's title; odd pages the
    # title then the number (as books do), with spaces between.
    def top(page):
        return [f"{page}　某某文稿选编"] if page % 2 == 0 else [f"某某文稿选编   {page}"]

    compilation = parse_text(volume(6, top))
    assert len(compilation.speeches) == 6
    assert kinds_of(compilation, "12　某某文稿选编") == ["running-head"]
    assert kinds_of(compilation, "某某文稿选编   13") == ["running-head"]
    assert JOINED in paragraphs(compilation)
    # The volume's own title, printed once on its title page, stays its title.
    assert compilation.title == "某某文稿选编"


def test_a_head_on_its_own_line_beside_a_page_number_is_set_aside():
    def top(page):
        return [f"— {page} —", "某某文稿选编"]

    compilation = parse_text(volume(5, top))
    assert len(compilation.speeches) == 5
    heads = [m for m in all_meta(compilation) if m.kind == "running-head"]
    assert len(heads) == 5 and {m.text for m in heads} == {"某某文稿选编"}
    assert all("某某文稿选编" not in text for text in paragraphs(compilation))
    assert JOINED in paragraphs(compilation)
    assert compilation.title == "某某文稿选编"


def test_a_chapter_title_stays_where_the_chapter_starts():
    lines = ["第一章　农业生产", "一、春耕", "各地要抓紧春耕准备，"]
    for page in range(3, 7):
        lines += [f"- {page} -", "第一章　农业生产", f"组织好第{page}批种子调运，保证及时下种。"]
    lines += ["二、夏收", "夏收工作要早作安排。"]
    compilation = parse_text("\n".join(lines))
    (speech,) = compilation.speeches
    assert kinds_of(compilation, "第一章　农业生产").count("running-head") == 4
    # Its first printing, not beside a page number, is the chapter heading.
    assert speech.sections[0].marker == "第一章"
    assert [s.marker for s in speech.sections[0].children] == ["一、", "二、"]


def test_titles_recurring_at_the_top_of_pages_are_not_running_heads():
    # Each piece of a volume starts on a new page, and 给某某的信 recurs:
    # a line with a date below it is a title.
    parts = []
    for number in range(1, 6):
        parts += [
            str(40 + number),
            "给胡某某的信",
            f"（一九五一年四月{DIGITS[number]}日）",
            "某某同志：",
            "你的信收到了，所提意见很好。",
        ]
    compilation = parse_text("\n".join(parts))
    assert [s.title for s in compilation.speeches] == ["给胡某某的信"] * 5
    assert not any(m.kind == "running-head" for m in all_meta(compilation))


def test_repeated_lines_away_from_page_numbers_are_text():
    # A signature, a source note and a notes heading recur in every piece of
    # a volume: they are not beside page numbers, so they are not heads.
    def top(page):
        return [str(page)]

    text = volume(25, top)
    compilation = parse_text(text)
    assert not any(m.kind == "running-head" for m in all_meta(compilation))


def test_numbers_that_do_not_count_up_make_no_head():
    # A short line printed with unrelated numbers (a list of figures) is text.
    lines = ["某市统计公报", "各区人口如下："]
    lines += [f"东城区 {n}" for n in (90, 12, 55, 7, 31)]
    lines += [f"东城区   {n}" for n in (8, 3)]
    compilation = parse_text("\n".join(lines))
    assert not any(m.kind == "running-head" for m in all_meta(compilation))


def test_nothing_is_dropped_with_running_heads_set_aside():
    def top(page):
        return [f"{page}　某某文稿选编"]

    text = volume(4, top)
    compilation = parse_text(text)
    kept = "".join(compilation.kept_texts())
    assert sorted(kept.replace(" ", "").replace("\u3000", "")) == sorted(
        text.replace("\n", "").replace(" ", "").replace("\u3000", "")
    )
