"""Writes to the codebook: themes created, renamed, described, moved,
recoloured, (de)activated and merged. Editors only.

Every function is keyword-only, runs in one transaction and appends to the
activity log inside it. Refusals are ``annotations.errors`` exceptions.
"""

import re
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from accounts.activity import record_activity
from accounts.models import Verb
from accounts.roles import can_edit
from annotations.models import COLOUR_PATTERN, Annotation, Rule, Theme
from annotations.services.colours import is_readable
from annotations.services.suggest import segment_keywords
from core.errors import Conflict, InvalidInput, NotPermitted
from core.fields import check_length, max_length, one_line

MAX_KEYWORDS = 50
# A theme's description: a paragraph or two of coding guidance (the model's limit).
MAX_DESCRIPTION = max_length(Theme, "description")
# Theme slugs share /themes/<slug>/ with these pages.
RESERVED_SLUGS = {"new", "rules", "agreement"}


def _clean_colour(colour: str) -> str:
    colour = colour.strip().lower()
    if not re.fullmatch(COLOUR_PATTERN, colour):
        raise InvalidInput(
            _("Enter a colour as # followed by six hex digits, e.g. #2f6b3a."), {"field": "colour"}
        )
    if not is_readable(colour):
        raise InvalidInput(
            _("This colour is too light or too dark: highlighted text would be hard to read."),
            {"field": "colour"},
        )
    return colour


def _clean_name(name: str, field: str = "name") -> str:
    name = one_line(name)
    if not name:
        raise InvalidInput(_("A theme needs a name."), {"field": field})
    return check_length(Theme, "name", name, name=field)


def _clean_name_en(name_en: str) -> str:
    return check_length(Theme, "name_en", one_line(name_en))


def _distinct_keywords(keywords: Sequence[str]) -> list[str]:
    """The keywords trimmed (at most 50 characters each), each once, in order."""
    seen: list[str] = []
    for keyword in keywords:
        keyword = keyword.strip()[:50]
        if keyword and keyword not in seen:
            seen.append(keyword)
    return seen


def _clean_description(description: str) -> str:
    return check_length(Theme, "description", description.strip())


def _clean_keywords(keywords: Sequence[str]) -> list[str]:
    seen = _distinct_keywords(keywords)
    if len(seen) > MAX_KEYWORDS:
        raise InvalidInput(_("A theme has at most 50 keywords."), {"field": "keywords"})
    return seen


def _unique_slug(name: str, name_en: str, exclude_pk: int | None = None) -> str:
    base = slugify(name_en) or slugify("-".join(lazy_pinyin(name))) or "theme"
    base = base[:100]
    slug, n = (base, 2) if base not in RESERVED_SLUGS else (f"{base}-2", 3)
    others = Theme.objects.exclude(pk=exclude_pk) if exclude_pk else Theme.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_sibling_name(*, name: str, parent: Theme | None, exclude_pk: int | None = None) -> None:
    siblings = Theme.objects.filter(parent=parent, name=name)
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    if siblings.exists():
        raise InvalidInput(
            _("There is already a theme called “%(name)s” here.") % {"name": name},
            {"field": "name"},
        )


def _require_editor(actor: AbstractBaseUser) -> None:
    if not can_edit(actor):
        raise NotPermitted()


def _record_theme(actor: AbstractBaseUser, theme: Theme, summary: str, data: dict) -> None:
    record_activity(actor=actor, verb=Verb.THEME, target=theme, summary=summary, data=data)


# Tries at a free slug when another request takes the one chosen meanwhile.
SLUG_ATTEMPTS = 5


def _insert_theme(*, parent: Theme | None, name: str, name_en: str, **fields) -> Theme:
    """Insert the theme, whatever another request creates at the same moment.

    Two requests creating the same name (or names with the same slug) both
    pass the checks before either saves; the database's unique constraints
    then refuse the second. Its answer is the one a second request made a
    moment later would get: the name is taken (InvalidInput), or the theme
    gets the next free slug.
    """
    for _attempt in range(SLUG_ATTEMPTS):
        try:
            with transaction.atomic():
                return Theme.objects.create(
                    parent=parent,
                    name=name,
                    name_en=name_en,
                    slug=_unique_slug(name, name_en),
                    **fields,
                )
        except IntegrityError:
            _check_sibling_name(name=name, parent=parent)  # raises if the name was taken
    raise Conflict(_("The theme could not be saved; please try again."))


