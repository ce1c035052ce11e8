from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        # Messages about a meeting are looked at again just before they go.
        from involvement.services.outbox import register_send_check

        from . import permissions  # noqa: F401
        from .services import reminders

        for kind in reminders.KINDS:
            register_send_check(kind, reminders.send_check)
        register_send_check(reminders.KIND_ACTION, reminders.action_send_check)
