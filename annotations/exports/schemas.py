"""The selection an export is asked for, shared by the pages and the API."""

from ninja import Field, Schema
from pydantic import ConfigDict

from annotations.api import examples
from annotations.exports.selection import Selection
from annotations.forms import ExportFilterForm
from annotations.schemas import ThemeOut, ThemeRef
from speeches.api.filters import SpeechFilterParams, checked


class ExportFilter(SpeechFilterParams):
    """Which annotations to export: the filters of every list (speaker, role,
    meeting, compilation, year, from/to…), a speech, a theme and a search,
    combined. With none, everything."""

    speech: int | None = Field(None, ge=1, description="A speech's id.", examples=[4])
    theme: ThemeRef = ""
    q: str = Field(
        "",
        max_length=200,
        description="A search, as on the search page: passages in paragraphs that match.",
        examples=["人大监督"],
    )
    date_from: str = Field(
        "",
        max_length=20,
        description="Older name of `from`, still accepted.",
        json_schema_extra={"deprecated": True},
    )
    date_to: str = Field(
        "",
        max_length=20,
        description="Older name of `to`, still accepted.",
        json_schema_extra={"deprecated": True},
    )

    def query(self) -> dict[str, str]:
        values = {
            "speech": "" if self.speech is None else str(self.speech),
            "theme": self.theme,
            "q": self.q,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }
        return {**super().query(), **{k: v for k, v in values.items() if v}}

    def selection(self) -> Selection:
        """The selection, or a domain error: ``NotFound`` for an unknown speaker or
        compilation, 422 naming each parameter that is not understood."""
        return checked(ExportFilterForm(self.query()), unknown_is_missing=True).selection()


class CodebookImportOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.CODEBOOK_IMPORT]})

    created: list[ThemeOut] = Field(description="The themes created, parents first.")
    existing: int = Field(description="Codes already in the codebook, left unchanged.")
    recoloured: list[str] = Field(
        description="Codes whose colour would make highlighted text hard to read; "
        "they got one of the default colours instead."
    )
