"""Reads: every list and page of the annotations app goes through these."""

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from core.ids import parse_id
from speeches.querysets import current_speech_q


class ThemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def in_tree_order(self):
        """Parents before children is the caller's job; this orders siblings."""
        return self.order_by("position", "name", "id")

    def with_passage_counts(self):
        """Each theme with ``passage_count``, the annotations that carry it (two
        coders tagging one paragraph make two), and ``paragraph_count``, the
        distinct paragraphs they are in: in current speeches only, as the theme's
        page lists them (a withdrawn or superseded compilation keeps its passages)."""
        current = current_speech_q("annotations__paragraph__speech__")
        return self.annotate(
            passage_count=Count("annotations", distinct=True, filter=current),
            paragraph_count=Count("annotations__paragraph", distinct=True, filter=current),
        )

    def find(self, value: str):
        """The theme a URL names by id or slug, or None."""
        value = (value or "").strip()
        pk = parse_id(value)
        if pk is not None:
            found = self.filter(pk=pk).first()
            if found is not None:
                return found
        return self.filter(slug=value).first() if value else None

    def tagged_by(self, user):
        """The themes ``user`` tagged passages with, each with ``n`` (how many of
        them), the most used first."""
        return (
            self.filter(annotations__author=user)
            .annotate(n=Count("annotations", filter=Q(annotations__author=user)))
            .order_by("-n", "position")
        )

    def subtree_ids(self, theme) -> list[int]:
        """The theme and all its descendants (one query for the whole tree)."""
        # Here, not above: the tree module imports the models, which import this one.
        from annotations.services.tree import subtrees

        return subtrees(self.only("pk", "parent_id"))[theme.pk]


