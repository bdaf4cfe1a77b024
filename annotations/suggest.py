"""Theme suggestions: themes whose keywords occur in a paragraph's tokens.

Suggestions are only ever offered; a person accepts one with
``services.accept_suggestion``. Matching uses the jieba tokens stored on
each paragraph at import, and the keywords' tokens stored on each theme
when its keywords were written (``segment_keywords``), so no request
segments anything, or loads the tokenizer, to suggest.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotations.models import Annotation, Theme
from speeches.models import Paragraph, Speech
from speeches.segmentation import dictionary_version, normalized, words


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


def suggest(
    paragraphs: Iterable[Paragraph],
    themes: Iterable[Theme],
    tagged: dict[int, set[int]] | None = None,
) -> list[Suggestion]:
    """Suggestions for ``paragraphs`` from the active ``themes``, in paragraph
    and theme order, leaving out themes already tagged in a paragraph
    (``tagged``: paragraph id -> theme ids)."""
    themes = [t for t in themes if t.active and t.keywords]
    pieces = keyword_pieces(themes)
    tagged = tagged or {}
    result: list[Suggestion] = []
    for paragraph in paragraphs:
        tokens = set(paragraph.tokens.split())
        text = None
        already = tagged.get(paragraph.pk, set())
        for theme in themes:
            if theme.pk in already:
                continue
            found = []
            for keyword in theme.keywords:
                normal = _normal(keyword)
                parts = pieces.get(normal, ())
                if not parts or not all(p in tokens for p in parts):
                    continue
                if len(parts) > 1 or parts[0] != normal:
                    if text is None:
                        text = _normal(paragraph.text)
                    if normal not in text:
                        continue
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
