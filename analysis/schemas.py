"""The analysis API's shapes: explicit In (query parameters) and Out schemas."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from speeches.api.filters import SpeechFilterParams


class CodingParams(SpeechFilterParams):
    coder: str = Field(
        "", max_length=150, description="Count only this coder's passages (a user name).",
        examples=["lihua"],
    )

    def query(self) -> dict[str, str]:
        values = super().query()
        if self.coder:
            values["coder"] = self.coder
        return values


class CrosstabParams(CodingParams):
    by: Literal["year", "speaker", "role", "meeting", "compilation"] = Field(
        "year", description="The columns."
    )
    count: Literal["passages", "paragraphs", "characters"] = Field(
        "passages", description="What each cell counts."
    )
    measure: Literal["count", "row", "column", "rate"] = Field(
        "count", description="count, row (row %), column (column %) or rate (per 10,000 "
        "characters of the column's text): each cell's `value`.",
    )

    def query(self) -> dict[str, str]:
        return {**super().query(), "by": self.by, "count": self.count, "measure": self.measure}


class CooccurrenceParams(CodingParams):
    pass


class CooccurrenceFileParams(CooccurrenceParams):
    measure: Literal["paragraphs", "overlaps", "jaccard"] = Field(
        "paragraphs", description="What each cell of the file holds: paragraphs coded with "
        "both themes, paragraphs where their passages overlap, or the Jaccard index.",
    )

    def query(self) -> dict[str, str]:
        return {**super().query(), "measure": self.measure}


class TrendParams(SpeechFilterParams):
    terms: list[str] = Field(
        ..., description="One or more search terms (repeat the parameter), each in the "
        "search language: words, \"phrases\", -exclusions.", examples=[["依法行政", "乡村振兴"]],
    )
    by: Literal["year", "speaker", "role", "meeting"] = Field("year", description="The columns.")

    def query(self) -> dict[str, str]:
        return {**super().query(), "terms": "\n".join(self.terms), "by": self.by}


class TrendFileParams(TrendParams):
    measure: Literal["rate", "occurrences", "paragraphs"] = Field(
        "rate", description="What the chart (SVG) draws; the CSV and .xlsx hold every figure.",
    )

    def query(self) -> dict[str, str]:
        return {**super().query(), "measure": self.measure}


class ColumnOut(Schema):
    key: int | str | None = Field(description="The value (a year, a speaker id, a role…); "
                                  "null: speeches without one (undated, no meeting…).")
    label: str
    characters: int = Field(description="Characters of text in the column's speeches.")
    paragraphs: int
    speeches: int


class CellOut(Schema):
    passages: int
    paragraphs: int
    characters: int = Field(description="Characters coded, each once per theme.")
    value: float | None = Field(description="The figure the `count` and `measure` asked for; "
                                "null when the share or rate is undefined.")


class CrosstabRowOut(Schema):
    theme_id: int | None = Field(description="null: the row of every coded passage.")
    slug: str
    name: str
    parent_id: int | None
    depth: int
    cells: list[CellOut]
    total: CellOut


_COLUMN = {"key": 2021, "label": "2021", "characters": 182340, "paragraphs": 1204, "speeches": 31}
_CELL = {"passages": 12, "paragraphs": 10, "characters": 431, "value": 0.66}


class CrosstabOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "by": "year", "count": "passages", "measure": "rate", "columns": [_COLUMN],
        "rows": [{"theme_id": 3, "slug": "rule-of-law", "name": "依法行政与法治",
                  "parent_id": None, "depth": 0, "cells": [_CELL], "total": _CELL}],
        "any_theme": {"theme_id": None, "slug": "", "name": "任一主题", "parent_id": None,
                      "depth": 0, "cells": [_CELL], "total": _CELL},
        "folded": 0, "total_characters": 182340,
    }]})

    by: str
    count: str
    measure: str
    columns: list[ColumnOut]
    rows: list[CrosstabRowOut] = Field(
        description="The codebook in tree order; a theme's row includes its sub-themes' "
        "passages, each once."
    )
    any_theme: CrosstabRowOut
    folded: int = Field(description="Columns added up in the last one when there were too many.")
    total_characters: int


class MatrixThemeOut(Schema):
    id: int
    slug: str
    name: str
    parent_id: int | None
    depth: int
    paragraphs: int


class PairOut(Schema):
    paragraphs: int = Field(description="Paragraphs where both themes are coded.")
    overlaps: int = Field(description="Paragraphs where their passages share a character.")
    jaccard: float | None
    nested: bool = Field(description="One theme is part of the other.")


class CooccurrenceOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "themes": [
            {"id": 3, "slug": "rule-of-law", "name": "依法行政与法治", "parent_id": None,
             "depth": 0, "paragraphs": 40},
            {"id": 1, "slug": "people-s-congress-supervision", "name": "人大监督",
             "parent_id": None, "depth": 0, "paragraphs": 25},
        ],
        "cells": [
            [{"paragraphs": 40, "overlaps": 40, "jaccard": 1.0, "nested": True},
             {"paragraphs": 9, "overlaps": 4, "jaccard": 0.161, "nested": False}],
            [{"paragraphs": 9, "overlaps": 4, "jaccard": 0.161, "nested": False},
             {"paragraphs": 25, "overlaps": 25, "jaccard": 1.0, "nested": True}],
        ],
        "coded_paragraphs": 56,
    }]})

    themes: list[MatrixThemeOut]
    cells: list[list[PairOut]] = Field(description="[row][column], in the order of `themes`.")
    coded_paragraphs: int


class SeriesOut(Schema):
    term: str
    paragraphs: list[int] = Field(description="Per column, as search finds them.")
    occurrences: list[int] = Field(description="Per column: the matches search highlights.")
    rate: list[float | None] = Field(description="Occurrences per 10,000 characters of text.")
    undated_paragraphs: int
    undated_occurrences: int


class TrendOut(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "by": "year", "columns": [_COLUMN],
        "series": [{"term": "依法行政", "paragraphs": [14], "occurrences": [17], "rate": [0.93],
                    "undated_paragraphs": 1, "undated_occurrences": 1}],
        "undated": {"key": None, "label": "日期不详", "characters": 5120, "paragraphs": 40,
                    "speeches": 2},
        "ignored": [],
    }]})

    by: str
    columns: list[ColumnOut]
    series: list[SeriesOut]
    undated: ColumnOut | None = Field(
        description="By year: the undated speeches' text, left out of the series."
    )
    ignored: list[str] = Field(description="Terms with nothing to search in.")


# --- text reuse -------------------------------------------------------------

import datetime as dt  # noqa: E402

from speeches.schemas import CompilationRefOut, SpeakerRefOut  # noqa: E402


def _example(name: str) -> ConfigDict:
    """The OpenAPI example ``name`` of ``analysis.api.examples``, read when the
    schema is built (that package's router imports this module)."""

    def extra(schema: dict) -> None:
        from analysis.api import examples

        schema["examples"] = [getattr(examples, name)]

    return ConfigDict(json_schema_extra=extra)


class ReuseParams(SpeechFilterParams):
    pass


class SpeechReuseParams(Schema):
    min: int = Field(
        0, ge=0, le=100_000, description="Only passages at least this many characters long.",
        examples=[80],
    )
    paragraph: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Only passages touching the paragraph at this "
        "position.", examples=[3],
    )


