"""Forms of the codebook pages and the theme passage filters."""

import re

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from annotations.models import Theme


def _theme_choices(exclude: Theme | None = None):
    themes = Theme.objects.in_tree_order().select_related("parent")
    if exclude is not None:
        themes = themes.exclude(pk=exclude.pk)
    return themes


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = f"{obj.parent.name} › {obj.name}" if obj.parent_id else obj.name
        return label if obj.active else f"{label} ({_('inactive')})"


class ColourInput(forms.TextInput):
    input_type = "color"


def _keywords(value: str) -> list[str]:
    return re.split(r"[,，、;；\n]", value)


class ThemeCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    name_en = forms.CharField(label=_("English name"), max_length=150, required=False)
    parent = ThemeChoiceField(
        label=_("Under"), queryset=Theme.objects.none(), required=False,
        empty_label=_("(top level)"),
    )
    colour = forms.CharField(label=_("Colour"), widget=ColourInput, initial="#2f5f9e")
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False,
        help_text=_("Separated by commas; a paragraph containing one gets this theme suggested."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _theme_choices()

    def clean_keywords(self):
        return _keywords(self.cleaned_data["keywords"])


class RenameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    name_en = forms.CharField(label=_("English name"), max_length=150, required=False)


class RecolourForm(forms.Form):
    colour = forms.CharField(label=_("Colour"), widget=ColourInput)


class DescribeForm(forms.Form):
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, help_text=_("Separated by commas.")
    )

    def clean_keywords(self):
        return _keywords(self.cleaned_data["keywords"])


class MoveForm(forms.Form):
    parent = ThemeChoiceField(
        label=_("Under"), queryset=Theme.objects.none(), required=False,
        empty_label=_("(top level)"),
    )
    position = forms.IntegerField(
        label=_("Place among its siblings"), min_value=1, required=False,
        help_text=_("1 is first; leave empty to put it last."),
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _theme_choices(exclude=theme)


class MergeForm(forms.Form):
    into = ThemeChoiceField(label=_("Merge into"), queryset=Theme.objects.none())

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = _theme_choices(exclude=theme)


_DATE = F("paragraph__speech__date")
_IN_SPEECH = ("paragraph__speech_id", "paragraph__position", "start", "id")
# Undated speeches go last whichever way dates run, on both databases.
SORTS = {
    "date": (_DATE.asc(nulls_last=True), *_IN_SPEECH),
    "-date": (_DATE.desc(nulls_last=True), *_IN_SPEECH),
    "speaker": (F("paragraph__speech__speaker__name").asc(nulls_last=True), *_IN_SPEECH),
    "-tagged": ("-created_at", "-id"),
    "tagged": ("created_at", "id"),
}


class PassageFilterForm(forms.Form):
    """The filters of a theme's passage list; every field is optional."""

    speaker = forms.CharField(label=_("Speaker"), required=False)
    role = forms.CharField(label=_("Role"), required=False)
    event = forms.CharField(label=_("Meeting"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("-date", _("Newest speeches first")),
            ("date", _("Oldest speeches first")),
            ("speaker", _("By speaker")),
            ("-tagged", _("Most recently tagged")),
            ("tagged", _("First tagged")),
        ],
    )

    def filter(self, annotations):
        data = self.cleaned_data
        if data.get("speaker"):
            annotations = annotations.filter(paragraph__speech__speaker__slug=data["speaker"])
        if data.get("role"):
            annotations = annotations.filter(paragraph__speech__role=data["role"])
        if data.get("event"):
            annotations = annotations.filter(paragraph__speech__event=data["event"])
        if data.get("date_from"):
            annotations = annotations.filter(paragraph__speech__date__gte=data["date_from"])
        if data.get("date_to"):
            annotations = annotations.filter(paragraph__speech__date__lte=data["date_to"])
        return annotations.order_by(*SORTS[data.get("sort") or "-date"])
