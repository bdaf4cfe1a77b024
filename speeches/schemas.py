"""API schemas of the speeches app: explicit Out shapes, one per resource.

Compilations and their speech summaries come first; the parse JSON of
docs/parsing.md (what a dry-run upload returns) follows.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import get_language
from ninja import Field, Schema
from pydantic import ConfigDict

from core.fields import max_length
from core.params import Id
from speeches.api import examples
from speeches.models import Compilation, Speaker, Speech
from speeches.warning_text import warning_message


class SpeakerRefOut(Schema):
    """A speaker as other resources point at it."""

    id: int
    name: str


class WarningOut(Schema):
    """Something the parser asks a person to look at, at a line of the file."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.WARNING]})

    line: int = Field(description="Line in the uploaded file (1-based).")
    code: str = Field(description="Stable code, e.g. merged-heading, marker-skip.")
    message: str = Field(description="What to check, in the language asked for.")
    params: dict[str, str | int] = Field(
        default_factory=dict, description="The values the message names (count, marker…)."
    )

    @staticmethod
    def resolve_message(obj) -> str:
        return warning_message(obj)

    @staticmethod
    def resolve_params(obj) -> dict:
        return dict((obj.get("params") if isinstance(obj, dict) else obj.params) or {})


class SpeechMetadataOut(Schema):
    """What every view of a speech says about it: where it stands, who, when, where."""

    id: int
    position: int = Field(description="Order in the compilation, from 1.")
    title: str
    title_derived: bool = Field(
        description="True when the text prints no title and this one was made from its "
        "meeting, speaker, first heading or opening words."
    )
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
    url: str = Field(description="The speech's page (the reader).")

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date_iso

    @staticmethod
    def resolve_published(obj) -> str | None:
        return obj.published_iso

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class CompilationSpeechOut(SpeechMetadataOut):
    """A speech as its compilation lists it: metadata, warnings, size."""

    warnings: list[WarningOut]
    paragraph_count: int


class CompilationOut(Schema):
    """An imported file."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.COMPILATION]})

    id: int
    title: str
    description: str = Field(description="What editors say of the compilation; may be empty.")
    source_name: str = Field(description="The uploaded file's name.")
    encoding: str = Field(description="The text encoding that was detected.")
    size: int = Field(description="Size of the uploaded file in bytes.")
    sha256: str = Field(description="SHA-256 of the normalized text (identifies re-uploads).")
    parser_version: str
    uploaded_by: str | None = Field(description="User name of the uploader.")
    created_at: datetime
    speech_count: int
    withdrawn_at: datetime | None = Field(
        description="When it was withdrawn from browsing, search and analysis; null if not."
    )
    url: str = Field(description="The compilation's page.")

    @staticmethod
    def resolve_uploaded_by(obj) -> str | None:
        return obj.uploaded_by.get_username() if obj.uploaded_by_id else None

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class CompilationDetailOut(CompilationOut):
    """A compilation with a summary of each of its speeches."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.COMPILATION_DETAIL]})

    speeches: list[CompilationSpeechOut]

    @staticmethod
    def resolve_speeches(obj) -> list:
        return list(
            obj.speeches.select_related("speaker").with_paragraph_counts().order_by("position")
        )


class ImportErrorOut(Schema):
    code: str = Field(
        description="What was wrong: the parser's refusal codes (`pdf`, `empty`, "
        "`no-chinese`, …), `corrections-mismatch` or `internal`."
    )
    message: str = Field(description="Why, in the language of the request.")
    message_en: str = Field(description="Why, in English.")


