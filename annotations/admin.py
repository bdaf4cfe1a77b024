from django.contrib import admin

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
