"""Chinese content marked as such, one way for every page.

English pages take “ ” from a Latin face (static/css/base.css); Chinese content on
them (a speech or compilation title, a speaker's or meeting's name, a paragraph, a
theme's Chinese name) is marked ``lang="zh-Hans"`` so that it keeps the CJK face's
quotes (“四个意识”). On Chinese pages the mark is harmless. Templates use the
``chinese`` filter (speeches_tags) and ``theme_name`` (annotations_tags); views that
put a title into the breadcrumbs call :func:`chinese` themselves.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString


def chinese(text: object) -> SafeString | str:
    """``text`` escaped in a ``<span lang="zh-Hans">``; "" stays "" (no empty span)."""
    if text is None or text == "":
        return ""
    return format_html('<span lang="zh-Hans">{}</span>', text)
