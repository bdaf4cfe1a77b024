"""What counts as a Chinese character: the one definition.

The unified ideographs and their extensions (A in the BMP, B onwards in
the supplementary planes), the compatibility ideographs and 〇 (the
ideographic zero of dates such as 二〇二四年). The import service refuses a
file without one, segmentation indexes each one, search hints tell a
Chinese query from a Latin one.

The parser's grammars keep narrower classes of their own where a rule
means "the characters a name or a place is written in", not "any Chinese
character" (``text.parsing.lexicon``).
"""

import re

# A character class, to be used inside larger patterns.
CHINESE_CHARACTER = "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
CHINESE_CHARACTER_RE = re.compile(CHINESE_CHARACTER)


def has_chinese(text: str) -> bool:
    return CHINESE_CHARACTER_RE.search(text) is not None
