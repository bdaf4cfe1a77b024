from accounts.roles import Role, role_of


def roles(request):
    """The viewer's role, for showing only the controls they may use."""
    role = role_of(getattr(request, "user", None))
    return {
        "user_role": role,
        "can_annotate": role >= Role.ANNOTATOR,
        "can_edit": role >= Role.EDITOR,
    }
