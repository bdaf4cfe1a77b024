"""Themes (the codebook), annotations (tagged passages) and comments.

Every write goes through ``annotations.services``; the database guards the
invariants those services rely on (offsets in order, one theme name per
parent, colours as hex, comments not their own parents).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from annotations.querysets import (
    AnnotationQuerySet,
    CommentQuerySet,
    RuleHitQuerySet,
    RuleQuerySet,
    ThemeQuerySet,
)
from speeches.models import Paragraph

# Lower-case six-digit hex: one spelling per colour, so equal colours compare equal.
COLOUR_PATTERN = r"^#[0-9a-f]{6}$"
colour_validator = RegexValidator(
    COLOUR_PATTERN, _("Enter a colour as # followed by six lower-case hex digits, e.g. #2f6b3a.")
)

# How much context an annotation keeps on each side of its quote, in code points.
CONTEXT_LENGTH = 32


class Theme(models.Model):
    """One code of the codebook. Themes form a tree and are never deleted
    while in use: they are deactivated, or merged into another theme."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent theme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    # A paragraph or two of coding guidance, not a document.
    description = models.TextField(_("description"), max_length=5000, blank=True)
    colour = models.CharField(_("colour"), max_length=7, validators=[colour_validator])
    # Words whose presence in a paragraph's jieba tokens suggests this theme.
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    # The keywords cut by jieba when they were written (suggest.segment_keywords),
    # so suggesting never segments: {"dictionary": version, "keywords": {kw: [tokens]}}.
    keyword_tokens = models.JSONField(
        _("keyword tokens"), default=dict, blank=True, editable=False
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "name"]
        constraints = [
            # Sibling names are unique; NULL parents need their own constraint
            # because NULLs never collide in a unique index.
            models.UniqueConstraint(
                fields=["parent", "name"], name="theme_unique_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(parent__isnull=True),
                name="theme_unique_top_level_name",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="theme_not_own_parent"),
            models.CheckConstraint(
                condition=Q(colour__regex=COLOUR_PATTERN), name="theme_colour_hex"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="theme_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("theme_detail", args=[self.slug])

    @property
    def display_name(self) -> str:
        """The name in the page's language: the English name on English pages
        (the Chinese one where a theme has none), as the reader's script shows it."""
        english = not (get_language() or "zh").startswith("zh")
        return self.name_en if english and self.name_en else self.name

    @property
    def other_name(self) -> str:
        """The name ``display_name`` does not show ("" when the theme has one
        name only): beside it where both are worth seeing (the theme's page)."""
        shown = self.display_name
        return self.name_en if shown == self.name else self.name


class Annotation(models.Model):
    """A passage of one paragraph tagged with one or more themes.

    ``start`` and ``end`` count Unicode code points (Python string indices)
    in the paragraph text, never bytes or UTF-16 units; ``quote`` is
    ``text[start:end]`` when the annotation was made, and ``prefix``,
    ``suffix`` and ``text_hash`` let a client re-anchor it if the text ever
    changes.
    """

    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraph"),
        on_delete=models.CASCADE,
        related_name="annotations",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="annotations")
    start = models.PositiveIntegerField(_("start (code points)"))
    end = models.PositiveIntegerField(_("end (code points)"))
    # A span of one paragraph: never longer than a paragraph can be.
    quote = models.TextField(_("quote"), max_length=Paragraph._meta.get_field("text").max_length)
    prefix = models.CharField(_("text before"), max_length=CONTEXT_LENGTH, blank=True)
    suffix = models.CharField(_("text after"), max_length=CONTEXT_LENGTH, blank=True)
    text_hash = models.CharField(_("SHA-256 of the paragraph text"), max_length=64)
    note = models.TextField(_("note"), max_length=5000, blank=True)
    # Set when a new version of the text came and no place in it could be
    # found with confidence: the annotation stays on the old version's
    # paragraph until an editor re-attaches or discards it (speeches.services.versions).
    orphaned_at = models.DateTimeField(_("orphaned at"), null=True, blank=True, db_index=True)
    # Where the passage came from when it was not selected by hand: the rule
    # whose hit its author (the reviewer) accepted (annotations.services.rules).
    rule = models.ForeignKey(
        "Rule",
        verbose_name=_("from rule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annotations",
    )
    # The origin as a fact that outlives the rule: deleting a rule clears
    # ``rule`` (its passages stay), and without this flag they would then
    # pass for passages selected by hand, which agreement between coders
    # counts (annotations.services.agreement).
    from_rule = models.BooleanField(_("made from a rule's hit"), default=False)
    # Coding outlives the coder's account: a deleted user leaves the data.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annotations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        ordering = ["paragraph", "start", "end", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0), name="annotation_start_gte_0"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="annotation_start_lt_end"),
            # Both databases count characters (code points) in LENGTH(), so
            # the quote is exactly as long as the span it claims.
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("quote")),
                name="annotation_quote_fills_span",
            ),
            models.CheckConstraint(
                condition=Q(rule__isnull=True) | Q(from_rule=True),
                name="annotation_rule_sets_from_rule",
            ),
        ]
        indexes = [
            models.Index(fields=["paragraph", "start"], name="annotation_paragraph_idx"),
            models.Index(fields=["author", "-created_at"], name="annotation_author_idx"),
            # The analysis refresh looks for passages saved since it last ran
            # before every table (analysis.services.spans): a range of this
            # index, not a scan of every passage.
            models.Index(fields=["updated_at"], name="annotation_updated_idx"),
        ]

    def __str__(self):
        return f"{self.paragraph} [{self.start}:{self.end}]"

    def get_absolute_url(self):
        return self.paragraph.get_absolute_url()