def _save_named(theme: Theme, fields: list[str]) -> None:
    """Save a theme whose name or parent changed; a sibling of the same name
    saved by another request meanwhile is refused as if it had come first."""
    try:
        with transaction.atomic():
            theme.save(update_fields=fields)
    except IntegrityError:
        _check_sibling_name(name=theme.name, parent=theme.parent, exclude_pk=theme.pk)
        raise


def create_theme(
    *,
    actor: AbstractBaseUser,
    name: str,
    colour: str,
    name_en: str = "",
    parent: Theme | None = None,
    description: str = "",
    keywords: Sequence[str] = (),
) -> Theme:
    """Add a theme at the end of its siblings."""
    _require_editor(actor)
    name = _clean_name(name)
    name_en = _clean_name_en(name_en)
    colour = _clean_colour(colour)
    description = _clean_description(description)
    keywords = _clean_keywords(keywords)
    keyword_tokens = segment_keywords(keywords)
    with transaction.atomic():
        _check_sibling_name(name=name, parent=parent)
        last = Theme.objects.filter(parent=parent).aggregate(m=Max("position"))["m"] or 0
        theme = _insert_theme(
            parent=parent,
            name=name,
            name_en=name_en,
            colour=colour,
            description=description,
            keywords=keywords,
            keyword_tokens=keyword_tokens,
            position=last + 1,
        )
        _record_theme(actor, theme, name, {"action": "create", "parent": parent and parent.pk})
    return theme


def rename_theme(*, actor: AbstractBaseUser, theme: Theme, name: str, name_en: str) -> Theme:
    """Change a theme's Chinese and English names; its slug (and links) stay."""
    _require_editor(actor)
    name = _clean_name(name)
    name_en = _clean_name_en(name_en)
    with transaction.atomic():
        _check_sibling_name(name=name, parent=theme.parent, exclude_pk=theme.pk)
        old = theme.name
        theme.name, theme.name_en = name, name_en
        _save_named(theme, ["name", "name_en", "updated_at"])
        _record_theme(actor, theme, f"{old} → {name}", {"action": "rename", "from": old})
    return theme


def describe_theme(
    *, actor: AbstractBaseUser, theme: Theme, description: str, keywords: Sequence[str]
) -> Theme:
    """Change a theme's description and its suggestion keywords."""
    _require_editor(actor)
    description = _clean_description(description)
    keywords = _clean_keywords(keywords)
    keyword_tokens = segment_keywords(keywords)
    with transaction.atomic():
        theme.description = description
        theme.keywords = keywords
        theme.keyword_tokens = keyword_tokens
        theme.save(update_fields=["description", "keywords", "keyword_tokens", "updated_at"])
        _record_theme(actor, theme, theme.name, {"action": "describe", "keywords": theme.keywords})
    return theme


def _ancestors(theme: Theme | None) -> list[int]:
    """Primary keys from ``theme`` up to the root (trees are shallow)."""
    seen: list[int] = []
    while theme is not None and theme.pk not in seen:
        seen.append(theme.pk)
        theme = theme.parent
    return seen


def move_theme(
    *, actor: AbstractBaseUser, theme: Theme, parent: Theme | None, position: int | None = None
) -> Theme:
    """Put a theme under ``parent`` (None: top level) at ``position`` among
    its new siblings (1-based; None: last). Siblings are renumbered."""
    _require_editor(actor)
    with transaction.atomic():
        if parent is not None and theme.pk in _ancestors(parent):
            raise InvalidInput(
                _("A theme cannot be moved under itself or one of its sub-themes."),
                {"field": "parent"},
            )
        _check_sibling_name(name=theme.name, parent=parent, exclude_pk=theme.pk)
        old_parent = theme.parent
        siblings = list(Theme.objects.filter(parent=parent).exclude(pk=theme.pk).in_tree_order())
        index = len(siblings) if position is None else max(0, min(position - 1, len(siblings)))
        siblings.insert(index, theme)
        theme.parent = parent
        _save_named(theme, ["parent", "updated_at"])
        for number, sibling in enumerate(siblings, start=1):
            if sibling.position != number:
                sibling.position = number
                sibling.save(update_fields=["position"])
        _record_theme(
            actor,
            theme,
            f"{old_parent or '—'} → {parent or '—'}",
            {"action": "move", "from": old_parent and old_parent.pk, "to": parent and parent.pk},
        )
    return theme


