"""One row per annotated passage: what the CSV and Excel exports hold."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annotations.exports.selection import ResolvedSelection, read_whole_results
from annotations.models import Theme

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
    ("author", _("Tagged by")),
    ("created", _("Tagged at")),
]


@dataclass(frozen=True)
class Row:
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
    author: str
    created: str

    def values(self) -> list:
        return [getattr(self, name) for name, _label in COLUMNS]


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


def export_rows(
    selection: ResolvedSelection, *, absolute_url: Callable[[str], str]
) -> Iterator[Row]:
    """The selected passages in reading order, read ``CHUNK_SIZE`` at a time."""
    read_whole_results()
    paths = theme_paths()
    speech_url = speech_url_maker(absolute_url)
    annotations = (
        selection.annotations()
        .select_related(
            "author",
            "paragraph__speech__speaker",
            "paragraph__speech__compilation",
        )
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id")))
        .defer(
            "paragraph__tokens",
            "paragraph__speech__compilation__text",
            "paragraph__speech__warnings",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    local = timezone.get_current_timezone()
    for annotation in annotations:
        paragraph = annotation.paragraph
        speech = paragraph.speech
        text = paragraph.text
        theme_ids = sorted(t.pk for t in annotation.themes.all())
        yield Row(
            annotation_id=annotation.pk,
            themes=THEME_SEPARATOR.join(paths[pk] for pk in theme_ids),
            quote=annotation.quote,
            context_before=text[max(0, annotation.start - CONTEXT_CHARS) : annotation.start],
            context_after=text[annotation.end : annotation.end + CONTEXT_CHARS],
            paragraph=paragraph.position,
            link=f"{speech_url(speech.pk)}#{paragraph.anchor}",
            speech_title=speech.title,
            speaker=speech.speaker.name if speech.speaker_id else speech.speaker_raw,
            role=speech.role,
            date=speech.date_iso or "",
            event=speech.event,
            compilation=speech.compilation.title,
            note=annotation.note,
            author=annotation.author.get_username() if annotation.author_id else "",
            created=annotation.created_at.astimezone(local).isoformat(timespec="seconds"),
        )
