from django.contrib import admin

from accounts.models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, even for administrators."""

    list_display = ["created_at", "actor", "verb", "target_type", "target_id", "summary"]
    list_filter = ["verb", "target_type"]
    search_fields = ["summary", "actor__username"]
    list_select_related = ["actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
