"""Parameter types shared by every router of the API.

Ids are bounded like the database columns (bigint), so an absurd number is
a 422 or a 404, never a 500 from the database driver.
"""

from typing import Annotated

from ninja import Field, Path

from core.ids import MAX_ID, parse_id

__all__ = ["MAX_ID", "Id", "PathId", "parse_id"]


# An id in a body or a query string.
Id = Annotated[int, Field(ge=1, le=MAX_ID, examples=[1])]

# An id in the path (/api/speeches/{speech_id}).
PathId = Annotated[int, Path(ge=1, le=MAX_ID, description="The object's id.", examples=[1])]
