"""One row per annotated passage: what the CSV and Excel exports hold."""

from collections.abc import Callable, Iterator
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annotations.exports.selection import ResolvedSelection, read_whole_results
from annotations.models import Annotation, Theme
from speeches.models import format_partial_date

# How much of the paragraph to show on each side of the quote, in characters.
CONTEXT_CHARS = 100
CHUNK_SIZE = 2000
THEME_SEPARATOR = "; "
PATH_SEPARATOR = " / "

COLUMNS = [
    ("annotation_id", _("Annotation ID")),
    ("themes", _("Themes")),
    ("quote", _("Quote")),
    ("context_before", _("Context before")),
    ("context_after", _("Context after")),
    ("paragraph", _("Paragraph")),
    ("link", _("Link")),
    ("speech_title", _("Speech")),
    ("speaker", _("Speaker")),
    ("role", _("Role")),
    ("date", _("Date")),
    ("event", _("Meeting")),
    ("compilation", _("Compilation")),
    ("note", _("Note")),
    ("origin", _("Origin")),
    ("author", _("Tagged by")),
    ("created", _("Tagged at")),
]


class Row(NamedTuple):
    """One passage, its columns in ``COLUMNS`` order (a tuple: writers take it as is)."""

    annotation_id: int
    themes: str
    quote: str
    context_before: str
    context_after: str
    paragraph: int
    link: str
    speech_title: str
    speaker: str
    role: str
    date: str
    event: str
    compilation: str
    note: str
    # Empty for a passage tagged by hand; the rule whose hit was accepted otherwise.
    origin: str
    author: str
    created: str

    def values(self) -> list:
        return list(self)


def headers() -> list[str]:
    return [str(label) for _name, label in COLUMNS]


def theme_paths() -> dict[int, str]:
    """Every theme's path from the top of the tree: 人大监督 / 代表建议办理."""
    themes = {
        pk: (name, parent)
        for pk, name, parent in Theme.objects.values_list("pk", "name", "parent_id")
    }
    paths: dict[int, str] = {}

    def path(pk: int) -> str:
        if pk not in paths:
            name, parent = themes[pk]
            paths[pk] = f"{path(parent)}{PATH_SEPARATOR}{name}" if parent in themes else name
        return paths[pk]

    for pk in themes:
        path(pk)
    return paths


def speech_url_maker(absolute_url: Callable[[str], str]) -> Callable[[int], str]:
    """speech id -> the speech page's full address, reversed once per speech."""
    cache: dict[int, str] = {}

    def url(speech_id: int) -> str:
        if speech_id not in cache:
            cache[speech_id] = absolute_url(reverse("speech_detail", args=[speech_id]))
        return cache[speech_id]

    return url


def _columns() -> tuple[str, ...]:
    """What a row is made of, read as plain values (no model instances)."""
    username = get_user_model().USERNAME_FIELD
    return (
        "pk",
        "start",
        "end",
        "quote",
        "note",
        "created_at",
        f"author__{username}",
        "paragraph__text",
        "paragraph__position",
        "paragraph__speech_id",
        "paragraph__speech__title",
        "paragraph__speech__speaker__name",
        "paragraph__speech__speaker_raw",
        "paragraph__speech__role",
        "paragraph__speech__date",
        "paragraph__speech__date_precision",
        "paragraph__speech__event",
        "paragraph__speech__compilation__title",
        "rule_id",
        "rule__name",
        "rule__query",
    )


def _batches(rows: Iterator[tuple], size: int) -> Iterator[list[tuple]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _theme_ids(annotation_ids: list[int]) -> dict[int, list[int]]:
    """annotation id -> its theme ids, ascending, in one query."""
    links = Annotation.themes.through.objects.filter(annotation_id__in=annotation_ids)
    themes: dict[int, list[int]] = {}
    for annotation_id, theme_id in links.values_list("annotation_id", "theme_id").order_by(
        "annotation_id", "theme_id"
    ):
        themes.setdefault(annotation_id, []).append(theme_id)
    return themes


def export_rows(
    selection: ResolvedSelection, *, absolute_url: Callable[[str], str]
) -> Iterator[Row]:
    """The selected passages in reading order, read ``CHUNK_SIZE`` at a time.

    Rows are read as tuples with the joins they need (building an Annotation,
    a Paragraph and a Speech per passage took most of the time), the themes
    of each chunk in one more query, and theme paths from one map of the
    codebook.
    """
    read_whole_results()
    paths = theme_paths()
    speech_url = speech_url_maker(absolute_url)
    local = timezone.get_current_timezone()
    rows = selection.annotations().values_list(*_columns()).iterator(chunk_size=CHUNK_SIZE)
    for batch in _batches(rows, CHUNK_SIZE):
        themes = _theme_ids([row[0] for row in batch])
        for (
            pk,
            start,
            end,
            quote,
            note,
            created_at,
            author,
            text,
            position,
            speech_id,
            title,
            speaker_name,
            speaker_raw,
            role,
            date,
            precision,
            event,
            compilation,
            rule_id,
            rule_name,
            rule_query,
        ) in batch:
            yield Row(
                annotation_id=pk,
                themes=THEME_SEPARATOR.join(paths[t] for t in themes.get(pk, ())),
                quote=quote,
                context_before=text[max(0, start - CONTEXT_CHARS) : start],
                context_after=text[end : end + CONTEXT_CHARS],
                paragraph=position,
                link=f"{speech_url(speech_id)}#p{position}",
                speech_title=title,
                speaker=speaker_name if speaker_name is not None else speaker_raw,
                role=role,
                date=format_partial_date(date, precision) or "",
                event=event,
                compilation=compilation,
                note=note,
                origin=_origin(rule_id, rule_name or rule_query),
                author=author or "",
                created=created_at.astimezone(local).isoformat(timespec="seconds"),
            )


def _origin(rule_id: int | None, label: str) -> str:
    """"rule #3 人大监督" for a passage accepted from a rule's hit, else empty."""
    if rule_id is None:
        return ""
    return str(_("rule #%(id)s %(rule)s") % {"id": rule_id, "rule": label})
