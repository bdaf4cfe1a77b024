"""Filters shared by every list of speeches or of what is in them: the
speech list, the search, a theme's passages, the exports and the API.

A filter is read from GET parameters, so every filtered view has a URL
worth sharing, and the same parameters narrow every page, export and API
operation alike: ``?speaker=12&role=市长&event=…&year=2024`` or a date range
``?from=2024-03&to=2024-08``. ``speaker`` is a speaker's id or slug (as in
the speaker page's address). Dates may be given at any precision; ``from``
means the first day of its period and ``to`` the last. Speeches dated only
by year or month count at the first day of that period (that is how the
model stores them).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.fields import max_length
from speeches.models import Compilation, MeetingAlias, Speaker, Speech
from speeches.querysets import current_speech_q
from text.parsing.canonical import canonical_role, meeting_key
from text.partial_dates import read_partial_date

# ?sort= value -> ordering of a list of speeches; the first is the default.
SPEECH_ORDERINGS = {
    "-date": [F("date").desc(nulls_last=True), "-id"],
    "date": [F("date").asc(nulls_last=True), "id"],
    "title": ["title_sort", "id"],
    "-title": ["-title_sort", "-id"],
    "speaker": [F("speaker__name_sort").asc(nulls_last=True), "role", "id"],
    "-speaker": [F("speaker__name_sort").desc(nulls_last=True), "-role", "-id"],
}

# ?sort= value -> ordering of the speaker list; the first is the default.
SPEAKER_ORDERINGS = {
    "-speeches": ["-speech_count", "name_sort"],
    "speeches": ["speech_count", "name_sort"],
    "name": ["name_sort"],
    "-name": ["-name_sort"],
    "-last": [F("last_date").desc(nulls_last=True), "name_sort"],
    "last": [F("last_date").asc(nulls_last=True), "name_sort"],
    "first": [F("first_date").asc(nulls_last=True), "name_sort"],
    "-first": [F("first_date").desc(nulls_last=True), "name_sort"],
}


# ?sort= value -> ordering of the meetings (rows of SpeechQuerySet.meetings()).
MEETING_ORDERINGS = {
    "-date": [F("last_date").desc(nulls_last=True), "name_sort"],
    "event": ["name_sort"],
    "-speeches": ["-speech_count", "name_sort"],
}


@dataclass(frozen=True)
class SpeechFilters:
    """What a list or a search is limited to; empty fields do not filter."""

    speaker: Speaker | None = None
    named: bool | None = None  # True: a named speaker; False: role-only attributions
    role: str = ""
    event: str = ""
    compilation: Compilation | None = None
    year: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    undated: bool = False

    def q(self, prefix: str = "") -> Q:
        """The condition on speeches; ``prefix`` is the path to the speech ("speech__").

        Speeches of withdrawn or superseded compilations are left out, unless
        the filter names their compilation (an export of a withdrawn compilation)."""
        conditions = Q() if self.compilation is not None else current_speech_q(prefix)
        for spec, value in self._given():
            conditions &= spec.condition(value, prefix)
        return conditions

    @property
    def is_empty(self) -> bool:
        return self == SpeechFilters()

    def params(self) -> dict[str, str]:
        """The GET parameters that give these filters back."""
        return {spec.param: _param_value(value) for spec, value in self._given()}

    def active(self) -> list[ActiveFilter]:
        """Each filter in force, with the URL parameters that remove it."""
        empty = SpeechFilters()
        return [
            ActiveFilter(
                spec.name,
                spec.label(value),
                replace(self, **{spec.name: getattr(empty, spec.name)}).params(),
            )
            for spec, value in self._given()
        ]

    def _given(self) -> list[tuple[FilterSpec, Any]]:
        """The filters in force, in the order of ``FILTERS``, with their values."""
        empty = SpeechFilters()
        return [
            (spec, getattr(self, spec.name))
            for spec in FILTERS
            if getattr(self, spec.name) != getattr(empty, spec.name)
        ]


@dataclass(frozen=True)
class ActiveFilter:
    name: str
    label: str
    params_without: dict[str, str]


class PartialDateField(forms.Field):
    """A date at year, month or day precision; ``end`` picks the last day of the period."""

    widget = forms.TextInput

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": "20", "placeholder": "2024-08"}

    def to_python(self, value):
        value = (value or "").strip()[:20]
        if not value:
            return None
        parsed = read_partial_date(value)
        if parsed is None:
            raise forms.ValidationError(
                _("Enter a date as 2024, 2024-08 or 2024-08-12."), code="invalid"
            )
        return parsed.last_day() if self.end else parsed.first_day()


def _param_value(value: object) -> str:
    """A filter's value as a URL carries it."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _year_range(year: int, prefix: str) -> Q:
    # A range rather than __year, so that the date index serves it.
    return Q(**{
        f"{prefix}date__gte": datetime.date(year, 1, 1),
        f"{prefix}date__lte": datetime.date(year, 12, 31),
    })


