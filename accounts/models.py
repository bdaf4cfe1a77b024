"""Who did what: the append-only activity log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    IMPORT = "import", _("imported")
    TAG = "tag", _("tagged")
    UNTAG = "untag", _("removed a tag")
    EDIT = "edit", _("edited")
    COMMENT = "comment", _("commented")
    THEME = "theme", _("changed a theme")
    SPEAKER = "speaker", _("changed a speaker")


class AppendOnlyError(Exception):
    """Raised on an attempt to change or delete an entry of the activity log."""


class ActivityQuerySet(models.QuerySet):
    """Entries are read and added; a query that would change or remove them raises.

    Deleting a user still works: Django sets ``actor`` to NULL through the
    model's plain base manager, not through this queryset, and the entries
    stay. Migrations use historical models, which have none of these guards.
    """

    def update(self, **kwargs):
        raise AppendOnlyError("The activity log is append-only: entries are never changed.")

    def delete(self):
        raise AppendOnlyError("The activity log is append-only: entries are never deleted.")

    def history_of(self, speech):
        """What was done to ``speech`` and its import, newest first (the
        history page and ``GET /api/speeches/{id}/history``)."""
        return (
            self.filter(
                models.Q(speech_id=speech.pk)
                | models.Q(
                    verb=Verb.IMPORT,
                    target_type="speeches.compilation",
                    target_id=speech.compilation_id,
                )
            )
            .select_related("actor")
            .order_by("-created_at", "-id")
        )


class Activity(models.Model):
    """One entry of the log. Rows are only ever added, never changed.

    The target is named by app label, model and primary key rather than by a
    foreign key, so that the entry outlives what it speaks of (a deleted
    annotation is still in the history of its speech).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    verb = models.CharField(_("what"), max_length=16, choices=Verb.choices)
    target_type = models.CharField(_("target type"), max_length=50)
    target_id = models.PositiveBigIntegerField(_("target id"))
    # The speech the change belongs to, so a speech's history is one query.
    speech_id = models.PositiveBigIntegerField(_("speech"), null=True, blank=True, db_index=True)
    summary = models.CharField(_("summary"), max_length=500)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="activity_target_idx")]

    def __str__(self):
        return f"{self.actor} {self.verb} {self.target_type}#{self.target_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The activity log is append-only: entries are never changed.")
        # Inserted even when given the id of an existing entry, never written over it.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The activity log is append-only: entries are never deleted.")


class TokenScope(models.TextChoices):
    READ = "read", _("read only")
    WRITE = "write", _("read and write")


class ApiToken(models.Model):
    """A personal API token: a script acting as its owner, within a scope.

    Only a SHA-256 of the secret is stored; the secret itself is shown once,
    when the token is made. The owner's role still limits what it may do.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the secret, so a person can tell tokens apart.
    prefix = models.CharField(_("starts with"), max_length=16, editable=False)
    secret_hash = models.CharField(
        _("SHA-256 of the secret"), max_length=64, unique=True, editable=False
    )
    scope = models.CharField(
        _("scope"), max_length=5, choices=TokenScope.choices, default=TokenScope.READ
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=TokenScope.values), name="apitoken_scope_known"
            ),
            models.CheckConstraint(
                condition=models.Q(secret_hash__regex=r"^[0-9a-f]{64}$"),
                name="apitoken_secret_hash_hex",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.WRITE
