"""The audit log in the admin: read-only (append-only everywhere)."""

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "organisation", "actor_label", "action", "object_type", "object_id")
    list_filter = ("action", "organisation")
    search_fields = ("actor_label", "summary", "object_id")
    date_hierarchy = "at"
    list_select_related = ("organisation",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
