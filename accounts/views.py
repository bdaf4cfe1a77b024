"""Account pages: personal API tokens, logging out."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
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
from core.http import require_form_methods

reader_required = role_required(Role.VIEWER)


class LogoutView(auth_views.LogoutView):
    """Logging out says so on the page it leads to (the login form), not a bare form."""

    # Django's own list adds OPTIONS; the pages answer only what they serve.
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # The session is gone; the message goes in the messages cookie.
        messages.info(request, _("You have been logged out."))
        return response


# The secret of a token just made waits here for the page the POST redirects
# to, which shows it once and forgets it: reloading never makes another.
NEW_TOKEN_KEY = "new_api_token"


@never_cache
@reader_required
@require_form_methods
def api_tokens(request):
    """The user's tokens; a new token's secret is shown once, after the redirect."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = create_token(
                user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except TokenLimitReached:
            form.add_error(
                None,
                _("You already have %(count)d active tokens. Revoke one you no longer use.")
                % {"count": MAX_ACTIVE_TOKENS},
            )
        else:
            request.session[NEW_TOKEN_KEY] = {"id": token.pk, "secret": secret}
            return redirect("api_tokens")
    tokens = tokens_of(user=request.user)
    new_token = new_secret = None
    if request.method == "GET" and (shown := request.session.pop(NEW_TOKEN_KEY, None)):
        new_token = tokens.filter(pk=shown["id"], revoked_at__isnull=True).first()
        new_secret = shown["secret"] if new_token is not None else None
    context = {
        "form": form,
        "tokens": tokens,
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
