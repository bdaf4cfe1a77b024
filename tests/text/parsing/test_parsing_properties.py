"""Property: whatever a compilation looks like, no visible character is lost."""

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from text.parsing import ParseError, parse_text

INVISIBLE = re.compile("[\\s\ufeff\u200b-\u200d\u2060\ue000-\uf8ff]+")

# Pieces that exercise every grammar: speech markers, headings, points,
# header lines, web furniture, licences, dates, and plain text.
LINE_STARTS = [
    "第一篇：", "第二篇 ", "第3篇:", "篇一：", "一", "二", "一、", "十三、", "（一）", "(二)",
    "1.", "2、", "（1）", "①", "第一，", "一是", "二要", "首先，", "第一部分", "第一个问题：",
    "同志们：", "各位代表、同志们：", "文章标题：", "发布时间：2024-08-14来源：", "时间：",
    "（2024年8月12日）", "——2026年1月25日在全市大会上", "二〇二六年一月二十七日", "王 萍",
    "北京市市长 殷勇", "下载", "【字号：", "本作品", "相关报道：", "责任编辑：", "2024年",
    "（2017年10月25日在全会上的讲话）", "关于", "", "", "", "",
    # Formats beyond the shared samples: print furniture, essay-site and
    # anthology layouts, journal notes, two-line salutations, bylines.
    "— 2 —", "第 3 页 共 9 页", "目　录", "＊　＊　＊", "开学典礼校长讲话稿 篇1", "【篇二】",
    "在全县大会上的讲话……………1", "这是王立新同志2023年4月10日在全省会议上讲话的一部分。",
    "（摘自2022年9月20日在省委会议上的讲话）", "【字体：大 中 小】打印", "新华社北京3月5日电",
    "一　", "一、在全镇大会上的讲话", "尊敬的各位嘉宾，", "刘志刚（市委书记）",
    "王立新　2023年3月5日",
    "来源：人民网 发布时间：2023-03-06 09:12", "2023-10-18 10:05:12　来源：新华社", "（完）",
    "人民网 >> 地方 >> 正文", "【领导讲话】", "——在全省会议上的讲话（2023年12月20日）", "(1)",
]
FRAGMENTS = [
    "市长在全市人大工作会议上的讲话", "人民代表大会制度", "要坚持依法行政", "提出了很",
    "多建设性意见", "谢谢大家", "政府工作报告", "會議", "「向科学进军」", "xx", "10年来",
]
PUNCTUATION = ["。", "，", "：", "！", "？", "；", "、", "”", "“", "）", "（", "…", ".", ":", ""]
NOISE = [" ", "\u3000", "\xa0", "\t", "\u200b", "\ue004", "\ufeff", ""]
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", "\n\u200b\n"]

fragment = st.sampled_from(FRAGMENTS) | st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), max_size=12
)
body = st.lists(
    st.tuples(fragment, st.sampled_from(PUNCTUATION), st.sampled_from(NOISE)),
    max_size=6,
).map(lambda parts: "".join(f"{text}{noise}{mark}" for text, mark, noise in parts))
line = st.tuples(
    st.sampled_from(NOISE), st.sampled_from(LINE_STARTS), body, st.sampled_from(LINE_ENDS)
).map(lambda parts: "".join(parts))
compilation_text = st.lists(line, min_size=1, max_size=40).map("".join)


def visible(text: str) -> Counter:
    return Counter(INVISIBLE.sub("", text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(compilation_text)
def test_every_visible_character_is_kept_exactly_once(text):
    try:
        compilation = parse_text(text)
    except ParseError as error:
        assert error.code == "no-text"
        assert not visible(text)
        return
    assert visible(compilation.text) == visible(text)
    assert visible("".join(compilation.kept_texts())) == visible(compilation.text)
    for speech in compilation.speeches:
        for paragraph in speech.paragraphs:
            assert paragraph.text
            if paragraph.heading_end is not None:
                assert 0 < paragraph.heading_end <= len(paragraph.text)
        assert all(warning.message for warning in speech.warnings)
