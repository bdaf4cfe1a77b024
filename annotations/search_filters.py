"""The theme filter of search: passages tagged with a theme, or not yet.

Added through ``settings.SEARCH_FILTERS`` (search.extensions):
search cannot import this app. ``theme`` keeps paragraphs holding a
passage tagged with the theme or any of its descendants; ``not_theme``
keeps those holding none (not yet tagged with it). Both take a theme's id
or slug, as the annotations API does.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q
from django.utils.translation import gettext as _

from annotations.models import Annotation, Theme
from annotations.services.tree import theme_tree
from search.extensions import ParagraphFilter, UnknownFilterValue

TAGGED = "theme"
NOT_TAGGED = "not_theme"


class ThemeSearchFilter:
    params = (TAGGED, NOT_TAGGED)
    template = "annotations/_search_filter.html"

    def resolve(self, params: Mapping[str, str]) -> list[ParagraphFilter]:
        found = []
        for param in self.params:
            value = (params.get(param) or "").strip()
            if not value:
                continue
            theme = Theme.objects.find(value)
            if theme is None:
                raise UnknownFilterValue(param, _("Unknown theme: %(value)s") % {"value": value})
            ids = Theme.objects.subtree_ids(theme)
            tagged = Q(
                id__in=Annotation.objects.filter(themes__in=ids).values("paragraph_id")
            )
            if param == TAGGED:
                label = _("tagged with %(theme)s") % {"theme": theme.display_name}
                found.append(ParagraphFilter(param, value, tagged, label))
            else:
                label = _("not yet tagged with %(theme)s") % {"theme": theme.display_name}
                found.append(ParagraphFilter(param, value, ~tagged, label))
        return found

    def context(self) -> dict:
        """The codebook in tree order, for the theme pickers (one query)."""
        themes = Theme.objects.in_tree_order()
        return {"themes": [(node.theme, node.depth) for node in theme_tree(themes)]}