def recolour_theme(*, actor: AbstractBaseUser, theme: Theme, colour: str) -> Theme:
    _require_editor(actor)
    colour = _clean_colour(colour)
    with transaction.atomic():
        old = theme.colour
        theme.colour = colour
        theme.save(update_fields=["colour", "updated_at"])
        _record_theme(actor, theme, f"{theme.name} {old} → {colour}", {"action": "recolour"})
    return theme


def set_theme_active(*, actor: AbstractBaseUser, theme: Theme, active: bool) -> Theme:
    """Deactivate a theme (kept on existing passages, offered no more) or
    bring it back."""
    _require_editor(actor)
    with transaction.atomic():
        theme.active = active
        theme.save(update_fields=["active", "updated_at"])
        _record_theme(
            actor, theme, theme.name, {"action": "activate" if active else "deactivate"}
        )
    return theme


class _Keep:
    """The parent a theme keeps when ``update_theme`` is not asked to move it."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


def update_theme(
    *,
    actor: AbstractBaseUser,
    theme: Theme,
    name: str | None = None,
    name_en: str | None = None,
    colour: str | None = None,
    parent: Theme | None | _Keep = KEEP,
    position: int | None = None,
    description: str | None = None,
    keywords: Sequence[str] | None = None,
    active: bool | None = None,
) -> Theme:
    """Change what is given of a theme, leaving the rest as it is.

    ``None`` (``KEEP`` for ``parent``) leaves a field unchanged; ``parent``
    None moves the theme to the top level. Each change is logged as the
    services above log it; a refused change (a colour too light, a sibling
    of the same name…) refuses them all: nothing is written.
    """
    _require_editor(actor)
    with transaction.atomic():
        if name is not None or name_en is not None:
            rename_theme(
                actor=actor,
                theme=theme,
                name=theme.name if name is None else name,
                name_en=theme.name_en if name_en is None else name_en,
            )
        if colour is not None:
            recolour_theme(actor=actor, theme=theme, colour=colour)
        if parent is not KEEP or position is not None:
            move_theme(
                actor=actor,
                theme=theme,
                parent=theme.parent if isinstance(parent, _Keep) else parent,
                position=position,
            )
        if description is not None or keywords is not None:
            describe_theme(
                actor=actor,
                theme=theme,
                description=theme.description if description is None else description,
                keywords=theme.keywords if keywords is None else keywords,
            )
        if active is not None and active != theme.active:
            set_theme_active(actor=actor, theme=theme, active=active)
    return theme


def merge_themes(*, actor: AbstractBaseUser, source: Theme, target: Theme) -> Theme:
    """Fold ``source`` into ``target`` and delete ``source``.

    Every annotation tagged with ``source`` ends up tagged with ``target``
    exactly once; sub-themes of ``source`` move under ``target``; ``target``
    keeps its keywords and takes those of ``source`` it lacks, up to 50 in
    all. Returns the surviving theme.
    """
    _require_editor(actor)
    if source.pk == target.pk:
        raise InvalidInput(_("Choose two different themes to merge."))
    Link = Annotation.themes.through
    with transaction.atomic():
        # Lock both rows so two merges of the same themes cannot interleave.
        locked = {
            t.pk: t
            for t in Theme.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
        }
        if len(locked) != 2:
            raise InvalidInput(_("One of these themes no longer exists."))
        source, target = locked[source.pk], locked[target.pk]
        if source.pk in _ancestors(target.parent):
            # The survivor sits below the theme that goes: lift it out first.
            target.parent = source.parent
            target.save(update_fields=["parent", "updated_at"])
        already = Link.objects.filter(theme=target).values("annotation_id")
        Link.objects.filter(theme=source, annotation_id__in=already).delete()
        moved = Link.objects.filter(theme=source).update(theme=target)
        # Its rules now propose passages for the survivor.
        Rule.objects.filter(theme=source).update(theme=target)
        for child in Theme.objects.filter(parent=source):
            if Theme.objects.filter(parent=target, name=child.name).exists():
                child.name = f"{child.name} ({source.name})"[:100]
            child.parent = target
            child.save(update_fields=["parent", "name", "updated_at"])
        # The survivor's keywords first; past the limit the merged theme's are dropped.
        keywords = _distinct_keywords([*target.keywords, *source.keywords])[:MAX_KEYWORDS]
        target.keywords = keywords
        target.keyword_tokens = segment_keywords(keywords)
        target.save(update_fields=["keywords", "keyword_tokens", "updated_at"])
        _record_theme(
            actor,
            target,
            f"{source.name} → {target.name}",
            {"action": "merge", "merged": source.pk, "merged_slug": source.slug, "moved": moved},
        )
        source.delete()
    return target
