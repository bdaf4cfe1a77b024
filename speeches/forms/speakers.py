"""Forms of the editors' speaker corrections (merge two speakers, re-attribute a
speech, correct the canonical office of its role)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import max_length, one_line
from speeches.models import Speaker, Speech


class SpeakerMergeForm(forms.Form):
    """Which speaker the one on the page is the same person as."""

    target = forms.CharField(
        label=_("Same person as"),
        max_length=max_length(Speaker, "name"),
        help_text=_("The speaker who stays. This speaker's speeches and names move there."),
        widget=forms.TextInput(attrs={"list": "speaker-names", "autocomplete": "off"}),
    )

    def __init__(self, *args, source: Speaker, **kwargs):
        self.source = source
        super().__init__(*args, **kwargs)

    def clean_target(self) -> Speaker:
        name = one_line(self.cleaned_data["target"])
        target = Speaker.objects.find_by_name(name)
        if target is None:
            raise forms.ValidationError(_("There is no speaker called %(name)s.") % {"name": name})
        if target.pk == self.source.pk:
            raise forms.ValidationError(_("Choose another speaker than this one."))
        return target


class SpeechSpeakerForm(forms.Form):
    """Who gave the speech: a speaker's name, or nothing for a role-only attribution."""

    name = forms.CharField(
        label=_("Speaker"),
        max_length=max_length(Speaker, "name"),
        required=False,
        help_text=_(
            "A known name or alias links to that speaker; a new name creates one. "
            "Leave empty when only the role is known."
        ),
        widget=forms.TextInput(attrs={"list": "speaker-names", "autocomplete": "off"}),
    )


class SpeechOfficeForm(forms.Form):
    """The canonical office the printed role stands for, as an editor corrects it."""

    office = forms.CharField(
        label=_("Office"),
        max_length=max_length(Speech, "office"),
        required=False,
        help_text=_(
            "The office in its canonical form (省长, 国务院总理…): filters and counts group by "
            "it. Leave empty when the role names no office."
        ),
    )
    office_place = forms.CharField(
        label=_("Place of office"),
        max_length=max_length(Speech, "office_place"),
        required=False,
        help_text=_("Where the office is held (四川省), when the role names a place."),
    )
    derive = forms.BooleanField(
        label=_("Derive the office from the printed role again"),
        required=False,
        help_text=_("Drops the correction: the office follows the printed role."),
    )
