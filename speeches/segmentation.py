"""Chinese word segmentation with jieba and the project's domain dictionary.

Indexing and querying must segment the same way, so both go through
``search_tokens``. The tokenizer is built once, on first use: loading the
dictionary costs about half a second, which no request or import of a small
file should pay twice, and a process that never segments never pays it.
"""

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

DICTIONARY = Path(__file__).resolve().parent / "data" / "jieba_userdict.txt"

# A token worth indexing holds at least one letter, digit or CJK character.
_WORDLIKE = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

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


def words(text: str) -> list[str]:
    """jieba search-mode words of ``text``, normalized, punctuation dropped.

    NFKC folds full-width letters and digits (Ｇ２０ -> G20) before cutting, so
    they match what people type; case-folding makes English words match.
    """
    result = []
    for token in tokenizer().cut_for_search(unicodedata.normalize("NFKC", text)):
        token = token.casefold().strip()
        if token and _WORDLIKE.search(token):
            result.append(token)
    return result


def search_tokens(text: str) -> str:
    """The space-separated token string stored in ``Paragraph.tokens``."""
    return " ".join(words(text))


def domain_terms() -> Iterable[str]:
    """The terms of the project dictionary, for tests and the codebook."""
    with DICTIONARY.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield line.split()[0]
