"""Compilations, speakers, speeches, sections and paragraphs.

A compilation is immutable once imported: everything below it is written
once by ``speeches.services.imports.import_compilation`` and only metadata that a
person corrects (speaker links, titles) changes afterwards.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.jobs import BackgroundJob, stage_field
from speeches.querysets import (
    CompilationQuerySet,
    ImportJobQuerySet,
    ParagraphQuerySet,
    SpeakerQuerySet,
    SpeechQuerySet,
)
from text.parsing.canonical import canonical_fields
from text.pinyin import pinyin_sort_key


class DatePrecision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


class Compilation(models.Model):
    title = models.CharField(_("title"), max_length=300)
    # What editors say of the compilation (its source, its scope); empty at import.
    description = models.TextField(_("description"), max_length=5000, blank=True)
    source_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(
        _("SHA-256 of the normalized text"), max_length=64, unique=True, editable=False
    )
    encoding = models.CharField(_("encoding"), max_length=32)
    size = models.PositiveIntegerField(_("size in bytes"))
    text = models.TextField(_("normalized text"), editable=False)
    parser_version = models.CharField(_("parser version"), max_length=16)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="compilations",
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    # Withdrawn: out of browsing, search and analysis, everything kept and
    # exportable, restorable for a while (speeches.services.retire).
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # A newer version of the same text, imported after this one (speeches.services.versions):
    # this one stays readable, marked superseded, out of search and analysis.
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="earlier_versions",
        editable=False,
    )

    objects = CompilationQuerySet.as_manager()

    class Meta:
        verbose_name = _("compilation")
        verbose_name_plural = _("compilations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="compilation_sha256_hex"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("compilation_detail", args=[self.pk])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Speaker(models.Model):
    """A named person. Role-only attributions (市长) have no Speaker row."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    # Pinyin order for lists (text.pinyin), kept in step by save().
    name_sort = models.CharField(_("name in pinyin order"), max_length=600, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    # A merged speaker stays as a forwarding record so old links keep working.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name_sort"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="speaker_not_merged_into_self"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_sort = pinyin_sort_key(self.name)
        fields = kwargs.get("update_fields")
        if fields is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "name_sort"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("speaker_detail", args=[self.slug])

    def forwarded(self) -> "Speaker":
        """The speaker this one was merged into, following merges to the end.

        Merges never form a cycle (``speeches.services.speakers.merge_speakers``
        only merges current speakers); should the rows ever hold one, the
        walk stops where it would repeat rather than loop forever.
        """
        speaker, seen = self, {self.pk}
        while speaker.merged_into_id is not None and speaker.merged_into_id not in seen:
            seen.add(speaker.merged_into_id)
            speaker = speaker.merged_into
        return speaker


class SpeakerAlias(models.Model):
    """A printed variant of a speaker's name (王 萍, 王萍市长, 市长王萍)."""

    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("name as printed"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("speaker alias")
        verbose_name_plural = _("speaker aliases")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MeetingAliasQuerySet(models.QuerySet):
    def resolve(self, key: str) -> str:
        """The meeting key ``key`` was merged into by an editor, else ``key``."""
        if not key:
            return key
        merged = self.filter(key=key).values_list("canonical_key", flat=True).first()
        return merged or key


class MeetingAlias(models.Model):
    """An editor's merge of two meetings the meeting key did not unify
    (different wording of one meeting): speeches whose key is ``key`` are
    stored under ``canonical_key``. Applied whenever a speech's key is
    computed, so the merge survives re-saves and later imports."""

    key = models.CharField(_("meeting key"), max_length=300, unique=True)
    canonical_key = models.CharField(_("merged into meeting key"), max_length=300)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeetingAliasQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting alias")
        verbose_name_plural = _("meeting aliases")
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(key=models.F("canonical_key")), name="meeting_alias_not_itself"
            ),
        ]

    def __str__(self):
        return f"{self.key} → {self.canonical_key}"


