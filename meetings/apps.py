from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from involvement import home_panels

        from . import permissions  # noqa: F401
        from .homes import next_meetings_panel

        home_panels.register(
            template="meetings/homes/_next_meetings.html",
            roles={home_panels.MEMBER},
            build=next_meetings_panel,
        )
