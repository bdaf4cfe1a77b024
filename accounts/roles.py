"""The four roles and what each may do.

Roles are Django groups, ordered: each role may do everything the roles
before it may. Superusers are admins. A logged-in account in no group has
no role and can read nothing until someone gives it one.
"""

from enum import IntEnum
from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext_lazy as _


class Role(IntEnum):
    NONE = 0
    VIEWER = 1
    ANNOTATOR = 2
    EDITOR = 3
    ADMIN = 4

    @property
    def group_name(self) -> str:
        return self.name.lower()

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.NONE: _("no role"),
    Role.VIEWER: _("viewer"),
    Role.ANNOTATOR: _("annotator"),
    Role.EDITOR: _("editor"),
    Role.ADMIN: _("administrator"),
}

# Whoever a request or a service acts for: a signed-in account or a visitor.
AnyUser: TypeAlias = AbstractBaseUser | AnonymousUser

# The groups a data migration creates; admin is the superuser flag.
GROUP_ROLES = {r.group_name: r for r in (Role.VIEWER, Role.ANNOTATOR, Role.EDITOR)}


def role_of(user: AnyUser | None) -> Role:
    """The highest role the user holds, cached on the user object per request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Role.NONE
    cached = getattr(user, "_jianghua_role", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        role = Role.ADMIN
    else:
        names = user.groups.values_list("name", flat=True)
        role = max((GROUP_ROLES[n] for n in names if n in GROUP_ROLES), default=Role.NONE)
    user._jianghua_role = role
    return role


def has_role(user: AnyUser | None, role: Role) -> bool:
    return role_of(user) >= role


def can_read(user: AnyUser | None) -> bool:
    return settings.ANONYMOUS_READ or has_role(user, Role.VIEWER)


def can_annotate(user: AnyUser | None) -> bool:
    return has_role(user, Role.ANNOTATOR)


def can_edit(user: AnyUser | None) -> bool:
    return has_role(user, Role.EDITOR)