class ImportJobOut(Schema):
    """An import running in the background (docs/api.md, "Importing")."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.IMPORT_JOB]})

    id: int
    url: str = Field(description="This job in the API: GET it until `finished` is true.")
    page_url: str = Field(description="The job's page, with its progress bar.")
    filename: str
    size: int = Field(description="Size of the uploaded file in bytes.")
    stage: str = Field(
        description="`queued`, `reading`, `parsing`, `segmenting`, `writing`, `done` or `failed`."
    )
    stage_label: str = Field(description="The stage in words, in the language of the request.")
    percent: int = Field(description="How much of the import is done, 0 to 100.")
    seconds_left: int | None = Field(
        description="Estimated time left in seconds; null until it can be told."
    )
    finished: bool
    error: ImportErrorOut | None = Field(description="Why the import failed; nothing was written.")
    created: bool | None = Field(
        description="Once done: false when the same normalized text had been imported "
        "before and `compilation` is that one."
    )
    compilation: CompilationOut | None = Field(
        description="The compilation, once done (read with ``ImportJobQuerySet.for_status``)."
    )
    new_version_of: int | None = Field(
        description="The compilation this file is imported as the new version of, if chosen "
        '(docs/corrections.md, "Versions").'
    )
    carried: dict[str, int] | None = Field(
        description="Once done as a new version: annotations placed `exact`ly, `fuzzy`, "
        "`orphaned` (left on the old text for an editor), `split`; `comments_moved`."
    )
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_url(obj) -> str:
        return f"/api/import-jobs/{obj.pk}"

    @staticmethod
    def resolve_page_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_stage_label(obj) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_error(obj) -> dict | None:
        if obj.stage != obj.Stage.FAILED:
            return None
        return {
            "code": obj.error_code,
            "message": obj.error_message(get_language()),
            "message_en": obj.error_en or obj.error,
        }

    @staticmethod
    def resolve_new_version_of(obj) -> int | None:
        return obj.new_version_of_id

    @staticmethod
    def resolve_created(obj) -> bool | None:
        return obj.created_compilation if obj.stage == obj.Stage.DONE else None


# ---- The parse JSON (docs/parsing.md), returned by a dry-run upload ----


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
    title_derived: bool = False
    speaker: ParsedSpeakerOut
    event: str | None
    date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, or null.")
    published: str | None
    place: str | None
    salutation: str | None
    sections: list[ParsedSectionOut]
    paragraphs: list[ParsedParagraphOut]
    warnings: list[WarningOut]


class LooksLikeOut(Schema):
    """A current compilation sharing at least 70 % of its paragraphs with an upload,
    or at least 30 % and its title."""

    id: int
    title: str
    share: float = Field(description="Paragraphs in common, over the longer text (0–1).")
    unchanged: int
    changed: int
    added: int
    removed: int
    by_title: bool = Field(
        False,
        description="Offered for its title (the one the file would be imported under), "
        "with less than 70 % in common: check before sending `new_version_of`.",
    )


class ParsedCompilationOut(Schema):
    """What the parser read from a file; nothing of it is stored."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.PARSED_COMPILATION]})

    source: str = Field(description="The file name.")
    encoding: str
    sha256: str | None = None
    parser_version: str | None = None
    title: str | None = None
    existing_id: int | None = Field(
        None, description="The compilation that already holds this text, if any."
    )
    looks_like: LooksLikeOut | None = Field(
        None, description="A current compilation this text is probably a new version of."
    )
    speeches: list[ParsedSpeechOut]


ParsedSectionOut.model_rebuild()


# ---- Speeches, speakers and search ----


class CompilationRefOut(Schema):
    """A compilation as a speech points at it."""

    id: int
    title: str


