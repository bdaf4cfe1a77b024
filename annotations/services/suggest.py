"""Theme suggestions: themes whose keywords occur in a paragraph as words.

Suggestions are only ever offered; a person accepts one with
``services.accept_suggestion``. A keyword counts where it is one of the
words jieba cut the paragraph into, or a run of them: 代表 is a word of
我代表第十八届中央委员会 but not of 全国代表大会 (one word), nor of 人大代表.
The words are read back from the jieba tokens stored on each paragraph at
import (``word_bounds``), so no request segments anything, or loads the
tokenizer, to suggest. Tokens that do not read back (written by another
version of the tokenizer, say) fall back to the keywords' own tokens,
stored on each theme when its keywords were written (``segment_keywords``).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotations.models import Annotation, Theme
from speeches.models import Paragraph, Speech
from text.segmentation import dictionary_version, normalized, word_stream, words


@dataclass(frozen=True)
class Suggestion:
    paragraph_id: int
    theme: Theme
    keywords: tuple[str, ...] = field(default_factory=tuple)


def _normal(keyword: str) -> str:
    # The same folding ``segmentation.words`` applies to the indexed tokens:
    # NFKC, traditional characters as simplified ones (a keyword 經濟 finds
    # 经济, a keyword 经济 finds 經濟), case.
    return normalized(keyword).casefold().strip()


def _pieces(normal: str) -> list[str]:
    return list(dict.fromkeys(words(normal))) or [normal]


def segment_keywords(keywords: Sequence[str]) -> dict:
    """What ``Theme.keyword_tokens`` holds for ``keywords``: each keyword
    (normalized) with its tokens, and the segmentation that cut them."""
    tokens = {}
    for keyword in keywords:
        normal = _normal(keyword)
        if normal and normal not in tokens:
            tokens[normal] = _pieces(normal)
    return {"dictionary": dictionary_version(), "keywords": tokens}


def keyword_pieces(themes: Iterable[Theme]) -> dict[str, tuple[str, ...]]:
    """Each keyword with the tokens it must all appear as.

    A keyword the dictionary knows is one token; a phrase jieba cuts into
    several words (执法检查 -> 执法 检查) matches when all its words are there
    and the phrase itself occurs in the text. The tokens stored on the theme
    are used when the same segmentation cut them; a keyword written some
    other way (the admin, an older segmentation) is cut here.
    """
    pieces: dict[str, tuple[str, ...]] = {}
    for theme in themes:
        stored = theme.keyword_tokens or {}
        current = stored.get("dictionary") == dictionary_version()
        known = stored.get("keywords", {}) if current else {}
        for keyword in theme.keywords:
            normal = _normal(keyword)
            if normal and normal not in pieces:
                pieces[normal] = tuple(known.get(normal) or _pieces(normal))
    return pieces


# A letter or digit: what ``segmentation.index_words`` keeps of each word.
_ATOM_CHAR = re.compile(r"[^\W_]")
# How far past a word its search-mode tokens may reach: the words inside a
# word of n characters come before it, n - 1 pairs and n - 2 triples at most.
_LOOKAHEAD = 40


def word_bounds(text: str, tokens: str) -> tuple[str, set[int], set[int]] | None:
    """Where the words of ``text`` start and end, from its stored ``tokens``.

    ``Paragraph.tokens`` begins with jieba's search-mode cut (``word_stream``
    takes the whole-word marks off): each word of the
    default cut, preceded by the dictionary words of two and three
    characters inside it (中华人民共和国: 中华 华人 人民 共和 共和国 …
    中华人民共和国), split at punctuation into letters and digits, then
    single characters. Walking the text, the word at each point is the
    longest token there that the tokens before it all fit inside. Returns
    the normalized text (as keywords are normalized) and the offsets in it
    where words start and where they end; None when the tokens do not fit
    the text.
    """
    norm = normalized(text).casefold()
    stream = word_stream(tokens)
    starts: set[int] = set()
    ends: set[int] = set()
    at, k = 0, 0
    while True:
        atom = _ATOM_CHAR.search(norm, at)
        if atom is None:
            return norm, starts, ends
        at = atom.start()
        word = None
        for j in range(k, min(len(stream), k + _LOOKAHEAD)):
            token = stream[j]
            inner = stream[k:j]
            if norm.startswith(token, at) and all(
                len(t) in (2, 3) and len(t) < len(token) and t in token for t in inner
            ):
                word = j
            if len(token) not in (2, 3):
                break  # nothing after it can be inside a word with it
        if word is None:
            return None
        starts.add(at)
        at += len(stream[word])
        ends.add(at)
        k = word + 1


def _as_words(keyword: str, bounds: tuple[str, set[int], set[int]]) -> bool:
    """``keyword`` (normalized) occurs in the text as a word or a run of words."""
    norm, starts, ends = bounds
    at = norm.find(keyword)
    while at >= 0:
        if at in starts and at + len(keyword) in ends:
            return True
        at = norm.find(keyword, at + 1)
    return False


def _in_tokens(keyword: str, parts: tuple[str, ...], tokens: set[str], paragraph, cache) -> bool:
    """The fallback: every token of ``keyword`` is among the paragraph's, and
    a keyword of several is in its text too."""
    if not parts or not all(p in tokens for p in parts):
        return False
    if len(parts) > 1 or parts[0] != keyword:
        if "text" not in cache:
            cache["text"] = _normal(paragraph.text)
        return keyword in cache["text"]
    return True


def suggest(
    paragraphs: Iterable[Paragraph],
    themes: Iterable[Theme],
    tagged: dict[int, set[int]] | None = None,
) -> list[Suggestion]:
    """Suggestions for ``paragraphs`` from the active ``themes``, in paragraph
    and theme order, leaving out themes already tagged in a paragraph
    (``tagged``: paragraph id -> theme ids)."""
    themes = [t for t in themes if t.active and t.keywords]
    # Each keyword normalized once, not once per paragraph.
    normals = {
        theme.pk: [(keyword, normal) for keyword in theme.keywords if (normal := _normal(keyword))]
        for theme in themes
    }
    pieces: dict[str, tuple[str, ...]] | None = None  # the fallback's, cut when needed
    tagged = tagged or {}
    result: list[Suggestion] = []
    for paragraph in paragraphs:
        bounds = word_bounds(paragraph.text, paragraph.tokens)
        tokens = set(word_stream(paragraph.tokens)) if bounds is None else set()
        cache: dict = {}
        already = tagged.get(paragraph.pk, set())
        for theme in themes:
            if theme.pk in already:
                continue
            found = []
            for keyword, normal in normals[theme.pk]:
                if bounds is not None:
                    matched = _as_words(normal, bounds)
                else:
                    pieces = keyword_pieces(themes) if pieces is None else pieces
                    matched = _in_tokens(normal, pieces.get(normal, ()), tokens, paragraph, cache)
                if matched:
                    found.append(keyword)
            if found:
                result.append(Suggestion(paragraph.pk, theme, tuple(found)))
    return result


def suggest_for_speech(speech: Speech) -> list[Suggestion]:
    """Suggestions for every paragraph of ``speech``, in reading order, from the
    active themes nobody has tagged that paragraph with yet (three queries)."""
    paragraphs = Paragraph.objects.filter(speech=speech).only("id", "text", "tokens")
    return suggest(
        paragraphs.order_by("position"),
        Theme.objects.active().in_tree_order(),
        Annotation.objects.of_speech(speech.pk).theme_ids_by_paragraph(),
    )
