"""Parameter types shared by every router of the API.

Ids are bounded like the database columns (bigint), so an absurd number is
a 422 or a 404, never a 500 from the database driver.
"""

from typing import Annotated

from ninja import Field, Path

MAX_ID = 2**63 - 1

# An id in a body or a query string.
Id = Annotated[int, Field(ge=1, le=MAX_ID, examples=[1])]

# An id in the path (/api/speeches/{speech_id}).
PathId = Annotated[int, Path(ge=1, le=MAX_ID, description="The object's id.", examples=[1])]


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
