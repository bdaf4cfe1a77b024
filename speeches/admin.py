from django.contrib import admin

from speeches.models import Compilation, Paragraph, Section, Speaker, SpeakerAlias, Speech


class SpeechInline(admin.TabularInline):
    model = Speech
    fields = ["position", "title", "speaker", "role", "event", "date", "date_precision"]
    readonly_fields = ["position"]
    show_change_link = True
    extra = 0
    can_delete = False


@admin.register(Compilation)
class CompilationAdmin(admin.ModelAdmin):
    list_display = ["title", "source_name", "encoding", "size", "uploaded_by", "created_at"]
    search_fields = ["title", "source_name", "sha256"]
    readonly_fields = [
        "sha256", "encoding", "size", "parser_version", "uploaded_by", "created_at", "source_name"
    ]
    exclude = ["text"]
    inlines = [SpeechInline]


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "merged_into"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["merged_into"]
    inlines = [SpeakerAliasInline]


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["position", "level", "marker", "heading", "run_in", "merged_with_body", "parent"]
    raw_id_fields = ["parent"]
    extra = 0


@admin.register(Speech)
class SpeechAdmin(admin.ModelAdmin):
    list_display = ["title", "speaker", "role", "event", "date", "compilation", "position"]
    list_filter = ["date_precision"]
    search_fields = ["title", "speaker_raw", "role", "event"]
    raw_id_fields = ["compilation", "speaker"]
    list_select_related = ["speaker", "compilation"]
    inlines = [SectionInline]


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speech", "section"]
    search_fields = ["text"]
    raw_id_fields = ["speech", "section"]
    readonly_fields = ["text_hash", "tokens"]
    list_select_related = ["speech"]
