"""Parser warnings worded in the reader's language.

The parser (no Django) words its warnings in Chinese and keeps the values it
filled in as ``params``. The pages and the API word them again here through
gettext, so that the English interface reads English; the Chinese catalogue
gives back the parser's own sentences. Warnings stored before ``params``
existed keep their stored (Chinese) message where it needs them.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

# code -> message template; the fields are the parser's (text.parsing.warnings).
TEXTS = {
    "merged-heading": _(
        "The heading runs into the body text (“{heading}…”) and where it ends cannot be "
        "told; check it in the preview and split it."
    ),
    "marker-skip": _(
        "A number is missing before “{marker}” (item {expected} was expected); check whether "
        "text or a number is missing."
    ),
    "marker-order": _("The number “{marker}” repeats or is out of order; check the numbering."),
    "ends-mid-sentence": _(
        "The speech's last paragraph does not end with a full stop; text may be missing."
    ),
    "long-heading": _(
        "The heading is very long ({length} characters); body text may have been taken for a "
        "heading."
    ),
    "long-paragraph": _(
        "The paragraph is very long ({length} characters); several paragraphs may have been "
        "joined."
    ),
    "unreadable-date": _("The date “{text}” could not be read; the speech's date is not set."),
    "no-title": _("No title was found for the speech; add one in the preview."),
    "no-body": _("This speech has no body text."),
    "header-line": _(
        "This line between the title and the salutation was not recognised and is not part of "
        "the text: “{text}”."
    ),
    "trailer-set-aside": _(
        "The last {count} lines of the speech look like a copyright notice or web page text "
        "and are not part of the text."
    ),
    "speech-marker-skip": _(
        "A number is missing before the speech numbered “{marker}” (speech {expected} was "
        "expected)."
    ),
}


def _get(warning: Any, name: str) -> Any:
    if isinstance(warning, Mapping):
        return warning.get(name)
    return getattr(warning, name, None)


def warning_message(warning: Any) -> str:
    """The warning's message in the active language (a stored dict or a LocatedWarning)."""
    code, stored = _get(warning, "code"), _get(warning, "message") or ""
    if code not in TEXTS:
        return stored
    try:
        return str(TEXTS[code]).format(**dict(_get(warning, "params") or {}))
    except (KeyError, IndexError, ValueError):
        # Stored before warnings kept their params: the message as stored.
        return stored
