"""API for searching paragraphs: the search page's results as JSON."""

from typing import Literal

from ninja import Field, Query, Router

from accounts.api_auth import reader_auth
from config.errors import ErrorOut
from core.openapi import file_response
from search.exports import MATCHES, PARAGRAPHS, hits_download
from search.extensions import paragraph_filters, within
from search.headings import HeadingResults, heading_hits
from search.query import SearchQuery
from search.services import MAX_QUERY_LENGTH, parse_query, search
from speeches.api.filters import SpeechFilterParams
from speeches.filters import SpeechFilters
from speeches.schemas import SearchOut

router = Router(tags=["search"])


class SearchParams(SpeechFilterParams):
    """A search as the search page takes it: the query, its filters and a theme."""

    q: str = Field(
        ..., max_length=MAX_QUERY_LENGTH, description="The query.", examples=["人大监督 -信访"]
    )
    whole_words: bool = Field(
        False,
        description="Match jieba's words only, not characters wherever they occur.",
        examples=[False],
    )
    theme: str = Field(
        "",
        max_length=120,
        description="Only paragraphs holding a passage tagged with this theme (id or slug) "
        "or one of its sub-themes.",
        examples=["rule-of-law"],
    )
    not_theme: str = Field(
        "",
        max_length=120,
        description="Only paragraphs not yet tagged with this theme (id or slug) or one of "
        "its sub-themes.",
        examples=["rule-of-law"],
    )

    def resolve(self) -> tuple[SearchQuery, SpeechFilters, list]:
        """The parsed query, the speech filters and the filters other apps add.

        The theme filters come from the annotations app (settings.SEARCH_FILTERS):
        an unknown theme raises UnknownFilterValue, 422 "invalid" naming the parameter.
        """
        extra = paragraph_filters({"theme": self.theme, "not_theme": self.not_theme})
        return parse_query(self.q, whole_words=self.whole_words), self.filters(), extra

MAX_LIMIT = 100
# A hit's text is sent up to this many code points (``truncated`` says when
# it is longer): twenty hits of a 5 MB paragraph must not make a 100 MB answer.
TEXT_LENGTH = 20_000


@router.get(
    "/search",
    response={200: SearchOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=reader_auth,
    operation_id="search_paragraphs",
    summary="Search paragraphs",
    description=(
        "Full-text search over paragraphs, the same as the search page.\n\n"
        "`q`: terms are ANDed (`人大 监督`); a term is found wherever its characters occur "
        "together, also inside longer words (`从严治党` in 全面从严治党); "
        '`"…"`, `「…」` or `“…”` marks an exact phrase (spaces included); `-词` or `-"…"` '
        "excludes. `whole_words=true`: a term is cut into words by jieba and found only "
        "where the text has those words as words of its own (人民 not in 工人民主). "
        "A single character or an English word works (case is ignored). Traditional, "
        "variant and simplified characters count as the same: `经济` finds 經濟 and 經济, "
        "`會議` finds 会议.\n\n"
        "Each hit has the paragraph's text and `highlights`, the [start, end) of every match "
        "in Unicode code points. `sort`: `relevance` (default), `newest`, `oldest`. "
        "With more than 1,000 hits, relevance ranks the first 1,000 found (`reachable` says "
        "how many can be paged through); sort by date to page through every hit. "
        "`total` and `per_year` are exact up to 10,000 hits; past that they are estimated "
        "from a sample (`exact: false`) unless `exact=true` asks for every hit to be counted "
        "(slower: up to a few seconds on a million paragraphs). "
        "Filters as for `GET /api/speeches`, and `theme` / `not_theme`: paragraphs tagged "
        "(or not yet tagged) with a theme or one of its sub-themes.\n\n"
        "`headings`: section headings holding every term (first page only, not with a theme "
        "filter: headings are not tagged), each with the address of its section."
    ),
)
def search_paragraphs(
    request,
    params: Query[SearchParams],
    sort: Literal["relevance", "newest", "oldest"] = "relevance",
    limit: int = Query(20, ge=1, le=MAX_LIMIT, description="Hits per page.", examples=[20]),
    offset: int = Query(0, ge=0, description="Hits to skip.", examples=[0]),
    exact: bool = Query(False, description="Count every hit, however many.", examples=[False]),
):
    query, speech_filters, extra = params.resolve()
    results = search(
        query,
        filters=speech_filters,
        sort=sort,
        offset=offset,
        limit=limit,
        exact=exact,
        within=within(extra),
    )
    # Headings are not tagged: with a theme filter there are none.
    headings = (
        heading_hits(query, speech_filters) if offset == 0 and not extra else HeadingResults()
    )
    hl = str(query)
    return {
        "query": str(query),
        "whole_words": query.whole_words,
        "terms": [
            {"text": t.text, "words": list(t.words), "phrase": t.phrase, "excluded": t.excluded}
            for t in query.terms
        ],
        "ignored": list(query.ignored),
        "sort": results.sort,
        "total": results.total,
        "exact": results.exact,
        "per_year": [{"year": c.year, "count": c.count} for c in results.per_year],
        "reachable": results.reachable,
        "limit": limit,
        "offset": offset,
        "headings": {
            "total": headings.total,
            "exact": headings.exact,
            "items": [
                {
                    "section_id": hit.section.pk,
                    "marker": hit.section.marker,
                    "heading": hit.section.heading,
                    "highlights": hit.spans,
                    "speech": hit.section.speech,
                    "url": hit.reader_url(hl),
                }
                for hit in headings.hits
            ],
        },
        "items": [
            {
                "paragraph_id": hit.paragraph.pk,
                "position": hit.paragraph.position,
                "text": hit.paragraph.text[:TEXT_LENGTH],
                "truncated": len(hit.paragraph.text) > TEXT_LENGTH,
                "highlights": [(s, e) for s, e in hit.spans if e <= TEXT_LENGTH],
                "section": (
                    f"{hit.paragraph.section.marker}{hit.paragraph.section.heading}"
                    if hit.paragraph.section
                    else ""
                ),
                "speech": hit.paragraph.speech,
                "url": hit.paragraph.reader_url(hl),
            }
            for hit in results.hits
        ],
    }


@router.get(
    "/search/csv",
    response={401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=reader_auth,
    operation_id="search_csv",
    summary="Every hit of a search as CSV",
    description=(
        "The search page's CSV download: every hit of the query and filters of "
        "`GET /api/search`, oldest first (`sort=newest`: newest first). `unit=paragraphs` "
        "(default): one row per paragraph (its id, link, speech, speaker, role, date, "
        "meeting, compilation, position, number of matches, text); `unit=matches`: one row "
        "per match with the text around it (a concordance). UTF-8 with a byte-order mark; "
        "a text cell that starts like a formula gets a leading `'` (OWASP's advice on CSV "
        "injection). Streamed."
    ),
    openapi_extra=file_response(
        "text/csv",
        "The hits as CSV.",
        "\ufeff段落编号,链接,讲话,…\r\n41,http://127.0.0.1:8000/speeches/4/#p3,…\r\n",
    ),
)
def search_csv(
    request,
    params: Query[SearchParams],
    unit: Literal["paragraphs", "matches"] = Query(
        PARAGRAPHS, description="One row per paragraph, or per match.", examples=[MATCHES]
    ),
    sort: Literal["oldest", "newest"] = Query(
        "oldest", description="Date order of the rows.", examples=["newest"]
    ),
):
    query, speech_filters, extra = params.resolve()
    return hits_download(
        query,
        speech_filters,
        within=within(extra),
        unit=unit,
        newest_first=sort == "newest",
        absolute_url=request.build_absolute_uri,
    )
