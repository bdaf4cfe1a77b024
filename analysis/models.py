"""What the analyses keep between requests: the text volume of each
speech, the coded spans, and the paragraphs and pairs counted from them.

Rates per 10,000 characters divide by the text behind each column or year.
Summing a million paragraphs' lengths on every request would cost seconds,
so each speech's total is kept here. A paragraph's text changes only by a
structural edit (split, merge, a line made a heading or back), which counts
its speeches again (``analysis.follow``); rows are added for speeches that
have none yet, in one query, before an analysis reads them
(``analysis.services.volumes``), and go with their speech. Metadata
(speaker, role, date, meeting, a compilation withdrawn) is joined from the
speech at query time, so corrections to it count at once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from analysis.querysets import SpeechVolumeQuerySet
from core.jobs import BackgroundJob, stage_field
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

    The counted paragraphs and pairs are counted from these rows, without
    joining a million paragraphs to find each passage's speech.
    ``analysis.services.spans`` brings them up to date before every
    analysis: the passages written or changed since the last refresh
    (``updated_at``, unless it is still the one the rows were written for)
    are rewritten, a change to the codebook (any theme's ``updated_at``)
    rewrites them all, passages moved by a structural edit or to a new
    version are rewritten by ``analysis.follow``, and deleting a passage, a
    theme, a paragraph or a user reaches these rows through their foreign
    keys.
    """

    annotation = models.ForeignKey(
        "annotations.Annotation", on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey("annotations.Theme", on_delete=models.CASCADE, related_name="+")
    # Indexed: the counted rows of a paragraph are rewritten from its spans.
    paragraph = models.ForeignKey("speeches.Paragraph", on_delete=models.CASCADE, related_name="+")
    speech = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # The passage's ``updated_at`` when this row was written: a refresh
    # rewrites only the passages whose own is different now.
    written_for = models.DateTimeField(null=True)

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


class ReuseRun(BackgroundJob):
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
    stage = stage_field(Stage)
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
    error = models.TextField(_("error"), blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("text reuse run")
        verbose_name_plural = _("text reuse runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} {self.pk}: {self.stage}"


class _SpeechPair(models.Model):
    """Two speeches (``speech_a`` has the lower id) and the run that found them."""

    run = models.ForeignKey(ReuseRun, on_delete=models.CASCADE, related_name="+")
    speech_a = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="+")
    speech_b = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class CountedInParagraph(models.Model):
    """What the counted rows share: the paragraph and its speech, and whose
    passages they count (``everyone``, or ``author``'s alone)."""

    paragraph = models.ForeignKey("speeches.Paragraph", on_delete=models.CASCADE, related_name="+")
    speech = models.ForeignKey(Speech, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    everyone = models.BooleanField()

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


class CodedParagraph(CountedInParagraph):
    """What a paragraph holds of one theme, counted ahead from its coded
    spans: the passages, and the characters they cover (each once,
    however many overlap). ``theme`` None is "any theme" (every passage
    once); ``everyone`` rows count every coder's passages together, the
    others one coder's (``author``) alone, so that a crosstab, with or
    without a coder, is one grouping of these rows by its column.

    Rewritten per paragraph from ``CodedSpan`` whenever that paragraph's
    spans are rewritten (``analysis.services.spans``); a deleted passage
    marks its paragraph in ``StaleParagraph`` (``analysis.signals``); a
    deleted paragraph, theme or speech takes its rows with it.
    """

    theme = models.ForeignKey(
        "annotations.Theme", null=True, on_delete=models.CASCADE, related_name="+"
    )
    passages = models.PositiveIntegerField()
    characters = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("coded paragraph")
        verbose_name_plural = _("coded paragraphs")

    def __str__(self):
        return f"{self.theme_id}/{self.paragraph_id}"


class CodedPair(CountedInParagraph):
    """Two themes (``a`` < ``b`` by id) coded in one paragraph, and whether
    their spans overlap there; for every coder together (``everyone``) or
    one coder's passages alone. Kept like ``CodedParagraph``: the
    co-occurrence matrix is one grouping of these rows."""

    a = models.ForeignKey("annotations.Theme", on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey("annotations.Theme", on_delete=models.CASCADE, related_name="+")
    overlapping = models.PositiveSmallIntegerField()  # 1: their spans share a character

    class Meta:
        verbose_name = _("pair of themes in a paragraph")
        verbose_name_plural = _("pairs of themes in paragraphs")

    def __str__(self):
        return f"{self.a_id}+{self.b_id}/{self.paragraph_id}"


class StaleParagraph(models.Model):
    """A paragraph whose counted rows wait to be rewritten at the next
    refresh: a passage in it was deleted (no ``updated_at`` tells), or
    passages moved in or out of it (``analysis.follow``)."""

    paragraph_id = models.BigIntegerField(primary_key=True)

    class Meta:
        verbose_name = _("paragraph to count again")
        verbose_name_plural = _("paragraphs to count again")

    def __str__(self):
        return str(self.paragraph_id)
