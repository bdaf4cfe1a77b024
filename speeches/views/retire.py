"""Withdrawing, restoring and deleting a compilation for good (``speeches.services.retire``)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import editor_required, role_required
from accounts.roles import Role
from core.chinese import chinese
from core.http import require_form_methods
from speeches.models import Compilation
from speeches.services.retire import (
    RetireRefused,
    delete_compilation,
    deletion_refusal,
    restore_compilation,
    withdraw_compilation,
)


@editor_required
@require_POST
def compilation_withdraw(request, pk: int):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=pk)
    try:
        withdraw_compilation(compilation=compilation, actor=request.user)
    except RetireRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("The compilation was withdrawn: it is out of browsing, search and analysis. "
              "Its annotations and comments are kept."),
        )
    return redirect(compilation)


@editor_required
@require_POST
def compilation_restore(request, pk: int):
    compilation = get_object_or_404(Compilation.objects.defer("text"), pk=pk)
    try:
        restore_compilation(compilation=compilation, actor=request.user)
    except RetireRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The compilation is back in the archive."))
    return redirect(compilation)


@role_required(Role.ADMIN)
@require_form_methods
def compilation_delete(request, pk: int):
    """Delete a withdrawn compilation for good (administrators), its exports offered first."""
    compilation = get_object_or_404(Compilation.objects.for_listing(), pk=pk)
    refusal = deletion_refusal(compilation)
    if request.method == "POST" and refusal is None:
        if request.POST.get("confirm_title", "").strip() != compilation.title.strip():
            messages.error(request, _("Type the compilation's title to confirm."))
        else:
            delete_compilation(compilation=compilation, actor=request.user)
            messages.success(
                request, _("“%(title)s” was deleted for good.") % {"title": compilation.title}
            )
            return redirect("compilation_list")
    return render(
        request,
        "speeches/compilation_delete.html",
        {
            "compilation": compilation,
            "refusal": refusal,
            "export_query": urlencode({"compilation": compilation.pk}),
            "crumbs": [
                (_("Compilations"), reverse("compilation_list")),
                (chinese(compilation.title), compilation.get_absolute_url()),
                (_("Delete for good"), None),
            ],
        },
    )
