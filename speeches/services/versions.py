"""Versions of a compilation: recognising a corrected text uploaded again,
and making the new import the current version of the old one.

An upload that shares at least ``SIMILAR_SHARE`` of its paragraphs with a
current compilation "looks like" it (``looks_like``), and so does one with
the same title that shares at least ``SAME_TITLE_SHARE``; the editor chooses,
and the import service is told with ``new_version_of``. The old
compilation stays readable, marked superseded (``superseded_by``), and
leaves browsing, search and analysis (``CompilationQuerySet.current``).
Each of its paragraphs that has a counterpart points to it (``moved_to``),
so a link to it leads there; what is attached to the text moves through
the ``VERSION_HANDLERS`` extension point (``speeches.services.remap``): the
annotations app re-anchors annotations and queues those it cannot place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count
from django.utils.translation import gettext_lazy

from accounts.activity import record_activity
from accounts.models import Verb
from core.errors import DomainError, NotFound
from speeches.models import Compilation, Paragraph, Speaker
from speeches.querysets import current_speech_q
from speeches.services.remap import carry_to_new_version
from text.alignment import Alignment, align
from text.parsing import ParsedSpeech

SIMILAR_SHARE = 0.7
# A current compilation with the upload's title is offered from this share
# on. Corrections change a larger share of a short file than of a book (3
# paragraphs of 8 leave 62% the same), and a corrected file imported beside
# the old one would count its speeches twice. Offered, not chosen: the
# preview then proposes a separate compilation.
SAME_TITLE_SHARE = 0.3


@dataclass(frozen=True)
class LooksLike:
    """An existing compilation an upload is probably a version of."""

    compilation: Compilation
    share: float  # paragraphs in common, over the longer of the two
    unchanged: int
    changed: int
    added: int
    removed: int
    # Offered for its title, with less than SIMILAR_SHARE in common.
    by_title: bool = False

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    def to_dict(self) -> dict:
        return {
            "id": self.compilation.pk,
            "title": self.compilation.title,
            "share": round(self.share, 3),
            "unchanged": self.unchanged,
            "changed": self.changed,
            "added": self.added,
            "removed": self.removed,
            "by_title": self.by_title,
        }


# Distinct hashes of an upload asked of the database at a time, and
# compilations whose totals are asked at a time: under the 999 parameters
# Django allows a query on SQLite (an upload may have 100,000 paragraphs).
HASH_BATCH = 900


def looks_like(texts: Sequence[str], *, title: str = "") -> LooksLike | None:
    """The current compilation sharing the most paragraphs with ``texts`` (the
    upload's paragraphs in order), if it shares at least ``SIMILAR_SHARE``;
    else the one titled ``title`` (the title the upload would be imported
    under) sharing the most, if it shares at least ``SAME_TITLE_SHARE``
    (``by_title``).

    The share is the paragraphs in common (as multisets: a paragraph twice
    in both counts twice) over the longer of the two. The database is asked
    only for the upload's paragraphs (by ``text_hash``, through the index
    ``paragraph_text_hash_idx``): one query for each ``HASH_BATCH``
    distinct paragraphs of the upload, counting them per current
    compilation; then, for the compilations that share enough to be
    offered, themselves with their paragraph counts (one query for each
    ``HASH_BATCH`` of them: one in practice, none when none does); then
    the texts of the one chosen. The work grows with the upload and its matches, not with the
    archive (docs/performance.md, "Recognising a new version")."""
    from core.hashing import text_hash

    wanted = Counter(text_hash(text) for text in texts)
    if not wanted:
        return None
    title = title.strip()
    # Paragraphs in common, per compilation: for each hash the fewer of its
    # occurrences in the upload and in the compilation.
    common: Counter[int] = Counter()
    hashes = list(wanted)
    for start in range(0, len(hashes), HASH_BATCH):
        rows = (
            Paragraph.objects.filter(
                current_speech_q("speech__"),
                text_hash__in=hashes[start:start + HASH_BATCH],
            )
            .values_list("speech__compilation_id", "text_hash")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for compilation_id, digest, count in rows:
            common[compilation_id] += min(count, wanted[digest])
    # The share is at most common / len(texts): below the lower threshold
    # that applies, a compilation can be neither offered nor the best of
    # those offered, and its paragraphs need no counting.
    least = min(SIMILAR_SHARE, SAME_TITLE_SHARE) if title else SIMILAR_SHARE
    matched = sorted(pk for pk, n in common.items() if n / len(texts) >= least)
    compilations: dict[int, Compilation] = {}
    shares: dict[int, float] = {}
    for start in range(0, len(matched), HASH_BATCH):
        for compilation in (
            Compilation.objects.defer("text")
            .filter(pk__in=matched[start:start + HASH_BATCH])
            .annotate(paragraph_count=Count("speeches__paragraphs"))
            .order_by()
        ):
            compilations[compilation.pk] = compilation
            shares[compilation.pk] = common[compilation.pk] / max(
                compilation.paragraph_count, len(texts)
            )
    best = max(shares, key=lambda pk: (shares[pk], -pk), default=None)
    by_title = False
    if (best is None or shares[best] < SIMILAR_SHARE) and title:
        # Every compilation that could be offered was read, with its title
        # (compared as the databases compare it: their collations are
        # deterministic, equal only when the same characters).
        candidates = [
            pk for pk, titled in compilations.items()
            if titled.title == title and shares[pk] >= SAME_TITLE_SHARE
        ]
        best = max(candidates, key=lambda pk: (shares[pk], -pk), default=None)
        by_title = True
    if best is None or (not by_title and shares[best] < SIMILAR_SHARE):
        return None
    found = compilations[best]
    alignment = align(compilation_texts(found), list(texts))
    return LooksLike(
        found, shares[best], alignment.unchanged, alignment.changed,
        len(alignment.added), alignment.removed, by_title=by_title,
    )


def counterpart_values(
    *, compilation: Compilation, speeches: Sequence[ParsedSpeech]
) -> list[dict[str, str] | None]:
    """For each uploaded speech, the fields of the speech of ``compilation``
    that shares most of its paragraphs, as ``speech_values`` writes them;
    None when it shares none. A new version is imported with what its file
    reads: the preview shows where the current version says otherwise.
    A speaker is compared as the import links them: where the file's name
    leads to the counterpart's speaker (an alias, a name merged into theirs),
    ``speaker`` is that name, the same person being no difference.
    Two queries, and a lookup for each speaker named otherwise; they read
    the paragraphs of ``compilation`` alone (through its speeches), the
    one ``looks_like`` found, about as long as the upload."""
    from core.hashing import text_hash

    # Here, not above: editing imports the import service, which imports this module.
    from speeches.services.editing import speech_values

    owner: dict[str, int] = dict(
        Paragraph.objects.filter(speech__compilation=compilation).values_list(
            "text_hash", "speech_id"
        )
    )
    chosen: list[int | None] = []
    for speech in speeches:
        hashes = (text_hash(p.text) for p in speech.paragraphs)
        votes = Counter(owner[h] for h in hashes if h in owner)
        chosen.append(votes.most_common(1)[0][0] if votes else None)
    old = {
        speech.pk: speech
        for speech in compilation.speeches.select_related("speaker").filter(
            pk__in={pk for pk in chosen if pk is not None}
        )
    }
    found: list[dict[str, str] | None] = []
    for speech, pk in zip(speeches, chosen, strict=True):
        counterpart = old.get(pk) if pk is not None else None
        if counterpart is None:
            found.append(None)
            continue
        values = speech_values(counterpart)
        name = speech.speaker_name or ""
        if name and values["speaker"] not in ("", name):
            speaker = Speaker.objects.find_by_name(name)
            if speaker is not None and speaker.pk == counterpart.speaker_id:
                values["speaker"] = name
        found.append(values)
    return found


def compilation_paragraphs(compilation: Compilation) -> list[tuple[int, str]]:
    """(id, text) of every paragraph of the compilation, in reading order."""
    return list(
        Paragraph.objects.filter(speech__compilation=compilation)
        .order_by("speech__position", "position")
        .values_list("pk", "text")
    )


def compilation_texts(compilation: Compilation) -> list[str]:
    return [text for _pk, text in compilation_paragraphs(compilation)]


class VersionRefused(DomainError):
    """A refusal of this service; ``code`` says which."""

    def __init__(self, code: str, message: str):
        super().__init__(message, code=code)


NOT_CURRENT = gettext_lazy("Only a current compilation can get a new version.")


def require_current(compilation: Compilation) -> None:
    """Refuse (``VersionRefused``, "not-current") to make a new version of a
    withdrawn or already superseded compilation: only the current text of a
    work gets a newer one."""
    if compilation.withdrawn_at is not None or compilation.superseded_by_id is not None:
        raise VersionRefused("not-current", str(NOT_CURRENT))


def supersede(
    *, old: Compilation, new: Compilation, actor: AbstractBaseUser | None
) -> dict[str, int]:
    """Make ``new`` (just imported) the current version of ``old``; call it in
    the import's transaction. Returns what moved (from the handlers)."""
    old_paragraphs = compilation_paragraphs(old)
    new_paragraphs = compilation_paragraphs(new)
    alignment: Alignment = align(
        [text for _pk, text in old_paragraphs], [text for _pk, text in new_paragraphs]
    )
    moved = [
        Paragraph(pk=old_paragraphs[i][0], moved_to_id=new_paragraphs[j][0])
        for i, j in enumerate(alignment.old_to_new)
        if j is not None
    ]
    Paragraph.objects.bulk_update(moved, ["moved_to"], batch_size=1000)
    counts = carry_to_new_version(
        old=old_paragraphs, new=new_paragraphs, old_to_new=alignment.old_to_new
    )
    Compilation.objects.filter(pk=old.pk).update(superseded_by=new)
    # Versions of versions: the earlier ones now point at the newest.
    Compilation.objects.filter(superseded_by=old).update(superseded_by=new)
    record_activity(
        actor=actor,
        verb=Verb.EDIT,
        target=old,
        summary=f"{old.title} → {new.title}",
        data={
            "action": "new-version",
            "new": new.pk,
            "unchanged": alignment.unchanged,
            "changed": alignment.changed,
            "added": len(alignment.added),
            "removed": alignment.removed,
            "carried": counts,
        },
    )
    return counts


