"""The page a form refused by the CSRF check gets (``CSRF_FAILURE_VIEW``)."""

from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    """The site's ``403_csrf.html``, which says nothing was saved. Django's own
    view renders it without the reason: here the page knows whether the
    browser sent no CSRF cookie, the one refusal its cookie hint helps with."""
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