class AnnotationQuerySet(models.QuerySet):
    def with_details(self):
        """What a list or the reader shows, in a fixed number of queries."""
        from annotations.models import Theme

        return self.select_related("author", "paragraph", "rule").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "name", "id"))
        )

    def with_speech(self):
        """For lists across speeches: the speech and its speaker too."""
        return self.with_details().select_related("paragraph__speech__speaker")

    def of_speech(self, speech_id: int):
        return self.filter(paragraph__speech_id=speech_id)

    def theme_ids_of(self, annotations: "models.QuerySet | list[int]") -> dict[int, list[int]]:
        """Annotation id -> its theme ids, in the codebook's order as the API
        lists them (one query). ``annotations``: ids, or better a queryset,
        which the database reads as a subquery: a list of a busy speech's 500
        ids took a fifth of the reader page's time to bind as parameters."""
        through = self.model.themes.through.objects.filter(annotation_id__in=annotations)
        themes: dict[int, list[int]] = {}
        rows = through.order_by("theme__position", "theme__name", "theme_id")
        for annotation_id, theme_id in rows.values_list("annotation_id", "theme_id"):
            themes.setdefault(annotation_id, []).append(theme_id)
        return themes

    def theme_ids_by_paragraph(self) -> dict[int, set[int]]:
        """Paragraph id -> the ids of the themes these annotations tag there (one query)."""
        through = self.model.themes.through.objects.filter(annotation__in=self.order_by())
        tagged: dict[int, set[int]] = {}
        for paragraph_id, theme_id in through.values_list("annotation__paragraph_id", "theme_id"):
            tagged.setdefault(paragraph_id, set()).add(theme_id)
        return tagged

    def speech_facets(self, *, limit: int) -> dict[str, list[dict]]:
        """The speakers, roles and meetings of these passages' speeches, each
        with ``n`` passages, most frequent first, at most ``limit`` of each."""
        speech = "paragraph__speech__"

        def counted(rows, *fields: str):
            return rows.values(*fields).annotate(n=Count("id")).order_by("-n", fields[-1])[:limit]

        return {
            "speakers": counted(
                self.filter(**{f"{speech}speaker__isnull": False}),
                f"{speech}speaker__slug",
                f"{speech}speaker__name",
            ),
            "roles": counted(self.exclude(**{f"{speech}role": ""}), f"{speech}role"),
            "events": counted(self.exclude(**{f"{speech}event": ""}), f"{speech}event"),
        }

    def by_coder(self, username: str):
        """The passages ``username`` tagged ("" for all)."""
        return self.filter(author__username=username) if username else self

    def coder_counts(self) -> list[dict]:
        """The coders of these passages, each with ``n`` passages, most first."""
        return list(
            self.filter(author__isnull=False)
            .values("author__username")
            .annotate(n=Count("id"))
            .order_by("-n", "author__username")
        )

    def paragraph_count(self) -> int:
        """The distinct paragraphs these passages are in."""
        return self.order_by().values("paragraph_id").distinct().count()

    def counts_by_compilation(self, compilations) -> dict[int, int]:
        """Compilation id -> passages in it, for ``compilations`` only (one grouped query)."""
        return dict(
            self.filter(paragraph__speech__compilation__in=compilations)
            .values_list("paragraph__speech__compilation")
            .annotate(n=Count("id"))
            .order_by()
        )

    def current(self):
        """Annotations of current speeches: withdrawn and superseded compilations
        keep theirs, out of the pages' counts and the exports (speeches.filters)."""
        return self.filter(current_speech_q("paragraph__speech__"))

    def top_speakers(self, *, limit: int) -> list[tuple]:
        """(speaker, passages) for the ``limit`` speakers with the most passages
        of current speeches, as a speaker's export has them (two queries)."""
        from speeches.models import Speaker

        top = list(
            self.current()
            .filter(paragraph__speech__speaker__isnull=False)
            .values_list("paragraph__speech__speaker")
            .annotate(n=Count("id"))
            .order_by("-n")[:limit]
        )
        by_id = Speaker.objects.in_bulk([pk for pk, _n in top])
        return [(by_id[pk], n) for pk, n in top if pk in by_id]

    def counts_by_subtree(self, subtrees: dict[int, list[int]]) -> dict[int, tuple[int, int]]:
        """Theme id -> (passages, paragraphs) carrying any theme of its subtree
        (``subtrees``: theme id -> its own id and its descendants'), each counted once
        as the theme's page counts them (current speeches only), in one query however
        many themes: a passage tagged with a theme and a sub-theme is one passage, in
        one paragraph."""
        row = self._subtree_counts(subtrees, paragraphs=True)
        return {
            pk: (row[f"passages_{pk}"] or 0, row[f"paragraphs_{pk}"] or 0) for pk in subtrees
        }

    def passages_by_subtree(self, subtrees: dict[int, list[int]]) -> dict[int, int]:
        """The passages of ``counts_by_subtree`` alone, without the cost of
        counting paragraphs (the home page's chips show passages only)."""
        row = self._subtree_counts(subtrees, paragraphs=False)
        return {pk: row[f"passages_{pk}"] or 0 for pk in subtrees}

    def _subtree_counts(self, subtrees: dict[int, list[int]], *, paragraphs: bool) -> dict:
        """The one definition behind ``counts_by_subtree`` and ``passages_by_subtree``."""
        if not subtrees:
            return {}
        counts = {}
        for pk, ids in subtrees.items():
            counts[f"passages_{pk}"] = Count("pk", distinct=True, filter=Q(themes__in=ids))
            if paragraphs:
                counts[f"paragraphs_{pk}"] = Count(
                    "paragraph", distinct=True, filter=Q(themes__in=ids)
                )
        return self.current().order_by().aggregate(**counts)

    def tagged_with(self, theme_ids: list[int]):
        """Annotations carrying any of the themes, each once."""
        through = self.model.themes.through.objects
        return self.filter(pk__in=through.filter(theme_id__in=theme_ids).values("annotation_id"))

    def beside(self, theme_ids: list[int], *, author=None, overlapping: bool = False):
        """These annotations where a passage carrying one of ``theme_ids`` (by
        ``author``, when given) is in the same paragraph, or, ``overlapping``,
        shares at least one character with them: the passages behind a cell
        of the co-occurrence matrix (``analysis.services.cooccurrence``)."""
        others = self.model.objects.tagged_with(theme_ids).filter(
            paragraph_id=OuterRef("paragraph_id")
        )
        if author is not None:
            others = others.filter(author=author)
        if overlapping:
            others = others.filter(start__lt=OuterRef("end"), end__gt=OuterRef("start"))
        return self.filter(Exists(others))


class CommentQuerySet(models.QuerySet):
    def with_details(self):
        return self.select_related("author", "paragraph")

    def of_speech(self, speech_id: int):
        return self.filter(paragraph__speech_id=speech_id)

    def live(self):
        return self.filter(deleted_at__isnull=True)


class RuleQuerySet(models.QuerySet):
    def with_figures(self):
        """Each rule with ``accepted``, ``rejected`` and ``pending``: its hits by
        status (one query with the rules, whatever their number)."""
        from annotations.models import HitStatus

        def count(status):
            return Count("hits", filter=Q(hits__status=status))

        return self.select_related("theme", "author").annotate(
            accepted=count(HitStatus.ACCEPTED),
            rejected=count(HitStatus.REJECTED),
            pending=count(HitStatus.PENDING),
        )


class RuleHitQuerySet(models.QuerySet):
    def pending(self):
        from annotations.models import HitStatus

        return self.filter(status=HitStatus.PENDING)

    def for_review(self):
        """In reading order, with what a concordance line shows (one query)."""
        return (
            self.select_related("paragraph__speech__speaker", "paragraph__speech__compilation")
            .defer("paragraph__tokens", "paragraph__speech__compilation__text")
            .order_by(
                "paragraph__speech__date",
                "paragraph__speech_id",
                "paragraph__position",
                "start",
                "id",
            )
        )
