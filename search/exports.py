"""A search's hits as CSV: one row per paragraph, or one per match (a concordance).

Researchers count and code what a search finds in R or Excel; the pages
show twenty hits at a time, this file has all of them, in date order.
"""

from collections.abc import Callable, Iterable, Iterator

from django.db.models import Q
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core import csvfile
from core.downloads import safe_filename, streamed_download
from search.concordance import context_lines, every_hit
from search.query import SearchQuery, Sort
from search.services import Hit
from speeches.filters import SpeechFilters
from speeches.models import format_partial_date

PARAGRAPHS, MATCHES = "paragraphs", "matches"
UNITS = (PARAGRAPHS, MATCHES)


def _source_header() -> list[str]:
    return [
        _("Paragraph ID"),
        _("Link"),
        _("Speech"),
        _("Speaker"),
        _("Role"),
        _("Date"),
        _("Meeting"),
        _("Compilation"),
        _("Paragraph"),
    ]


def _source(hit: Hit, link: str) -> list[object]:
    paragraph = hit.paragraph
    speech = paragraph.speech
    return [
        paragraph.pk,
        link,
        speech.title,
        speech.speaker.name if speech.speaker else "",
        speech.role,
        format_partial_date(speech.date, speech.date_precision) or "",
        speech.event,
        speech.compilation.title,
        paragraph.position,
    ]


def hits_csv(
    hits: Iterable[Hit], *, unit: str, absolute_url: Callable[[str], str]
) -> Iterator[str]:
    """The CSV in pieces. ``absolute_url`` makes a path a full address."""
    speech_urls: dict[int, str] = {}

    def link(hit: Hit) -> str:
        speech_id = hit.paragraph.speech_id
        if speech_id not in speech_urls:
            speech_urls[speech_id] = absolute_url(reverse("speech_detail", args=[speech_id]))
        return f"{speech_urls[speech_id]}#p{hit.paragraph.position}"

    if unit == MATCHES:
        header = [
            *_source_header(),
            _("Start"),
            _("End"),
            _("Context before"),
            _("Match"),
            _("Context after"),
        ]
        rows = (
            [*_source(hit, link(hit)), line.start, line.end, line.before, line.match, line.after]
            for hit in hits
            for line in context_lines(hit.paragraph.text, hit.spans)
        )
    else:
        header = [*_source_header(), _("Matches"), _("Paragraph text")]
        rows = (
            [*_source(hit, link(hit)), len(hit.spans), hit.paragraph.text] for hit in hits
        )
    return csvfile.csv_chunks(header, rows)


def hits_download(
    query: SearchQuery,
    filters: SpeechFilters,
    *,
    within: Q | None,
    unit: str,
    newest_first: bool,
    absolute_url: Callable[[str], str],
) -> StreamingHttpResponse:
    """Every hit of a search as a streamed CSV download, in date order (oldest
    first unless ``newest_first``): the search page's download and the API's."""
    sort = Sort.NEWEST if newest_first else Sort.OLDEST
    chunks = hits_csv(
        every_hit(query, filters, sort=sort, within=within), unit=unit, absolute_url=absolute_url
    )
    # The two downloads of one search get names of their own: saved one
    # after the other, the second must not overwrite the first.
    kind = _("matches") if unit == MATCHES else _("paragraphs")
    filename = safe_filename(_("Search"), str(query), kind, extension="csv")
    return streamed_download(chunks, filename=filename, content_type=csvfile.CSV_TYPE)