class Speech(models.Model):
    compilation = models.ForeignKey(
        Compilation,
        verbose_name=_("compilation"),
        on_delete=models.CASCADE,
        related_name="speeches",
    )
    position = models.PositiveIntegerField(_("position in the compilation"))
    title = models.CharField(_("title"), max_length=500)
    title_sort = models.CharField(_("title in pinyin order"), max_length=600, blank=True)
    # The text prints no title: this one was made from its meeting, speaker,
    # first heading or opening words (text.parsing.titles).
    title_derived = models.BooleanField(_("title made from the text"), default=False)
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speeches",
    )
    speaker_raw = models.CharField(_("speaker as printed"), max_length=200, blank=True)
    role = models.CharField(_("role as printed"), max_length=100, blank=True)
    event = models.CharField(_("meeting"), max_length=300, blank=True)
    # Canonical forms beside the printed ones, kept in step by save():
    # 四川省人民政府省长 -> office 省长, office place 四川省; the meeting key
    # under which variant names of one meeting compare equal.
    office = models.CharField(_("office"), max_length=100, blank=True)
    office_place = models.CharField(_("place of office"), max_length=100, blank=True)
    # An editor corrected the office (speeches.services.speakers.set_speech_office):
    # save() keeps it instead of deriving it again from the printed role.
    office_corrected = models.BooleanField(_("office corrected by an editor"), default=False)
    event_key = models.CharField(_("meeting key"), max_length=300, blank=True)
    event_sort = models.CharField(_("meeting in pinyin order"), max_length=600, blank=True)
    # The first day of the period the precision names: 2024 -> 2024-01-01.
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, blank=True
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_precision = models.CharField(
        _("publication date precision"), max_length=5, choices=DatePrecision.choices, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    salutation = models.CharField(_("salutation"), max_length=200, blank=True)
    warnings = models.JSONField(_("parser warnings"), default=list, blank=True)
    line = models.PositiveIntegerField(_("first line in the file"), default=1)

    objects = SpeechQuerySet.as_manager()

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["compilation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["compilation", "position"], name="speech_unique_position"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="speech_position_gte_1"),
            models.CheckConstraint(
                condition=(Q(date__isnull=True) & Q(date_precision=""))
                | (Q(date__isnull=False) & ~Q(date_precision="")),
                name="speech_date_has_precision",
            ),
            models.CheckConstraint(
                condition=(Q(published_on__isnull=True) & Q(published_precision=""))
                | (Q(published_on__isnull=False) & ~Q(published_precision="")),
                name="speech_published_has_precision",
            ),
        ]
        indexes = [
            models.Index(fields=["date"], name="speech_date_idx"),
            models.Index(fields=["event"], name="speech_event_idx"),
            models.Index(fields=["role"], name="speech_role_idx"),
            models.Index(fields=["office"], name="speech_office_idx"),
            models.Index(fields=["event_key"], name="speech_event_key_idx"),
        ]


    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        office, office_place, self.event_key = canonical_fields(role=self.role, event=self.event)
        if not self.office_corrected:
            self.office, self.office_place = office, office_place
        # An editor's merge of this meeting into another (MeetingAlias) holds.
        self.event_key = MeetingAlias.objects.resolve(self.event_key)
        self.title_sort = pinyin_sort_key(self.title)
        self.event_sort = pinyin_sort_key(self.event) if self.event else ""
        fields = kwargs.get("update_fields")
        if fields is not None and {"role", "event", "title"} & set(fields):
            kwargs["update_fields"] = {
                *fields, "office", "office_place", "event_key", "event_sort", "title_sort"
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("speech_detail", args=[self.pk])

    @property
    def date_iso(self) -> str | None:
        """The date at its precision: '2024', '2024-08' or '2024-08-12'."""
        return format_partial_date(self.date, self.date_precision)

    @property
    def published_iso(self) -> str | None:
        return format_partial_date(self.published_on, self.published_precision)


class Section(models.Model):
    speech = models.ForeignKey(
        Speech, verbose_name=_("speech"), on_delete=models.CASCADE, related_name="sections"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    # Document order within the speech, so the whole tree reads in one query.
    position = models.PositiveIntegerField(_("position"))
    level = models.PositiveSmallIntegerField(_("level"))
    marker = models.CharField(_("marker"), max_length=20, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    run_in = models.BooleanField(_("run-in heading"), default=False)
    merged_with_body = models.BooleanField(_("heading merged with body text"), default=False)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["speech", "position"]
        constraints = [
            models.UniqueConstraint(fields=["speech", "position"], name="section_unique_position"),
            models.CheckConstraint(condition=Q(position__gte=1), name="section_position_gte_1"),
            models.CheckConstraint(condition=Q(level__gte=1), name="section_level_gte_1"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="section_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.marker}{self.heading}"

    @property
    def anchor(self) -> str:
        return f"s{self.position}"


class Paragraph(models.Model):
    speech = models.ForeignKey(
        Speech, verbose_name=_("speech"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    # A section never takes its paragraphs (and their annotations) with it;
    # deleting the speech still deletes both, paragraphs included.
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="paragraphs",
    )
    # 1-based and stable: it is the permalink anchor #p12.
    position = models.PositiveIntegerField(_("position"))
    # A paragraph is one line of the upload: the import refuses a longer line
    # ("line-too-long", speeches.services.imports.MAX_LINE_CHARACTERS reads this).
    text = models.TextField(_("text"), max_length=200_000)
    text_hash = models.CharField(_("SHA-256 of the text"), max_length=64)
    # Code points of a run-in heading at the start of the text, shown in bold.
    heading_end = models.PositiveIntegerField(_("end of run-in heading"), null=True, blank=True)
    # In a superseded version: the paragraph of the newer version it became,
    # so links to it can lead there (speeches.services.versions).
    moved_to = models.ForeignKey(
        "self",
        verbose_name=_("now"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # jieba search-mode tokens separated by spaces, computed once at import;
    # the full-text indexes of both databases are built from this column.
    tokens = models.TextField(_("search tokens"), blank=True, editable=False)
    line = models.PositiveIntegerField(_("line in the file"), default=1)

    objects = ParagraphQuerySet.as_manager()

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["speech", "position"]
        indexes = [
            # SQLite: the columns a search counts, charts and sorts its hits by,
            # found by id without reading the wide row (text and tokens lie
            # inline there): search.backends.covering names it (INDEXED BY).
            models.Index(fields=["id", "speech", "position"], name="paragraph_id_speech_idx"),
            # The paragraphs of an upload found by their hashes
            # (speeches.services.versions.looks_like): on SQLite with their
            # speech, without reading the wide row; PostgreSQL reads the rows
            # found (bitmap scan). Plans: migration 0022, docs/performance.md.
            models.Index(fields=["text_hash", "speech"], name="paragraph_text_hash_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["speech", "position"], name="paragraph_unique_position"
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="paragraph_position_gte_1"),
            models.CheckConstraint(condition=~Q(text=""), name="paragraph_text_not_empty"),
            models.CheckConstraint(
                condition=Q(heading_end__isnull=True)
                | (Q(heading_end__gt=0) & Q(heading_end__lte=Length("text"))),
                name="paragraph_heading_end_within_text",
            ),
        ]

    def __str__(self):
        return f"{self.speech_id}#p{self.position}"

    def get_absolute_url(self):
        return self.reader_url()

    def reader_url(self, hl: str = "") -> str:
        """The paragraph in the reader, on its page, with ``hl`` (a query) marked."""
        return reader_url(self.speech_id, self.position, self.anchor, hl=hl)

    @property
    def anchor(self) -> str:
        return f"p{self.position}"


# The reader shows a long speech this many paragraphs a page (a speech of
# 100,000 short paragraphs would otherwise be one page of 28 MB).
READER_PAGE_SIZE = 2000


def reader_page(position: int) -> int:
    """The reader's page holding the paragraph at ``position``."""
    return (max(1, position) - 1) // READER_PAGE_SIZE + 1


def reader_url(speech_id: int, position: int | None, anchor: str, *, hl: str = "") -> str:
    """A place in the reader: its page (when not the first), ``hl`` marked, the anchor."""
    params = {}
    page = reader_page(position) if position else 1
    if page > 1:
        params["page"] = str(page)
    if hl:
        params["hl"] = hl
    query = f"?{urlencode(params)}" if params else ""
    return f"{reverse('speech_detail', args=[speech_id])}{query}#{anchor}"


def format_partial_date(value: datetime.date | None, precision: str) -> str | None:
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


class ImportJob(BackgroundJob):
    """A compilation being imported in the background (speeches.services.jobs).

    Every entry point starts one: the upload page once the editor confirms
    the preview, the API, the command. The worker runs the same import
    service and records how far it got; pages and the API read this row.
    The uploaded bytes wait in the private ``pending_uploads`` storage under
    ``stored_name`` until the job ends.
    """

    class Stage(models.TextChoices):
        QUEUED = "queued", _("waiting for a worker")
        READING = "reading", _("reading the file")
        PARSING = "parsing", _("parsing")
        SEGMENTING = "segmenting", _("segmenting words")
        WRITING = "writing", _("writing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    filename = models.CharField(_("file name"), max_length=255)
    title = models.CharField(_("title"), max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    stored_name = models.CharField(max_length=255, blank=True, editable=False)
    # The editor's corrections from the preview (text.corrections, as JSON), if any.
    corrections = models.JSONField(null=True, blank=True, editable=False)
    stage = stage_field(Stage)
    error_code = models.CharField(max_length=40, blank=True)
    error = models.TextField(_("reason"), blank=True)
    error_en = models.TextField(blank=True)
    compilation = models.ForeignKey(
        Compilation,
        verbose_name=_("compilation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # False when the same text was already imported: ``compilation`` is that one.
    created_compilation = models.BooleanField(default=False)
    # The editor's choice: import as the new version of this compilation
    # (speeches.services.versions); null when it was deleted meanwhile.
    new_version_of = models.ForeignKey(
        Compilation,
        verbose_name=_("new version of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Once done as a new version: what moved to it from the old one (counts by
    # kind, from speeches.services.versions.supersede).
    carried = models.JSONField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta(BackgroundJob.Meta):
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.filename} ({self.stage})"

    def get_absolute_url(self):
        return reverse("import_job_detail", args=[self.pk])

    def error_message(self, language: str | None) -> str:
        """The reason of a failure in ``language`` (Chinese or English)."""
        if (language or "").lower().startswith("zh") or not self.error_en:
            return self.error
        return self.error_en
