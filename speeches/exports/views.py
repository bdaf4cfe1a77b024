"""Download pages for speeches and compilations (the API serves the same files).

A search's hits are downloaded from the search app (``search.views.search_csv``)."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from accounts.decorators import read_required
from speeches.exports import formats
from speeches.models import Compilation, Speech


@read_required
@require_safe
def speech_text(request, pk: int):
    """The speech as plain UTF-8 text."""
    return formats.speech_text_response(get_object_or_404(Speech.objects.for_listing(), pk=pk))


@read_required
@require_safe
def speech_markdown(request, pk: int):
    """The speech as Markdown with its headings."""
    speech = get_object_or_404(Speech.objects.for_listing(), pk=pk)
    return formats.speech_markdown_response(speech)


@read_required
@require_safe
def compilation_tei(request, pk: int):
    """The compilation as TEI XML (ParlaMint style), streamed."""
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=pk)
    return formats.compilation_tei_response(request, compilation)
