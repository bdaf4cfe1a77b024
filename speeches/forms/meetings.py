"""Form of the editors' meeting correction (merge two meetings)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import max_length, one_line
from speeches.models import MeetingAlias
from speeches.services.meetings import find_meeting_key


class MeetingMergeForm(forms.Form):
    """Which meeting the one on the page is the same meeting as."""

    target = forms.CharField(
        label=_("Same meeting as"),
        max_length=max_length(MeetingAlias, "key"),
        help_text=_("The meeting that stays. This meeting's speeches move there."),
        widget=forms.TextInput(attrs={"list": "meeting-names", "autocomplete": "off"}),
    )

    def __init__(self, *args, source_key: str, **kwargs):
        self.source_key = source_key
        super().__init__(*args, **kwargs)

    def clean_target(self) -> str:
        name = one_line(self.cleaned_data["target"])
        key = find_meeting_key(name)
        if key is None:
            raise forms.ValidationError(
                _("No speech was given at a meeting called %(name)s.") % {"name": name}
            )
        if key == self.source_key:
            raise forms.ValidationError(_("Choose another meeting than this one."))
        return key
