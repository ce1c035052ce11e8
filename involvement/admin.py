"""Django's admin for platform admins. The outbox: find a message by status,
channel or kind, read why it did not go, and send again those that may not
have been sent (the same service as the coordinator's Send again). The audit
log: read-only (append-only everywhere)."""

from __future__ import annotations

from django.contrib import admin, messages

from .errors import ApplicationError
from .models import AuditEntry, Notification
from .services import outbox


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = (
        "subject",
        "recipient",
        "organisation",
        "channel",
        "kind",
        "status",
        "created_at",
    )
    list_filter = ("status", "channel", "kind")
    search_fields = ("subject", "recipient__full_name", "idempotency_key")
    list_select_related = ("recipient", "organisation")
    date_hierarchy = "created_at"
    actions = ("send_again",)
    # A message is written by the outbox, never by hand: everything is shown,
    # nothing is edited here (cancel or send again through the actions).
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Send again (messages that may not have been sent)")
    def send_again(self, request, queryset):
        queued = refused = 0
        for notification in queryset.select_related("recipient"):
            try:
                outbox.notification_send_again(notification=notification, sent_by=request.user)
            except ApplicationError:
                refused += 1
            else:
                queued += 1
        if queued:
            self.message_user(request, f"{queued} message(s) will be sent again.", messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                f"{refused} message(s) were left alone: only a message that may not have been "
                "sent, or that failed and will not be tried again, can be sent again.",
                messages.WARNING,
            )


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