class SpeechOut(SpeechMetadataOut):
    """A speech in a list: its metadata, without its text."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEECH]})

    compilation: CompilationRefOut


class SectionOut(Schema):
    """A part of a speech. Sections form a tree; ``position`` is document order."""

    id: int
    parent_id: int | None
    position: int
    level: int
    marker: str = Field(description="Numbering as printed (一、 （一） 第一，).")
    heading: str
    run_in: bool = Field(description="The heading opens a paragraph of body text.")
    anchor: str = Field(description="Fragment of the section in the reader: s12.")


class ParagraphOut(Schema):
    """A paragraph, verbatim. Offsets into ``text`` are Unicode code points."""

    id: int
    position: int = Field(description="From 1; the permalink is the speech URL + #p{position}.")
    section_id: int | None = Field(description="The deepest section it belongs to.")
    text: str
    heading_end: int | None = Field(
        description="Code points of a run-in heading at the start of the text, if any."
    )
    anchor: str = Field(description="Fragment of the paragraph in the reader: p12.")


class SpeechDetailOut(SpeechOut):
    """A speech with its sections and paragraphs, and its neighbours in the compilation."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEECH_DETAIL]})

    salutation: str
    previous_id: int | None = Field(description="The speech before it in its compilation.")
    next_id: int | None = Field(description="The speech after it in its compilation.")
    sections: list[SectionOut]
    paragraphs: list[ParagraphOut]

    @staticmethod
    def resolve_sections(obj) -> list:
        return list(obj.sections.order_by("position"))

    @staticmethod
    def resolve_paragraphs(obj) -> list:
        return list(obj.paragraphs.for_reader())


class SpeakerOut(Schema):
    """A named speaker with the span of their speeches."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEAKER]})

    id: int
    name: str
    slug: str
    speech_count: int
    first_date: str | None = Field(description="Date of the earliest dated speech (YYYY-MM-DD).")
    last_date: str | None = Field(description="Date of the latest dated speech (YYYY-MM-DD).")
    url: str

    @staticmethod
    def resolve_first_date(obj) -> str | None:
        return obj.first_date.isoformat() if obj.first_date else None

    @staticmethod
    def resolve_last_date(obj) -> str | None:
        return obj.last_date.isoformat() if obj.last_date else None

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class RoleCountOut(Schema):
    role: str
    count: int


class SpeakerDetailOut(SpeakerOut):
    """A speaker with every printed name seen and the roles printed with it."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEAKER_DETAIL]})

    aliases: list[str] = Field(description="Printed variants (王 萍, 王萍市长).")
    roles: list[RoleCountOut]
    merged_from: list[SpeakerRefOut] = Field(description="Speakers merged into this one.")

    @staticmethod
    def resolve_aliases(obj) -> list[str]:
        return list(obj.aliases.values_list("name", flat=True))

    @staticmethod
    def resolve_roles(obj) -> list[dict]:
        return [{"role": role, "count": n} for role, n in obj.speeches.counts_by("role")]

    @staticmethod
    def resolve_merged_from(obj) -> list:
        return list(obj.merged_from.order_by("name"))


class SearchTermOut(Schema):
    """A term of the query as it was understood."""

    text: str
    words: list[str] = Field(
        description="jieba's words of the term: with `whole_words`, a hit holds all of them "
        "as words of its own."
    )
    phrase: bool = Field(description="Quoted: the text must hold it verbatim, spaces included.")
    excluded: bool = Field(description="Prefixed with -: hits must not hold it.")


class SearchSpeechOut(Schema):
    """The speech a hit belongs to."""

    id: int
    title: str
    speaker: SpeakerRefOut | None
    role: str
    event: str
    date: str | None
    date_precision: str
    url: str

    @staticmethod
    def resolve_date(obj) -> str | None:
        return obj.date_iso

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class SearchHitOut(Schema):
    """A paragraph that matches, with where each match is."""

    paragraph_id: int
    position: int
    text: str = Field(description="The paragraph's text: its first 20,000 code points.")
    truncated: bool = Field(
        description="True: the paragraph is longer than `text` (the reader has all of it)."
    )
    highlights: list[tuple[int, int]] = Field(
        description="[start, end) of each match in `text`, in Unicode code points, merged; "
        "at most the first 200 matches of each term."
    )
    section: str = Field(description="Marker and heading of the paragraph's section, or empty.")
    speech: SearchSpeechOut
    url: str = Field(description="The paragraph in the reader, with the query marked.")


class SearchHeadingOut(Schema):
    """A section heading that holds the query, linking to its section."""

    section_id: int
    marker: str
    heading: str
    highlights: list[tuple[int, int]] = Field(
        description="[start, end) of each match in `heading`, in Unicode code points."
    )
    speech: SearchSpeechOut
    url: str = Field(description="The section in the reader, with the query marked.")


