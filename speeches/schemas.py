"""API schemas of the speeches app: explicit Out shapes, one per resource.

Compilations and their speech summaries come first; the parse JSON of
PARSING.md (what a dry-run upload returns) follows.
"""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class SpeakerRefOut(Schema):
    """A speaker as other resources point at it."""

    id: int
    name: str


class WarningOut(Schema):
    """Something the parser asks a person to look at, at a line of the file."""

    line: int = Field(description="Line in the uploaded file (1-based).")
    code: str = Field(description="Stable code, e.g. merged-heading, marker-gap.")
    message: str


class CompilationSpeechOut(Schema):
    """A speech as its compilation lists it: metadata, warnings, size."""

    id: int
    position: int = Field(description="Order in the compilation, from 1.")
    title: str
    speaker: SpeakerRefOut | None = Field(description="Null for role-only attributions.")
    speaker_raw: str = Field(description="The speaker as printed.")
    role: str = Field(description="The role as printed (市长, 北京市市长).")
    event: str = Field(description="The meeting the speech was given at.")
    date: str | None = Field(
        description="YYYY, YYYY-MM or YYYY-MM-DD: the speech date at its precision."
    )
    date_precision: str = Field(description="year, month, day, or empty when undated.")
    published: str | None = Field(description="A web page's publication date, at its precision.")
    place: str
    warnings: list[WarningOut]
    paragraph_count: int
    url: str = Field(description="The speech's page.")

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date_iso

    @staticmethod
    def resolve_published(obj) -> str | None:
        return obj.published_iso

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class CompilationOut(Schema):
    """An imported file."""

    id: int
    title: str
    source_name: str = Field(description="The uploaded file's name.")
    encoding: str = Field(description="The text encoding that was detected.")
    size: int = Field(description="Size of the uploaded file in bytes.")
    sha256: str = Field(description="SHA-256 of the normalized text (identifies re-uploads).")
    parser_version: str
    uploaded_by: str | None = Field(description="User name of the uploader.")
    created_at: datetime
    speech_count: int
    url: str = Field(description="The compilation's page.")

    @staticmethod
    def resolve_uploaded_by(obj) -> str | None:
        return obj.uploaded_by.get_username() if obj.uploaded_by_id else None

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class CompilationDetailOut(CompilationOut):
    """A compilation with a summary of each of its speeches."""

    speeches: list[CompilationSpeechOut]

    @staticmethod
    def resolve_speeches(obj) -> list:
        return list(
            obj.speeches.select_related("speaker").with_paragraph_counts().order_by("position")
        )


class CompilationImportOut(Schema):
    """The outcome of an upload: the stored compilation, new or already there."""

    created: bool = Field(
        description="False when the same normalized text had been imported before; "
        "nothing was written and the existing compilation is returned."
    )
    compilation: CompilationDetailOut


# ---- The parse JSON (PARSING.md), returned by a dry-run upload ----


class ParsedSpeakerOut(Schema):
    name: str | None
    role: str | None
    raw: str | None = Field(None, description="The speaker as printed.")


class ParsedSectionOut(Schema):
    marker: str = Field(description="Numbering as printed (一、 （一） 第一，); empty if none.")
    heading: str
    level: int
    run_in: bool = Field(description="The heading opens a paragraph of body text.")
    merged_with_body: bool = Field(
        False, description="The heading runs into the body without punctuation."
    )
    line: int | None = None
    children: list[ParsedSectionOut]


class ParsedParagraphOut(Schema):
    text: str
    section_path: list[str] = Field(
        description="Markers of the enclosing sections, outermost first."
    )
    line: int | None = None
    heading_end: int | None = Field(
        None, description="Code points of a run-in heading at the start of the text."
    )


class ParsedSpeechOut(Schema):
    ordinal: int
    line: int | None = None
    title: str | None
    speaker: ParsedSpeakerOut
    event: str | None
    date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, or null.")
    published: str | None
    place: str | None
    salutation: str | None
    sections: list[ParsedSectionOut]
    paragraphs: list[ParsedParagraphOut]
    warnings: list[WarningOut]


class ParsedCompilationOut(Schema):
    """What the parser read from a file; nothing of it is stored."""

    source: str = Field(description="The file name.")
    encoding: str
    sha256: str | None = None
    parser_version: str | None = None
    title: str | None = None
    existing_id: int | None = Field(
        None, description="The compilation that already holds this text, if any."
    )
    speeches: list[ParsedSpeechOut]


ParsedSectionOut.model_rebuild()
