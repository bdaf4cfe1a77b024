"""Template helpers of the browse, reader and search pages."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django import template
from django.template.base import token_kwargs
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.chinese import chinese as _chinese
from speeches import warning_text
from speeches.filters import querystring
from speeches.models import DatePrecision

register = template.Library()


@register.filter
def chinese(value: object) -> str:
    """Chinese content (a title, a name, a paragraph) marked lang="zh-Hans": on an English
    page it keeps the CJK face's quotes (core/chinese.py). Not for attributes."""
    return _chinese(value)


@register.filter
def partial_date(value: datetime.date | None, precision: str) -> str:
    """A date at its precision: 2024年 / 2024年8月 / 2024年8月12日 (August 2024 in English)."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return year_label(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


@register.filter
def timestamp(value: datetime.datetime | None) -> str:
    """When something happened (imported, tagged, logged): the day as every page writes a
    date, then the 24-hour time, in the site's time zone.

    2026年11月28日 02:44 in Chinese, Nov. 28, 2026 02:44 in English.
    """
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{date_format(value, 'DATE_FORMAT')} {time_format(value, 'H:i')}"


@register.filter
def year_label(year: int | None) -> str:
    """2024 -> 2024年; None -> Undated."""
    if year is None:
        return _("Undated")
    return _("%(year)s") % {"year": year}


@register.filter
def month_label(month: int | None) -> str:
    """8 -> 8月; None -> Month unknown."""
    if month is None:
        return _("Month unknown")
    return date_format(datetime.date(2000, month, 1), "F")


@register.simple_tag
def paragraph_text(paragraph) -> SafeString:
    """The paragraph's text, its run-in heading in <strong class="para__heading">.

    Nothing else is added: the element's text content is exactly the text,
    which the annotation code counts code points in.
    """
    text = paragraph.text
    end = paragraph.heading_end
    if not end:
        return escape(text)
    return format_html('<strong class="para__heading">{}</strong>{}', text[:end], text[end:])


@register.filter
def marked(segments: Iterable[tuple[str, bool]]) -> SafeString:
    """Search segments (text, highlighted) as HTML with <mark> around the hits."""
    pieces = ((format_html("<mark>{}</mark>", p) if hit else p,) for p, hit in segments)
    return format_html_join("", "{}", pieces)


@register.filter
def reader_link(target, hl: str = "") -> str:
    """A paragraph's (or a heading hit's) place in the reader, on its page, ``hl`` marked."""
    return target.reader_url(hl)


# At most this many year labels under a chart: more would run into each other on a phone.
MAX_TICKS = 8
# A bar is never wider than it would be among this many years: one year alone is a bar
# centred over its label, not a block across the whole chart.
MIN_SLOTS = 8


def year_ticks(years: list[int], width: float) -> list[dict]:
    """The years labelled under the bars: every year, or every 2nd, 5th, 10th…
    (round years), each centred under its bar (``left`` in percent)."""
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 10**9) if len(years) <= s * MAX_TICKS)
    return [
        {"year": year, "left": f"{(index + 0.5) * width:.3f}"}
        for index, year in enumerate(years)
        if year % step == 0 or step == 1
    ]


@register.inclusion_tag("speeches/_year_chart.html")
def year_chart(
    counts: Sequence,
    base: str = "",
    params: dict | None = None,
    *,
    label: str = "",
    estimated: bool = False,
) -> dict:
    """A bar chart of counts per year (SVG, no script): ``counts`` hold .year/.count or pairs.

    Each bar links to ``base`` with ``params`` and ``year`` set to its year.
    Undated counts are reported beside the chart, not as a bar.
    """
    params = {k: v for k, v in (params or {}).items() if k not in ("year", "page")}
    rows = [(c.year, c.count) if hasattr(c, "year") else (c[0], c[1]) for c in counts]
    dated = {int(year): n for year, n in rows if year is not None}
    undated = sum(n for year, n in rows if year is None)
    if not dated:
        return {"bars": [], "undated": undated, "label": label}
    first, last = min(dated), max(dated)
    peak = max(dated.values())
    years = list(range(first, last + 1))
    width = 100.0 / len(years)
    bar_width = min(width, 100.0 / MIN_SLOTS) * 0.76
    bars = []
    for index, year in enumerate(years):
        n = dated.get(year, 0)
        height = 0 if n == 0 else max(2.0, 100.0 * n / peak)
        bars.append(
            {
                "year": year,
                "count": n,
                "url": base + querystring(params, year=year),
                "x": f"{(index + 0.5) * width - bar_width / 2:.3f}",
                "width": f"{bar_width:.3f}",
                "y": f"{100 - height:.3f}",
                "height": f"{height:.3f}",
            }
        )
    ticks = year_ticks(years, width)
    labelled = {tick["year"] for tick in ticks}
    return {
        "bars": bars,
        "ticks": ticks,
        # The years the bars span, said in the note when the axis labels only round years
        # (the first bar of 1957 stands before the label 1960).
        "span": "" if {first, last} <= labelled else f"{first}–{last}",
        "first": first,
        "last": last,
        "peak": peak,
        "undated": undated,
        "label": label,
        "estimated": estimated,
    }


@register.filter
def year_range(first: datetime.date | None, last: datetime.date | None) -> str:
    """The years two dates span: 2024, or 2017–2024 (dates may be year-precise only)."""
    if first is None:
        return ""
    if last is None or last.year == first.year:
        return str(first.year)
    return f"{first.year}–{last.year}"


@register.filter
def warning_message(warning) -> str:
    """A parser warning worded in the active language."""
    return warning_text.warning_message(warning)


PANEL_ARGUMENTS = frozenset({"active", "results", "errors", "label"})


@register.tag
def filter_panel(parser, token):
    """A page's filter form, folded behind a button on a phone (templates/_filter_panel.html),
    or another form that stands before what the page lists (a compilation's bulk edit).

    ``{% filter_panel active=n results=x errors=y %}<form>…</form>{% endfilter_panel %}``:
    ``active`` is the number of filters in force, shown on the button, ``label`` what the
    button says when the form holds more than filters ("Filters" otherwise). The panel stands
    open on every screen while ``results`` is empty (nothing asked yet, nothing found) or
    ``errors`` holds something: then the form is what the reader needs next.
    """
    bits = token.split_contents()
    arguments = token_kwargs(bits[1:], parser)
    if len(bits) - 1 != len(arguments) or not arguments.keys() <= PANEL_ARGUMENTS:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes only {', '.join(sorted(PANEL_ARGUMENTS))} as name=value"
        )
    nodelist = parser.parse(("endfilter_panel",))
    parser.delete_first_token()
    return FilterPanelNode(nodelist, arguments)


class FilterPanelNode(template.Node):
    def __init__(self, nodelist, arguments):
        self.nodelist = nodelist
        self.arguments = arguments

    def render(self, context) -> SafeString:
        values = {name: value.resolve(context) for name, value in self.arguments.items()}
        content = self.nodelist.render(context)
        panel = context.template.engine.get_template("_filter_panel.html")
        with context.push(
            panel_content=content,
            panel_active=values.get("active") or 0,
            panel_label=values.get("label") or _("Filters"),
            panel_open=not values.get("results") or bool(values.get("errors")),
        ):
            return panel.render(context)