def _role_condition(role: str, prefix: str) -> Q:
    # By the canonical office (and its place when the role names one):
    # ?role=省长 finds 山东省省长 and 省人民政府省长 alike.
    canonical = canonical_role(role)
    if canonical is None:
        return Q(**{f"{prefix}role": role})
    condition = Q(**{f"{prefix}office": canonical.office})
    if canonical.place:
        condition &= Q(**{f"{prefix}office_place": canonical.place})
    return condition


def _event_condition(event: str, prefix: str) -> Q:
    # Any variant name of the meeting finds them all.
    # An editor's merge (MeetingAlias) makes the merged name find the meeting too.
    key = MeetingAlias.objects.resolve(meeting_key(event) or event)
    return Q(**{f"{prefix}event_key": key})


@dataclass(frozen=True)
class FilterSpec:
    """One filter, written once: the page form, the API parameters, the
    query and the chips are all made from ``FILTERS``.

    ``name`` is the field of ``SpeechFilters`` and of the page form;
    ``param`` the URL and API parameter. ``form_field`` makes the page
    form's field (with its label); ``api_type`` and ``api_field`` are the API
    parameter's type and pydantic ``Field`` arguments (its description and
    examples; ``speeches.api.filters`` makes the schema from them, as
    ``api_name``). ``condition`` is the query for a value, ``label`` the
    chip that shows it.
    """

    name: str
    param: str
    form_field: Callable[[], forms.Field]
    api_type: Any
    api_field: dict[str, Any]
    condition: Callable[[Any, str], Q]
    label: Callable[[Any], str]
    api_name: str = ""

    @property
    def api_attribute(self) -> str:
        return self.api_name or self.param


def _text_filter(
    name: str, label, description: str, example: str, condition: Callable[[Any, str], Q]
) -> FilterSpec:
    """A filter on a text field of the speech, as printed (role, meeting): at
    most as long as the field (its model's max_length)."""
    limit = max_length(Speech, name)
    return FilterSpec(
        name=name,
        param=name,
        form_field=lambda: forms.CharField(label=label, required=False, max_length=limit),
        api_type=str,
        api_field={
            "default": "",
            "max_length": limit,
            "description": description,
            "examples": [example],
        },
        condition=condition,
        label=str,
    )


FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        name="speaker",
        param="speaker",
        form_field=lambda: forms.CharField(label=_("Speaker"), required=False, max_length=120),
        api_type=str,
        api_field={
            "default": "",
            "max_length": 120,
            "description": "A speaker's id or slug, as in the speaker page's address "
            "(a merged speaker's also works).",
            "examples": ["王萍"],
        },
        condition=lambda speaker, prefix: Q(**{f"{prefix}speaker": speaker}),
        label=str,
    ),
    FilterSpec(
        name="named",
        param="named",
        form_field=lambda: forms.TypedChoiceField(
            label=_("Attribution"),
            required=False,
            choices=[("", _("All")), ("1", _("Named speakers")), ("0", _("Role only"))],
            coerce=lambda v: v == "1",
            empty_value=None,
        ),
        api_type=bool | None,
        api_field={
            "default": None,
            "description": "true: speeches with a named speaker; false: role-only attributions.",
            "examples": [True],
        },
        condition=lambda named, prefix: Q(**{f"{prefix}speaker__isnull": not named}),
        label=lambda named: str(_("named speakers") if named else _("role only")),
    ),
    _text_filter(
        "role", _("Role"), "The role as printed, exactly (市长).", "市长", _role_condition
    ),
    _text_filter(
        "event", _("Meeting"), "The meeting, exactly.", "全市人大工作会议", _event_condition
    ),
    FilterSpec(
        name="compilation",
        param="compilation",
        form_field=lambda: forms.IntegerField(label=_("Compilation"), required=False, min_value=1),
        api_type=int | None,
        api_field={"default": None, "description": "Compilation id.", "examples": [1]},
        condition=lambda compilation, prefix: Q(**{f"{prefix}compilation": compilation}),
        label=str,
    ),
    FilterSpec(
        name="year",
        param="year",
        form_field=lambda: forms.IntegerField(
            label=_("Year"), required=False, min_value=1000, max_value=9999
        ),
        api_type=int | None,
        api_field={"default": None, "ge": 1000, "le": 9999, "examples": [2024]},
        condition=_year_range,
        label=lambda year: str(_("%(year)s") % {"year": year}),
    ),
    FilterSpec(
        name="date_from",
        param="from",
        api_name="from_",
        form_field=lambda: PartialDateField(label=_("From"), required=False),
        api_type=str,
        api_field={
            "default": "",
            "alias": "from",
            "max_length": 20,
            "description": "From this date: 2024, 2024-08 or 2024-08-12.",
            "examples": ["2024-01"],
        },
        condition=lambda date, prefix: Q(**{f"{prefix}date__gte": date}),
        label=lambda date: str(_("from %(date)s") % {"date": date.isoformat()}),
    ),
    FilterSpec(
        name="date_to",
        param="to",
        form_field=lambda: PartialDateField(label=_("To"), required=False, end=True),
        api_type=str,
        api_field={
            "default": "",
            "max_length": 20,
            "description": "Until the end of this year, month or day.",
            "examples": ["2024"],
        },
        condition=lambda date, prefix: Q(**{f"{prefix}date__lte": date}),
        label=lambda date: str(_("until %(date)s") % {"date": date.isoformat()}),
    ),
    FilterSpec(
        name="undated",
        param="undated",
        form_field=lambda: forms.BooleanField(label=_("Undated only"), required=False),
        api_type=bool,
        api_field={"default": False, "description": "Only speeches without a date.",
                   "examples": [False]},
        condition=lambda undated, prefix: Q(**{f"{prefix}date__isnull": True}),
        label=lambda undated: str(_("undated")),
    ),
)
# Every field of SpeechFilters has its specification, and nothing else does.
assert [spec.name for spec in FILTERS] == [f.name for f in fields(SpeechFilters)]

