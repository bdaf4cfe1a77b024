"""Forms of the editors' corrections: a speech's metadata, a compilation's
title and description, and one correction across many speeches.

They only collect text; ``speeches.services.editing`` judges it (one definition of
what a valid date or title is for the pages and the API alike) and the
views show its refusals on the field they concern.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import max_length
from speeches.models import Speech
from speeches.services.editing import COMPILATION_FIELDS, SPEECH_FIELDS

DATE_HELP = _("2024, 2024-08 or 2024-08-12 (also 2024年8月); empty: undated.")


def _text(label, field: str, *, help_text="", required=False, limits=SPEECH_FIELDS, **attrs):
    return forms.CharField(
        label=label,
        max_length=limits[field],
        required=required,
        help_text=help_text,
        # The service collapses white space; the form keeps what was typed for it.
        strip=False,
        widget=forms.TextInput(attrs=attrs),
    )


class SpeechEditForm(forms.Form):
    """Every field of a speech the parser read."""

    title = _text(_("Title"), "title", required=True)
    speaker = _text(
        _("Speaker"),
        "speaker",
        help_text=_("The person, as the archive names them: a known name or alias links to "
                    "that speaker, a new name creates one; empty when only the role is known."),
        list="speaker-names",
        autocomplete="off",
    )
    speaker_raw = _text(_("Speaker as printed"), "speaker_raw")
    role = _text(_("Role as printed"), "role")
    date = _text(_("Date"), "date", help_text=DATE_HELP)
    event = _text(_("Meeting"), "event")
    place = _text(_("Place"), "place")
    salutation = _text(_("Salutation"), "salutation")


class CompilationEditForm(forms.Form):
    title = _text(_("Title"), "title", required=True, limits=COMPILATION_FIELDS)
    description = forms.CharField(
        label=_("Description"),
        max_length=COMPILATION_FIELDS["description"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class BulkEditForm(forms.Form):
    """The speeches ticked on the compilation page and what to set on all of them."""

    speeches = forms.TypedMultipleChoiceField(coerce=int, label=_("Speeches"))
    speaker = _text(_("Speaker"), "speaker", list="speaker-names", autocomplete="off")
    role = _text(_("Role as printed"), "role")
    event = _text(_("Meeting"), "event")
    date = _text(_("Date"), "date", help_text=DATE_HELP)
    place = _text(_("Place"), "place")

    def __init__(self, *args, speech_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speeches"].choices = [(pk, pk) for pk in speech_ids]
        self.fields["speeches"].error_messages["required"] = _("Tick the speeches to change.")

    def clean(self):
        cleaned = super().clean()
        # A field left empty is left as it is on each speech.
        changes = {f: v for f, v in cleaned.items() if f != "speeches" and v and v.strip()}
        if not changes and not self.errors:
            raise forms.ValidationError(_("Fill in at least one field to set."))
        cleaned["changes"] = changes
        return cleaned


class StructureForm(forms.Form):
    """One structural correction posted from the speech's structure page."""

    OPERATIONS = (
        "split-paragraph",
        "merge-paragraphs",
        "to-heading",
        "to-paragraph",
        "heading-level",
        "split-speech",
        "merge-speeches",
    )

    op = forms.ChoiceField(choices=[(name, name) for name in OPERATIONS])
    position = forms.IntegerField(min_value=1, required=False)
    before_text = forms.CharField(
        label=_("Split before"),
        required=False,
        strip=False,
        help_text=_("The first characters of the second part, as in the text."),
    )
    level = forms.IntegerField(label=_("Level"), min_value=1, max_value=6, required=False)
    title = forms.CharField(
        label=_("Title of the new speech"), max_length=max_length(Speech, "title"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        op = cleaned.get("op")
        if op != "merge-speeches" and not cleaned.get("position"):
            raise forms.ValidationError(_("Say which paragraph or heading."))
        if op in ("to-heading", "heading-level") and not cleaned.get("level"):
            self.add_error("level", _("Choose a level."))
        if op == "split-paragraph" and not (cleaned.get("before_text") or "").strip():
            self.add_error("before_text", _("Type where the second part starts."))
        return cleaned
