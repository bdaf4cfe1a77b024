"""View decorators that enforce the roles of ``accounts.roles``."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from accounts.roles import Role, can_read, has_role


def _refuse(request, role: Role):
    """Anonymous visitors log in; others get the 403 page, which names ``role``."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    # The 403 template reads it to say which role the page needs.
    request.required_role = role
    raise PermissionDenied


def read_required(view):
    """Readers (or anyone, when ANONYMOUS_READ is on) may open the page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if can_read(request.user):
            return view(request, *args, **kwargs)
        return _refuse(request, Role.VIEWER)
    return wrapper


def role_required(role: Role):
    """Only people holding ``role`` or a higher one may open the page."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if has_role(request.user, role):
                return view(request, *args, **kwargs)
            return _refuse(request, role)
        return wrapper
    return decorator


annotator_required = role_required(Role.ANNOTATOR)
editor_required = role_required(Role.EDITOR)