class SearchHeadingsOut(Schema):
    total: int = Field(description="Matching headings, counted up to 1,000.")
    exact: bool = Field(description="False: more than `total` headings match.")
    items: list[SearchHeadingOut] = Field(description="The first ten, newest speech first.")


class YearCountOut(Schema):
    year: int | None = Field(description="Null for undated speeches.")
    count: int


class SearchOut(Schema):
    """One page of search hits, the total and the hits per year."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SEARCH]})

    query: str = Field(description="The query as understood.")
    whole_words: bool = Field(
        description="True: terms matched jieba's words only, not wherever their characters "
        "occur together."
    )
    terms: list[SearchTermOut]
    ignored: list[str] = Field(description="Typed terms with nothing searchable in them.")
    sort: str
    total: int
    exact: bool = Field(
        description="False: `total` and `per_year` are estimated from a sample (more than "
        "10,000 hits); ask with `exact=true` to count every hit."
    )
    per_year: list[YearCountOut]
    reachable: int = Field(
        description="How many hits can be paged through: all by date; by relevance, those ranked."
    )
    limit: int
    offset: int
    headings: SearchHeadingsOut
    items: list[SearchHitOut]


# ---- Corrections after import (speeches.services.editing) ----


class SpeechPatch(Schema):
    """Only the fields sent change; a field sent with its current value writes nothing."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEECH_PATCH]})

    title: str | None = Field(None, max_length=max_length(Speech, "title"))
    date: str | None = Field(
        None,
        max_length=32,
        description="2024, 2024-08 or 2024-08-12 (the precision follows); empty: undated.",
    )
    event: str | None = Field(
        None, max_length=max_length(Speech, "event"), description="The meeting."
    )
    place: str | None = Field(None, max_length=max_length(Speech, "place"))
    speaker: str | None = Field(
        None,
        max_length=max_length(Speaker, "name"),
        description="The speaker's canonical name: a known name or alias links to that "
        "speaker, a new one creates a speaker; empty for a role-only attribution.",
    )
    speaker_raw: str | None = Field(
        None, max_length=max_length(Speech, "speaker_raw"), description="As printed."
    )
    role: str | None = Field(None, max_length=max_length(Speech, "role"), description="As printed.")
    salutation: str | None = Field(None, max_length=max_length(Speech, "salutation"))


class SpeechEditedOut(SpeechOut):
    """The speech as corrected."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEECH_EDITED]})

    salutation: str


class CompilationPatch(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.COMPILATION_PATCH]})

    title: str | None = Field(None, max_length=max_length(Compilation, "title"))
    description: str | None = Field(None, max_length=max_length(Compilation, "description"))


class BulkChanges(Schema):
    """What to set on every speech chosen; fields not sent are left alone."""

    speaker: str | None = Field(None, max_length=max_length(Speaker, "name"))
    speaker_raw: str | None = Field(None, max_length=max_length(Speech, "speaker_raw"))
    role: str | None = Field(None, max_length=max_length(Speech, "role"))
    event: str | None = Field(None, max_length=max_length(Speech, "event"))
    date: str | None = Field(None, max_length=32)
    place: str | None = Field(None, max_length=max_length(Speech, "place"))


class BulkEditIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.BULK_EDIT]})

    speech_ids: list[Id] = Field(min_length=1, max_length=5000)
    changes: BulkChanges


class BulkEditOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.BULK_EDIT_RESULT]})

    batch: str = Field(description="Shared by the history entries of this edit.")
    changed: int = Field(description="Speeches that changed.")
    unchanged: int = Field(description="Speeches that already had these values.")


class ChangeOut(Schema):
    """One entry of a history: a correction, what it changed, and whether it can be undone."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.CHANGE]})

    id: int
    actor: str | None = Field(description="User name; null for the command line.")
    verb: str
    created_at: datetime
    target_type: str = Field(description="speeches.speech or speeches.compilation.")
    target_id: int
    speech_id: int | None
    summary: str
    changes: dict[str, dict] = Field(
        description="Field -> {before, after} (a speaker also by before_id, after_id)."
    )
    undo_of: int | None = Field(description="The entry this one undid, if any.")
    batch: str | None = Field(description="Bulk edits: the id shared by the edit's entries.")
    undoable: bool

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.get_username() if obj.actor_id else None

    @staticmethod
    def resolve_changes(obj) -> dict:
        return obj.data.get("changes", {})

    @staticmethod
    def resolve_undo_of(obj) -> int | None:
        return obj.data.get("undo_of")

    @staticmethod
    def resolve_batch(obj) -> str | None:
        return obj.data.get("batch")

    @staticmethod
    def resolve_undoable(obj) -> bool:
        return getattr(obj, "undoable", False)