class Comment(models.Model):
    """A plain-text comment on a paragraph, possibly a reply to another.

    Deleting keeps the row as a placeholder (``deleted_at`` set, body
    emptied) so the replies under it keep their place in the thread.
    """

    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    body = models.TextField(_("text"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["paragraph", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="comment_not_own_parent"),
            # A live comment says something; a deleted one says nothing.
            models.CheckConstraint(
                condition=(Q(deleted_at__isnull=True) & ~Q(body=""))
                | (Q(deleted_at__isnull=False) & Q(body="")),
                name="comment_body_unless_deleted",
            ),
        ]
        indexes = [models.Index(fields=["paragraph", "created_at"], name="comment_paragraph_idx")]

    def __str__(self):
        return f"{self.paragraph} #{self.pk}"

    def get_absolute_url(self):
        return self.paragraph.get_absolute_url()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None


# A rule's search is stored as the search page's own parameters: the query
# (at most search.query.MAX_QUERY_LENGTH, 200) and the filters as a query string.
RULE_QUERY_LENGTH = 200
RULE_FILTERS_LENGTH = 1000
RULE_NAME_LENGTH = 100


class Rule(models.Model):
    """A saved search whose hits are candidates for one theme.

    Nothing is tagged by the rule itself: its hits (``RuleHit``) wait for an
    editor to accept or reject them, and only an accepted hit becomes an
    annotation (annotations.services.rules).
    """

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="rules"
    )
    name = models.CharField(_("name"), max_length=RULE_NAME_LENGTH, blank=True)
    query = models.CharField(_("query"), max_length=RULE_QUERY_LENGTH)
    whole_words = models.BooleanField(_("whole words only"), default=False)
    # The search page's filter parameters (speeches.filters.FILTERS and the
    # settings.SEARCH_FILTERS extensions), URL-encoded: ``speaker=12&year=2024``.
    filters = models.CharField(_("filters"), max_length=RULE_FILTERS_LENGTH, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rules",
    )
    # True when the last run stopped at the limit of hits one run keeps.
    capped = models.BooleanField(_("more hits than kept"), default=False)
    last_run_at = models.DateTimeField(_("last run at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(query=""), name="rule_query_not_empty"),
        ]

    def __str__(self):
        return self.name or self.query

    def get_absolute_url(self):
        return reverse("rule_review", args=[self.pk])


class HitStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class RuleHit(models.Model):
    """One match of a rule's search: a span of a paragraph (code points, as
    annotations count), waiting for review or reviewed.

    A span is found once per rule (the unique constraint): running the rule
    again adds only spans it never found, so a rejected hit is never asked
    again and an accepted one never tagged twice.
    """

    rule = models.ForeignKey(
        Rule, verbose_name=_("rule"), on_delete=models.CASCADE, related_name="hits"
    )
    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="+"
    )
    start = models.PositiveIntegerField(_("start (code points)"))
    end = models.PositiveIntegerField(_("end (code points)"))
    status = models.CharField(
        _("status"), max_length=10, choices=HitStatus.choices, default=HitStatus.PENDING
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # The annotation an accepted hit made, or the one of the theme that
    # already covered it (then no second one was made).
    annotation = models.ForeignKey(
        Annotation,
        verbose_name=_("annotation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)

    objects = RuleHitQuerySet.as_manager()

    class Meta:
        verbose_name = _("rule hit")
        verbose_name_plural = _("rule hits")
        ordering = ["rule", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "paragraph", "start", "end"], name="rule_hit_unique_span"
            ),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="rule_hit_start_lt_end"),
            models.CheckConstraint(
                condition=Q(status__in=HitStatus.values), name="rule_hit_status_known"
            ),
        ]
        indexes = [models.Index(fields=["rule", "status", "id"], name="rule_hit_status_idx")]

    def __str__(self):
        return f"{self.rule_id}: {self.paragraph_id} [{self.start}:{self.end}]"