@dataclass(frozen=True)
class DiffRow:
    """One line of a versions' diff: ``kind`` is "same" (``count`` paragraphs in
    a row, folded), "changed" (``segments``: (op, text), op -1 removed, 0
    kept, 1 added), "removed" (``old``) or "added" (``new``)."""

    kind: str
    old: str = ""
    new: str = ""
    old_position: int | None = None
    new_position: int | None = None
    count: int = 0
    segments: tuple[tuple[int, str], ...] = ()


def version_diff(*, old: Compilation, new: Compilation) -> list[DiffRow]:
    """What changed from ``old`` to ``new``, paragraph by paragraph in the new
    text's order, with the characters that changed inside changed paragraphs
    (diff-match-patch, cleaned up to whole words and phrases). Two queries."""
    from diff_match_patch import diff_match_patch

    old_texts = compilation_texts(old)
    new_texts = compilation_texts(new)
    alignment = align(old_texts, new_texts)
    new_to_old = {j: i for i, j in enumerate(alignment.old_to_new) if j is not None}
    removed_after: dict[int, list[int]] = {}
    last_new = -1
    for i, j in enumerate(alignment.old_to_new):
        if j is None:
            removed_after.setdefault(last_new, []).append(i)
        else:
            last_new = j
    dmp = diff_match_patch()
    rows: list[DiffRow] = []

    def removed(after: int) -> None:
        for i in removed_after.get(after, []):
            rows.append(DiffRow("removed", old=old_texts[i], old_position=i + 1))

    removed(-1)
    for j, text in enumerate(new_texts):
        paired = new_to_old.get(j)
        if paired is None:
            rows.append(DiffRow("added", new=text, new_position=j + 1))
        elif alignment.same[paired]:
            if rows and rows[-1].kind == "same":
                rows[-1] = DiffRow("same", count=rows[-1].count + 1)
            else:
                rows.append(DiffRow("same", count=1))
        else:
            diffs = dmp.diff_main(old_texts[paired], text)
            dmp.diff_cleanupSemantic(diffs)
            rows.append(DiffRow(
                "changed", old=old_texts[paired], new=text, old_position=paired + 1,
                new_position=j + 1, segments=tuple((op, part) for op, part in diffs),
            ))
        removed(j)
    return rows


def diff_with_previous(compilation: Compilation) -> tuple[Compilation, list[DiffRow]]:
    """The version ``compilation`` replaced and what changed since it (the
    diff page's and the API's). ``NotFound`` when it replaced none."""
    previous = compilation.earlier_versions.defer("text").order_by("-created_at", "-id").first()
    if previous is None:
        raise NotFound(str(gettext_lazy("This compilation has no earlier version.")))
    return previous, version_diff(old=previous, new=compilation)
