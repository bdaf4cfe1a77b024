"""Download pages for speeches and compilations (the API serves the same files)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.decorators import read_required
from speeches.exports import formats
from speeches.exports.csvfile import CSV_TYPE
from speeches.exports.responses import safe_filename, streamed_download
from speeches.exports.search import MATCHES, PARAGRAPHS, hits_csv
from speeches.filters import SpeechFilterForm
from speeches.models import Compilation, Speech
from speeches.search import Sort, query_from_params
from speeches.search.concordance import every_hit
from speeches.search.extensions import UnknownFilterValue, paragraph_filters, within


@read_required
def speech_text(request, pk: int):
    """The speech as plain UTF-8 text."""
    return formats.speech_text_response(get_object_or_404(Speech.objects.for_listing(), pk=pk))


@read_required
def speech_markdown(request, pk: int):
    """The speech as Markdown with its headings."""
    speech = get_object_or_404(Speech.objects.for_listing(), pk=pk)
    return formats.speech_markdown_response(speech)


@read_required
def compilation_tei(request, pk: int):
    """The compilation as TEI XML (ParlaMint style), streamed."""
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=pk)
    return formats.compilation_tei_response(request, compilation)


@read_required
def search_csv(request):
    """Every hit of a search (the search page's query and filters) as CSV, in date order.

    ``unit=matches`` gives one row per match with the text around it (a
    concordance); otherwise one row per paragraph.
    """
    query = query_from_params(request.GET)
    filters = SpeechFilterForm(request.GET).filters()
    try:
        extra = paragraph_filters(request.GET)  # a theme (settings.SEARCH_FILTERS)
    except UnknownFilterValue as error:
        raise Http404(error.message) from error
    unit = MATCHES if request.GET.get("unit") == MATCHES else PARAGRAPHS
    sort = Sort.NEWEST if request.GET.get("sort") == Sort.NEWEST else Sort.OLDEST
    chunks = hits_csv(
        every_hit(query, filters, sort=sort, within=within(extra)),
        unit=unit,
        absolute_url=request.build_absolute_uri,
    )
    filename = safe_filename(_("Search"), str(query), extension="csv")
    return streamed_download(chunks, filename=filename, content_type=CSV_TYPE)
