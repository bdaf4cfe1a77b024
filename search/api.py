"""API for searching paragraphs: the search page's results as JSON."""

from typing import Literal

from ninja import Query, Router

from accounts.api_auth import reader_auth
from config.errors import ErrorOut
from search.extensions import paragraph_filters, within
from search.headings import HeadingResults, heading_hits
from search.services import MAX_QUERY_LENGTH, parse_query, search
from speeches.api.filters import SpeechFilterParams
from speeches.schemas import SearchOut

router = Router(tags=["search"])

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
    filters: Query[SpeechFilterParams],
    q: str = Query(
        ..., max_length=MAX_QUERY_LENGTH, description="The query.", examples=["人大监督 -信访"]
    ),
    sort: Literal["relevance", "newest", "oldest"] = "relevance",
    limit: int = Query(20, ge=1, le=MAX_LIMIT, description="Hits per page.", examples=[20]),
    offset: int = Query(0, ge=0, description="Hits to skip.", examples=[0]),
    whole_words: bool = Query(
        False,
        description="Match jieba's words only, not characters wherever they occur.",
        examples=[False],
    ),
    exact: bool = Query(False, description="Count every hit, however many.", examples=[False]),
    theme: str = Query(
        "",
        max_length=120,
        description="Only paragraphs holding a passage tagged with this theme (id or slug) "
        "or one of its sub-themes.",
        examples=["rule-of-law"],
    ),
    not_theme: str = Query(
        "",
        max_length=120,
        description="Only paragraphs not yet tagged with this theme (id or slug) or one of "
        "its sub-themes.",
        examples=["rule-of-law"],
    ),
):
    query = parse_query(q, whole_words=whole_words)
    speech_filters = filters.filters()
    # The theme filters come from the annotations app (settings.SEARCH_FILTERS).
    # An unknown theme raises UnknownFilterValue: 422 "invalid", naming the parameter.
    extra = paragraph_filters({"theme": theme, "not_theme": not_theme})
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
