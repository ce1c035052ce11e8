from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from involvement import body_panels, home_panels
        from involvement.services.outbox import register_send_check

        from . import permissions, summary_sections  # noqa: F401
        from .homes import next_meetings_panel
        from .selectors.bodies import attendance_panel, body_panel
        from .selectors.briefings import briefings_panel
        from .selectors.debriefs import report_back_summary_section
        from .services import reminders

        # A body's page lists its board meetings (involvement imports no app).
        body_panels.register(template="meetings/bodies/_board_meetings.html", build=body_panel)
        # ... and the briefings before them, for the representatives and their groups.
        body_panels.register(template="meetings/bodies/_briefings.html", build=briefings_panel)
        # ... and how often each representative made it to the board.
        body_panels.register(template="meetings/bodies/_attendance.html", build=attendance_panel)
        # The feedback summary of the meeting a board debrief is reported back at.
        summary_sections.register("meetings.report_backs", report_back_summary_section)
        home_panels.register(
            template="meetings/homes/_next_meetings.html",
            roles={home_panels.MEMBER},
            build=next_meetings_panel,
        )
        # Messages about a meeting are looked at again just before they go.
        for kind in reminders.KINDS:
            register_send_check(kind, reminders.send_check)
        register_send_check(reminders.KIND_ACTION, reminders.action_send_check)
