from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from involvement import body_panels

        from . import permissions  # noqa: F401
        from .selectors.bodies import body_panel

        # A body's page lists its board meetings (involvement imports no app).
        body_panels.register(template="meetings/bodies/_board_meetings.html", build=body_panel)
