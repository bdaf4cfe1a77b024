"""Forms of the speeches app: uploading a compilation and correcting its preview."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from django import forms
from django.conf import settings
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.fields import max_length
from speeches.models import Compilation, ImportJob, Section, Speaker, Speech
from speeches.services.imports import UploadRefused, default_title
from text.corrections import (
    CompilationCorrections,
    SpeechCorrection,
    correction_of,
    normalize_partial_date,
    parse_fingerprint,
)
from text.parsing import ParsedCompilation, ParsedSpeech
from text.structure import (
    FlatSection,
    LocatedWarning,
    assign_sections,
    flatten_sections,
    locate_warnings,
    paragraphs_per_section,
)

ACCEPTED_TYPES = ",".join(
    [
        ".txt",
        ".docx",
        "text/plain",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
)


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")

# Headings longer than this are edited in a text area.
LONG_HEADING = 60


class HeadingField(forms.CharField):
    """A section heading: one line, at most what the database holds."""

    def __init__(self, **kwargs):
        super().__init__(max_length=max_length(Section, "heading"), **kwargs)

    def to_python(self, value):
        # A heading is one line: breaks typed into a text area are dropped
        # (Chinese joins lines without a space).
        return _LINE_BREAKS.sub("", super().to_python(value))


class UploadForm(forms.Form):
    """A file to import and its title. The form only checks that a file was
    chosen; reading and parsing it is the import service's (the view calls
    ``read_file`` and shows its refusal on the file field, ``refuse``)."""

    file = forms.FileField(
        label=_("File"),
        # The parser names the problem with an empty file, as with any other.
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
    )
    title = forms.CharField(
        label=_("Title of the compilation"),
        max_length=max_length(ImportJob, "title"),
        required=False,
        help_text=_("Optional: by default the title the file states, or its name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Plain text (.txt) in UTF-8, GB18030 or UTF-16, or Word (.docx); at most %(size)s MB."
        ) % {"size": f"{settings.MAX_UPLOAD_BYTES / (1024 * 1024):g}"}

    def refuse(self, refusal: UploadRefused) -> None:
        """Show the import service's refusal of the chosen file on its field."""
        # The browser forgets the chosen file: say which one was refused.
        message = _("%(name)s: %(problem)s") % {
            "name": self.cleaned_data["file"].name,
            "problem": refusal.message,
        }
        self.add_error("file", forms.ValidationError(message, code=refusal.code))


class CompilationTitleForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the compilation"),
        max_length=max_length(Compilation, "title"),
        required=False,
    )
    # Which parse the corrections were made on; see parse_fingerprint.
    fingerprint = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, parsed: ParsedCompilation, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_fingerprint = parse_fingerprint(parsed)
        self.fields["fingerprint"].initial = self.expected_fingerprint

    def clean_fingerprint(self) -> str:
        value = self.cleaned_data["fingerprint"]
        if value != self.expected_fingerprint:
            raise forms.ValidationError(
                _(
                    "The file is read differently since this preview was shown; "
                    "check the preview again and confirm."
                ),
                code="stale",
            )
        return value


# A preview field -> its name in speeches.services.editing.speech_values.
CURRENT_FIELDS = {
    "title": "title",
    "speaker_name": "speaker",
    "role": "role",
    "date": "date",
    "event": "event",
    "place": "place",
}


