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

jieba itself (pure Python) is slow: three quarters of an import's time went
into it. ``cut_for_search`` therefore hands the runs of Chinese characters
to rjieba (jieba-rs, the same algorithm in Rust, twenty times faster),
loaded with jieba's own dictionary, the domain dictionary and jieba's word
total, so that it gives jieba's words; jieba keeps what the two would cut
differently (see ``cut_for_search``). docs/performance.md has the figures.
"""

import functools
import hashlib
import itertools
import logging
import operator
import re
import threading
import unicodedata
from pathlib import Path

import jieba
import rjieba

from text import variants
from text.chinese import CHINESE_CHARACTER, CHINESE_CHARACTER_RE

jieba.setLogLevel(logging.WARNING)

DICTIONARY = Path(__file__).resolve().parent / "data" / "jieba_userdict.txt"

# A token worth indexing holds at least one letter, digit or CJK character.
_WORDLIKE = re.compile(r"[\w\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Letters and digits: what both full-text engines keep as one token.
_ATOM = re.compile(r"[^\W_]+")

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_fast: rjieba.Jieba | None = None

# jieba's own split of a text into blocks it cuts with its dictionary
# (Chinese characters, ASCII letters, digits and a few signs) and the rest.
_BLOCKS = jieba.re_han_default
_SKIP = jieba.re_skip_default
# A block rjieba cuts as jieba does: Chinese characters only. In blocks with
# letters or digits the two split differently (jieba-rs keeps 2026-02-02 or
# 5G-A whole and adds PM2 for PM2.5).
_HAN_ONLY = re.compile("[\u4e00-\u9fd5]+")
# A pattern said three times over (本本本, 一一一): there two cuts of equal
# probability exist (本|本本 and 本本|本), and the two libraries, adding the
# same logarithms in another order, may choose differently.
_REPEAT = re.compile(r"(.{1,4})\1\1")


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


def fast_tokenizer() -> rjieba.Jieba:
    """rjieba with exactly the words, frequencies and word total of ``tokenizer()``."""
    global _fast
    if _fast is None:
        reference = tokenizer()
        with _lock:
            if _fast is None:
                instance = rjieba.Jieba()
                instance.clear()  # its bundled dictionary: jieba's own is loaded instead
                frequencies: dict[str, int] = {}
                for path in (Path(jieba.__file__).parent / "dict.txt", DICTIONARY):
                    with path.open(encoding="utf-8") as handle:
                        for line in handle:
                            word, frequency, *tag = line.split()
                            instance.add_word(word, int(frequency), tag[0] if tag else None)
                            frequencies[word] = int(frequency)
                # jieba adds a user word's frequency to its total even when the
                # word was already in its dictionary; jieba-rs replaces it. The
                # total weighs every word, so the difference is added through a
                # word no text can hold (two private-use characters, which are
                # outside every block either library cuts).
                missing = reference.total - sum(frequencies.values())
                if missing > 0:
                    instance.add_word("\ue000\ue001", missing, None)
                _fast = instance
    return _fast


def cut_for_search(text: str) -> list[str]:
    """jieba's ``cut_for_search(text)``, word for word, mostly cut by rjieba.

    jieba cuts each block of ``_BLOCKS`` on its own, so each can go to
    either library: blocks of Chinese characters only go to rjieba, unless
    they repeat a pattern (``_REPEAT``); everything else to jieba.
    """
    fast = fast_tokenizer()
    result: list[str] = []
    for block in _BLOCKS.split(text):
        if not block:
            continue
        if _HAN_ONLY.fullmatch(block) and not _REPEAT.search(block):
            result.extend(fast.cut_for_search(block))
        else:
            result.extend(_cut_other(block))
    return result


@functools.lru_cache(maxsize=100_000)
def _cut_other(block: str) -> tuple[str, ...]:
    """What jieba makes of a block rjieba does not cut: punctuation and
    spaces, blocks with letters or digits, and repeated patterns.

    Remembered: such blocks recur (dates, numbers, the same punctuation
    between sentences), and jieba's Python cut is the slowest part of
    ``cut_for_search``.
    """
    if not _BLOCKS.match(block):
        # Punctuation and spaces: jieba yields each space (or \r\n) and
        # every other character on its own.
        result: list[str] = []
        for piece in _SKIP.split(block):
            if _SKIP.match(piece):
                result.append(piece)
            else:
                result.extend(piece)
        return tuple(result)
    return tuple(tokenizer().cut_for_search(block))


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
    if not unicodedata.is_normalized("NFKC", text):  # a check is cheaper than a copy
        text = unicodedata.normalize("NFKC", text)
    return variants.fold(text)


def words(text: str) -> list[str]:
    """jieba search-mode words of the ``normalized`` text, punctuation dropped.

    Case-folding the words makes English words match whatever their case.
    """
    result = []
    for token in cut_for_search(normalized(text)):
        word = _word(token)
        if word:
            result.append(word)
    return result


@functools.lru_cache(maxsize=200_000)
def _word(token: str) -> str:
    """A token as ``words`` keeps it, or "" when dropped.

    Remembered: an import cuts the same few thousand words again and again,
    and this per-token work cost more than the cutting itself.
    """
    word = token.casefold().strip()
    return word if word and _WORDLIKE.search(word) else ""


@functools.lru_cache(maxsize=200_000)
def _atoms(token: str) -> tuple[str, ...]:
    """The runs of letters and digits ``index_words`` keeps of a token."""
    return tuple(_ATOM.findall(_word(token)))


def index_words(text: str) -> list[str]:
    """``words(text)`` cut into runs of letters and digits ('3.5%' -> '3', '5').

    Both full-text engines split tokens at punctuation by their own rules
    (PostgreSQL's parser keeps '3.5', SQLite's unicode61 does not); tokens
    that hold nothing but letters and digits reach both indexes unchanged,
    so the two databases find the same paragraphs.
    """
    return _index_words(normalized(text))


def _index_words(text: str) -> list[str]:
    """``index_words`` of a text already ``normalized``."""
    return list(itertools.chain.from_iterable(map(_atoms, cut_for_search(text))))


# Marks a whole word of jieba's among the tokens ("w人民"): the same two
# characters as a bigram (人民) must stay apart, since a bigram is found
# inside any longer word and a whole word only where jieba cut one. An
# ASCII letter joined to Chinese characters stays one token in both
# engines' tokenizers (PostgreSQL's parser, FTS5's unicode61).
WORD_MARK = "w"

# Runs of letters and digits that are not Chinese characters (English
# words, numbers): indexed whole, as both engines would cut them.
_OTHER_ATOM = re.compile(f"(?:(?!{CHINESE_CHARACTER})[^\\W_])+")
_CJK_RUN = re.compile(f"{CHINESE_CHARACTER}+")


def is_cjk(char: str) -> bool:
    return CHINESE_CHARACTER_RE.fullmatch(char) is not None


def gram_tokens(normalized_text: str) -> list[str]:
    """The tokens a text holds whatever the words: n-grams of its Chinese characters
    (each character, each two adjacent ones in a run) and its other words.

    ``normalized_text`` is ``normalized`` already and case-folded. A string
    that occurs in a text has all its grams among the text's: the index can
    then only narrow, never miss (as Lucene's CJK bigrams, pg_bigm and
    FTS5's trigram tokenizer do).
    """
    tokens = _OTHER_ATOM.findall(normalized_text)
    for run in _CJK_RUN.findall(normalized_text):
        tokens.extend(run)
        tokens.extend(map(operator.add, run, run[1:]))  # each two adjacent characters
    return tokens


def word_token(word: str) -> list[str]:
    """The index tokens of one of jieba's words (``index_words``): its Chinese runs of
    two characters or more marked as whole words, the rest as ``gram_tokens`` has them."""
    tokens = _OTHER_ATOM.findall(word)
    for run in _CJK_RUN.findall(word):
        tokens.append(WORD_MARK + run if len(run) > 1 else run)
    return tokens


@functools.lru_cache(maxsize=200_000)
def _word_tokens(token: str) -> tuple[str, ...]:
    """``word_token`` of each of ``index_words``' atoms of one token of jieba's cut.

    Remembered: an import meets a few thousand distinct words some million
    times, and this per-word work cost as much as the cutting.
    """
    return tuple(t for atom in _atoms(token) for t in word_token(atom))


def search_tokens(text: str) -> str:
    """The space-separated token string stored in ``Paragraph.tokens``.

    First jieba's search-mode words in the order of the text, each time
    they occur, Chinese words marked (``word_token``: what "whole words
    only" asks for, and the stream ``annotations.services.suggest`` reads words
    back from, ``word_stream``); then every Chinese character and every two
    adjacent ones and every other word not already there (``gram_tokens``:
    what finds a string anywhere), once each.
    """
    text = normalized(text)
    words = list(itertools.chain.from_iterable(map(_word_tokens, cut_for_search(text))))
    seen = set(words)
    grams = dict.fromkeys(gram_tokens(text.casefold()))
    return " ".join(words + [g for g in grams if g not in seen])


def unmarked(token: str) -> str:
    """A stored token as the text has it: a marked whole word without its mark."""
    if len(token) > 1 and token[0] == WORD_MARK and is_cjk(token[1]):
        return token[1:]
    return token


def word_stream(tokens: str) -> list[str]:
    """``Paragraph.tokens`` as jieba cut the text: its words in order (then the
    grams, which a reader of the stream stops before), marks taken off."""
    return [unmarked(t) for t in tokens.split()]
