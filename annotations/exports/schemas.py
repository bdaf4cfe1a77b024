"""The selection an export is asked for, shared by the pages and the API."""

import datetime

from ninja import Field, Schema
from pydantic import field_validator

from annotations.exports.selection import Selection
from annotations.schemas import ThemeOut


class ExportFilter(Schema):
    """Which annotations to export. Filters combine; with none, everything."""

    compilation: int | None = Field(None, ge=1, description="A compilation's id.", examples=[1])
    speech: int | None = Field(None, ge=1, description="A speech's id.", examples=[4])
    theme: str | None = Field(
        None,
        max_length=120,
        description="A theme's id or slug; its sub-themes are included.",
        examples=["people-s-congress-supervision"],
    )
    speaker: str | None = Field(
        None,
        max_length=120,
        description="A speaker's id or slug, as in the speaker page's address.",
        examples=["王萍"],
    )
    role: str = Field("", max_length=100, description="The role as printed, e.g. 市长.")
    event: str = Field("", max_length=300, description="The meeting, e.g. 全市人大工作会议.")
    date_from: datetime.date | None = Field(
        None, description="Speeches on or after this date.", examples=["2024-01-01"]
    )
    date_to: datetime.date | None = Field(
        None, description="Speeches on or before this date.", examples=["2024-12-31"]
    )
    q: str = Field(
        "",
        max_length=200,
        description="A search, as on the search page: passages in paragraphs that match.",
        examples=["人大监督"],
    )

    @field_validator("theme", "speaker", "role", "event", "q", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        # Empty form fields arrive as "": they select nothing.
        return value.strip() if isinstance(value, str) else value

    def selection(self) -> Selection:
        return Selection(
            compilation=self.compilation,
            speech=self.speech,
            theme=self.theme or None,
            speaker=self.speaker or None,
            role=self.role,
            event=self.event,
            date_from=self.date_from,
            date_to=self.date_to,
            q=self.q,
        )


class CodebookImportOut(Schema):
    created: list[ThemeOut] = Field(description="The themes created, parents first.")
    existing: int = Field(description="Codes already in the codebook, left unchanged.")
    recoloured: list[str] = Field(
        description="Codes whose colour would make highlighted text hard to read; "
        "they got one of the default colours instead."
    )
