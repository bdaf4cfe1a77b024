from django.contrib import admin
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations.models import Annotation, Comment, Theme
from annotations.services.suggest import segment_keywords


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "parent", "colour", "position", "active"]
    list_filter = ["active"]
    search_fields = ["name", "name_en", "slug", "description"]
    prepopulated_fields = {"slug": ["name_en"]}
    raw_id_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        # Suggestions read the keywords' tokens from the theme, as the services store them.
        obj.keyword_tokens = segment_keywords(obj.keywords)
        super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request):
        """A theme in use is never deleted (the passages tagged with it would
        silently lose it): deactivate it or merge it into another instead."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = Theme.objects.filter(pk__in=[t.pk for t in objs], annotations__isnull=False)
        for theme in in_use.distinct():
            protected = [
                *protected,
                _(
                    "%(theme)s is in use (tagged passages: %(n)s): deactivate it or merge it "
                    "instead."
                )
                % {"theme": theme, "n": theme.annotations.count()},
            ]
        return deleted, counts, perms_needed, protected


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "quote", "author", "created_at"]
    list_select_related = ["paragraph", "author"]
    search_fields = ["quote", "note"]
    raw_id_fields = ["paragraph", "author"]
    filter_horizontal = ["themes"]
    # Offsets, quote and hash are checked against the text by the service;
    # the admin must not let them drift apart.
    readonly_fields = ["start", "end", "quote", "prefix", "suffix", "text_hash", "created_at"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "edited_at", "deleted_at"]
    list_select_related = ["paragraph", "author"]
    search_fields = ["body"]
    raw_id_fields = ["paragraph", "parent", "author", "deleted_by"]

    # Deleting a comment others replied to keeps their replies: it becomes the
    # placeholder the pages leave (emptied, marked deleted), as the service does.
    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        keep = [c for c in objs if _has_others_replies(c)]
        if keep:
            # The list shows only what really goes, not the replies that stay.
            deleted = [str(c) for c in objs]
            counts = {str(Comment._meta.verbose_name_plural): len(objs)}
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        self._delete(request, [obj])

    def delete_queryset(self, request, queryset):
        self._delete(request, list(queryset))

    def _delete(self, request, comments):
        with transaction.atomic():
            for comment in comments:
                if _has_others_replies(comment):
                    Comment.objects.filter(pk=comment.pk).update(
                        body="", deleted_at=comment.deleted_at or timezone.now(),
                        deleted_by=request.user,
                    )
                else:
                    # Still there if deleting a parent of it already took it.
                    Comment.objects.filter(pk=comment.pk).delete()


def _has_others_replies(comment: Comment) -> bool:
    """Replies (at any depth) by someone other than the comment's author."""
    level = [comment.pk]
    while level:
        replies = Comment.objects.filter(parent_id__in=level)
        if replies.exclude(author_id=comment.author_id).exists():
            return True
        level = list(replies.values_list("pk", flat=True))
    return False
