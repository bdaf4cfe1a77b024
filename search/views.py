"""The search page: paragraphs that match a query, with filters and a chart by year."""

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from accounts.decorators import read_required
from search.concordance import context_lines
from search.exports import MATCHES, PARAGRAPHS, hits_download
from search.extensions import (
    ParagraphFilter,
    UnknownFilterValue,
    paragraph_filters,
    search_filters,
    within,
)
from search.headings import HeadingResults, heading_hits
from search.services import (
    EXACT_LIMIT,
    MAX_QUERY_LENGTH,
    RANK_LIMIT,
    WHOLE_WORDS_PARAM,
    Sort,
    parse_query,
    query_from_params,
    search,
)
from speeches.filters import SpeechFilterForm, filter_chips, querystring
from speeches.models import Speaker, Speech

HITS_PER_PAGE = 20
# Concordance lines on one page, at most: paragraphs naming a word hundreds
# of times each must not make a page of thousands of lines.
MAX_CONCORDANCE_LINES = 200


class SearchForm(SpeechFilterForm):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    sort = forms.ChoiceField(
        label=gettext_lazy("Order"),
        required=False,
        choices=[
            (Sort.RELEVANCE, gettext_lazy("Relevance")),
            (Sort.NEWEST, gettext_lazy("Newest first")),
            (Sort.OLDEST, gettext_lazy("Oldest first")),
        ],
    )

    @cached_property
    def extensions(self) -> tuple[list[ParagraphFilter], str]:
        """The filters other apps add (a theme) that the GET parameters ask for, and the
        message when one names nothing (then none of them applies)."""
        try:
            return paragraph_filters(self.data), ""
        except UnknownFilterValue as error:
            return [], error.message

    def active_count(self) -> int:
        """The speech filters in force and the other apps' filters: what the page's filter
        button counts, one definition with the chips above the results."""
        return super().active_count() + len(self.extensions[0])


@read_required
@require_safe
def search_page(request):
    """Search paragraphs: hits with every match marked, filters, counts, hits per year."""
    form = SearchForm(request.GET)
    filters = form.filters()
    text = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    query = query_from_params(request.GET)
    # "Count exactly": every hit counted, when there are too many to count at once.
    exact = request.GET.get("exact") == "1"
    sort = request.GET.get("sort") if request.GET.get("sort") in Sort.CHOICES else Sort.RELEVANCE
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    # Filters other apps add (a theme): a value naming nothing is said, not ignored.
    extra, filter_error = form.extensions
    extra_params = {f.param: f.value for f in extra}
    searched = query if not filter_error else parse_query("")
    results = search(
        searched,
        filters=filters,
        sort=sort,
        offset=(number - 1) * HITS_PER_PAGE,
        limit=HITS_PER_PAGE,
        exact=exact,
        within=within(extra),
    )
    # Headings are not tagged: with a theme filter, only paragraphs are searched.
    headings = (
        heading_hits(searched, filters) if number == 1 and not extra else HeadingResults()
    )
    # The concordance view: one line per match, the words around it aligned.
    concordance = request.GET.get("view") == "kwic"
    lines = [
        (hit, line)
        for hit in (results.hits if concordance else [])
        for line in context_lines(hit.paragraph.text, hit.spans[:MAX_CONCORDANCE_LINES])
    ]
    lines_cut = len(lines) > MAX_CONCORDANCE_LINES
    del lines[MAX_CONCORDANCE_LINES:]
    whole = {WHOLE_WORDS_PARAM: "1"} if query.whole_words else {}
    search_query = urlencode({"q": text, **whole, **filters.params(), **extra_params})
    # A paginator over the reachable hits: only its arithmetic is used.
    page = Paginator(range(results.reachable), HITS_PER_PAGE).get_page(number)
    params = {
        "q": text,
        **whole,
        **filters.params(),
        **extra_params,
        **({"sort": sort} if sort != Sort.RELEVANCE else {}),
    }
    chips = filter_chips(filters, q=text, sort=params.get("sort", ""), **whole, **extra_params)
    chips += [
        (f.label, querystring({k: v for k, v in params.items() if k != f.param}) or "?")
        for f in extra
    ]
    return render(
        request,
        "speeches/search.html",
        {
            "form": form,
            "text": text,
            "query": query,
            "results": results,
            "page_obj": page,
            "filters": filters,
            "active_filters": filters.active(),
            "chips": chips,
            "clear_url": querystring({"q": text, **whole}),
            "params": params,
            "params_keep": {"q": text, "sort": params.get("sort", ""), **whole},
            "filter_extensions": search_filters(),
            "filter_error": filter_error,
            "headings": headings,
            # Both exports (the passages tagged in the hits, the hits themselves)
            # take the search and its filters under the same names.
            "export_query": search_query,
            "export_search": search_query,
            "concordance": concordance,
            "lines": lines,
            "lines_cut": lines_cut,
            "estimated": not results.exact,
            "rank_limit": RANK_LIMIT,
            "exact_limit": EXACT_LIMIT,
            "choices": filter_choices(),
            "hl": str(query),
            "crumbs": [(_("Search"), None)],
        },
    )


def filter_choices() -> dict:
    """The values the filter form offers: speakers, roles and meetings (three queries)."""
    return {
        "speakers": list(
            Speaker.objects.current()
            .filter(speeches__isnull=False)
            .distinct()
            .order_by("name")
            .values_list("pk", "name")
        ),
        "roles": [r for r, _n in Speech.objects.current().counts_by("role", limit=200)],
        "events": [e for e, _n in Speech.objects.current().counts_by("event", limit=500)],
    }


@read_required
@require_safe
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
    return hits_download(
        query,
        filters,
        within=within(extra),
        unit=MATCHES if request.GET.get("unit") == MATCHES else PARAGRAPHS,
        newest_first=request.GET.get("sort") == Sort.NEWEST,
        absolute_url=request.build_absolute_uri,
    )
