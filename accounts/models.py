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

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="activity_target_idx")]

    def __str__(self):
        return f"{self.actor} {self.verb} {self.target_type}#{self.target_id}"
