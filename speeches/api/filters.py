"""The filters every speech list and search of the API accepts, as query parameters.

The same parameters as the pages' (``speeches.filters.SpeechFilterForm``,
which checks and resolves them here too): the API and the pages cannot drift
apart. Other apps extend ``SpeechFilterParams`` for their own lists.
"""

from django.utils.translation import gettext as _
from ninja import Field, Schema

from core.errors import InvalidInput, NotFound
from speeches.filters import SpeechFilterForm, SpeechFilters

FILTERS_HELP = (
    "Filters combine, the same as on the pages: `speaker` (id or slug), `named`, `role`, "
    "`event`, `compilation`, `year`, `from`/`to` (a date at any precision; `to` means the "
    "end of its year, month or day), `undated`."
)


class SpeechFilterParams(Schema):
    speaker: str = Field(
        "",
        max_length=120,
        description="A speaker's id or slug, as in the speaker page's address "
        "(a merged speaker's also works).",
        examples=["wang-ping"],
    )
    named: bool | None = Field(
        None,
        description="true: speeches with a named speaker; false: role-only attributions.",
        examples=[True],
    )
    role: str = Field(
        "", max_length=100, description="The role as printed, exactly (市长).", examples=["市长"]
    )
    event: str = Field(
        "", max_length=300, description="The meeting, exactly.", examples=["全市人大工作会议"]
    )
    compilation: int | None = Field(None, description="Compilation id.", examples=[1])
    year: int | None = Field(None, ge=1000, le=9999, examples=[2024])
    from_: str = Field(
        "",
        alias="from",
        max_length=20,
        description="From this date: 2024, 2024-08 or 2024-08-12.",
        examples=["2024-01"],
    )
    to: str = Field(
        "",
        max_length=20,
        description="Until the end of this year, month or day.",
        examples=["2024"],
    )
    undated: bool = Field(False, description="Only speeches without a date.", examples=[False])

    def query(self) -> dict[str, str]:
        """The parameters given, as the pages' URLs carry them."""
        values = {
            "speaker": self.speaker,
            "named": {True: "1", False: "0", None: ""}[self.named],
            "role": self.role,
            "event": self.event,
            "compilation": "" if self.compilation is None else str(self.compilation),
            "year": "" if self.year is None else str(self.year),
            "from": self.from_,
            "to": self.to,
            "undated": "1" if self.undated else "",
        }
        return {name: value for name, value in values.items() if value}

    def filters(self) -> SpeechFilters:
        """The filters, or 422 naming each parameter that is not understood."""
        return checked(SpeechFilterForm(self.query())).filters()


def checked(form: SpeechFilterForm, *, unknown_is_missing: bool = False) -> SpeechFilterForm:
    """``form`` if every parameter is valid; otherwise an ``InvalidInput`` that names them.

    A parameter naming something that does not exist (a speaker, a
    compilation) is invalid input for a list; for an export, whose
    parameters name what to export, ``unknown_is_missing`` makes it
    ``NotFound`` (404 in the API).
    """
    # In the request's language, like every other error message of the API.
    errors = form.param_errors()
    if not errors:
        return form
    if unknown_is_missing and all(e["code"] == "unknown" for e in errors):
        raise NotFound(
            errors[0]["msg"],
            {"field": errors[0]["loc"][-1]},
        )
    details = [{"loc": e["loc"], "msg": e["msg"]} for e in errors]
    raise InvalidInput(_("The request is not valid."), details)
