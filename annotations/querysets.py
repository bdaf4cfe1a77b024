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

    def in_reading_order(self):
        return self.order_by("paragraph__position", "start", "end", "id")


class CommentQuerySet(models.QuerySet):
    def with_details(self):
        return self.select_related("author", "paragraph")

    def of_speech(self, speech_id: int):
        return self.filter(paragraph__speech_id=speech_id)

    def live(self):
        return self.filter(deleted_at__isnull=True)

    def in_thread_order(self):
        return self.order_by("paragraph__position", "created_at", "id")