# The page form's fields, made from FILTERS (the metaclass collects them).
_FilterFields = type(
    "_FilterFields", (forms.Form,), {spec.name: spec.form_field() for spec in FILTERS}
)


class SpeechFilterForm(_FilterFields):
    """Reads ``SpeechFilters`` from GET parameters.

    The one definition of the filter parameters: pages drop what is invalid
    (``filters()``), the API and the exports refuse it (``param_errors()``).
    """

    # HTML names that read better in a URL than the field names.
    PARAM_NAMES = {spec.name: spec.param for spec in FILTERS if spec.param != spec.name}

    def add_prefix(self, field_name):
        return self.PARAM_NAMES.get(field_name, field_name)

    def clean_speaker(self):
        value = self.cleaned_data.get("speaker")
        if not value:
            return None
        # A merged speaker's old links filter by the speaker it became.
        speaker = Speaker.objects.find(value)
        if speaker is None:
            raise forms.ValidationError(_("There is no such speaker."), code="unknown")
        return speaker

    def clean_compilation(self):
        pk = self.cleaned_data.get("compilation")
        if pk is None:
            return None
        compilation = Compilation.objects.defer("text").filter(pk=pk).first()
        if compilation is None:
            raise forms.ValidationError(_("There is no such compilation."), code="unknown")
        return compilation

    def param_errors(self) -> list[dict]:
        """What is wrong, by URL parameter: ``[{"loc": ["query", "to"], "msg": …, "code": …}]``."""
        self.is_valid()
        return [
            {
                "loc": ["query", self.add_prefix(name)],
                "msg": " ".join(error.messages),
                "code": error.code or "invalid",
            }
            for name, errors in self.errors.as_data().items()
            for error in errors
        ]

    def filters(self) -> SpeechFilters:
        """The valid filters; a field with an invalid value is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        empty = SpeechFilters()
        values = {}
        for spec in FILTERS:
            value = data.get(spec.name)
            if value is None:
                value = getattr(empty, spec.name)
            elif isinstance(value, str):
                value = value.strip()
            values[spec.name] = value
        return SpeechFilters(**values)

    def active_count(self) -> int:
        """How many filters are in force: what a page's filter button counts."""
        return len(self.filters().active())


def filter_chips(filters: SpeechFilters, **keep: str) -> list[tuple[str, str]]:
    """(label, query string without it) for each filter in force; ``keep`` stays in every URL.

    What a page shows as removable chips ("王萍 ×").
    """
    kept = {k: v for k, v in keep.items() if v}
    return [
        (f.label, querystring({**kept, **f.params_without}) or "?") for f in filters.active()
    ]


def querystring(params: dict[str, str], **changes) -> str:
    """``params`` with ``changes`` applied (None removes), as '?a=1&b=2' or ''."""
    merged = {**params}
    for key, value in changes.items():
        if value is None or value == "":
            merged.pop(key, None)
        else:
            merged[key] = str(value)
    return "?" + urlencode(merged) if merged else ""
