from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, TokenScope
from core.fields import max_length


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=max_length(ApiToken, "name"),
        help_text=_("What the token is for, e.g. “R analysis laptop” or “nightly import”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_("A token never does more than your own role allows."),
    )
