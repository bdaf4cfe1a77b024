from django.contrib import admin

from accounts.admin import ViewOnlyAdmin
from speeches.models import Compilation, Paragraph, Section, Speaker, SpeakerAlias, Speech
from speeches.services.retire import deletion_refusal


class DeletesItsText:
    """A compilation or speech deleted here takes its paragraphs with it,
    though no paragraph may be deleted on its own."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(str(Paragraph._meta.verbose_name))
        return deleted, counts, perms_needed, protected


class SpeechInline(admin.TabularInline):
    model = Speech
    fields = ["position", "title", "speaker", "role", "event", "date", "date_precision"]
    readonly_fields = ["position"]
    show_change_link = True
    extra = 0
    can_delete = False


@admin.register(Compilation)
class CompilationAdmin(DeletesItsText, admin.ModelAdmin):
    list_display = ["title", "source_name", "encoding", "size", "uploaded_by", "created_at"]
    search_fields = ["title", "source_name", "sha256"]
    readonly_fields = [
        "sha256", "encoding", "size", "parser_version", "uploaded_by", "created_at", "source_name"
    ]
    exclude = ["text"]
    inlines = [SpeechInline]

    def get_deleted_objects(self, objs, request):
        """A compilation is deleted here only as it is on its page: withdrawn
        first, and after the time to restore it (speeches.services.retire)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for compilation in objs:
            refusal = deletion_refusal(compilation)
            if refusal is not None:
                protected = [*protected, f"{compilation}: {refusal.message}"]
        return deleted, counts, perms_needed, protected


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "merged_into"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    # Merging moves speeches and aliases and logs it: only the merge page
    # (speeches.services.speakers.merge_speakers) does that, never a bare field edit.
    readonly_fields = ["merged_into"]
    inlines = [SpeakerAliasInline]


class SectionInline(admin.TabularInline):
    """The parsed structure, to look at: sections hold paragraphs (and
    their annotations), so none is added, changed or deleted here."""

    model = Section
    fields = ["position", "level", "marker", "heading", "run_in", "merged_with_body", "parent"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Speech)
class SpeechAdmin(DeletesItsText, admin.ModelAdmin):
    list_display = ["title", "speaker", "role", "event", "date", "compilation", "position"]
    list_filter = ["date_precision"]
    search_fields = ["title", "speaker_raw", "role", "event"]
    raw_id_fields = ["compilation", "speaker"]
    list_select_related = ["speaker", "compilation"]
    inlines = [SectionInline]


@admin.register(Paragraph)
class ParagraphAdmin(ViewOnlyAdmin):
    """View only: annotations point into a paragraph's text by offsets and
    hash, and search reads its tokens, so the text is never edited here."""

    list_display = ["__str__", "speech", "section"]
    search_fields = ["text"]
    list_select_related = ["speech", "section"]
    readonly_fields = [
        "speech", "section", "position", "text", "text_hash", "heading_end", "tokens", "line"
    ]
