"""Template tags for pages of other apps that show annotation data (the
home page and the reader include our partials through settings)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts.roles import can_annotate, can_edit
from annotations.models import Annotation, Theme
from annotations.schemas import CommentOut, ThemeOut
from annotations.services.reading import as_rows, reader_annotations, reader_comments
from annotations.services.tree import subtrees
from core.chinese import chinese

register = template.Library()


@register.filter
def theme_name(theme: Theme) -> str:
    """The theme's name in the page's language, marked lang="zh-Hans" where it is the
    Chinese one (an English page shows it for a theme with no English name)."""
    shown = theme.display_name
    return chinese(shown) if shown == theme.name else shown


@register.simple_tag
def home_themes(limit: int = 12):
    """The ``limit`` active themes with the most passages, for the home page,
    ranked and labelled by ``passage_total``: its passages as the theme's page
    its chip opens counts them, with its sub-themes', each once, so a parent
    whose passages are in its sub-themes ranks by them (two queries)."""
    every = list(Theme.objects.in_tree_order())
    trees = subtrees(every)
    themes = [theme for theme in every if theme.active]
    totals = Annotation.objects.passages_by_subtree({theme.pk: trees[theme.pk] for theme in themes})
    for theme in themes:
        theme.passage_total = totals[theme.pk]
    # Stable: equal totals keep the codebook's order.
    return sorted(themes, key=lambda theme: -theme.passage_total)[:limit]


@register.simple_tag(takes_context=True)
def reader_config(context, speech):
    """What the reader's scripts need to draw the speech's highlights and
    margins without waiting for the API: the codebook, who is reading and
    what they may do, the annotations and the comments (five queries)."""
    request = context["request"]
    user = request.user
    themes = Theme.objects.in_tree_order()
    return {
        "speech_id": speech.pk,
        "history_url": reverse("speech_history", args=[speech.pk]),
        "user": user.get_username() if user.is_authenticated else None,
        "can_annotate": can_annotate(user),
        "can_edit": can_edit(user),
        "themes": [
            ThemeOut.from_orm(theme).model_dump(exclude={"description"}) for theme in themes
        ],
        # Rows, not objects: see as_rows.
        "annotations": as_rows(reader_annotations(speech_id=speech.pk, user=user)),
        "comments": [
            # Python values: compact_json_script encodes them as the API's JSON does.
            CommentOut.from_orm(comment, context={"request": request}).model_dump()
            for comment in reader_comments(speech_id=speech.pk)
        ],
    }


# What json_script escapes, so that no text can close the <script> element.
_SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


def _escaped_for_script(text: str) -> str:
    # str.replace, one character at a time: str.translate with a mapping
    # looks every character up, 7 ms for a busy speech's 120 KB against 0.5.
    for character, escape in _SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return text


@register.filter
def compact_json_script(value, element_id: str):
    """As Django's ``json_script``, smaller: Chinese text as UTF-8 (three
    bytes a character) rather than ``\\uXXXX`` escapes (six), and no spaces
    after separators. The same values, for the reader's first paint
    (docs/performance.md, "The reader on a busy speech")."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id, mark_safe(_escaped_for_script(text)),  # escaped above
    )
