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

from django.conf import settings
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


class CodedSpan(models.Model):
    """A passage under one theme it counts for: its own themes and their
    ancestors (a parent's figures include its sub-themes'), each once, with
    the paragraph's speech beside it.

    Analyses group these rows in the database instead of joining a million
    paragraphs to find each passage's speech. ``analysis.services.spans``
    brings them up to date before every analysis: the passages written or
    changed since the last refresh (``updated_at``) are rewritten, a change
    to the codebook (any theme's ``updated_at``) rewrites them all, and
    deleting a passage, a theme, a paragraph or a user reaches these rows
    through their foreign keys.
    """

    annotation = models.ForeignKey(
        "annotations.Annotation", on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey("annotations.Theme", on_delete=models.CASCADE, related_name="+")
    paragraph = models.ForeignKey(
        "speeches.Paragraph", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    speech = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("coded span")
        verbose_name_plural = _("coded spans")
        constraints = [
            models.UniqueConstraint(fields=["annotation", "theme"], name="coded_span_unique"),
        ]

    def __str__(self):
        return f"{self.annotation_id}/{self.theme_id}"


class SpanRefresh(models.Model):
    """When the coded spans were last brought up to date (one row)."""

    refreshed_at = models.DateTimeField()
    # The codebook as it was then: a later change to any theme rewrites every span.
    themes_changed_at = models.DateTimeField(null=True)
    theme_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("refresh of the coded spans")
        verbose_name_plural = _("refreshes of the coded spans")

    def __str__(self):
        return self.refreshed_at.isoformat()


class ReuseRun(models.Model):
    """One run of the text-reuse detection (``analysis.services.reuse``): over
    the whole archive, or a newly imported compilation's speeches against it.

    The worker records its stage and percentage here; the pages and the API
    read them, and the last finished run's ``finished_at`` is when the
    results shown were computed. Passages of a run count once it is done.
    """

    class Kind(models.TextChoices):
        FULL = "full", _("the whole archive")
        INCREMENTAL = "incremental", _("a new import")

    class Stage(models.TextChoices):
        QUEUED = "queued", _("waiting for a worker")
        HASHING = "hashing", _("fingerprinting the speeches")
        CANDIDATES = "candidates", _("finding candidate pairs")
        ALIGNING = "aligning", _("aligning the passages")
        WRITING = "writing", _("writing the results")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    compilation = models.ForeignKey(
        "speeches.Compilation",
        verbose_name=_("compilation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    min_characters = models.PositiveIntegerField(_("shortest passage, in characters"))
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.QUEUED
    )
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    speeches = models.PositiveIntegerField(_("speeches read"), default=0)
    passages = models.PositiveIntegerField(_("passages found"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("text reuse run")
        verbose_name_plural = _("text reuse runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} {self.pk}: {self.stage}"

    @property
    def finished(self) -> bool:
        return self.stage in (self.Stage.DONE, self.Stage.FAILED)


class _SpeechPair(models.Model):
    """Two speeches (``speech_a`` has the lower id) and the run that found them."""

    run = models.ForeignKey(ReuseRun, on_delete=models.CASCADE, related_name="+")
    speech_a = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="+")
    speech_b = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class ReusedPassage(_SpeechPair):
    """A passage two speeches share: offsets (code points) into each
    speech's text, its paragraphs joined by a line break, and the positions
    of the first and last paragraph it touches on each side. ``speech_a``
    has the lower id. Rows of a run count once the run is done."""

    a_start = models.PositiveIntegerField()
    a_end = models.PositiveIntegerField()
    b_start = models.PositiveIntegerField()
    b_end = models.PositiveIntegerField()
    a_first = models.PositiveIntegerField()
    a_last = models.PositiveIntegerField()
    b_first = models.PositiveIntegerField()
    b_last = models.PositiveIntegerField()
    # Characters of the shorter side; matched / the longer side, normalised.
    length = models.PositiveIntegerField()
    similarity = models.FloatField()

    class Meta:
        verbose_name = _("reused passage")
        verbose_name_plural = _("reused passages")
        indexes = [
            models.Index(fields=["speech_a", "speech_b"], name="reuse_passage_pair_idx"),
            models.Index(fields=["speech_b"], name="reuse_passage_b_idx"),
        ]

    def __str__(self):
        return f"{self.speech_a_id}:{self.a_start}-{self.a_end} ~ {self.speech_b_id}"


class ReusePair(_SpeechPair):
    """Two speeches that share passages: how many, and how much of each
    speech's text they cover (``characters_a``, ``characters_b``);
    ``characters`` is the larger, the order of the archive's list."""

    passages = models.PositiveIntegerField()
    characters_a = models.PositiveIntegerField()
    characters_b = models.PositiveIntegerField()
    characters = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("pair of speeches sharing text")
        verbose_name_plural = _("pairs of speeches sharing text")
        indexes = [
            models.Index(fields=["-characters"], name="reuse_pair_characters_idx"),
            models.Index(fields=["speech_a"], name="reuse_pair_a_idx"),
            models.Index(fields=["speech_b"], name="reuse_pair_b_idx"),
        ]

    def __str__(self):
        return f"{self.speech_a_id} ~ {self.speech_b_id}: {self.characters}"
