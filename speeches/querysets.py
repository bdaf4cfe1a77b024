"""Reads: every list and page of the speeches app goes through these."""

from django.db import models


class CompilationQuerySet(models.QuerySet):
    def with_listing(self):
        """What a list row shows: the uploader and the number of speeches, in one query."""
        return self.select_related("uploaded_by").annotate(speech_count=models.Count("speeches"))


class SpeakerQuerySet(models.QuerySet):
    def current(self):
        """Speakers that have not been merged into another."""
        return self.filter(merged_into__isnull=True)


class SpeechQuerySet(models.QuerySet):
    def with_listing(self):
        """What a list row shows: speaker and compilation without extra queries."""
        return self.select_related("speaker", "compilation")

    def with_paragraph_counts(self):
        """Each speech with ``paragraph_count``, counted by the database."""
        return self.annotate(paragraph_count=models.Count("paragraphs"))


class ParagraphQuerySet(models.QuerySet):
    def in_reading_order(self):
        return self.order_by("speech_id", "position")
