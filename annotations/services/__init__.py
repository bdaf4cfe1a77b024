"""Writes to the annotations app: the codebook, tagged passages, comments.

Every function is keyword-only, runs in one transaction and appends to the
activity log inside it. Refusals are domain errors (``core.errors``,
``annotations.errors``): a code and a message, no HTTP status; the API
answers them (``config.errors``) and pages show their message.

One module per kind of object (``themes``, ``tagging``, ``comments``); this
package exposes them all, so callers write ``services.tag_passage(...)``.
"""

from annotations.services.comments import (
    MAX_COMMENT,
    can_delete_comment,
    delete_comment,
    edit_comment,
    write_comment,
)
from annotations.services.tagging import (
    MAX_NOTE,
    accept_suggestion,
    can_change_annotation,
    delete_annotation,
    tag_passage,
    update_annotation,
)
from annotations.services.themes import (
    KEEP,
    MAX_KEYWORDS,
    RESERVED_SLUGS,
    create_theme,
    describe_theme,
    merge_themes,
    move_theme,
    recolour_theme,
    rename_theme,
    set_theme_active,
    update_theme,
)

__all__ = [
    "KEEP",
    "MAX_COMMENT",
    "MAX_KEYWORDS",
    "MAX_NOTE",
    "RESERVED_SLUGS",
    "accept_suggestion",
    "can_change_annotation",
    "can_delete_comment",
    "create_theme",
    "delete_annotation",
    "delete_comment",
    "describe_theme",
    "edit_comment",
    "merge_themes",
    "move_theme",
    "recolour_theme",
    "rename_theme",
    "set_theme_active",
    "tag_passage",
    "update_annotation",
    "update_theme",
    "write_comment",
]
