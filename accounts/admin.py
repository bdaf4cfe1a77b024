from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.models import Activity, ApiToken
from accounts.tokens import revoke_token


class ViewOnlyAdmin(admin.ModelAdmin):
    """Rows to look at in the admin, never to add, change or delete there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Activity)
class ActivityAdmin(ViewOnlyAdmin):
    """Read-only: the log is append-only, even for administrators."""

    list_display = ["created_at", "actor", "verb", "target_type", "target_id", "summary"]
    list_filter = ["verb", "target_type"]
    search_fields = ["summary", "actor__username"]
    list_select_related = ["actor"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Administrators see and revoke tokens; secrets are never stored, so never shown."""

    list_display = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__username", "prefix"]
    list_select_related = ["user"]
    fields = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # made by their owners, who see the secret once

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            revoke_token(token=token)
