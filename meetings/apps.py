from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # When two records of one person are merged, these move to the one kept
        # (involvement.person_merge).
        from involvement import person_merge

        person_merge.register(relation="meetings.Invitation.person", rule=person_merge.MOVE)
        person_merge.register(relation="meetings.BriefingPoint.person", rule=person_merge.MOVE)
        person_merge.register(relation="meetings.CalendarToken.person", rule=person_merge.KEEP_KEPT)
        person_merge.register(relation="meetings.Debrief.representative", rule=person_merge.MOVE)
        person_merge.register(relation="meetings.Correction.person", rule=person_merge.MOVE)
        person_merge.register(relation="meetings.Action.owner_person", rule=person_merge.MOVE)
        # One answer each to a review: where both records answered, the kept one's stands.
        person_merge.register(
            relation="meetings.ReviewResponse.person", rule=person_merge.KEEP_KEPT
        )

        # The app's access rules join involvement.permissions.user_can when
        # their module is imported (the core never imports an app).
        from involvement import body_panels, home_panels
        from involvement.services.outbox import register_send_check

        from . import permissions, summary_sections  # noqa: F401
        from .homes import minutes_to_do_panel, next_meetings_panel, open_reviews_panel
        from .selectors.bodies import attendance_panel, body_panel
        from .selectors.briefings import briefings_panel
        from .selectors.debriefs import report_back_summary_section
        from .services import board_nudges, papers, reminders

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
        # A member asked how their group is working sees the question at home.
        home_panels.register(
            template="meetings/homes/_open_reviews.html",
            roles={home_panels.MEMBER},
            build=open_reviews_panel,
        )
        # Minutes overdue and corrections to answer, on the coordinator's home page.
        home_panels.register(
            template="meetings/homes/_minutes_to_do.html",
            roles=permissions.MINUTES_ROLES,
            build=minutes_to_do_panel,
        )
        # Messages about a meeting are looked at again just before they go.
        for kind in reminders.KINDS:
            register_send_check(kind, reminders.send_check)
        register_send_check(reminders.KIND_ACTION, reminders.action_send_check)
        register_send_check(papers.KIND_PAPERS, papers.papers_send_check)
        # Board nudges: a cancelled or moved meeting, a newer pack or a
        # published debrief stops them.
        for kind, check in board_nudges.SEND_CHECKS.items():
            register_send_check(kind, check)
        # A representative's letter carries the printed briefing pack.
        from involvement import letter_enclosures

        from .services.briefing_packs import briefing_pack_enclosure

        letter_enclosures.register("briefing_pack", briefing_pack_enclosure)
        register_message_kinds()
        # Overdue actions in the coordinators' weekly summary of what needs doing.
        from involvement import digest_sections

        from .homes import minutes_to_do_digest_section
        from .services.digest import overdue_actions_section

        digest_sections.register("meetings.overdue_actions", overdue_actions_section)
        digest_sections.register("meetings.minutes_to_do", minutes_to_do_digest_section)


def register_message_kinds():
    """The kinds of message meetings sends, and which a person may turn off
    on their "Which messages you get" page (involvement.message_kinds)."""
    from involvement import message_kinds as kinds

    kinds.register("meeting_invitation", "Invitations to meetings", optional=False, order=10)
    kinds.register(
        "meeting_changed", "When a meeting's time or place changes", optional=False, order=11
    )
    kinds.register("meeting_cancelled", "When a meeting is cancelled", optional=False, order=12)
    kinds.register("meeting_reminder", "Reminders before a meeting", order=10)
    kinds.register(
        "meeting_chaser", "A reminder to reply when you have not said if you can come", order=11
    )
    kinds.register("meeting_papers", "The papers for a meeting, when they are ready", order=12)
    kinds.register("action_due", "Reminders about actions you agreed to take", order=13)
    kinds.register(
        "meeting_minutes", "Draft and approved minutes of meetings you came to", order=14
    )
    kinds.register(
        "feedback_summary",
        "A summary of what happened at a meeting and what is being done",
        order=15,
    )
    kinds.register(
        "weekly_digest",
        "A weekly summary of your meetings, replies and actions",
        order=9,
        default_on=False,
    )
    kinds.register(
        "briefing_points_closing",
        "When the last day to add points for the group's board representatives is close",
        order=17,
    )
    kinds.register(
        "briefing_pack_ready",
        "Your briefing pack before a board meeting, when it is ready (representatives)",
        order=18,
    )
    kinds.register(
        "debrief_due",
        "Reminders to write the debrief after a board meeting (representatives and coordinators)",
        order=19,
    )
    kinds.register("group_review", "Questions about how your group is working", order=16)
    kinds.register("minutes_reminder", "Reminders to write minutes (for coordinators)", order=90)
