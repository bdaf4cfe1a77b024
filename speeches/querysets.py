"""Reads: every list and page of the speeches app goes through these."""

from django.db import models


class SpeakerQuerySet(models.QuerySet):
    def current(self):
        """Speakers that have not been merged into another."""
        return self.filter(merged_into__isnull=True)


class SpeechQuerySet(models.QuerySet):
    def with_listing(self):
        """What a list row shows: speaker and compilation without extra queries."""
        return self.select_related("speaker", "compilation")


class ParagraphQuerySet(models.QuerySet):
    def in_reading_order(self):
        return self.order_by("speech_id", "position")
