"""Account pages: personal API tokens."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.forms import TokenForm
from accounts.roles import Role
from accounts.tokens import (
    MAX_ACTIVE_TOKENS,
    TokenLimitReached,
    create_token,
    revoke_token,
    tokens_of,
)

reader_required = role_required(Role.VIEWER)


@never_cache
@reader_required
def api_tokens(request):
    """The user's tokens; a new token's secret is shown in this response only."""
    form = TokenForm(request.POST or None)
    new_secret = None
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token, new_secret = create_token(
                user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except TokenLimitReached:
            form.add_error(
                None,
                _("You already have %(count)d active tokens. Revoke one you no longer use.")
                % {"count": MAX_ACTIVE_TOKENS},
            )
        else:
            form = TokenForm()
    context = {
        "form": form,
        "tokens": tokens_of(user=request.user),
        "new_token": new_token,
        "new_secret": new_secret,
        "crumbs": [(_("API tokens"), None)],
    }
    return render(request, "accounts/tokens.html", context)


@require_POST
@reader_required
def revoke_api_token(request, pk: int):
    """Revoke one of the user's own tokens; others' tokens do not exist here."""
    token = get_object_or_404(tokens_of(user=request.user), pk=pk)
    revoke_token(token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api_tokens")
