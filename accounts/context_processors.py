from accounts.roles import Role, can_read, role_of


def roles(request):
    """The viewer's role, for showing only the controls they may use."""
    user = getattr(request, "user", None)
    role = role_of(user)
    return {
        "user_role": role,
        "can_read": can_read(user),
        "can_annotate": role >= Role.ANNOTATOR,
        "can_edit": role >= Role.EDITOR,
        "is_admin": role >= Role.ADMIN,
    }
