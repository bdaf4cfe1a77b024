"""Chinese word segmentation with jieba and the project's domain dictionary.

Indexing and querying must segment the same way: the index holds
``search_tokens(text)`` and a query term is cut with ``index_words``, the
function ``search_tokens`` itself is built on. Both cut the ``normalized``
text: traditional and variant characters folded to simplified ones
(``text.variants``), so that either script finds both, and jieba,
whose dictionary is simplified, cuts historical texts into words too.

The tokenizer is built once, on first use: loading the dictionary costs
about half a second, which no request or import of a small file should pay
twice, and a process that never segments never pays it.
"""

import functools
import hashlib
import logging
import re
import threading
import unicodedata
from pathlib import Path

import jieba

from text import variants
from text.chinese import CHINESE_CHARACTER_RE

jieba.setLogLevel(logging.WARNING)

DICTIONARY = Path(__file__).resolve().parent / "data" / "jieba_userdict.txt"

# A token worth indexing holds at least one letter, digit or CJK character.
_WORDLIKE = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Letters and digits: what both full-text engines keep as one token.
_ATOM = re.compile(r"[^\W_]+")

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def tokenizer() -> jieba.Tokenizer:
    """The shared tokenizer with the domain dictionary loaded."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                instance = jieba.Tokenizer()
                instance.initialize()
                instance.load_userdict(str(DICTIONARY))
                _tokenizer = instance
    return _tokenizer


@functools.cache
def dictionary_version() -> str:
    """Names the segmentation in use: jieba's version and the domain dictionary's.

    Tokens stored under another version were cut by other rules; whoever
    stores tokens keeps this with them to know when to cut again. The
    character table that folds the scripts before cutting is part of it.
    Reading it does not load the tokenizer.
    """
    digest = hashlib.sha256(DICTIONARY.read_bytes()).hexdigest()[:16]
    return f"jieba-{jieba.__version__}-{digest}-{variants.table_version()}"


def normalized(text: str) -> str:
    """``text`` as it is cut into words: NFKC, then one simplified script.

    NFKC folds full-width letters and digits (Ｇ２０ -> G20) so they match
    what people type; the script fold (經濟 -> 经济) keeps lengths, so it
    moves no offset NFKC has not.
    """
    return variants.fold(unicodedata.normalize("NFKC", text))


def words(text: str) -> list[str]:
    """jieba search-mode words of the ``normalized`` text, punctuation dropped.

    Case-folding the words makes English words match whatever their case.
    """
    result = []
    for token in tokenizer().cut_for_search(normalized(text)):
        token = token.casefold().strip()
        if token and _WORDLIKE.search(token):
            result.append(token)
    return result


def index_words(text: str) -> list[str]:
    """``words(text)`` cut into runs of letters and digits ('3.5%' -> '3', '5').

    Both full-text engines split tokens at punctuation by their own rules
    (PostgreSQL's parser keeps '3.5', SQLite's unicode61 does not); tokens
    that hold nothing but letters and digits reach both indexes unchanged,
    so the two databases find the same paragraphs.
    """
    result = []
    for word in words(text):
        result.extend(_ATOM.findall(word))
    return result


def search_tokens(text: str) -> str:
    """The space-separated token string stored in ``Paragraph.tokens``.

    jieba's search-mode words, then every other Chinese character of the
    text once: jieba keeps 税收 whole, yet a search for 税 must find it.
    """
    tokens = index_words(text)
    seen = set(tokens)
    characters = dict.fromkeys(CHINESE_CHARACTER_RE.findall(normalized(text)))
    return " ".join(tokens + [c for c in characters if c not in seen])
