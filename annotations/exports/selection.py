"""What to export: a selection of annotations, and the speeches they sit in."""

from dataclasses import dataclass, field

from django.core.signals import request_finished
from django.db import DatabaseError, connection, connections
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from annotations.models import Annotation, Comment, Theme
from speeches.filters import SpeechFilters
from speeches.models import Speech


def read_whole_results() -> None:
    """Tell PostgreSQL that the exports read their cursors to the end.

    Django iterates with server-side cursors; PostgreSQL plans those for the
    first rows (``cursor_tuple_fraction`` 0.1) and picked nested loops that
    took 27 s where the sorted hash join takes 1 s for 100,000 passages.

    The setting lasts for the session, not a transaction (the cursors of a
    streamed export outlive any transaction), so it is reset when the
    request finishes: the pooled connection serves later requests as usual.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET cursor_tuple_fraction = 1.0")
        connection.reset_cursor_tuple_fraction = True


def _reset_session_settings(**kwargs) -> None:
    for conn in connections.all(initialized_only=True):
        if not getattr(conn, "reset_cursor_tuple_fraction", False):
            continue
        conn.reset_cursor_tuple_fraction = False
        if conn.connection is None:
            continue  # closed already: the setting went with the session
        try:
            with conn.cursor() as cursor:
                cursor.execute("RESET cursor_tuple_fraction")
        except DatabaseError:
            if not conn.in_atomic_block:
                conn.close()


# Sent when a response is closed: a streamed export's after its last byte.
request_finished.connect(_reset_session_settings, dispatch_uid="exports_reset_session_settings")


class UnknownTarget(LookupError):
    """The selection names a speech or theme that does not exist."""


@dataclass(frozen=True)
class Selection:
    """What to export: the speech filters of every list (``SpeechFilters``:
    speaker, role, meeting, compilation, year, dates…), a speech, a theme and
    a search, combined (AND). With none, everything is selected.

    ``theme`` is a theme's id or slug; its sub-themes are included.
    """

    filters: SpeechFilters = field(default_factory=SpeechFilters)
    speech: int | None = None
    theme: str | None = None
    q: str = ""

    # -- resolving ------------------------------------------------------

    def resolve(self) -> "ResolvedSelection":
        """Look the speech and the theme up (a few queries); raises ``UnknownTarget``."""
        speech = theme = None
        if self.speech is not None:
            speech = Speech.objects.for_listing().filter(pk=self.speech).first()
            if speech is None:
                raise UnknownTarget("speech")
        if self.theme:
            theme = Theme.objects.find(self.theme)
            if theme is None:
                raise UnknownTarget("theme")
        theme_ids = Theme.objects.subtree_ids(theme) if theme is not None else None
        return ResolvedSelection(self, speech, theme, theme_ids)


@dataclass(frozen=True)
class ResolvedSelection:
    selection: Selection
    speech: Speech | None
    theme: Theme | None
    theme_ids: list[int] | None

    @property
    def narrows_to_annotated(self) -> bool:
        """True when only passages matter (a theme or a search), not whole speeches."""
        return self.theme_ids is not None or bool(self.selection.q.strip())

    def speech_q(self, prefix: str = "") -> Q:
        """The speeches in scope, as a filter on ``prefix`` + speech fields."""
        q = self.selection.filters.q(prefix)
        if self.speech is not None:
            q &= Q(**{f"{prefix}pk": self.speech.pk})
        return q

    def annotations(self) -> QuerySet[Annotation]:
        """The selected annotations, in reading order across the corpus."""
        qs = Annotation.objects.filter(self.speech_q("paragraph__speech__"))
        if self.theme_ids is not None:
            qs = qs.tagged_with(self.theme_ids)
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
        if self.speech is not None:
            parts.append(self.speech.title)
        if self.theme is not None:
            parts.append(self.theme.name)
        parts.extend(active.label for active in self.selection.filters.active())
        if self.selection.q.strip():
            parts.append(f"“{self.selection.q.strip()}”")
        return " · ".join(parts) or _("All annotations")


def _search_paragraphs(text: str):
    """The paragraphs the search page finds for ``text`` (its query language)."""
    from search.services import matching_paragraphs, parse_query

    return matching_paragraphs(parse_query(text)).values("pk")
