"""Parser warnings worded in the reader's language.

The parser (no Django) words its warnings, in Chinese and in English, and
keeps the values it filled in as ``params``. The pages and the API translate
its English through gettext, so that the English interface reads English;
the Chinese catalogue gives back the parser's own sentences. Warnings
stored before ``params`` existed keep their stored (Chinese) message where
it needs them.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from text.parsing.warnings import MESSAGES_EN

# code -> message template, worded by the parser (text.parsing.warnings).
TEXTS = MESSAGES_EN


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
        return gettext(TEXTS[code]).format(**dict(_get(warning, "params") or {}))
    except (KeyError, IndexError, ValueError):
        # Stored before warnings kept their params: the message as stored.
        return stored
