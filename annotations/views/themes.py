"""Pages of the annotations app: the codebook, theme passages, my
annotations, a speech's history. Views stay thin: read, call a service,
render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.decorators import annotator_required, editor_required, read_required
from accounts.models import Activity
from accounts.roles import can_edit
from annotations import services
from annotations.forms import (
    MergeForm,
    PassageFilterForm,
    ThemeCreateForm,
    ThemeForm,
)
from annotations.models import Annotation, Comment, Theme
from annotations.services.colours import least_used
from annotations.services.tree import set_subtree_totals, theme_tree
from annotations.templatetags.annotations_tags import theme_name
from core.chinese import chinese
from core.errors import DomainError
from core.http import require_form_methods
from speeches.models import Speech
from speeches.services.editing import undoable_ids

PER_PAGE = 25
FACET_SIZE = 30


def _page(request, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


@read_required
@require_safe
def theme_list(request):
    """The codebook as a tree, each theme with its passage count."""
    show_inactive = bool(request.GET.get("inactive"))
    themes = list(Theme.objects.with_passage_counts().in_tree_order())
    nodes = theme_tree(themes if show_inactive else [t for t in themes if t.active])
    # A theme with sub-themes also shows its passages and paragraphs with theirs.
    set_subtree_totals(nodes, themes)
    context = {
        "nodes": nodes,
        "show_inactive": show_inactive,
        "inactive_count": Theme.objects.filter(active=False).count(),
        "crumbs": [(_("Themes"), None)],
    }
    return render(request, "annotations/theme_list.html", context)


@read_required
@require_safe
def theme_detail(request, slug):
    """Every passage tagged with a theme or its sub-themes, filtered like every
    list of speeches (speaker, role, meeting, dates…), sorted and paginated."""
    theme = get_object_or_404(Theme.objects.select_related("parent"), slug=slug)
    of_theme = Annotation.objects.tagged_with(Theme.objects.subtree_ids(theme))
    form = PassageFilterForm(request.GET)
    filters = form.filters()
    # The coders' counts are of the passages the page lists (current speeches, the
    # filters): they add up to its total, coder by coder.
    tagged = of_theme.filter(filters.q("paragraph__speech__"))
    coders = tagged.coder_counts()
    coding = form.coding()

    def coded(annotations):
        # The analysis pages link here with a coder and a theme coded beside this one.
        if coding["coder"] is not None:
            annotations = annotations.filter(author=coding["coder"])
        if coding["with_theme"] is not None:
            annotations = annotations.beside(
                Theme.objects.subtree_ids(coding["with_theme"]),
                author=coding["coder"],
                overlapping=coding["overlap"],
            )
        return annotations

    passages = coded(tagged).with_speech()
    page = _page(request, passages.order_by(*form.ordering()))
    # The speaker, role and meeting menus count the current passages without the
    # speech filters, so that with one speaker chosen the menu still offers the others.
    facets = coded(of_theme.current()).speech_facets(limit=FACET_SIZE)
    context = {
        "theme": theme,
        "children": theme.children.filter(active=True).in_tree_order(),
        "form": form,
        "filters": filters,
        "page_obj": page,
        "facets": facets,
        "coders": coders,
        "coder": coding["coder"].get_username() if coding["coder"] is not None else "",
        # Passages count each coder's tagging; paragraphs count each paragraph once.
        "paragraph_count": passages.paragraph_count(),
        "filtered": form.active_count() > 0,
        "coding": coding,
        "coding_params": form.coding_params(),
        # The export menu exports what the page lists: the theme and the same filters.
        "export_query": urlencode({"theme": theme.slug, **filters.params()}),
        "crumbs": [(_("Themes"), reverse("theme_list")), (theme_name(theme), None)],
    }
    return render(request, "annotations/theme_detail.html", context)


@editor_required
@require_form_methods
def theme_create(request):
    """Editors add a theme to the codebook."""
    initial = {
        "parent": request.GET.get("parent"),
        "colour": least_used(Theme.objects.values_list("colour", flat=True)),
    }
    form = ThemeCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            theme = services.create_theme(
                actor=request.user,
                name=data["name"],
                name_en=data["name_en"],
                parent=data["parent"],
                colour=data["colour"],
                description=data["description"],
                keywords=data["keywords"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Theme “%(name)s” added.") % {"name": theme.name})
            return redirect("theme_list")
    context = {
        "form": form,
        "crumbs": [(_("Themes"), reverse("theme_list")), (_("New theme"), None)],
    }
    return render(request, "annotations/theme_create.html", context)


def _save_theme(request, theme, form) -> bool:
    """Save every change of the theme form at once, or none: a refusal goes
    to the field it is about (or above the form). True when saved."""
    try:
        services.update_theme(actor=request.user, theme=theme, **form.changes())
    except DomainError as error:
        field = (error.details or {}).get("field")
        form.add_error(field if field in form.fields else None, error.message)
        theme.refresh_from_db()  # the page names the theme as it still is
        return False
    return True


def _other_action(request, theme, action, merge_form) -> str | None:
    """Merge, deactivate or reactivate; what to tell the editor, or None
    when the merge form has errors (the service's go there too)."""
    try:
        if action == "merge":
            if not merge_form.is_valid():
                return None
            into = merge_form.cleaned_data["into"]
            services.merge_themes(actor=request.user, source=theme, target=into)
            return _("Merged into “%(name)s”; its passages moved there.") % {"name": into.name}
        active = action == "activate"
        services.set_theme_active(actor=request.user, theme=theme, active=active)
        return _("Theme reactivated.") if active else _("Theme deactivated.")
    except DomainError as error:
        if action == "merge":
            merge_form.add_error(None, error.message)
        else:
            messages.error(request, error.message)
        return None


@editor_required
@require_form_methods
def theme_edit(request, slug):
    """Editors change a theme's names, colour, place, description and
    keywords with one form and one Save; merging and (de)activating are
    separate actions below it."""
    theme = get_object_or_404(Theme.objects.select_related("parent"), slug=slug)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ThemeForm(request.POST if action == "save" else None, theme=theme)
    merge_form = MergeForm(request.POST if action == "merge" else None, theme=theme)
    if action == "save" and form.is_valid():
        if not form.has_changed():
            messages.info(request, _("Nothing was changed."))
            return redirect("theme_edit", slug=theme.slug)
        if _save_theme(request, theme, form):
            messages.success(request, _("Theme saved."))
            return redirect("theme_edit", slug=theme.slug)
    elif action in {"merge", "deactivate", "activate"}:
        message = _other_action(request, theme, action, merge_form)
        if message is not None:
            messages.success(request, message)
            if action == "merge":
                return redirect(merge_form.cleaned_data["into"].get_absolute_url())
            return redirect("theme_edit", slug=theme.slug)
    context = {
        "theme": theme,
        "form": form,
        "merge_form": merge_form,
        # The button opens the theme's page: its passages as that page counts them
        # (with its sub-themes, current speeches only).
        "passage_count": Annotation.objects.current()
        .tagged_with(Theme.objects.subtree_ids(theme))
        .count(),
        "crumbs": [
            (_("Themes"), reverse("theme_list")),
            (chinese(theme.name), theme.get_absolute_url()),
            (_("Manage"), None),
        ],
    }
    return render(request, "annotations/theme_edit.html", context)


@annotator_required
@require_safe
def my_annotations(request):
    """What the current user wrote: the passages they tagged, newest first,
    by theme; or (``?show=comments``) their comments, newest first, each
    with the paragraph it is on."""
    mine = Annotation.objects.filter(author=request.user)
    comments = Comment.objects.filter(author=request.user).live()
    show_comments = request.GET.get("show") == "comments"
    theme_slug = "" if show_comments else request.GET.get("theme") or ""
    if show_comments:
        items = comments.select_related("paragraph__speech", "parent__author")
    else:
        items = mine.with_speech()
        if theme_slug:
            items = items.filter(themes__slug=theme_slug)
    context = {
        "page_obj": _page(request, items.order_by("-created_at", "-id")),
        "show_comments": show_comments,
        "themes": [] if show_comments else Theme.objects.tagged_by(request.user),
        "theme_slug": theme_slug,
        "total": mine.count(),
        "comment_count": comments.count(),
        "crumbs": [(_("My annotations"), None)],
    }
    return render(request, "annotations/my_annotations.html", context)


@read_required
@require_safe
def speech_history(request, pk):
    """Who did what to a speech: tags, edits, comments, and its import."""
    speech = get_object_or_404(Speech.objects.for_listing(), pk=pk)
    page = _page(request, Activity.objects.history_of(speech))
    context = {
        "speech": speech,
        "page_obj": page,
        # Corrections an editor may undo from here (speeches.services.editing).
        "undoable": undoable_ids(page.object_list) if can_edit(request.user) else set(),
        # As the speech's other pages (correct, structure) have them.
        "crumbs": [
            (_("Speeches"), reverse("speech_list")),
            (chinese(speech.title), speech.get_absolute_url()),
            (_("History"), None),
        ],
    }
    return render(request, "annotations/speech_history.html", context)
