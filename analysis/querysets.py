"""Reads of the analysis app's own table."""

from django.db import models
from django.db.models import Count, Sum


class SpeechVolumeQuerySet(models.QuerySet):
    def missing(self):
        """The current speeches that have no volume row yet, each with its
        text's ``characters`` and ``paragraph_count`` summed by the database.

        Speeches of withdrawn or superseded compilations are left out of
        analysis (``SpeechQuerySet.current``); a restored compilation's
        speeches are found here once they are current again."""
        from speeches.models import Speech

        return (
            Speech.objects.using(self.db)
            .current()
            .filter(volume__isnull=True)
            .order_by()
            .annotate(
                characters=Sum(models.functions.Length("paragraphs__text")),
                paragraph_count=Count("paragraphs"),
            )
            .values_list("id", "characters", "paragraph_count")
        )

    def grouped(self, key, label=None):
        """(key, label, characters, paragraphs, speeches) per value of ``key``,
        an expression on this table (``speech__…``); ``label`` (an expression
        too, or None) names the value. One query."""
        label = label if label is not None else models.Value("")
        return (
            self.order_by()
            .annotate(key=key, label=label)
            .values("key", "label")
            .annotate(
                total_characters=Sum("characters"),
                total_paragraphs=Sum("paragraphs"),
                speeches=Count("speech_id"),
            )
            .values_list("key", "label", "total_characters", "total_paragraphs", "speeches")
        )
