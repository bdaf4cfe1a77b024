"""What the analyses keep between requests: the text volume of each speech.

Rates per 10,000 characters divide by the text behind each column or year.
Summing a million paragraphs' lengths on every request would cost seconds,
so each speech's total is kept here. A paragraph's text never changes after
its import (corrections touch metadata and headings only, see
``speeches.corrections``), so a speech's total stays right for as long as
the speech exists: rows are added for speeches that have none yet, in one
query, before an analysis reads them (``analysis.services.volumes``), and
go with their speech. Metadata (speaker, role, date, meeting) is joined
from the speech at query time, so corrections to it count at once.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from analysis.querysets import SpeechVolumeQuerySet
from speeches.models import Speech


class SpeechVolume(models.Model):
    speech = models.OneToOneField(
        Speech,
        verbose_name=_("speech"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="volume",
    )
    # Code points, as LENGTH() counts them on both databases.
    characters = models.PositiveBigIntegerField(_("characters"))
    paragraphs = models.PositiveIntegerField(_("paragraphs"))

    objects = SpeechVolumeQuerySet.as_manager()

    class Meta:
        verbose_name = _("text volume of a speech")
        verbose_name_plural = _("text volumes of speeches")

    def __str__(self):
        return f"{self.speech_id}: {self.characters}"
