"""The analysis pages' parameters, read from GET: the filters of every list
of speeches (``speeches.filters.SpeechFilterForm``), a coder, and what each
analysis shows. The API reads the same forms, so the two cannot drift apart."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from analysis.services import Count, Dimension, Measure, PairMeasure, TrendMeasure
from analysis.services.dimensions import DIMENSION_LABELS
from analysis.services.trends import MAX_SERIES, split_terms
from annotations.forms import CoderField
from speeches.filters import SpeechFilterForm


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


class CodingFilterForm(SpeechFilterForm):
    """Speech filters and the coder whose passages count (empty: everyone's)."""

    coder = CoderField()

    def chosen_coder(self):
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("coder")

    def choice(self, name: str, enum):
        """The value chosen for ``name``, or the field's first choice."""
        self.is_valid()
        value = getattr(self, "cleaned_data", {}).get(name) or self.fields[name].choices[0][0]
        return enum(value)

    def active_count(self) -> int:
        """The filters in force and the coder, when one is chosen."""
        return super().active_count() + (self.chosen_coder() is not None)

    def params(self) -> dict[str, str]:
        """The filters and the coder, as the page's URL carries them."""
        params = self.filters().params()
        coder = self.chosen_coder()
        if coder is not None:
            params["coder"] = coder.get_username()
        return params


class CrosstabForm(CodingFilterForm):
    by = forms.ChoiceField(
        label=_("Columns"), required=False,
        choices=[(d.value, DIMENSION_LABELS[d]) for d in
                 (Dimension.YEAR, Dimension.SPEAKER, Dimension.ROLE, Dimension.MEETING,
                  Dimension.COMPILATION)],
    )
    count = forms.ChoiceField(label=_("Count"), required=False, choices=_choices(Count))
    measure = forms.ChoiceField(label=_("Show"), required=False, choices=_choices(Measure))


class CooccurrenceForm(CodingFilterForm):
    measure = forms.ChoiceField(label=_("Show"), required=False, choices=_choices(PairMeasure))


class TrendForm(SpeechFilterForm):
    terms = forms.CharField(
        label=_("Search terms"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line (or separated by commas); each in the search language: "
                    "words, “phrases”, -exclusions."),
    )
    by = forms.ChoiceField(
        label=_("By"), required=False,
        choices=[(d.value, DIMENSION_LABELS[d]) for d in
                 (Dimension.YEAR, Dimension.SPEAKER, Dimension.ROLE, Dimension.MEETING)],
    )
    measure = forms.ChoiceField(label=_("Chart"), required=False, choices=_choices(TrendMeasure))

    def clean_terms(self):
        terms = split_terms(self.cleaned_data.get("terms") or "")
        if len(terms) > MAX_SERIES:
            raise forms.ValidationError(
                _("At most %(n)s terms at a time.") % {"n": MAX_SERIES}, code="too-many"
            )
        return terms

    def chosen_terms(self) -> list[str]:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("terms") or []

    choice = CodingFilterForm.choice


class ReuseForm(SpeechFilterForm):
    """The text-reuse pages: the speech filters and the shortest passage shown."""

    min = forms.IntegerField(
        label=_("Shortest passage (characters)"), required=False, min_value=0, max_value=100_000
    )
    paragraph = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def value(self, name: str) -> int | None:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name)


class ReuseRunForm(forms.Form):
    """An editor starts a run over the whole archive."""

    min_characters = forms.IntegerField(
        label=_("Shortest passage (characters)"), min_value=20, max_value=5_000, initial=50
    )