class ReuseRunIn(Schema):
    min_characters: int = Field(
        50, ge=20, le=5_000, description="The shortest passage reported, in characters.",
        examples=[50],
    )


class ReuseRunOut(Schema):
    model_config = _example("RUN")

    id: int
    kind: Literal["full", "incremental"] = Field(
        description="full: the whole archive; incremental: a newly imported compilation "
        "(`compilation_id`) against it."
    )
    compilation_id: int | None
    min_characters: int
    stage: Literal[
        "queued", "hashing", "candidates", "aligning", "writing", "done", "failed"
    ]
    stage_label: str = Field(description="The stage in the request's language.")
    percent: int
    seconds_left: int | None = Field(
        description="Estimated time left in seconds (0 once finished); null until it can be "
        "told, as for an import job."
    )
    speeches: int = Field(description="Speeches read (once done).")
    passages: int = Field(description="Passages found (once done).")
    error: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class ReuseStatusOut(Schema):
    model_config = _example("STATUS")

    computed_at: dt.datetime | None = Field(
        description="When the results were computed (the last finished run); null: never."
    )
    run: ReuseRunOut | None = Field(description="The newest run, finished or not.")


class ReuseSpeechRefOut(Schema):
    id: int
    title: str
    date: dt.date | None
    speaker: SpeakerRefOut | None
    compilation: CompilationRefOut


class ReusePairOut(Schema):
    model_config = _example("PAIR")

    speech_a: ReuseSpeechRefOut = Field(description="The speech with the lower id.")
    speech_b: ReuseSpeechRefOut
    passages: int
    characters_a: int = Field(description="Characters of speech_a's text in shared passages.")
    characters_b: int
    characters: int = Field(description="The larger of the two: the list's order.")


class ElsewhereOut(Schema):
    speech: ReuseSpeechRefOut
    passages: int
    characters: int = Field(description="Characters of this speech's text the other holds.")
    relation: Literal["earlier", "later", "same day", "undated"] = Field(
        description="The other speech's date compared with this one's."
    )


class SpeechReuseOut(Schema):
    model_config = _example("SPEECH_REUSE")

    speech: ReuseSpeechRefOut
    characters: int = Field(description="Characters of the speech's text.")
    reused: int = Field(description="Of them, found in at least one other speech.")
    share: float = Field(description="reused / characters.")
    others: list[ElsewhereOut]
    computed_at: dt.datetime | None


class DifferenceOut(Schema):
    same: bool
    left: str
    right: str


class AlignedPassageOut(Schema):
    left_start: int = Field(description="Offsets (code points) into the left speech's text: "
                            "its paragraphs joined by a line break.")
    left_end: int
    right_start: int
    right_end: int
    left_paragraph: int = Field(description="Position of the paragraph the passage starts in.")
    right_paragraph: int
    length: int
    similarity: float
    pieces: list[DifferenceOut] = Field(
        description="The passage in pieces, the same on both sides or different."
    )


class ComparisonOut(Schema):
    model_config = _example("COMPARISON")

    left: ReuseSpeechRefOut
    right: ReuseSpeechRefOut
    passages: list[AlignedPassageOut]
    computed_at: dt.datetime | None