# ---- Structural corrections (speeches.services.restructure) ----


class SplitParagraphIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPLIT_PARAGRAPH]})

    at: int = Field(
        ge=1,
        le=2**31 - 1,
        description="Code point before which the second paragraph starts (white space at "
        "the cut is dropped).",
    )


class MergeParagraphsIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.MERGE_PARAGRAPHS]})

    separator: str = Field(
        "",
        max_length=1,
        pattern=r"^\s?$",
        description="Put between the texts: nothing (Chinese) or one space.",
    )


class HeadingLevelIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.HEADING_LEVEL]})

    level: int = Field(ge=1, le=6, description="1 is the outermost.")


class ToHeadingIn(HeadingLevelIn):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.TO_HEADING]})


class SplitSpeechIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPLIT_SPEECH]})

    paragraph: int = Field(ge=2, le=2**31 - 1, description="The first paragraph of the new speech.")
    title: str = Field(
        "", max_length=max_length(Speech, "title"), description="By default the speech's own title."
    )


class StructureOut(Schema):
    """What a structural correction did; ``change_id`` is its history entry (undo it there)."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.STRUCTURE_RESULT]})

    speech_id: int
    new_speech_id: int | None = Field(description="The speech split off, if any.")
    change_id: int
    annotations_moved: int = Field(description="Annotations now on another paragraph.")
    annotations_split: int = Field(description="Spans over a split, now one per part.")
    comments_moved: int


class DeletedOut(Schema):
    """What a deletion for good took with it, by kind of record."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "deleted": {
                        "speeches.speech": 18,
                        "speeches.paragraph": 640,
                        "annotations.annotation": 52,
                    }
                }
            ]
        }
    )

    deleted: dict[str, int]


class MeetingMergeIn(Schema):
    """Two meetings, each by any of its printed names or its key."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"source": "全市人大工作座谈会", "target": "全市人大工作会议"}]
        }
    )

    source: str = Field(max_length=300, description="The meeting that is merged away.")
    target: str = Field(max_length=300, description="The meeting that stays.")


class MeetingOut(Schema):
    """A meeting: the key its speeches are stored under, named by its first printed name."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"key": "全市人大工作会议", "name": "全市人大工作会议", "speech_count": 3}]
        }
    )

    key: str = Field(description="The meeting key (variant names of the meeting share it).")
    name: str = Field(description="The first of the meeting's printed names.")
    speech_count: int


class SpeakerMergeIn(Schema):
    """The speaker who stays, by name or one of its printed names."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"target": "王萍"}]})

    target: str = Field(
        min_length=1,
        max_length=max_length(Speaker, "name"),
        description="The speaker who stays: a name or a printed name (alias).",
    )


class SpeechSpeakerIn(Schema):
    """Who gave a speech: a speaker's name, or empty for a role-only attribution."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "王萍"}]})

    name: str = Field(
        max_length=max_length(Speaker, "name"),
        description="A known name or alias links to that speaker; a new name creates one; "
        "empty: the role only.",
    )


