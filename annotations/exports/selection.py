"""What to export: a selection of annotations, and the speeches they sit in."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from annotations.models import Annotation, Comment, Theme
from speeches.models import Compilation, Speaker, Speech


def read_whole_results() -> None:
    """Tell PostgreSQL that the exports read their cursors to the end.

    Django iterates with server-side cursors; PostgreSQL plans those for the
    first rows (``cursor_tuple_fraction`` 0.1) and picked nested loops that
    took 27 s where the sorted hash join takes 1 s for 100,000 passages.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET cursor_tuple_fraction = 1.0")


class UnknownTarget(LookupError):
    """The selection names a compilation, speech, theme or speaker that does not exist."""


@dataclass(frozen=True)
class Selection:
    """Filters combine (AND). With none, everything is selected.

    ``theme`` includes the theme's sub-themes. ``speaker`` is a speaker's id
    or slug (as in the speaker page's address); a merged speaker stands for
    the one it was merged into.
    """

    compilation: int | None = None
    speech: int | None = None
    theme: str | None = None
    speaker: str | None = None
    role: str = ""
    event: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    q: str = ""

    # -- resolving ------------------------------------------------------

    def resolve(self) -> "ResolvedSelection":
        """Look the named objects up (a few queries); raises ``UnknownTarget``."""
        compilation = speech = theme = speaker = None
        if self.compilation is not None:
            compilation = Compilation.objects.defer("text").filter(pk=self.compilation).first()
            if compilation is None:
                raise UnknownTarget("compilation")
        if self.speech is not None:
            speech = Speech.objects.for_listing().filter(pk=self.speech).first()
            if speech is None:
                raise UnknownTarget("speech")
        if self.theme:
            theme = _by_id_or_slug(Theme.objects.all(), self.theme)
            if theme is None:
                raise UnknownTarget("theme")
        if self.speaker:
            speaker = _by_id_or_slug(Speaker.objects.all(), self.speaker)
            if speaker is None:
                raise UnknownTarget("speaker")
            while speaker.merged_into_id is not None:
                speaker = speaker.merged_into
        theme_ids = _subtree_ids(theme) if theme is not None else None
        return ResolvedSelection(self, compilation, speech, theme, speaker, theme_ids)


def _by_id_or_slug(queryset: QuerySet, value: str):
    value = value.strip()
    if value.isdigit():
        found = queryset.filter(pk=int(value)).first()
        if found is not None:
            return found
    return queryset.filter(slug=value).first()


def _subtree_ids(theme: Theme) -> list[int]:
    """The theme and all its descendants (one query for the whole tree)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Theme.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    ids, stack = [], [theme.pk]
    while stack:
        pk = stack.pop()
        ids.append(pk)
        stack.extend(children.get(pk, []))
    return ids


@dataclass(frozen=True)
class ResolvedSelection:
    selection: Selection
    compilation: Compilation | None
    speech: Speech | None
    theme: Theme | None
    speaker: Speaker | None
    theme_ids: list[int] | None

    @property
    def narrows_to_annotated(self) -> bool:
        """True when only passages matter (a theme or a search), not whole speeches."""
        return self.theme_ids is not None or bool(self.selection.q.strip())

    def speech_q(self, prefix: str = "") -> Q:
        """The speeches in scope, as a filter on ``prefix`` + speech fields."""
        s = self.selection
        q = Q()
        if self.compilation is not None:
            q &= Q(**{f"{prefix}compilation": self.compilation})
        if self.speech is not None:
            q &= Q(**{f"{prefix}pk": self.speech.pk})
        if self.speaker is not None:
            q &= Q(**{f"{prefix}speaker": self.speaker})
        if s.role:
            q &= Q(**{f"{prefix}role": s.role})
        if s.event:
            q &= Q(**{f"{prefix}event": s.event})
        if s.date_from:
            q &= Q(**{f"{prefix}date__gte": s.date_from})
        if s.date_to:
            q &= Q(**{f"{prefix}date__lte": s.date_to})
        return q

    def annotations(self) -> QuerySet[Annotation]:
        """The selected annotations, in reading order across the corpus."""
        qs = Annotation.objects.filter(self.speech_q("paragraph__speech__"))
        if self.theme_ids is not None:
            qs = qs.filter(
                pk__in=Annotation.themes.through.objects.filter(theme_id__in=self.theme_ids).values(
                    "annotation_id"
                )
            )
        if self.selection.q.strip():
            qs = qs.filter(paragraph__in=_search_paragraphs(self.selection.q))
        return qs.order_by(
            "paragraph__speech__compilation_id",
            "paragraph__speech__position",
            "paragraph__position",
            "start",
            "end",
            "id",
        )

    def speeches(self) -> QuerySet[Speech]:
        """The speeches a project export carries as sources, in reading order."""
        qs = Speech.objects.filter(self.speech_q())
        if self.narrows_to_annotated:
            qs = qs.filter(pk__in=self.annotations().order_by().values("paragraph__speech_id"))
        return qs.order_by("compilation_id", "position")

    def comments(self) -> QuerySet[Comment]:
        """Live comments on the paragraphs of the selected speeches."""
        return (
            Comment.objects.live()
            .filter(paragraph__speech__in=self.speeches().order_by().values("pk"))
            .order_by(
                "paragraph__speech__compilation_id",
                "paragraph__speech__position",
                "paragraph__position",
                "created_at",
                "id",
            )
        )

    def label(self) -> str:
        """What was selected, in words, for file names and titles."""
        parts = []
        if self.compilation is not None:
            parts.append(self.compilation.title)
        if self.speech is not None:
            parts.append(self.speech.title)
        if self.theme is not None:
            parts.append(self.theme.name)
        if self.speaker is not None:
            parts.append(self.speaker.name)
        s = self.selection
        parts.extend(v for v in (s.role, s.event) if v)
        if s.date_from or s.date_to:
            parts.append(f"{s.date_from or ''}–{s.date_to or ''}")
        if s.q.strip():
            parts.append(f"“{s.q.strip()}”")
        return " · ".join(parts) or _("All annotations")


def _search_paragraphs(text: str):
    """The paragraphs the search page finds for ``text`` (its query language)."""
    from speeches.search import matching_paragraphs, parse_query

    return matching_paragraphs(parse_query(text)).values("pk")