class SpeechCorrectionForm(forms.Form):
    """One speech's metadata and section headings, as the editor corrects them."""

    title = forms.CharField(
        label=_("Title"), max_length=max_length(Speech, "title"), required=False
    )
    speaker_name = forms.CharField(
        label=_("Speaker"), max_length=max_length(Speaker, "name"), required=False
    )
    role = forms.CharField(
        label=_("Role"), max_length=max_length(Speech, "role"), required=False
    )
    date = forms.CharField(
        label=_("Date"),
        max_length=20,
        required=False,
        help_text=_("2024, 2024-08 or 2024-08-12"),
    )
    event = forms.CharField(
        label=_("Meeting"), max_length=max_length(Speech, "event"), required=False
    )
    place = forms.CharField(
        label=_("Place"), max_length=max_length(Speech, "place"), required=False
    )

    def __init__(
        self,
        *args,
        speech: ParsedSpeech,
        editable_headings: int | None = None,
        current: Mapping[str, str] | None = None,
        **kwargs,
    ):
        correction = correction_of(speech)
        kwargs.setdefault(
            "initial",
            {
                "title": correction.title,
                "speaker_name": correction.speaker_name,
                "role": correction.role,
                "date": correction.date,
                "event": correction.event,
                "place": correction.place,
            },
        )
        super().__init__(*args, **kwargs)
        self.speech = speech
        self.flat: list[FlatSection] = flatten_sections(speech.sections)
        # Headings past the preview's budget (UploadPreviewForm) get no field:
        # they are imported as read.
        self.editable = self.flat if editable_headings is None else self.flat[:editable_headings]
        for item in self.editable:
            self.fields[self._heading_name(item)] = HeadingField(
                label=item.section.marker or _("Heading"),
                # An unnumbered heading is known by its text alone.
                required=not item.section.marker,
                initial=item.section.heading,
                # A heading run into the body has to be cut by hand: show it whole.
                widget=forms.Textarea(attrs={"rows": 3})
                if item.section.merged_with_body or len(item.section.heading) > LONG_HEADING
                else forms.TextInput,
            )
        self.warnings: list[LocatedWarning] = locate_warnings(speech)
        # The fields of its counterpart in the compilation this upload would
        # be a new version of (speeches.services.versions.counterpart_values).
        self.current = current

    @staticmethod
    def _heading_name(item: FlatSection) -> str:
        return f"heading_{item.index + 1}"

    @cached_property
    def sections(self) -> list[tuple[FlatSection, forms.BoundField, int]]:
        """Each section with its heading field and how many paragraphs it holds."""
        counts = paragraphs_per_section(
            self.flat, assign_sections(self.flat, self.speech.paragraphs)
        )
        return [
            (item, self[self._heading_name(item)], count)
            for item, count in zip(self.editable, counts, strict=False)
        ]

    @property
    def fixed_headings(self) -> int:
        """How many of the speech's headings the preview leaves as read."""
        return len(self.flat) - len(self.editable)

    @property
    def metadata_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("title", "speaker_name", "role", "date", "event", "place")]

    @property
    def differences(self) -> list[tuple[str, str]]:
        """(label, value) of each field the current version holds otherwise
        than this file reads (a correction made there, or the file read
        otherwise): what importing it as a new version would replace."""
        if self.current is None:
            return []
        return [
            (str(self[name].label), self.current[key])
            for name, key in CURRENT_FIELDS.items()
            if self.current[key] != (self.initial.get(name) or "")
        ]

    def clean_date(self) -> str:
        try:
            return normalize_partial_date(self.cleaned_data["date"])
        except ValueError:
            raise forms.ValidationError(
                _("Enter a date as 2024, 2024-08 or 2024-08-12."), code="invalid_date"
            ) from None

    def correction(self) -> SpeechCorrection:
        data = self.cleaned_data
        return SpeechCorrection(
            title=data["title"],
            speaker_name=data["speaker_name"],
            role=data["role"],
            event=data["event"],
            date=data["date"],
            place=data["place"],
            headings=tuple(data[self._heading_name(item)] for item in self.editable)
            + tuple(item.section.heading for item in self.flat[len(self.editable) :]),
        )


# The headings the preview offers to correct, over all its speeches. Each is a
# field the confirmation posts; Django refuses a request with more than
# DATA_UPLOAD_MAX_NUMBER_FIELDS, and a page of tens of thousands of inputs
# is no page to work in. Headings past the budget are imported as read.
MAX_EDITABLE_HEADINGS = 3_000


class UploadPreviewForm:
    """The preview of a parsed upload: the compilation title and one form per speech."""

    def __init__(
        self,
        parsed: ParsedCompilation,
        data=None,
        *,
        title: str = "",
        current: Sequence[Mapping[str, str] | None] = (),
    ):
        """``current``: per speech, the fields of its counterpart in the
        compilation the upload looks like (shown where they differ)."""
        self.parsed = parsed
        self.compilation = CompilationTitleForm(
            data,
            prefix="compilation",
            parsed=parsed,
            initial={"title": title or default_title(parsed)},
        )
        self.speeches = []
        budget = MAX_EDITABLE_HEADINGS
        for number, speech in enumerate(parsed.speeches, start=1):
            form = SpeechCorrectionForm(
                data,
                prefix=f"speech-{number}",
                speech=speech,
                editable_headings=budget,
                current=current[number - 1] if number <= len(current) else None,
            )
            budget -= len(form.editable)
            self.speeches.append(form)

    @property
    def fixed_headings(self) -> int:
        """Headings the preview does not offer to correct (past its budget)."""
        return sum(form.fixed_headings for form in self.speeches)

    def is_valid(self) -> bool:
        # Every form is validated so each shows its own errors.
        results = [form.is_valid() for form in (self.compilation, *self.speeches)]
        return all(results)

    @property
    def has_errors(self) -> bool:
        return any(form.errors for form in (self.compilation, *self.speeches))

    @property
    def warning_count(self) -> int:
        return sum(len(form.warnings) for form in self.speeches)

    @property
    def paragraph_count(self) -> int:
        return sum(len(speech.paragraphs) for speech in self.parsed.speeches)

    def corrections(self) -> CompilationCorrections:
        return CompilationCorrections(
            title=self.compilation.cleaned_data["title"],
            speeches=tuple(form.correction() for form in self.speeches),
        )