class MeetingListOut(MeetingOut):
    """A meeting in the list: its speeches, speakers, first and last date."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "key": "全市人大工作会议",
                    "name": "全市人大工作会议",
                    "speech_count": 3,
                    "speaker_count": 1,
                    "first_date": "2023-08-12",
                    "last_date": "2024-08-12",
                }
            ]
        }
    )

    speaker_count: int
    first_date: str | None = Field(description="The earliest dated speech (YYYY-MM-DD).")

    @staticmethod
    def resolve_key(obj) -> str:
        return obj["event_key"]

    last_date: str | None = Field(description="The latest dated speech (YYYY-MM-DD).")

    @staticmethod
    def resolve_first_date(obj) -> str | None:
        return obj["first_date"].isoformat() if obj["first_date"] else None

    @staticmethod
    def resolve_last_date(obj) -> str | None:
        return obj["last_date"].isoformat() if obj["last_date"] else None


class MonthCountOut(Schema):
    month: int | None = Field(description="1–12; null: speeches dated by the year only.")
    count: int


class ArchiveYearOut(Schema):
    year: int
    count: int
    months: list[MonthCountOut]


class DateArchiveOut(Schema):
    """Speeches by year and month, as the dates page shows them."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "years": [
                        {
                            "year": 2024,
                            "count": 3,
                            "months": [{"month": None, "count": 1}, {"month": 8, "count": 2}],
                        }
                    ],
                    "undated": 2,
                }
            ]
        }
    )

    years: list[ArchiveYearOut] = Field(description="Newest year first.")
    undated: int = Field(description="Speeches without a date.")


class DiffRowOut(Schema):
    """One line of a versions' diff."""

    kind: str = Field(description="`same`, `changed`, `removed` or `added`.")
    old: str = Field(description="The paragraph in the earlier version (changed, removed).")
    new: str = Field(description="The paragraph in this version (changed, added).")
    old_position: int | None
    new_position: int | None
    count: int = Field(description="`same`: how many unchanged paragraphs in a row.")
    segments: list[tuple[int, str]] = Field(
        description="`changed`: (op, text) pieces, op -1 removed, 0 kept, 1 added."
    )


class CompilationDiffOut(Schema):
    """A version of a compilation against the one it replaced."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "compilation": {"id": 9, "title": "2024年讲话汇编（修订）"},
                    "previous": {"id": 7, "title": "2024年讲话汇编"},
                    "rows": [
                        {
                            "kind": "same",
                            "old": "",
                            "new": "",
                            "old_position": None,
                            "new_position": None,
                            "count": 12,
                            "segments": [],
                        },
                        {
                            "kind": "changed",
                            "old": "依法开展执法检查。",
                            "new": "依法开展专项执法检查。",
                            "old_position": 13,
                            "new_position": 13,
                            "count": 0,
                            "segments": [[0, "依法开展"], [1, "专项"], [0, "执法检查。"]],
                        },
                    ],
                }
            ]
        }
    )

    compilation: CompilationRefOut
    previous: CompilationRefOut
    rows: list[DiffRowOut]


class SpeechOfficeIn(Schema):
    """An editor's correction of the canonical office a speech's printed role maps to."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"office": "省长", "office_place": "四川省"}]}
    )

    office: str = Field(
        max_length=max_length(Speech, "office"),
        description="The office in canonical form; empty: the role names none.",
    )
    office_place: str = Field(
        default="", max_length=max_length(Speech, "office_place"), description="Where it is held."
    )


class SpeechOfficeOut(Schema):
    """A speech's printed role beside the canonical office filters and counts group by."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "speech_id": 12,
                    "role": "四川省人民政府省长",
                    "office": "省长",
                    "office_place": "四川省",
                    "corrected": False,
                }
            ]
        }
    )

    speech_id: int
    role: str = Field(description="The role as printed.")
    office: str = Field(description="The canonical office (empty: none).")
    office_place: str = Field(description="Where the office is held (empty: not stated).")
    corrected: bool = Field(
        description="An editor set the office: it no longer follows the printed role."
    )
