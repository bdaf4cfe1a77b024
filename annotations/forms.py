"""Forms of the codebook pages, the theme passage filters and the export selection."""

import re

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from annotations.exports.selection import Selection
from annotations.models import Theme
from core.fields import max_length
from speeches.filters import SpeechFilterForm


class CoderField(forms.CharField):
    """A coder by user name (the theme pages' and the analysis pages' ``coder``):
    cleans to the user, or None when empty; a name nobody has is refused."""

    def __init__(self, **kwargs):
        from django.contrib.auth import get_user_model

        kwargs.setdefault("label", _("Coder"))
        kwargs.setdefault("max_length", max_length(get_user_model(), "username"))
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        from django.contrib.auth import get_user_model

        name = (super().clean(value) or "").strip()
        if not name:
            return None
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise forms.ValidationError(_("There is no such coder."), code="unknown")
        return user


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
    name = forms.CharField(label=_("Name"), max_length=max_length(Theme, "name"))
    name_en = forms.CharField(
        label=_("English name"), max_length=max_length(Theme, "name_en"), required=False
    )
    parent = ThemeChoiceField(
        label=_("Under"), queryset=Theme.objects.none(), required=False,
        empty_label=_("(top level)"),
    )
    colour = forms.CharField(label=_("Colour"), widget=ColourInput, initial="#2f5f9e")
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=max_length(Theme, "description"),
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


class ThemeForm(forms.Form):
    """Everything about a theme an editor changes at once: names, colour,
    place in the codebook, description and keywords. ``changes()`` holds
    only what was changed, as ``services.update_theme`` takes it."""

    name = forms.CharField(label=_("Name"), max_length=max_length(Theme, "name"))
    name_en = forms.CharField(
        label=_("English name"), max_length=max_length(Theme, "name_en"), required=False
    )
    colour = forms.CharField(label=_("Colour"), widget=ColourInput)
    parent = ThemeChoiceField(
        label=_("Under"), queryset=Theme.objects.none(), required=False,
        empty_label=_("(top level)"),
    )
    position = forms.IntegerField(
        label=_("Place among its siblings"), min_value=1, required=False,
        help_text=_("1 is first; leave empty to put it last."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=max_length(Theme, "description"),
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False,
        help_text=_("Separated by commas; a paragraph containing one gets this theme suggested."),
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        siblings = list(
            Theme.objects.filter(parent_id=theme.parent_id).in_tree_order()
            .values_list("pk", flat=True)
        )
        initial = {
            "name": theme.name,
            "name_en": theme.name_en,
            "colour": theme.colour,
            "parent": theme.parent_id,
            "position": siblings.index(theme.pk) + 1 if theme.pk in siblings else None,
            "description": theme.description,
            "keywords": "，".join(theme.keywords),
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["parent"].queryset = _theme_choices(exclude=theme)

    def clean_keywords(self):
        return _keywords(self.cleaned_data["keywords"])

    def changes(self) -> dict:
        """The changed fields as keyword arguments of ``services.update_theme``."""
        data, changed = self.cleaned_data, set(self.changed_data)
        changes = {name: data[name] for name in ("name", "name_en", "colour") if name in changed}
        if changed & {"description", "keywords"}:
            changes.update(description=data["description"], keywords=data["keywords"])
        if changed & {"parent", "position"}:
            # The place the form shows is the place it gets (empty: last).
            changes.update(parent=data["parent"], position=data["position"])
        return changes


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


class PassageFilterForm(SpeechFilterForm):
    """A theme's passages: the filters of every speech list, an order, and
    what the analysis pages link to: one coder's passages (``coder``), those
    in paragraphs where another theme is coded too (``with``, a slug), or
    only those overlapping that theme's passages (``overlap``)."""

    coder = CoderField()
    with_theme = forms.CharField(label=_("Coded together with"), required=False, max_length=120)
    overlap = forms.BooleanField(label=_("Overlapping spans only"), required=False)

    PARAM_NAMES = {**SpeechFilterForm.PARAM_NAMES, "with_theme": "with"}

    def clean_with_theme(self):
        value = (self.cleaned_data.get("with_theme") or "").strip()
        if not value:
            return None
        theme = Theme.objects.find(value)
        if theme is None:
            raise forms.ValidationError(_("There is no such theme."), code="unknown")
        return theme

    def coding(self) -> dict:
        """``{"coder", "with_theme", "overlap"}`` as cleaned (None/False when not given)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "coder": data.get("coder"),
            "with_theme": data.get("with_theme"),
            "overlap": bool(data.get("overlap")) and data.get("with_theme") is not None,
        }

    def active_count(self) -> int:
        """The filters in force, the coder and the theme coded beside this one, when given:
        what narrows the list (the page's filter button counts them)."""
        coding = self.coding()
        return (
            super().active_count()
            + (coding["coder"] is not None)
            + (coding["with_theme"] is not None)
        )

    def coding_params(self) -> dict[str, str]:
        coding = self.coding()
        params = {}
        if coding["coder"] is not None:
            params["coder"] = coding["coder"].get_username()
        if coding["with_theme"] is not None:
            params["with"] = coding["with_theme"].slug
            if coding["overlap"]:
                params["overlap"] = "1"
        return params

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

    def ordering(self) -> tuple:
        """The chosen order; an unknown one falls back to the newest speeches first."""
        self.is_valid()
        return SORTS[getattr(self, "cleaned_data", {}).get("sort") or "-date"]


class ExportFilterForm(SpeechFilterForm):
    """What to export, from the query string: the filters of every speech list,
    and a speech, a theme and a search. Shared by the export pages and the API."""

    speech = forms.IntegerField(label=_("Speech"), required=False, min_value=1)
    theme = forms.CharField(label=_("Theme"), required=False, max_length=120)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    # Names the exports were documented with before they took the pages' names.
    LEGACY_PARAMS = {"date_from": "from", "date_to": "to"}

    def __init__(self, data=None, *args, **kwargs):
        self.sent_as: dict[str, str] = {}  # "from" -> "date_from" when that name was used
        if data is not None and any(data.get(old) for old in self.LEGACY_PARAMS):
            data = data.copy()
            for old, new in self.LEGACY_PARAMS.items():
                if data.get(old) and not data.get(new):
                    data[new] = data[old]
                    self.sent_as[new] = old
        super().__init__(data, *args, **kwargs)

    def param_errors(self) -> list[dict]:
        """As the speech filters', naming each parameter as it was sent."""
        errors = super().param_errors()
        for error in errors:
            error["loc"][-1] = self.sent_as.get(error["loc"][-1], error["loc"][-1])
        return errors

    def selection(self) -> Selection:
        """The selection asked for; fields with invalid values are left out."""
        filters = self.filters()
        data = self.cleaned_data
        return Selection(
            filters=filters,
            speech=data.get("speech"),
            theme=(data.get("theme") or "").strip() or None,
            q=(data.get("q") or "").strip(),
        )


class RuleForm(forms.Form):
    """A rule's name, theme and search; the filters come with the search
    (the search page's parameters) and are checked by the service."""

    # Not "theme": that is the search's own theme filter (paragraphs tagged with it).
    for_theme = ThemeChoiceField(label=_("Theme"), queryset=Theme.objects.none())
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    query = forms.CharField(label=_("Search"), max_length=200)
    whole_words = forms.BooleanField(label=_("Whole words only"), required=False)
    # Changing a rule: unticked, its filters go (the way out when one names
    # what no longer exists).
    keep_filters = forms.BooleanField(label=_("Keep these filters"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["for_theme"].queryset = _theme_choices().filter(active=True)

