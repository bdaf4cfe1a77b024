"""Reads: every list and page of the annotations app goes through these."""

from django.db import models
from django.db.models import Count, Prefetch


class ThemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def in_tree_order(self):
        """Parents before children is the caller's job; this orders siblings."""
        return self.order_by("position", "name", "id")

    def with_passage_counts(self):
        """Each theme with ``passage_count``: the annotations that carry it."""
        return self.annotate(passage_count=Count("annotations", distinct=True))

    def find(self, value: str):
        """The theme a URL names by id or slug, or None."""
        value = (value or "").strip()
        if value.isdigit():
            found = self.filter(pk=int(value)).first()
            if found is not None:
                return found
        return self.filter(slug=value).first() if value else None

    def subtree_ids(self, theme) -> list[int]:
        """The theme and all its descendants (one query for the whole tree)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in self.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        ids, stack = [], [theme.pk]
        while stack:
            pk = stack.pop()
            ids.append(pk)
            stack.extend(children.get(pk, []))
        return ids


class AnnotationQuerySet(models.QuerySet):
    def with_details(self):
        """What a list or the reader shows, in a fixed number of queries."""
        from annotations.models import Theme

        return self.select_related("author", "paragraph").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("position", "name", "id"))
        )

    def with_speech(self):
        """For lists across speeches: the speech and its speaker too."""
        return self.with_details().select_related("paragraph__speech__speaker")

    def of_speech(self, speech_id: int):
        return self.filter(paragraph__speech_id=speech_id)

    def tagged_with(self, theme_ids: list[int]):
        """Annotations carrying any of the themes, each once."""
        through = self.model.themes.through.objects
        return self.filter(pk__in=through.filter(theme_id__in=theme_ids).values("annotation_id"))


class CommentQuerySet(models.QuerySet):
    def with_details(self):
        return self.select_related("author", "paragraph")

    def of_speech(self, speech_id: int):
        return self.filter(paragraph__speech_id=speech_id)

    def live(self):
        return self.filter(deleted_at__isnull=True)
