"""Row ids read from text: one rule for pages, the API and querysets.

Kept apart from ``core.params`` (the API's parameter types, which need
ninja) so that querysets and services can use it without importing ninja.
"""

# Ids are bounded like the database columns (bigint).
MAX_ID = 2**63 - 1


def parse_id(value: str) -> int | None:
    """``value`` as a row id when it is one written in ASCII digits, else None.

    For ids read by hand from a URL or a filter (a speaker or theme named by
    id or slug). ``str.isdigit`` also accepts ¹ and ① (which ``int`` refuses)
    and Arabic-Indic digits (which ``int`` reads); an id in a URL is ASCII,
    and one past the database's range names no row.
    """
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
