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
from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode

from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from speeches.models import Compilation, Speaker
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
    "-date": [F("last_date").desc(nulls_last=True), "name"],
    "event": ["name"],
    "-speeches": ["-speech_count", "name"],
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
        """The condition on speeches; ``prefix`` is the path to the speech ("speech__")."""
        conditions = Q()
        if self.speaker is not None:
            conditions &= Q(**{f"{prefix}speaker": self.speaker})
        if self.named is not None:
            conditions &= Q(**{f"{prefix}speaker__isnull": not self.named})
        if self.role:
            # By the canonical office (and its place when the role names one):
            # ?role=省长 finds 山东省省长 and 省人民政府省长 alike.
            canonical = canonical_role(self.role)
            if canonical is None:
                conditions &= Q(**{f"{prefix}role": self.role})
            else:
                conditions &= Q(**{f"{prefix}office": canonical.office})
                if canonical.place:
                    conditions &= Q(**{f"{prefix}office_place": canonical.place})
        if self.event:
            # Any variant name of the meeting finds them all.
            conditions &= Q(**{f"{prefix}event_key": meeting_key(self.event) or self.event})
        if self.compilation is not None:
            conditions &= Q(**{f"{prefix}compilation": self.compilation})
        if self.year is not None:
            # A range rather than __year, so that the date index serves it.
            conditions &= Q(**{
                f"{prefix}date__gte": datetime.date(self.year, 1, 1),
                f"{prefix}date__lte": datetime.date(self.year, 12, 31),
            })
        if self.date_from is not None:
            conditions &= Q(**{f"{prefix}date__gte": self.date_from})
        if self.date_to is not None:
            conditions &= Q(**{f"{prefix}date__lte": self.date_to})
        if self.undated:
            conditions &= Q(**{f"{prefix}date__isnull": True})
        return conditions

    @property
    def is_empty(self) -> bool:
        return self == SpeechFilters()

    def params(self) -> dict[str, str]:
        """The GET parameters that give these filters back."""
        result: dict[str, str] = {}
        if self.speaker is not None:
            result["speaker"] = str(self.speaker.pk)
        if self.named is not None:
            result["named"] = "1" if self.named else "0"
        if self.role:
            result["role"] = self.role
        if self.event:
            result["event"] = self.event
        if self.compilation is not None:
            result["compilation"] = str(self.compilation.pk)
        if self.year is not None:
            result["year"] = str(self.year)
        if self.date_from is not None:
            result["from"] = self.date_from.isoformat()
        if self.date_to is not None:
            result["to"] = self.date_to.isoformat()
        if self.undated:
            result["undated"] = "1"
        return result

    def active(self) -> list[ActiveFilter]:
        """Each filter in force, with the URL parameters that remove it."""
        labels = {
            "speaker": lambda: str(self.speaker),
            "named": lambda: str(_("named speakers") if self.named else _("role only")),
            "role": lambda: self.role,
            "event": lambda: self.event,
            "compilation": lambda: str(self.compilation),
            "year": lambda: str(_("%(year)s") % {"year": self.year}),
            "date_from": lambda: str(_("from %(date)s") % {"date": self.date_from.isoformat()}),
            "date_to": lambda: str(_("until %(date)s") % {"date": self.date_to.isoformat()}),
            "undated": lambda: str(_("undated")),
        }
        result = []
        empty = SpeechFilters()
        for field in fields(self):
            value = getattr(self, field.name)
            if value == getattr(empty, field.name):
                continue
            without = replace(self, **{field.name: getattr(empty, field.name)})
            result.append(ActiveFilter(field.name, labels[field.name](), without.params()))
        return result


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


class SpeechFilterForm(forms.Form):
    """Reads ``SpeechFilters`` from GET parameters.

    The one definition of the filter parameters: pages drop what is invalid
    (``filters()``), the API and the exports refuse it (``param_errors()``).
    """

    speaker = forms.CharField(label=_("Speaker"), required=False, max_length=120)
    named = forms.TypedChoiceField(
        label=_("Attribution"),
        required=False,
        choices=[("", _("All")), ("1", _("Named speakers")), ("0", _("Role only"))],
        coerce=lambda v: v == "1",
        empty_value=None,
    )
    role = forms.CharField(label=_("Role"), required=False, max_length=100)
    event = forms.CharField(label=_("Meeting"), required=False, max_length=300)
    compilation = forms.IntegerField(label=_("Compilation"), required=False, min_value=1)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1000, max_value=9999)
    date_from = PartialDateField(label=_("From"), required=False)
    date_to = PartialDateField(label=_("To"), required=False, end=True)
    undated = forms.BooleanField(label=_("Undated only"), required=False)

    # HTML names that read better in a URL than the field names.
    PARAM_NAMES = {"date_from": "from", "date_to": "to"}

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
        return SpeechFilters(
            speaker=data.get("speaker"),
            named=data.get("named"),
            role=(data.get("role") or "").strip(),
            event=(data.get("event") or "").strip(),
            compilation=data.get("compilation"),
            year=data.get("year"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            undated=bool(data.get("undated")),
        )


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
